"""The lists of a parsed label's parts: annotations and polygons, with their checks."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from kili.exceptions import LabelParsingError
from kili.utils.labels._base import _JobPart, checked_vertex, copy_json

if TYPE_CHECKING:
    from kili.utils.labels._annotations import Annotation
    from kili.utils.labels._interface import JobSpec
    from kili.utils.labels._parser import JsonResponseParser


class _PartList(_JobPart):
    """A list of parts of one job, given back by `as_list`."""

    __hash__ = None

    __slots__ = ("_items",)
    _items: list[Any]

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __str__(self) -> str:
        return str(self.as_list())

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _PartList):
            return self.as_list() == other.as_list()
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self._items) == list(other)
        return NotImplemented

    def as_list(self) -> list[dict[str, Any]]:
        """Return the parts as the list of dicts a jsonResponse holds."""
        return [item.to_dict() for item in self._items]

    def to_dict(self) -> dict[str, Any]:
        """Refuse: a list is given back by `as_list`."""
        raise self._incompatible("to_dict", "A list gives itself by .as_list().")


class AnnotationList(_PartList, Sequence["Annotation"]):
    """The annotations of a job; `add_annotation` checks against the interface."""

    __slots__ = ("given",)

    def __init__(
        self, job: JobSpec, parser: JsonResponseParser, items: list[Annotation], *, given: bool
    ) -> None:
        self._job = job
        self._parser = parser
        self._items = items
        self.given = given

    @overload
    def __getitem__(self, index: int) -> Annotation: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Annotation]: ...
    def __getitem__(self, index: int | slice) -> Annotation | Sequence[Annotation]:
        items: list[Annotation] = self._items
        return items[index]

    def __iter__(self) -> Iterator[Annotation]:
        return iter(self._items)

    def add_annotation(self, annotation_dict: Mapping[str, Any]) -> None:
        """Append an annotation, checked as parsing checks one.

        Raises:
            InvalidMutationError: It does not fit the job (tool, geometry, category...).
        """
        tool = annotation_dict.get("type") if isinstance(annotation_dict, Mapping) else None
        tools = self._job.tools
        if (
            tool is not None
            and tools
            and tool not in tools
            and not (tool == "marker" and "pose" in tools)
        ):
            raise self._invalid(
                f"Annotation of type '{tool}' cannot be added to this job with tools {list(tools)}"
            )
        try:
            annotation = self._parser.annotation(
                self._job, copy_json(dict(annotation_dict)), len(self._items)
            )
        except LabelParsingError as error:
            raise self._invalid(error.problem) from None
        self._items.append(annotation)


class BoundingPoly(_JobPart):
    """One polygon of an annotation's `boundingPoly`; `normalized_vertices` is editable.

    A segmentation may give, instead of a ``{"normalizedVertices": [...]}`` item, a list of
    them: one polygon with its holes (the hierarchical format GeoJSON imports make). Such
    an item is one `BoundingPoly` whose `normalized_vertices` lists each ring's vertices,
    and which `BoundingPolyList.as_list` gives back as the list it was.
    """

    __slots__ = ("_annotation_data", "_data", "grouped")

    def __init__(
        self,
        job: JobSpec,
        parser: JsonResponseParser,
        data: dict[str, Any],
        annotation_data: Mapping[str, Any],
        *,
        grouped: bool = False,
    ) -> None:
        self._job = job
        self._parser = parser
        self._data = data
        self._annotation_data = annotation_data
        self.grouped = grouped

    def to_dict(self) -> dict[str, Any]:
        """Return the polygon as a dict, `normalizedVertices` first."""
        return dict(copy_json(self._data))

    def as_item(self) -> Any:
        """Return the polygon as its `boundingPoly` item: a dict, or a list of rings."""
        if self.grouped:
            return [{"normalizedVertices": ring} for ring in copy_json(self.normalized_vertices)]
        return self.to_dict()

    @property
    def normalized_vertices(self) -> list[Any]:
        """The vertices (one list of vertices per ring for PDF entities and grouped items)."""
        value: list[Any] = self._data["normalizedVertices"]
        return value

    @normalized_vertices.setter
    def normalized_vertices(self, vertices: Sequence[Any]) -> None:
        if not isinstance(vertices, Sequence) or isinstance(vertices, str):
            raise self._invalid("normalized_vertices must be a list of vertices")
        nested = bool(vertices) and isinstance(vertices[0], Sequence)
        rings = vertices if nested else [vertices]
        tool = self._annotation_data.get("type")
        copied = [[checked_vertex(self, vertex) for vertex in ring] for ring in rings]
        for ring in copied:
            if tool == "rectangle" and len(ring) != 4:
                raise self._invalid(
                    f"Bounding polygon with {len(ring)} vertices is not a rectangle."
                )
            if tool == "polygon" and len(ring) < 3:
                raise self._invalid(f"Bounding polygon with {len(ring)} vertices is not a polygon.")
        self._data["normalizedVertices"] = copied if nested else copied[0]


class BoundingPolyList(_PartList, Sequence[BoundingPoly]):
    """The polygons of an annotation; `add_bounding_poly` checks them."""

    __slots__ = ("_annotation_data",)

    def __init__(
        self,
        job: JobSpec,
        parser: JsonResponseParser,
        items: list[BoundingPoly],
        annotation_data: Mapping[str, Any],
    ) -> None:
        self._job = job
        self._parser = parser
        self._items = items
        self._annotation_data = annotation_data

    @overload
    def __getitem__(self, index: int) -> BoundingPoly: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[BoundingPoly]: ...
    def __getitem__(self, index: int | slice) -> BoundingPoly | Sequence[BoundingPoly]:
        items: list[BoundingPoly] = self._items
        return items[index]

    def __iter__(self) -> Iterator[BoundingPoly]:
        return iter(self._items)

    def as_list(self) -> list[Any]:
        """Return the polygons as the `boundingPoly` list a jsonResponse holds."""
        polys: list[BoundingPoly] = self._items
        return [poly.as_item() for poly in polys]

    def add_bounding_poly(self, bounding_poly: Mapping[str, Any]) -> None:
        """Append a polygon given as ``{"normalizedVertices": [...]}``."""
        if not isinstance(bounding_poly, Mapping) or "normalizedVertices" not in bounding_poly:
            raise self._invalid("Bounding polygon must have a 'normalizedVertices' key.")
        poly = BoundingPoly(self._job, self._parser, {}, self._annotation_data)
        poly.normalized_vertices = bounding_poly["normalizedVertices"]
        self._items.append(poly)
