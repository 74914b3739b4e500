"""The editable annotations of a parsed label: objects, entities, relations, PDF positions.

Which attributes an annotation offers follows the official SDK: its job's `mlTask` first
(`content` for named entities, `point` for object detection...), then, when the
annotation names its tool in `type`, that tool (`point` for a marker, `polyline` for a
line...). Anything else raises `AttributeNotCompatibleWithJobError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kili.utils.labels._annotation_base import KEYS, AnnotationBase, PosePoint
from kili.utils.labels._base import (
    MidReference,
    Vertex,
    checked_vertex,
    copy_json,
    is_number,
)
from kili.utils.labels._lists import AnnotationList, BoundingPolyList

if TYPE_CHECKING:
    from kili.utils.labels._interface import JobSpec
    from kili.utils.labels._parser import JsonResponseParser

_OD = frozenset({"OBJECT_DETECTION"})
_NER = frozenset({"NAMED_ENTITIES_RECOGNITION"})
_SHAPES = frozenset({"rectangle", "polygon", "semantic", "polyline", "vector"})
_AREAS = frozenset({"rectangle", "polygon", "semantic"})
_POSE = frozenset({"pose", "marker"})

_ALLOWED: dict[str, tuple[frozenset[str], frozenset[str] | None, bool]] = {
    "content": (_NER, None, False),
    "begin_offset": (_NER, None, False),
    "end_offset": (_NER, None, False),
    "begin_id": (_NER, None, False),
    "end_id": (_NER, None, False),
    "type": (_OD, None, False),
    "point": (_OD, frozenset({"marker"}), False),
    "polyline": (_OD, frozenset({"polyline", "vector"}), False),
    "bounding_poly": (_OD | _NER, _SHAPES, False),
    "score": (_OD, _SHAPES, False),
    "is_key_frame": (_OD, _SHAPES, False),
    "kind": (_OD, _POSE, False),
    "points": (_OD, _POSE, False),
    "annotations": (_OD | _NER, _AREAS, True),
    "polys": (_OD | _NER, _AREAS, True),
    "page_number_array": (_OD | _NER, _AREAS, True),
    "start_entities": (frozenset({"NAMED_ENTITIES_RELATION"}), None, False),
    "end_entities": (frozenset({"NAMED_ENTITIES_RELATION"}), None, False),
    "start_objects": (frozenset({"OBJECT_RELATION"}), None, False),
    "end_objects": (frozenset({"OBJECT_RELATION"}), None, False),
}
"""Attribute -> (job kinds that have it, tools that have it or None for all, PDF only)."""


class Annotation(AnnotationBase):
    """One annotation of a job: an object, an entity, a relation, or a PDF position."""

    __slots__ = ("_bounding_poly", "_nested", "_order", "_points", "job_name", "ml_task")

    def __init__(self, job: JobSpec, parser: JsonResponseParser, data: dict[str, Any]) -> None:
        super().__init__(job, parser, data)
        self.job_name = job.name
        self.ml_task = job.ml_task
        self._bounding_poly: BoundingPolyList | None = None
        self._points: list[PosePoint] | None = None
        self._nested: AnnotationList | None = None
        self._order: tuple[str, ...] = ()

    def __str__(self) -> str:
        rebuilt = self.to_dict()
        ordered = {key: rebuilt[key] for key in self._order if key in rebuilt}
        return str({**ordered, **rebuilt})

    __repr__ = __str__

    def to_dict(self) -> dict[str, Any]:
        """Rebuild: other keys, annotations, categories, boundingPoly, points, children."""
        rebuilt: dict[str, Any] = copy_json(self._data)
        if self._nested is not None:
            rebuilt["annotations"] = self._nested.as_list()
        self._tail(rebuilt)
        if self._bounding_poly is not None:
            rebuilt["boundingPoly"] = self._bounding_poly.as_list()
        if self._points is not None:
            rebuilt["points"] = [point.to_dict() for point in self._points]
        return self._with_children(rebuilt)

    def _check(self, attribute: str) -> None:
        tasks, tools, pdf_only = _ALLOWED[attribute]
        if self.ml_task not in tasks:
            raise self._incompatible(attribute, f"A {self.ml_task} annotation has none.")
        tool = self._data.get("type")
        if tools is not None and tool is not None and tool not in tools:
            raise self._incompatible(attribute, f"A {tool!r} annotation has none.")
        if pdf_only and self._parser.spec.input_type != "PDF":
            raise self._incompatible(attribute, "Only annotations of PDF assets have it.")

    def _read(self, attribute: str) -> Any:
        self._check(attribute)
        return self._get(attribute)

    def _write(self, attribute: str, value: Any) -> None:
        self._check(attribute)
        self._data[KEYS[attribute]] = value

    @property
    def type(self) -> str:
        """The tool that drew the object: ``"rectangle"``, ``"polygon"``, ``"marker"``, ..."""
        self._check("type")
        if "type" not in self._data and self._parser.spec.input_type == "PDF":
            return "rectangle"
        return str(self._get("type"))

    @property
    def point(self) -> Vertex:
        """The coordinates of a point (``"marker"``) annotation."""
        value: Vertex = self._read("point")
        return value

    @point.setter
    def point(self, point: Vertex) -> None:
        self._write("point", checked_vertex(self, point))

    @property
    def polyline(self) -> list[Vertex]:
        """The vertices of a line (``"polyline"`` or ``"vector"``) annotation."""
        value: list[Vertex] = self._read("polyline")
        return value

    @polyline.setter
    def polyline(self, polyline: Sequence[Vertex]) -> None:
        if not isinstance(polyline, Sequence):
            raise self._invalid("polyline must be a list of vertices")
        self._write("polyline", [checked_vertex(self, vertex) for vertex in polyline])

    @property
    def bounding_poly(self) -> BoundingPolyList:
        """The polygons of an object or of an entity in a PDF."""
        self._check("bounding_poly")
        if self._bounding_poly is None:
            self._bounding_poly = BoundingPolyList(self._job, self._parser, [], self._data)
        return self._bounding_poly

    def add_bounding_poly(self, bounding_poly_dict: Mapping[str, Any]) -> None:
        """Add a polygon (``{"normalizedVertices": [...]}``) to the annotation."""
        self.bounding_poly.add_bounding_poly(bounding_poly_dict)

    @property
    def score(self) -> float | None:
        """The confidence (0 to 100) of a model's detection; `None` if no model made it."""
        self._check("score")
        value: float | None = self._data.get("score")
        return value

    @score.setter
    def score(self, score: float) -> None:
        if not is_number(score) or not 0 <= score <= 100:
            raise self._invalid(f"Score must be between 0 and 100, got {score}.")
        self._write("score", score)

    @property
    def is_key_frame(self) -> bool:
        """Whether this video annotation is a key frame, used for interpolation."""
        return bool(self._read("is_key_frame"))

    @property
    def kind(self) -> str:
        """The kind of a pose estimation annotation (``"POSE_ESTIMATION"``)."""
        return str(self._read("kind"))

    @property
    def points(self) -> list[PosePoint]:
        """The points of a pose estimation object."""
        self._check("points")
        if self._points is None:
            raise self._missing("the annotation has no 'points'")
        return self._points

    @property
    def content(self) -> str:
        """The text of a named entity."""
        return str(self._read("content"))

    @content.setter
    def content(self, content: str) -> None:
        if not isinstance(content, str):
            raise self._invalid(f"content must be a str, got {type(content).__name__}")
        self._write("content", content)

    @property
    def begin_offset(self) -> int:
        """The position of the entity's first character in the text."""
        value: int = self._read("begin_offset")
        return value

    @begin_offset.setter
    def begin_offset(self, begin_offset: int) -> None:
        self._write("begin_offset", self._offset("begin_offset", begin_offset))

    @property
    def end_offset(self) -> int:
        """The position just after the entity's last character in the text."""
        value: int = self._read("end_offset")
        return value

    @end_offset.setter
    def end_offset(self, end_offset: int) -> None:
        self._write("end_offset", self._offset("end_offset", end_offset))

    def _offset(self, name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self._invalid(f"{name} must be positive, got {value}")
        return value

    @property
    def begin_id(self) -> str:
        """The id of the text block where the entity begins (rich text assets)."""
        return str(self._read("begin_id"))

    @property
    def end_id(self) -> str:
        """The id of the text block where the entity ends (rich text assets)."""
        return str(self._read("end_id"))

    @property
    def annotations(self) -> AnnotationList:
        """The positions of an entity or object in a PDF, one per group of lines."""
        self._check("annotations")
        if self._nested is None:
            raise self._missing("the annotation has no 'annotations'")
        return self._nested

    @property
    def polys(self) -> list[dict[str, Any]]:
        """The rectangles covering a PDF entity, one per line of text."""
        value: list[dict[str, Any]] = self._read("polys")
        return value

    @property
    def page_number_array(self) -> list[int]:
        """The pages a PDF entity appears on."""
        value: list[int] = self._read("page_number_array")
        return value

    def _mids(self, attribute: str) -> list[MidReference]:
        value: list[MidReference] = self._read(attribute)
        return value

    def _set_mids(self, attribute: str, references: Sequence[MidReference]) -> None:
        if not isinstance(references, Sequence) or not all(
            isinstance(item, Mapping) and isinstance(item.get("mid"), str) for item in references
        ):
            raise self._invalid(f"{attribute} must be a list of {{'mid': str}} dicts")
        self._write(attribute, [dict(item) for item in references])

    @property
    def start_entities(self) -> list[MidReference]:
        """The entities a named entities relation starts from."""
        return self._mids("start_entities")

    @start_entities.setter
    def start_entities(self, value: Sequence[MidReference]) -> None:
        self._set_mids("start_entities", value)

    @property
    def end_entities(self) -> list[MidReference]:
        """The entities a named entities relation ends at."""
        return self._mids("end_entities")

    @end_entities.setter
    def end_entities(self, value: Sequence[MidReference]) -> None:
        self._set_mids("end_entities", value)

    @property
    def start_objects(self) -> list[MidReference]:
        """The objects an object relation starts from."""
        return self._mids("start_objects")

    @start_objects.setter
    def start_objects(self, value: Sequence[MidReference]) -> None:
        self._set_mids("start_objects", value)

    @property
    def end_objects(self) -> list[MidReference]:
        """The objects an object relation ends at."""
        return self._mids("end_objects")

    @end_objects.setter
    def end_objects(self, value: Sequence[MidReference]) -> None:
        self._set_mids("end_objects", value)
