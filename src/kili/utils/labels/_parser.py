"""Reading a jsonResponse against an interface, and refusing what does not fit it.

The checks are those that make the typed view trustworthy: every job and category is
declared in the interface, each part has the shape its `mlTask` gives it, a single-choice
job holds one category at most. Keys the view does not model are kept, not refused, so
that labels written by newer versions of the app still parse.
"""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Real
from typing import Any

from kili.exceptions import LabelParsingError
from kili.utils.labels._annotation_base import PosePoint
from kili.utils.labels._annotations import Annotation
from kili.utils.labels._base import copy_fields, copy_json
from kili.utils.labels._categories import Category, CategoryList
from kili.utils.labels._interface import TECHNICAL_JOBS, InterfaceSpec, JobSpec
from kili.utils.labels._lists import AnnotationList, BoundingPoly, BoundingPolyList
from kili.utils.labels._objects import FramesList, ParsedJob, ParsedJobs
from kili.utils.labels.exceptions import JobNotExistingError

_JOB_PARTS = ("categories", "annotations", "children")
_CATEGORY_PARTS = ("name", "confidence", "children")
_ANNOTATION_PARTS = ("categories", "children", "boundingPoly", "points", "annotations")

_TOOL_GEOMETRY = {
    "rectangle": "boundingPoly",
    "polygon": "boundingPoly",
    "semantic": "boundingPoly",
    "marker": "point",
    "polyline": "polyline",
    "vector": "polyline",
    "pose": "points",
}
"""The key holding the shape an object detection tool draws."""

_MIN_VERTICES = {"rectangle": (4, 4), "polygon": (3, None)}
"""Vertex counts (least, most) a tool's polygon must have."""

_RELATION_KEYS = {
    "NAMED_ENTITIES_RELATION": ("startEntities", "endEntities"),
    "OBJECT_RELATION": ("startObjects", "endObjects"),
}

_ANNOTATION_TASKS = frozenset({"OBJECT_DETECTION", "NAMED_ENTITIES_RECOGNITION", *_RELATION_KEYS})


