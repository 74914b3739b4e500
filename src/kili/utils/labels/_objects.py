"""The typed, read-only view of a parsed jsonResponse: jobs, categories, annotations.

Every object keeps the part of the jsonResponse it was read from, so `to_dict()` gives
that part back exactly, keys the parser does not model included. Attributes that only
make sense for some tasks raise `AttributeError` on the others, with a message saying
which attribute to use instead; `hasattr` therefore tells what a job or annotation offers.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

Vertex = dict[str, float]
"""A point in normalized coordinates: ``{"x": 0.25, "y": 0.5}``, both between 0 and 1."""

MidReference = dict[str, str]
"""A reference to another annotation of the label: ``{"mid": "..."}``."""


class _JsonBacked:
    """Shared behaviour of objects read from a part of a jsonResponse."""

    __slots__ = ()
    _raw: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """Return a copy of the jsonResponse part this object was read from."""
        return copy.deepcopy(dict(self._raw))

    def as_dict(self) -> dict[str, Any]:
        """Return the same as `to_dict`, under the name older code uses."""
        return self.to_dict()

    def _value(self, key: str, attribute: str, owner: str) -> Any:
        """Return the raw value at `key`, or explain why `attribute` is unavailable."""
        try:
            return self._raw[key]
        except KeyError:
            raise AttributeError(f"{owner} has no {attribute!r} (no {key!r} key)") from None


class ParsedJobs(Mapping[str, "ParsedJob"]):
    """The jobs of a label (or nested under a category or annotation), by job name.

    Holds every job the interface allows at this place, answered or not: a job the
    label leaves unanswered is present, with no categories, annotations or text.
    """

    __slots__ = ("_jobs", "_raw")

    def __init__(self, jobs: Mapping[str, ParsedJob], raw: Mapping[str, Any]) -> None:
        self._jobs = dict(jobs)
        self._raw = raw

    def __getitem__(self, job_name: str) -> ParsedJob:
        try:
            return self._jobs[job_name]
        except KeyError:
            known = ", ".join(self._jobs) or "none"
            raise KeyError(f"no job {job_name!r} here (jobs: {known})") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._jobs)

    def __len__(self) -> int:
        return len(self._jobs)

    def __repr__(self) -> str:
        return f"ParsedJobs({self.to_dict()!r})"

    def to_dict(self) -> dict[str, Any]:
        """Return a copy of the jsonResponse (or `children` object) these jobs were read from."""
        return copy.deepcopy(dict(self._raw))


@dataclass(frozen=True, slots=True, repr=False)
class Category(_JsonBacked):
    """A category chosen in a classification job, or given to an annotation.

    Attributes:
        name: The category key, as labels and the interface's `categories` hold it.
        display_name: The category's name as the interface shows it to annotators.
        confidence: The confidence (0 to 100) of a prediction, if the label gives one.
        children: The jobs nested under this category.
    """

    name: str
    display_name: str
    confidence: float | None
    children: ParsedJobs
    _raw: Mapping[str, Any] = field(compare=False)

    def __repr__(self) -> str:
        confidence = "" if self.confidence is None else f", confidence={self.confidence!r}"
        return f"Category({self.name!r}, display_name={self.display_name!r}{confidence})"


@dataclass(frozen=True, slots=True, repr=False)
class BoundingPoly(_JsonBacked):
    """One polygon of an annotation's `boundingPoly`.

    Attributes:
        normalized_vertices: The polygon's vertices (`Vertex` dicts) for object detection;
            for named entities in PDFs, a list of such lists, one per rectangle.
    """

    normalized_vertices: list[Any]
    _raw: Mapping[str, Any] = field(compare=False)

    def __repr__(self) -> str:
        return f"BoundingPoly({self.normalized_vertices!r})"


@dataclass(frozen=True, slots=True, repr=False)
class PosePoint(_JsonBacked):
    """One point of a pose estimation annotation.

    Attributes:
        code: The point's code, unique within its object (``"NOSE"``).
        point: Its normalized coordinates.
        children: The jobs nested under the point.
    """

    code: str
    point: Vertex
    children: ParsedJobs
    _raw: Mapping[str, Any] = field(compare=False)

    def __repr__(self) -> str:
        return f"PosePoint({self.code!r}, {self.point!r})"

    @property
    def mid(self) -> str:
        """The point's unique identifier in the label."""
        return str(self._value("mid", "mid", f"point {self.code!r}"))

    @property
    def name(self) -> str:
        """The point's name."""
        return str(self._value("name", "name", f"point {self.code!r}"))

    @property
    def job_name(self) -> str:
        """The name of the job the point belongs to."""
        return str(self._value("jobName", "job_name", f"point {self.code!r}"))

    @property
    def type(self) -> str:
        """The tool that drew the point (``"marker"``)."""
        return str(self._value("type", "type", f"point {self.code!r}"))


