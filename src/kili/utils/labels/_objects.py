"""The editable view of a parsed jsonResponse: jobs, their categories and their text.

Each object holds its part of the jsonResponse split into what it models (categories,
annotations, children, as objects) and the other keys (kept as they are, so that labels
written by newer versions of the app survive a round trip). `to_dict()` rebuilds the JSON
from the objects in the official SDK's key order: the other keys, then `categories`,
`annotations` and `children`. Attributes a job kind does not have raise
`AttributeNotCompatibleWithJobError`, an `AttributeError`, so `hasattr` tells what a job offers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, overload

from kili.utils.labels._base import _JobPart, copy_json
from kili.utils.labels._categories import Category, CategoryList, only_category
from kili.utils.labels._lists import AnnotationList
from kili.utils.labels.exceptions import (
    AttributeNotCompatibleWithJobError,
    FrameIndexError,
    JobNotExistingError,
)

if TYPE_CHECKING:
    from kili.utils.labels._interface import JobSpec
    from kili.utils.labels._parser import JsonResponseParser


class ParsedJobs(Mapping[str, "ParsedJob"]):
    """The jobs of a label (or nested under a category or annotation), by job name.

    Holds every job the interface allows at this place, answered or not: a job the
    label leaves unanswered is present and can be answered by editing it.
    """

    __slots__ = ("_extra", "_frames", "_jobs", "_label_id")

    def __init__(
        self,
        jobs: dict[str, ParsedJob],
        extra: dict[str, Any],
        label_id: str | None,
        frames: list[tuple[str, ParsedJobs]] | None = None,
    ) -> None:
        self._jobs = jobs
        self._extra = extra
        self._label_id = label_id
        self._frames = frames

    def __getitem__(self, job_name: str) -> ParsedJob:
        try:
            return self._jobs[job_name]
        except KeyError:
            known = ", ".join(self._jobs) or "none"
            raise JobNotExistingError(
                job_name, label_id=self._label_id, detail=f"Jobs here: {known}."
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._jobs)

    def __len__(self) -> int:
        return len(self._jobs)

    def __str__(self) -> str:
        return str(self.to_dict())

    def __repr__(self) -> str:
        return repr(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """Rebuild the jsonResponse (or `children` object): answered jobs, in interface order."""
        if self._frames is not None:
            return {frame: jobs.to_dict() for frame, jobs in self._frames}
        rebuilt = {}
        for name, job in self._jobs.items():
            answer = job.to_dict()
            if answer:
                rebuilt[name] = answer
        rebuilt.update(copy_json(self._extra))
        return rebuilt


class FramesList(Sequence["ParsedJob"]):
    """The answers of one job on each frame of a video label, in frame order."""

    __slots__ = ("_frames", "_job_name", "_label_id")

    def __init__(self, frames: list[ParsedJob], job_name: str, label_id: str | None) -> None:
        self._frames = frames
        self._job_name = job_name
        self._label_id = label_id

    @overload
    def __getitem__(self, index: int) -> ParsedJob: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ParsedJob]: ...
    def __getitem__(self, index: int | slice) -> ParsedJob | Sequence[ParsedJob]:
        if isinstance(index, slice):
            return self._frames[index]
        if not 0 <= index < len(self._frames):
            raise FrameIndexError(
                index, len(self._frames), job_name=self._job_name, label_id=self._label_id
            )
        return self._frames[index]

    def __len__(self) -> int:
        return len(self._frames)

    def __str__(self) -> str:
        return str([frame.to_dict() for frame in self._frames])

    __repr__ = __str__

    @property
    def frames(self) -> FramesList:
        """This list itself, so `job.frames[i]` and `job[i]` read the same."""
        return self


_NOT_ANNOTATED = frozenset({"CLASSIFICATION", "FILE"})
"""Job kinds whose answers never hold annotations."""


class ParsedJob(_JobPart):
    """A label's answer to one job: `label.jobs["JOB_NAME"]`.

    Which attributes are available depends on the job's `mlTask`: `categories` and
    `category` for classification, `annotations` for object detection, named entities
    and relations, `text` for transcription. Video labels answer frame by frame: the job
    then offers `frames` (also `job[i]`), one `ParsedJob` per frame.
    """

    __slots__ = (
        "_annotations",
        "_categories",
        "_children",
        "_children_given",
        "_data",
        "_frames",
        "job_name",
        "ml_task",
    )

    def __init__(
        self,
        job: JobSpec,
        parser: JsonResponseParser,
        data: dict[str, Any],
        frames: FramesList | None = None,
    ) -> None:
        self._job = job
        self._parser = parser
        self.job_name = job.name
        self.ml_task = job.ml_task
        self._data = data
        self._categories: CategoryList | None = None
        self._annotations: AnnotationList | None = None
        self._children: ParsedJobs | None = None
        self._children_given = False
        self._frames = frames

    def to_dict(self) -> dict[str, Any]:
        """Rebuild the job's answer: other keys, then categories, annotations, children."""
        rebuilt: dict[str, Any] = copy_json(self._data)
        if self._categories is not None and (self._categories.given or self._categories):
            rebuilt["categories"] = self._categories.as_list()
        if self._annotations is not None and (self._annotations.given or self._annotations):
            rebuilt["annotations"] = self._annotations.as_list()
        if self._children is not None:
            children = self._children.to_dict()
            if children or self._children_given:
                rebuilt["children"] = children
        return rebuilt

    def __str__(self) -> str:
        return str(self._frames) if self._frames is not None else str(self.to_dict())

    __repr__ = __str__

    def _refuse(self, attribute: str, detail: str) -> AttributeNotCompatibleWithJobError:
        return self._incompatible(attribute, f"A {self.ml_task} job {detail}.")

    def _single_frame(self, attribute: str) -> None:
        if self._frames is not None:
            raise self._incompatible(
                attribute, f"A video label answers per frame: read .frames[i].{attribute}."
            )

    @property
    def frames(self) -> FramesList:
        """The job's answer on each frame of a video label, in frame order."""
        if self._frames is None:
            raise self._refuse("frames", "of a label that is not a video has no frames")
        return self._frames

    def __getitem__(self, frame: int) -> ParsedJob:
        return self.frames[frame]

    def __len__(self) -> int:
        return len(self.frames)

    def __iter__(self) -> Iterator[ParsedJob]:
        return iter(self.frames)

    @property
    def children(self) -> ParsedJobs:
        """The jobs nested directly under the job's answer."""
        self._single_frame("children")
        if self._children is None:
            self._children = self._parser.jobs({}, self._job.children, self._job)
        return self._children

    @children.setter
    def children(self, children: Mapping[str, Any]) -> None:
        self._single_frame("children")
        self._children = self._parse_children(children)
        self._children_given = True

    @property
    def categories(self) -> CategoryList:
        """The categories chosen in a classification job (empty if none)."""
        self._single_frame("categories")
        if self.ml_task != "CLASSIFICATION":
            raise self._refuse("categories", "has annotations that carry the categories")
        if self._categories is None:
            self._categories = CategoryList(self._job, self._parser, [], given=False)
        return self._categories

    @property
    def category(self) -> Category | None:
        """The category chosen in a single-choice classification job.

        Returns:
            The category; `None` if the label leaves a job that is not required unanswered.

        Raises:
            AttributeNotCompatibleWithJobError: The job is not a single-choice classification.
            MissingAnswerError: A required job is unanswered, or its list of categories is empty.
        """
        self._single_frame("category")
        if self.ml_task != "CLASSIFICATION" or not self._job.single_choice:
            raise self._refuse("category", "has no single category: use .categories")
        return only_category(self, self._categories)

    def add_category(self, name: str, confidence: float | None = None) -> None:
        """Choose one more category, checked against the interface.

        Raises:
            InvalidMutationError: The category does not exist, is already chosen, or the
                job is single-choice and has one already.
        """
        self.categories.add_category(name, confidence)

    @property
    def text(self) -> str:
        """The text of a transcription job.

        Raises:
            MissingAnswerError: The label leaves the job unanswered.
        """
        self._single_frame("text")
        if self.ml_task != "TRANSCRIPTION":
            raise self._refuse("text", "has no text")
        if "text" not in self._data:
            raise self._missing("the label gives no 'text' for this transcription job")
        text: str = self._data["text"]
        return text

    @text.setter
    def text(self, text: str) -> None:
        self._single_frame("text")
        if self.ml_task != "TRANSCRIPTION":
            raise self._refuse("text", "has no text")
        if not isinstance(text, str):
            raise self._invalid(f"Expected a str, got {type(text).__name__}")
        field_type = self._job.input
        if field_type == "date":
            try:
                datetime.strptime(text, r"%Y-%m-%d")
            except ValueError:
                raise self._invalid(f"Expected a date, got {text}") from None
        elif field_type == "number" and not text.isnumeric():
            raise self._invalid(f"Expected a number, got {text}")
        self._data["text"] = text

    @property
    def annotations(self) -> AnnotationList:
        """The annotations of an object detection, named entities or relation job."""
        self._single_frame("annotations")
        if self._annotations is None:
            if self.ml_task in _NOT_ANNOTATED:
                raise self._refuse("annotations", "has no annotations")
            self._annotations = AnnotationList(self._job, self._parser, [], given=False)
        return self._annotations

    @property
    def entity_annotations(self) -> AnnotationList:
        """The same as `annotations`, restricted to named entities recognition jobs."""
        if self.ml_task != "NAMED_ENTITIES_RECOGNITION":
            raise self._refuse("entity_annotations", "has no entities: use .annotations")
        return self.annotations

    @property
    def bounding_poly_annotations(self) -> AnnotationList:
        """The same as `annotations`, restricted to object detection jobs."""
        if self.ml_task != "OBJECT_DETECTION":
            raise self._refuse("bounding_poly_annotations", "has no objects: use .annotations")
        return self.annotations

    def add_annotation(self, annotation_dict: Mapping[str, Any]) -> None:
        """Add an annotation, checked against the interface as parsing checks it.

        Raises:
            InvalidMutationError: The annotation does not fit the job (tool, category...).
        """
        self.annotations.add_annotation(annotation_dict)

    @property
    def is_key_frame(self) -> bool:
        """Whether this frame's answer is a key frame, used for interpolation."""
        if "isKeyFrame" not in self._data:
            raise self._missing("the answer has no 'isKeyFrame'")
        return bool(self._data["isKeyFrame"])

    def _file_field(self, key: str, attribute: str) -> str | None:
        if self.ml_task != "FILE":
            raise self._refuse(attribute, "holds no file")
        value = self._data.get(key)
        if value is None and self._job.required:
            raise self._missing(f"the label gives no {key!r} for this required file job")
        return None if value is None else str(value)

    @property
    def file_id(self) -> str | None:
        """The id of the file a file job answers with; `None` if it holds none yet."""
        return self._file_field("fileId", "file_id")

    @property
    def file_name(self) -> str | None:
        """The name the file was uploaded under; `None` if the job holds no file yet."""
        return self._file_field("fileName", "file_name")

    @property
    def file_mime_type(self) -> str | None:
        """The mime type of the file; `None` if the job holds no file yet."""
        return self._file_field("fileMimeType", "file_mime_type")