class JsonResponseParser:
    """Parse the jsonResponses of one project's labels.

    Args:
        spec: The project's interface.
        label_id: The label being parsed, named in errors.
    """

    def __init__(self, spec: InterfaceSpec, label_id: str | None = None) -> None:
        self.spec = spec
        self.label_id = label_id

    def error(self, problem: str, job: JobSpec | str | None = None) -> LabelParsingError:
        """Build the error for `problem`, located at `job` of the current label."""
        job_name = job.name if isinstance(job, JobSpec) else job
        return LabelParsingError(problem, job_name=job_name, label_id=self.label_id)

    def parse(self, json_response: Any) -> ParsedJobs:
        """Parse a whole jsonResponse, frame by frame for a video label."""
        top_level = self.spec.top_level_jobs()
        if self._is_per_frame(json_response):
            return self._parse_frames(json_response, top_level)
        return self.jobs(json_response, top_level, parent=None)

    def _is_per_frame(self, json_response: Any) -> bool:
        """Whether the label answers frame by frame: a video label keyed by frame numbers."""
        is_video = "VIDEO" in self.spec.input_type or self.spec.input_type == "FRAME"
        return (
            is_video
            and isinstance(json_response, Mapping)
            and all(isinstance(key, str) and key.isdigit() for key in json_response)
        )

    def _parse_frames(
        self, json_response: Mapping[str, Any], top_level: tuple[str, ...]
    ) -> ParsedJobs:
        frame_ids = sorted(json_response, key=int)
        frames = [
            (frame, self.jobs(json_response[frame], top_level, parent=None)) for frame in frame_ids
        ]
        jobs = {
            name: ParsedJob(
                self.spec.jobs[name],
                self,
                {},
                frames=FramesList([parsed[name] for _, parsed in frames], name, self.label_id),
            )
            for name in top_level
        }
        return ParsedJobs(jobs, {}, self.label_id, frames=frames)

    def jobs(self, response: Any, allowed: tuple[str, ...], parent: JobSpec | None) -> ParsedJobs:
        """Parse the answers to the jobs `allowed` at one place of the label."""
        if not _is_object(response):
            where = f"the children of job {parent.name!r}" if parent else "a jsonResponse"
            raise self.error(f"{where} must be an object, got {_kind(response)}", parent)
        extra = {}
        for name in response:
            if name in TECHNICAL_JOBS:
                extra[name] = copy_json(response[name])
                continue
            if name not in self.spec.jobs:
                raise JobNotExistingError(
                    name, label_id=self.label_id, detail="The json interface has no such job."
                )
            if name not in allowed:
                where = f"under job {parent.name!r}" if parent else "at the top level of a label"
                raise self.error(f"this job cannot appear {where}", name)
        parsed = {name: self.job(self.spec.jobs[name], response.get(name, {})) for name in allowed}
        return ParsedJobs(parsed, extra, self.label_id)

    def job(self, spec: JobSpec, answer: Any) -> ParsedJob:
        """Parse the answer to one job."""
        if not _is_object(answer):
            raise self.error(f"the answer must be an object, got {_kind(answer)}", spec)
        if "categories" in answer and spec.ml_task in _ANNOTATION_TASKS:
            raise self.error(
                f"a {spec.ml_task} job lists 'annotations', each with its categories; "
                "this answer has job-level 'categories'",
                spec,
            )
        text = answer.get("text")
        if spec.ml_task == "TRANSCRIPTION" and "text" in answer and not isinstance(text, str):
            raise self.error(f"'text' must be a string, got {_kind(text)}", spec)
        parsed = ParsedJob(spec, self, copy_fields(answer, _JOB_PARTS))
        if "categories" in answer:
            items = self.categories(spec, answer["categories"], "")
            parsed._categories = CategoryList(spec, self, items, given=True)
        if "annotations" in answer:
            values = self._list(answer["annotations"], "'annotations'", spec)
            annotations = [self.annotation(spec, item, index) for index, item in enumerate(values)]
            parsed._annotations = AnnotationList(spec, self, annotations, given=True)
        if "children" in answer:
            parsed._children = self.jobs(answer["children"], spec.children, spec)
            parsed._children_given = True
        return parsed

    def categories(self, spec: JobSpec, value: Any, where: str) -> list[Category]:
        """Parse a `categories` list, checking each name against the job's categories."""
        items = self._list(value, f"{where}'categories'", spec)
        parsed = [self._category(spec, item, where) for item in items]
        names = [category.name for category in parsed]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise self.error(f"{where}category {duplicates[0]!r} is given twice", spec)
        if spec.single_choice and len(parsed) > 1:
            raise self.error(
                f"{where}{len(parsed)} categories ({', '.join(names)}) in a single-choice "
                f"({spec.input}) job",
                spec,
            )
        return parsed

    def _category(self, spec: JobSpec, item: Any, where: str) -> Category:
        if not _is_object(item) or not isinstance(item.get("name"), str):
            raise self.error(f"{where}each category must be an object with a 'name'", spec)
        name = item["name"]
        category = spec.categories.get(name)
        if category is None:
            known = ", ".join(spec.categories) or "none"
            raise self.error(f"{where}unknown category {name!r} (categories: {known})", spec)
        confidence = item.get("confidence")
        if confidence is not None and not _is_number(confidence):
            raise self.error(f"{where}confidence of {name!r} must be a number", spec)
        extra = copy_fields(item, _CATEGORY_PARTS)
        parsed = Category(spec, self, name, confidence, extra)
        if "children" in item:
            parsed._children = self.jobs(item["children"], spec.children, spec)
            parsed._children_given = True
        return parsed

    def annotation(
        self, spec: JobSpec, item: Any, index: int, *, position: bool = False
    ) -> Annotation:
        """Parse one annotation; `position` marks the nested positions of a PDF entity."""
        where = f"annotation {index}: "
        if not _is_object(item):
            raise self.error(f"{where}must be an object, got {_kind(item)}", spec)
        if isinstance(item.get("mid"), str):
            where = f"annotation {index} (mid {item['mid']!r}): "
        if not position:
            self._check_annotation_shape(spec, item, where)
        data = copy_fields(item, _ANNOTATION_PARTS)
        parsed = Annotation(spec, self, data)
        parsed._order = tuple(item)
        self._fill_common(parsed, spec, item, where)
        if "boundingPoly" in item:
            polys = self._bounding_poly(spec, item, data, where)
            parsed._bounding_poly = BoundingPolyList(spec, self, polys, data)
        if "points" in item:
            points = self._list(item["points"], f"{where}'points'", spec)
            parsed._points = [self._pose_point(spec, point, where) for point in points]
        if "annotations" in item:
            nested = self._list(item["annotations"], f"{where}'annotations'", spec)
            positions = [
                self.annotation(spec, sub, sub_index, position=True)
                for sub_index, sub in enumerate(nested)
            ]
            parsed._nested = AnnotationList(spec, self, positions, given=True)
        return parsed

    def _fill_common(
        self,
        parsed: Annotation | PosePoint,
        spec: JobSpec,
        item: Mapping[str, Any],
        where: str,
    ) -> None:
        if "categories" in item:
            items = self.categories(spec, item["categories"], where)
            parsed._categories = CategoryList(spec, self, items, given=True)
        if "children" in item:
            parsed._children = self.jobs(item["children"], spec.children, spec)
            parsed._children_given = True

    def _check_annotation_shape(self, spec: JobSpec, item: Mapping[str, Any], where: str) -> None:
        if spec.ml_task == "OBJECT_DETECTION":
            self._check_object(spec, item, where)
        elif spec.ml_task == "NAMED_ENTITIES_RECOGNITION":
            for key in ("beginOffset", "endOffset"):
                if key in item and (isinstance(item[key], bool) or not isinstance(item[key], int)):
                    raise self.error(f"{where}{key!r} must be an integer", spec)
            if "beginOffset" not in item and "annotations" not in item:
                raise self.error(
                    f"{where}an entity needs 'beginOffset' (text) or 'annotations' (PDF)", spec
                )
        elif spec.ml_task in _RELATION_KEYS:
            for key in _RELATION_KEYS[spec.ml_task]:
                if not isinstance(item.get(key), list):
                    raise self.error(
                        f"{where}a {spec.ml_task} annotation needs a {key!r} list", spec
                    )

    def _check_object(self, spec: JobSpec, item: Mapping[str, Any], where: str) -> None:
        tool = item.get("type")
        if tool is None:
            if not any(key in item for key in set(_TOOL_GEOMETRY.values())):
                raise self.error(
                    f"{where}an object needs 'boundingPoly', 'point', 'polyline' or 'points'", spec
                )
            return
        if (
            spec.tools
            and tool not in spec.tools
            and not (tool == "marker" and "pose" in spec.tools)
        ):
            raise self.error(
                f"{where}tool {tool!r} is not one of the job's tools {list(spec.tools)}", spec
            )
        geometry = _TOOL_GEOMETRY.get(str(tool))
        if geometry is not None and geometry not in item:
            raise self.error(f"{where}a {tool!r} object needs {geometry!r}", spec)
        if geometry == "point" and not _is_vertex(item["point"]):
            raise self.error(f"{where}'point' must be an object with numeric 'x' and 'y'", spec)
        if geometry == "polyline" and not (
            isinstance(item["polyline"], list) and all(_is_vertex(v) for v in item["polyline"])
        ):
            raise self.error(f"{where}'polyline' must be a list of vertices", spec)

    def _bounding_poly(
        self, spec: JobSpec, item: Mapping[str, Any], data: dict[str, Any], where: str
    ) -> list[BoundingPoly]:
        polys = self._list(item["boundingPoly"], f"{where}'boundingPoly'", spec)
        tool = item.get("type")
        parsed = []
        for poly in polys:
            if isinstance(poly, list) and tool in (None, "semantic"):
                rings = [self._ring(spec, ring, tool, where) for ring in poly]
                grouped = {"normalizedVertices": copy_json(rings)}
                parsed.append(BoundingPoly(spec, self, grouped, data, grouped=True))
                continue
            self._ring(spec, poly, tool, where)
            parsed.append(BoundingPoly(spec, self, copy_json(poly), data))
        return parsed

    def _ring(self, spec: JobSpec, poly: Any, tool: Any, where: str) -> list[Any]:
        """Check one ``{"normalizedVertices": [...]}`` item and return its vertices."""
        vertices = poly.get("normalizedVertices") if _is_object(poly) else None
        if not isinstance(vertices, list):
            raise self.error(
                f"{where}each 'boundingPoly' item needs a 'normalizedVertices' list", spec
            )
        if spec.ml_task == "OBJECT_DETECTION":
            self._check_vertices(spec, vertices, tool, where)
        return vertices

    def _check_vertices(self, spec: JobSpec, vertices: list[Any], tool: Any, where: str) -> None:
        for vertex in vertices:
            if not _is_vertex(vertex):
                raise self.error(
                    f"{where}each vertex must be an object with numeric 'x' and 'y'", spec
                )
        least, most = _MIN_VERTICES.get(str(tool), (0, None))
        if len(vertices) < least or (most is not None and len(vertices) > most):
            raise self.error(f"{where}a {tool} cannot have {len(vertices)} vertices", spec)

    def _pose_point(self, spec: JobSpec, point: Any, where: str) -> PosePoint:
        if not _is_object(point) or not _is_vertex(point.get("point")):
            raise self.error(
                f"{where}each pose point needs a 'point' with numeric 'x' and 'y'", spec
            )
        data = copy_fields(point, ("categories", "children"))
        parsed = PosePoint(spec, self, data)
        self._fill_common(parsed, spec, point, where)
        return parsed

    def _list(self, value: Any, what: str, spec: JobSpec) -> list[Any]:
        if not isinstance(value, list):
            raise self.error(f"{what} must be a list, got {_kind(value)}", spec)
        return value


_NUMBER_TYPES = (int, float)


def _is_number(value: Any) -> bool:
    kind = type(value)
    if kind is int or kind is float:  # the common case, without the ABC check below
        return True
    return isinstance(value, Real) and not isinstance(value, bool)


def _is_vertex(value: Any) -> bool:
    if type(value) is dict:
        x, y = value.get("x"), value.get("y")
        return (type(x) in _NUMBER_TYPES and type(y) in _NUMBER_TYPES) or (
            _is_number(x) and _is_number(y)
        )
    return isinstance(value, Mapping) and _is_number(value.get("x")) and _is_number(value.get("y"))


def _kind(value: Any) -> str:
    """Name the JSON type of `value`, for error messages."""
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        type(None): "null",
    }
    for python_type, name in names.items():
        if isinstance(value, python_type):
            return name
    return "a number" if isinstance(value, Real) else type(value).__name__


def _is_object(value: Any) -> bool:
    """Whether `value` is a JSON object; plain dicts skip the slower ABC check."""
    return type(value) is dict or isinstance(value, Mapping)