@dataclass(frozen=True, slots=True, repr=False)
class Annotation(_JsonBacked):
    """One annotation of a job: an object, an entity, a relation, or a PDF position.

    Attributes:
        job_name: The job the annotation answers.
        ml_task: That job's `mlTask`.
        categories: The annotation's categories.
        children: The jobs nested under the annotation.
        bounding_poly: The polygons of an object or of an entity in a PDF.
        points: The points of a pose estimation object.
        annotations: The positions of an entity in a PDF (one per group of lines).
    """

    job_name: str
    ml_task: str
    categories: tuple[Category, ...]
    children: ParsedJobs
    bounding_poly: tuple[BoundingPoly, ...]
    points: tuple[PosePoint, ...]
    annotations: tuple[Annotation, ...]
    _multiple_choice: bool = field(compare=False)
    _raw: Mapping[str, Any] = field(compare=False)

    def __repr__(self) -> str:
        return f"Annotation({self.job_name!r}, {self.to_dict()!r})"

    def _get(self, key: str, attribute: str) -> Any:
        owner = f"this annotation of job {self.job_name!r} ({self.ml_task})"
        return self._value(key, attribute, owner)

    @property
    def category(self) -> Category | None:
        """The annotation's only category; `None` if it has none.

        Raises:
            AttributeError: The job allows several categories: use `categories`.
        """
        if self._multiple_choice:
            raise AttributeError(
                f"job {self.job_name!r} allows several categories: use .categories"
            )
        return self.categories[0] if self.categories else None

    @property
    def mid(self) -> str:
        """The annotation's unique identifier in the label."""
        return str(self._get("mid", "mid"))

    @property
    def type(self) -> str:
        """The tool that drew the object: ``"rectangle"``, ``"polygon"``, ``"marker"``, ..."""
        return str(self._get("type", "type"))

    @property
    def point(self) -> Vertex:
        """The coordinates of a point (``"marker"``) annotation."""
        value: Vertex = self._get("point", "point")
        return value

    @property
    def polyline(self) -> list[Vertex]:
        """The vertices of a line (``"polyline"`` or ``"vector"``) annotation."""
        value: list[Vertex] = self._get("polyline", "polyline")
        return value

    @property
    def score(self) -> float | None:
        """The confidence of a model's object detection, when a model made it."""
        value: float | None = self._raw.get("score")
        return value

    @property
    def kind(self) -> str:
        """The kind of a pose estimation annotation (``"POSE_ESTIMATION"``)."""
        return str(self._get("kind", "kind"))

    @property
    def is_key_frame(self) -> bool:
        """Whether this video annotation is a key frame, used for interpolation."""
        return bool(self._get("isKeyFrame", "is_key_frame"))

    @property
    def content(self) -> str:
        """The text of a named entity."""
        return str(self._get("content", "content"))

    @property
    def begin_offset(self) -> int:
        """The position of the entity's first character in the text."""
        value: int = self._get("beginOffset", "begin_offset")
        return value

    @property
    def end_offset(self) -> int:
        """The position just after the entity's last character in the text."""
        value: int = self._get("endOffset", "end_offset")
        return value

    @property
    def begin_id(self) -> str:
        """The id of the text block where the entity begins (rich text assets)."""
        return str(self._get("beginId", "begin_id"))

    @property
    def end_id(self) -> str:
        """The id of the text block where the entity ends (rich text assets)."""
        return str(self._get("endId", "end_id"))

    @property
    def polys(self) -> list[dict[str, Any]]:
        """The rectangles covering a PDF entity, one per line of text."""
        value: list[dict[str, Any]] = self._get("polys", "polys")
        return value

    @property
    def page_number_array(self) -> list[int]:
        """The pages a PDF entity appears on."""
        value: list[int] = self._get("pageNumberArray", "page_number_array")
        return value

    @property
    def start_entities(self) -> list[MidReference]:
        """The entities a named entities relation starts from."""
        value: list[MidReference] = self._get("startEntities", "start_entities")
        return value

    @property
    def end_entities(self) -> list[MidReference]:
        """The entities a named entities relation points to."""
        value: list[MidReference] = self._get("endEntities", "end_entities")
        return value

    @property
    def start_objects(self) -> list[MidReference]:
        """The objects an object relation starts from."""
        value: list[MidReference] = self._get("startObjects", "start_objects")
        return value

    @property
    def end_objects(self) -> list[MidReference]:
        """The objects an object relation points to."""
        value: list[MidReference] = self._get("endObjects", "end_objects")
        return value


