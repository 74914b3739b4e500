"""COCO geometry of a Kili `boundingPoly`: bbox, segmentation and area, in pixels.

The official exporter computes the area with shapely (repairing self-intersecting
polygons first); a simple polygon's area is the shoelace formula, which is what this
module computes without any dependency. When shapely is installed, self-intersecting
polygons are repaired the same way, so the areas agree on those too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kili.use_cases.label_export.formats.pixels import unrotate


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
    try:
        from shapely.geometry import Polygon
        from shapely.ops import polygonize
        from shapely.validation import make_valid
    except ImportError:
        return shoelace(xs, ys)
    if len(xs) < 3:
        return 0.0
    pieces = polygonize(make_valid(Polygon(list(zip(xs, ys, strict=True)))))
    total = 0.0
    for piece in pieces:
        ring_xs, ring_ys = piece.exterior.coords.xy
        total += shoelace(list(ring_xs), list(ring_ys))
    return total


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
