"""COCO geometry of a Kili `boundingPoly`: bbox, segmentation and area, in pixels.

The official exporter computes the area with shapely (repairing self-intersecting
polygons first); a simple polygon's area is the shoelace formula, which is what this
module computes without any dependency. When shapely is installed, self-intersecting
polygons are repaired the same way, so the areas agree on those too.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from kili.use_cases.label_export.formats.pixels import unrotate

Point = tuple[float, float]


def coco_geometry(
    bounding_poly: Sequence[dict[str, Any]], width: float, height: float, rotation: int
) -> tuple[float, list[int], list[list[float]]]:
    """Return `(area, bbox, segmentation)`; later polygons of `bounding_poly` are holes."""
    xs, ys = _pixels(bounding_poly[0]["normalizedVertices"], width, height, rotation)
    x_min, y_min, x_max, y_max = round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys))
    area: float = round(polygon_area(xs, ys))
    segmentation = [_interleaved(xs, ys)]
    for hole in bounding_poly[1:]:
        hole_xs, hole_ys = _pixels(hole["normalizedVertices"], width, height, rotation)
        area -= polygon_area(hole_xs, hole_ys)
        segmentation.append(_interleaved(hole_xs, hole_ys))
    bbox = [int(x_min), int(y_min), int(x_max - x_min), int(y_max - y_min)]
    return area, bbox, segmentation


def polygon_area(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Area of the polygon, self-intersections resolved as shapely's `make_valid` does."""
    if len(xs) < 4 or _is_simple(xs, ys):
        return shoelace(xs, ys)
    shapely = _shapely()
    if shapely is None:
        return shoelace(xs, ys)
    polygon_type, polygonize, make_valid = shapely
    total = 0.0
    for piece in polygonize(make_valid(polygon_type(list(zip(xs, ys, strict=True))))):
        ring_xs, ring_ys = piece.exterior.coords.xy
        total += shoelace(list(ring_xs), list(ring_ys))
    return total


@cache
def _shapely() -> tuple[Any, Any, Any] | None:
    """Shapely's polygon, `polygonize` and `make_valid`, if installed (looked up once)."""
    try:
        from shapely.geometry import Polygon
        from shapely.ops import polygonize
        from shapely.validation import make_valid
    except ImportError:
        return None
    return Polygon, polygonize, make_valid


def _is_simple(xs: Sequence[float], ys: Sequence[float]) -> bool:
    """Tell whether no two non-adjacent edges of the polygon cross (checked for small ones)."""
    count = len(xs)
    if count > _MAX_CHECKED_VERTICES:
        return False
    edges = [((xs[i], ys[i]), (xs[(i + 1) % count], ys[(i + 1) % count])) for i in range(count)]
    for i in range(count):
        for j in range(i + 2, count):
            if i == 0 and j == count - 1:
                continue  # the first and last edges share a vertex
            if _cross(*edges[i], *edges[j]):
                return False
    return True


_MAX_CHECKED_VERTICES = 64
"""Beyond this, shapely (when installed) decides, rather than a quadratic check."""


def _cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2, d3, d4 = side(c, d, a), side(c, d, b), side(a, b, c), side(a, b, d)
    return ((d1 > 0) != (d2 > 0) and d1 * d2 != 0) and ((d3 > 0) != (d4 > 0) and d3 * d4 != 0)


def shoelace(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Area of a simple polygon (the shoelace formula)."""
    count = len(xs)
    twice = sum(xs[i] * ys[i - 1] - ys[i] * xs[i - 1] for i in range(count))
    return abs(twice) / 2


def _pixels(
    vertices: Sequence[dict[str, Any]], width: float, height: float, rotation: int
) -> tuple[list[float], list[float]]:
    turned = unrotate(list(vertices), rotation)
    return [float(v["x"]) * width for v in turned], [float(v["y"]) * height for v in turned]


def _interleaved(xs: Sequence[float], ys: Sequence[float]) -> list[float]:
    return [
        coordinate
        for pair in zip(xs, ys, strict=True)
        for coordinate in (float(pair[0]), float(pair[1]))
    ]