@dataclass(frozen=True, slots=True, repr=False)
class ParsedJob(_JsonBacked):
    """A label's answer to one job: `label.jobs["JOB_NAME"]`.

    Which attributes are available depends on the job's `mlTask`: `categories` and
    `category` for classification, `annotations` for object detection, named entities
    and relations, `text` for transcription. Video labels answer frame by frame: the job
    then only offers `frames`, one `ParsedJob` per frame.

    Attributes:
        job_name: The job's name.
        ml_task: The job's `mlTask`.
        children: The jobs nested directly under the job's answer.
    """

    job_name: str
    ml_task: str
    children: ParsedJobs
    _categories: tuple[Category, ...] | None = field(compare=False)
    _annotations: tuple[Annotation, ...] | None = field(compare=False)
    _text: str | None = field(compare=False)
    _frames: tuple[ParsedJob, ...] | None = field(compare=False)
    _multiple_choice: bool = field(compare=False)
    _raw: Mapping[str, Any] = field(compare=False)

    def __repr__(self) -> str:
        return f"ParsedJob({self.job_name!r}, {self.to_dict()!r})"

    def _refuse(self, attribute: str, instead: str) -> AttributeError:
        return AttributeError(
            f"job {self.job_name!r} is a {self.ml_task} job: it has no {attribute!r}; {instead}"
        )

    def _check_not_video(self, attribute: str) -> None:
        if self._frames is not None:
            raise AttributeError(
                f"job {self.job_name!r} of a video label answers per frame: "
                f"read .frames[i].{attribute}"
            )

    @property
    def frames(self) -> tuple[ParsedJob, ...]:
        """The job's answer on each frame of a video label, in frame order."""
        if self._frames is None:
            raise self._refuse("frames", "only the jobs of video labels have frames")
        return self._frames

    @property
    def categories(self) -> tuple[Category, ...]:
        """The categories chosen in a classification job (empty if none)."""
        self._check_not_video("categories")
        if self._categories is None and self.ml_task != "CLASSIFICATION":
            raise self._refuse("categories", "its annotations carry the categories")
        return self._categories or ()

    @property
    def category(self) -> Category | None:
        """The category chosen in a single-choice classification job; `None` if none.

        Raises:
            AttributeError: The job allows several categories (use `categories`), or is
                not a classification job.
        """
        self._check_not_video("category")
        categories = self.categories
        if self._multiple_choice:
            raise self._refuse("category", "it allows several categories: use .categories")
        return categories[0] if categories else None

    @property
    def annotations(self) -> tuple[Annotation, ...]:
        """The annotations of an object detection, named entities or relation job."""
        self._check_not_video("annotations")
        if self._annotations is None and self.ml_task in ("CLASSIFICATION", "TRANSCRIPTION"):
            instead = ".categories" if self.ml_task == "CLASSIFICATION" else ".text"
            raise self._refuse("annotations", f"use {instead}")
        return self._annotations or ()

    @property
    def entity_annotations(self) -> tuple[Annotation, ...]:
        """The same as `annotations`, restricted to named entities recognition jobs."""
        if self.ml_task != "NAMED_ENTITIES_RECOGNITION":
            raise self._refuse("entity_annotations", "use .annotations")
        return self.annotations

    @property
    def bounding_poly_annotations(self) -> tuple[Annotation, ...]:
        """The same as `annotations`, restricted to object detection jobs."""
        if self.ml_task != "OBJECT_DETECTION":
            raise self._refuse("bounding_poly_annotations", "use .annotations")
        return self.annotations

    @property
    def text(self) -> str | None:
        """The text of a transcription job; `None` if the label leaves it unanswered."""
        self._check_not_video("text")
        if self._text is None and self.ml_task != "TRANSCRIPTION":
            raise self._refuse("text", "only transcription jobs have a text")
        return self._text

    @property
    def is_key_frame(self) -> bool:
        """Whether this frame's answer is a key frame, used for interpolation."""
        return bool(self._value("isKeyFrame", "is_key_frame", f"job {self.job_name!r}"))
