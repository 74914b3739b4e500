"""Turn one shape read by pyshp into Kili annotations drawn with a given tool.

Polygons follow the shapefile convention: outer rings run clockwise, holes counter-clockwise.
A hole belongs to the outer ring that contains its first vertex.
"""

from __future__ import annotations

import itertools
import math
import uuid
from collections.abc import Sequence
from typing import Any

from kili.exceptions import KiliError

Ring = list[tuple[float, float]]


class UnusableShapeError(KiliError, ValueError):
    """A shape that cannot become an annotation; the caller names its file and index."""


_POINTS = {1, 8, 11, 18, 21, 28}
"""pyshp shape types holding points: point and multipoint, plain, Z and M."""
_LINES = {3, 13, 23}
_POLYGONS = {5, 15, 25}
_KIND = {
    "marker": (_POINTS, "points"),
    "polyline": (_LINES, "lines"),
    "rectangle": (_POLYGONS, "polygons"),
    "polygon": (_POLYGONS, "polygons"),
    "semantic": (_POLYGONS, "polygons"),
}


def shapefile_annotations(
    shape: Any, tool: str, category: str, transform: Any | None
) -> list[dict[str, Any]]:
    """Return the annotations one shape becomes when drawn with `tool`.

    Raises:
        UnusableShapeError: The shape is empty, or `tool` cannot draw it.
    """
    if tool not in _KIND:
        raise UnusableShapeError(f"the job's tool {tool!r} cannot hold shapefile geometries")
    types, kind = _KIND[tool]
    if shape.shapeType == 0 or not shape.points:
        raise UnusableShapeError("the shape is empty")
    if shape.shapeType not in types:
        raise UnusableShapeError(f"a {shape.shapeTypeName} shape cannot be drawn by a {tool!r} job")
    points = _reprojected(shape.points, transform)
    parts = [*shape.parts, len(points)] if kind != "points" else None
    base = {"categories": [{"name": category}], "type": tool}
    if parts is None:
        return [{**base, "mid": _mid(), "point": _vertex(p), "children": {}} for p in points]
    pieces = [_open(points[start:end]) for start, end in itertools.pairwise(parts)]
    if kind == "lines":
        return [
            {**base, "mid": _mid(), "polyline": [_vertex(p) for p in line], "children": {}}
            for line in pieces
            if len(line) >= 2
        ]
    return _polygon_annotations(pieces, tool, base)


def _polygon_annotations(
    rings: Sequence[Ring], tool: str, base: dict[str, Any]
) -> list[dict[str, Any]]:
    rings = [ring for ring in rings if len(ring) >= 3]
    if not rings:
        raise UnusableShapeError("the polygon has no ring of three vertices or more")
    outers = [ring for ring in rings if _signed_area(ring) <= 0] or rings[:1]
    holes = [ring for ring in rings if ring not in outers]
    shared_mid = _mid()
    annotations = []
    for outer in outers:
        if tool == "rectangle":
            polys = [_bounding_box(outer) if len(outer) != 4 else outer]
        elif tool == "polygon":
            polys = [outer]
        else:
            polys = [outer, *(hole for hole in holes if _contains(outer, hole[0]))]
        annotations.append(
            {
                **base,
                "mid": shared_mid if tool == "semantic" else _mid(),
                "boundingPoly": [
                    {"normalizedVertices": [_vertex(p) for p in poly]} for poly in polys
                ],
            }
        )
    return annotations


def _reprojected(
    points: Sequence[Sequence[float]], transform: Any | None
) -> list[tuple[float, float]]:
    pairs = [(float(point[0]), float(point[1])) for point in points]
    if transform is None:
        return pairs
    xs, ys = transform.transform([p[0] for p in pairs], [p[1] for p in pairs])
    reprojected = list(zip(map(float, xs), map(float, ys), strict=True))
    if not all(math.isfinite(x) and math.isfinite(y) for x, y in reprojected):
        raise UnusableShapeError("a vertex falls outside the area of its coordinate system")
    return reprojected


def _open(ring: Ring) -> Ring:
    """Drop the closing vertex of a ring, which repeats the first one."""
    return ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring


def _signed_area(ring: Ring) -> float:
    """Twice the signed area of a ring: positive when counter-clockwise."""
    return sum(
        x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True)
    )


def _contains(ring: Ring, point: tuple[float, float]) -> bool:
    """Whether `point` is inside `ring`, by counting the edges a ray from it crosses."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _bounding_box(ring: Ring) -> Ring:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return [(min(xs), min(ys)), (min(xs), max(ys)), (max(xs), max(ys)), (max(xs), min(ys))]


def _vertex(point: tuple[float, float]) -> dict[str, float]:
    return {"x": point[0], "y": point[1]}


def _mid() -> str:
    return uuid.uuid4().hex
