"""What annotations and pose points share: other keys, categories, children, `mid`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kili.utils.labels._base import Vertex, _JobPart, checked_vertex, copy_json
from kili.utils.labels._categories import Category, CategoryList, only_category

if TYPE_CHECKING:
    from kili.utils.labels._interface import JobSpec
    from kili.utils.labels._objects import ParsedJobs
    from kili.utils.labels._parser import JsonResponseParser

KEYS = {
    "content": "content",
    "begin_offset": "beginOffset",
    "end_offset": "endOffset",
    "begin_id": "beginId",
    "end_id": "endId",
    "type": "type",
    "point": "point",
    "polyline": "polyline",
    "kind": "kind",
    "polys": "polys",
    "page_number_array": "pageNumberArray",
    "start_entities": "startEntities",
    "end_entities": "endEntities",
    "start_objects": "startObjects",
    "end_objects": "endObjects",
    "is_key_frame": "isKeyFrame",
    "mid": "mid",
    "score": "score",
}


"""Attribute name -> key of the annotation dict it reads."""


class AnnotationBase(_JobPart):
    """What annotations and pose points share: other keys, categories and children."""

    __slots__ = ("_categories", "_children", "_children_given", "_data")

    def __init__(self, job: JobSpec, parser: JsonResponseParser, data: dict[str, Any]) -> None:
        self._job = job
        self._parser = parser
        self._data = data
        self._categories: CategoryList | None = None
        self._children: ParsedJobs | None = None
        self._children_given = False

    def _tail(self, rebuilt: dict[str, Any]) -> dict[str, Any]:
        if self._categories is not None and (self._categories.given or self._categories):
            rebuilt["categories"] = self._categories.as_list()
        return rebuilt

    def _with_children(self, rebuilt: dict[str, Any]) -> dict[str, Any]:
        if self._children is not None:
            children = self._children.to_dict()
            if children or self._children_given:
                rebuilt["children"] = children
        return rebuilt

    def _get(self, attribute: str) -> Any:
        key = KEYS[attribute]
        if key not in self._data:
            raise self._missing(f"the annotation has no {key!r}")
        return self._data[key]

    @property
    def mid(self) -> str:
        """The annotation's unique identifier in the label."""
        return str(self._get("mid"))

    @mid.setter
    def mid(self, mid: str) -> None:
        if not isinstance(mid, str) or not mid:
            raise self._invalid("mid must be non-empty.")
        self._data["mid"] = mid

    @property
    def categories(self) -> CategoryList:
        """The annotation's categories."""
        if self._categories is None:
            self._categories = CategoryList(self._job, self._parser, [], given=False)
        return self._categories

    @property
    def category(self) -> Category | None:
        """The annotation's only category; `None` if a job that is not required gives none.

        Raises:
            AttributeNotCompatibleWithJobError: The job allows several categories.
            MissingAnswerError: A required job's annotation has no category.
        """
        if not self._job.single_choice:
            raise self._incompatible("category", "The job allows several categories.")
        return only_category(self, self._categories)

    def add_category(self, name: str, confidence: float | None = None) -> None:
        """Give the annotation one more category, checked against the interface."""
        self.categories.add_category(name, confidence)

    @property
    def children(self) -> ParsedJobs:
        """The jobs nested under the annotation."""
        if self._children is None:
            self._children = self._parser.jobs({}, self._job.children, self._job)
        return self._children

    @children.setter
    def children(self, children: Mapping[str, Any]) -> None:
        self._children = self._parse_children(children)
        self._children_given = True


class PosePoint(AnnotationBase):
    """One point of a pose estimation annotation: `code`, `name`, `point`, `children`."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Rebuild the point: its keys, then categories and children."""
        return self._with_children(self._tail(copy_json(self._data)))

    @property
    def code(self) -> str:
        """The point's code, unique within its object (``"NOSE"``)."""
        return str(self._data.get("code", ""))

    @property
    def name(self) -> str:
        """The point's name."""
        if "name" not in self._data:
            raise self._missing(f"pose point {self.code!r} has no 'name'")
        return str(self._data["name"])

    @property
    def job_name(self) -> str:
        """The name of the job the point belongs to."""
        return str(self._data.get("jobName", self._job.name))

    @property
    def type(self) -> str:
        """The tool that drew the point (``"marker"``)."""
        return str(self._data.get("type", "marker"))

    @property
    def point(self) -> Vertex:
        """The point's normalized coordinates."""
        value: Vertex = self._data["point"]
        return value

    @point.setter
    def point(self, point: Vertex) -> None:
        self._data["point"] = checked_vertex(self, point)
