"""Exact areas and intersections of polygons, and overlaps of intervals.

A region is a list of rings: the first is its outline, the others its holes (Kili's
`boundingPoly` for a polygon or a segmentation mask). Areas come from the shoelace
formula. The intersection of two regions is exact for any simple rings, convex or
not. Two convex outlines are clipped one by the other (Sutherland-Hodgman). Otherwise
a ring's indicator function is the signed sum of the triangles fanned from its first
vertex, so the area shared by two regions is the signed sum of the areas shared by
their triangles, each pair of triangles being convex.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

Point = tuple[float, float]
Ring = Sequence[Point]
Region = Sequence[Ring]
Bounds = tuple[float, float, float, float]
"""Left, bottom, right, top."""

_Triangle = tuple[float, tuple[Point, Point, Point]]
"""A triangle of a fan: its weight (+1 or -1) and its counterclockwise vertices."""


def signed_area(ring: Ring) -> float:
    """Return the shoelace area of a ring: positive when counterclockwise."""
    total = 0.0
    for index, (x1, y1) in enumerate(ring):
        x2, y2 = ring[(index + 1) % len(ring)]
        total += x1 * y2 - x2 * y1
    return total / 2


def region_area(region: Region) -> float:
    """Return the area of a region: its outline's area less its holes'."""
    areas = [abs(signed_area(ring)) for ring in region]
    return max(areas[0] - sum(areas[1:]), 0.0) if areas else 0.0


def _fan(region: Region) -> list[_Triangle]:
    """Split a region into weighted counterclockwise triangles whose signed sum is it."""
    triangles: list[_Triangle] = []
    for position, ring in enumerate(region):
        orientation = 1.0 if signed_area(ring) >= 0 else -1.0
        role = 1.0 if position == 0 else -1.0
        origin = ring[0]
        for first, second in pairwise(ring[1:]):
            turn = _cross(origin, first, second)
            if turn == 0:
                continue
            corners = (origin, first, second) if turn > 0 else (origin, second, first)
            weight = role * orientation * (1.0 if turn > 0 else -1.0)
            triangles.append((weight, corners))
    return triangles


def _cross(origin: Point, first: Point, second: Point) -> float:
    return (first[0] - origin[0]) * (second[1] - origin[1]) - (first[1] - origin[1]) * (
        second[0] - origin[0]
    )


def _clip(subject: list[Point], edge_start: Point, edge_end: Point) -> list[Point]:
    """Keep the part of a convex polygon left of a directed edge (Sutherland-Hodgman)."""
    kept: list[Point] = []
    for index, current in enumerate(subject):
        previous = subject[index - 1]
        current_in = _cross(edge_start, edge_end, current) >= 0
        previous_in = _cross(edge_start, edge_end, previous) >= 0
        if current_in != previous_in:
            kept.append(_crossing(previous, current, edge_start, edge_end))
        if current_in:
            kept.append(current)
    return kept


def _crossing(first: Point, second: Point, edge_start: Point, edge_end: Point) -> Point:
    """Return where segment first-second crosses the line through the edge."""
    side_first = _cross(edge_start, edge_end, first)
    side_second = _cross(edge_start, edge_end, second)
    share = side_first / (side_first - side_second)
    return (first[0] + share * (second[0] - first[0]), first[1] + share * (second[1] - first[1]))


def _convex_overlap(subject: Sequence[Point], clipper: Sequence[Point]) -> float:
    """Return the area two counterclockwise convex polygons share."""
    polygon = list(subject)
    for index, edge_end in enumerate(clipper):
        polygon = _clip(polygon, clipper[index - 1], edge_end)
        if len(polygon) < 3:
            return 0.0
    return abs(signed_area(polygon))


def _convex_counterclockwise(region: Region) -> list[Point] | None:
    """Return a region's outline counterclockwise if it is one convex ring, else None.

    Convex: every turn goes the same way and the turns add up to one full circle (a
    star whose turns all go one way circles more than once).
    """
    if len(region) != 1 or len(region[0]) < 3:
        return None
    ring = list(region[0])
    headings = [
        math.atan2(end[1] - start[1], end[0] - start[0])
        for start, end in zip(ring, ring[1:] + ring[:1], strict=True)
        if end != start
    ]
    turns = [
        (heading - previous + math.pi) % (2 * math.pi) - math.pi
        for previous, heading in zip(headings[-1:] + headings[:-1], headings, strict=True)
    ]
    turns = [turn for turn in turns if abs(turn) > 1e-12]
    if not (all(turn > 0 for turn in turns) or all(turn < 0 for turn in turns)):
        return None
    if abs(abs(sum(turns)) - 2 * math.pi) > 1e-6:
        return None
    return ring if sum(turns) > 0 else ring[::-1]


def _bounds(corners: Sequence[Point]) -> Bounds:
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def intersection_area(first: Region, second: Region) -> float:
    """Return the area two regions share, exactly."""
    convex_first, convex_second = _convex_counterclockwise(first), _convex_counterclockwise(second)
    if convex_first is not None and convex_second is not None:
        return _convex_overlap(convex_first, convex_second)
    total = 0.0
    fan_second = [(weight, corners, _bounds(corners)) for weight, corners in _fan(second)]
    for weight_a, corners_a in _fan(first):
        left, bottom, right, top = _bounds(corners_a)
        for weight_b, corners_b, (left_b, bottom_b, right_b, top_b) in fan_second:
            if left_b >= right or right_b <= left or bottom_b >= top or top_b <= bottom:
                continue
            total += weight_a * weight_b * _convex_overlap(corners_a, corners_b)
    return max(total, 0.0)


@dataclass(frozen=True)
class Shape:
    """A region with what comparing it many times needs, computed once."""

    region: Region
    area: float
    bounds: Bounds
    is_upright_rectangle: bool

    @classmethod
    def of(cls, region: Region) -> Shape:
        """Measure a region (non-empty: at least its outline)."""
        return cls(region, region_area(region), _bounds(region[0]), _is_upright_rectangle(region))


def region_iou(first: Region, second: Region) -> float:
    """Return the intersection over union of two regions, 0 when both are empty."""
    return shape_iou(Shape.of(first), Shape.of(second))


def shape_iou(first: Shape, second: Shape) -> float:
    """Return the intersection over union of two measured regions."""
    if _apart(first.bounds, second.bounds):
        return 0.0
    if first.is_upright_rectangle and second.is_upright_rectangle:
        shared = _overlap_area(first.bounds, second.bounds)
    else:
        shared = intersection_area(first.region, second.region)
    union = first.area + second.area - shared
    return min(shared / union, 1.0) if union > 0 else 0.0


def _apart(first: Bounds, second: Bounds) -> bool:
    return (
        first[0] >= second[2]
        or second[0] >= first[2]
        or first[1] >= second[3]
        or second[1] >= first[3]
    )


def _overlap_area(first: Bounds, second: Bounds) -> float:
    width = min(first[2], second[2]) - max(first[0], second[0])
    height = min(first[3], second[3]) - max(first[1], second[1])
    return max(width, 0.0) * max(height, 0.0)


def _is_upright_rectangle(region: Region) -> bool:
    """Tell whether a region is one rectangle with sides parallel to the axes (a box)."""
    if len(region) != 1 or len(region[0]) != 4:
        return False
    ring = region[0]
    return all(
        (ring[index][0] == ring[index - 1][0]) != (ring[index][1] == ring[index - 1][1])
        for index in range(4)
    )


def interval_iou(first: tuple[float, float], second: tuple[float, float]) -> float:
    """Return the intersection over union of two intervals `[start, end)`."""
    shared = max(0.0, min(first[1], second[1]) - max(first[0], second[0]))
    union = (first[1] - first[0]) + (second[1] - second[0]) - shared
    return shared / union if union > 0 else 0.0
