"""Agreement between two label answers (jsonResponses), the measure behind every mark.

Kili's calculation rules for quality metrics score each job by its kind and average
the jobs weighted by their number of annotations:

- classification: the categories both answers choose over the categories either
  chooses (1 or 0 for a single choice); weight 1;
- objects (boxes, polygons, segmentation masks) and named entities: pairs of the same
  category are matched, best overlap first; the score is the sum of the matched pairs'
  intersection over union (areas for shapes, character spans for entities) over the
  number of pairs plus the objects left unmatched on either side; weight that number;
- transcription: one minus the edit distance over the longer text's length; weight 1.

A nested answer (`children`) multiplies the score of its category or object, so a
wrong nested classification zeroes its box. Jobs of other kinds (points, lines,
relations) and shapes without area or spans without length are not scored; answers
with nothing scored agree fully. In a video, each frame's jobs count as the jobs of an
image.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

from kili_emulator.quality.geometry import Region, Shape, interval_iou, shape_iou


@dataclass(frozen=True)
class Score:
    """Agreement points earned out of a number of units (annotations compared)."""

    points: float = 0.0
    units: float = 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.points + other.points, self.units + other.units)


def agreement(first: Any, second: Any) -> float:
    """Score from 0 to 1 how far two jsonResponses agree (1: they say the same thing)."""
    score = compare_answers(first, second)
    return min(max(score.points / score.units, 0.0), 1.0) if score.units else 1.0


def compare_answers(first: Any, second: Any) -> Score:
    """Compare two jsonResponses job by job (frame by frame in videos).

    A job or frame one answer lacks counts as empty in it.
    """
    first_jobs = first if isinstance(first, Mapping) else {}
    second_jobs = second if isinstance(second, Mapping) else {}
    total = Score()
    for job in dict.fromkeys([*first_jobs, *second_jobs]):
        if job.isdigit():  # a video frame, holding jobs
            total += compare_answers(first_jobs.get(job), second_jobs.get(job))
        else:
            total += compare_job(first_jobs.get(job), second_jobs.get(job))
    return total


def compare_job(first: Any, second: Any) -> Score:
    """Compare the answers of one job, its kind read from whichever answer is present."""
    first = first if isinstance(first, Mapping) else {}
    second = second if isinstance(second, Mapping) else {}
    present = {**second, **first}
    if "categories" in present:
        return _compare_classifications(first.get("categories"), second.get("categories"))
    if "annotations" in present:
        return _compare_objects(first.get("annotations"), second.get("annotations"))
    if "text" in present:
        return Score(text_similarity(first.get("text"), second.get("text")), 1.0)
    return Score()


def _list(value: Any) -> list[Any]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _children_factor(first: Mapping[str, Any], second: Mapping[str, Any]) -> float:
    return agreement(first.get("children"), second.get("children"))


def _compare_classifications(first: Any, second: Any) -> Score:
    chosen_first = {str(item.get("name")): item for item in _list(first)}
    chosen_second = {str(item.get("name")): item for item in _list(second)}
    either = chosen_first.keys() | chosen_second.keys()
    if not either:
        return Score()
    shared = sum(
        _children_factor(chosen_first[name], chosen_second[name])
        for name in chosen_first.keys() & chosen_second.keys()
    )
    return Score(shared / len(either), 1.0)


def _compare_objects(first: Any, second: Any) -> Score:
    objects_first = [item for item in map(_Object.of, _list(first)) if item is not None]
    objects_second = [item for item in map(_Object.of, _list(second)) if item is not None]
    if not objects_first and not objects_second:
        return Score()
    matched = match_best_pairs(objects_first, objects_second, _Object.overlap)
    points = sum(
        overlap * agreement(objects_first[i].children, objects_second[j].children)
        for i, j, overlap in matched
    )
    return Score(points, float(len(objects_first) + len(objects_second) - len(matched)))


def match_best_pairs(
    first: Sequence[Any], second: Sequence[Any], overlap: Callable[[Any, Any], float]
) -> list[tuple[int, int, float]]:
    """Pair items of two lists greedily, largest positive overlap first, each item once.

    Returns:
        `(index in first, index in second, overlap)` for each pair made.
    """
    candidates = sorted(
        (
            (-value, i, j)
            for i, item_a in enumerate(first)
            for j, item_b in enumerate(second)
            if (value := overlap(item_a, item_b)) > 0
        ),
    )
    used_first: set[int] = set()
    used_second: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for negative, i, j in candidates:
        if i not in used_first and j not in used_second:
            used_first.add(i)
            used_second.add(j)
            pairs.append((i, j, -negative))
    return pairs


@dataclass(frozen=True)
class _Object:
    """An object of a job, reduced to what its comparison needs."""

    category: str | None
    place: Any
    shape: Shape | None
    span: tuple[float, float] | None
    children: Any

    @classmethod
    def of(cls, annotation: Mapping[str, Any]) -> _Object | None:
        """Read a shape or an entity from an annotation; None for other objects."""
        categories = _list(annotation.get("categories"))
        category = str(categories[0].get("name")) if categories else None
        children = annotation.get("children")
        region = region_of(annotation)
        shape = Shape.of(region) if region is not None else None
        if shape is not None and shape.area > 0:
            pages = annotation.get("pageNumberArray")
            place = ("region", tuple(pages) if isinstance(pages, list) else None)
            return cls(category, place, shape, None, children)
        span = span_of(annotation)
        if span is not None:
            return cls(category, ("span", annotation.get("beginId")), None, span, children)
        return None

    def overlap(self, other: _Object) -> float:
        """Return the intersection over union with an object of the same category and place."""
        if self.category != other.category or self.place != other.place:
            return 0.0
        if self.shape is not None and other.shape is not None:
            return shape_iou(self.shape, other.shape)
        if self.span is not None and other.span is not None:
            return interval_iou(self.span, other.span)
        return 0.0


def region_of(annotation: Mapping[str, Any]) -> Region | None:
    """Return the rings of a shape's `boundingPoly` (outline then holes).

    Returns:
        None if there is no ring, or if a ring has fewer than 3 vertices or a vertex
        without finite coordinates: such a shape cannot be measured.
    """
    rings = []
    for poly in _list(annotation.get("boundingPoly")):
        vertices = poly.get("normalizedVertices") or poly.get("vertices")
        points = vertices if isinstance(vertices, list) else []
        ring = [
            (float(vertex["x"]), float(vertex["y"]))
            for vertex in points
            if isinstance(vertex, Mapping)
            and _is_number(vertex.get("x"))
            and _is_number(vertex.get("y"))
        ]
        if len(ring) < 3 or len(ring) != len(points):
            return None
        rings.append(ring)
    return rings or None


def span_of(annotation: Mapping[str, Any]) -> tuple[float, float] | None:
    """Return the character span `[begin, end)` of a named entity, None if it has none."""
    begin = annotation.get("beginOffset")
    if not _is_number(begin):
        return None
    end = annotation.get("endOffset")
    content = annotation.get("content")
    if not _is_number(end) and isinstance(content, str):
        end = begin + len(content)
    if not _is_number(end) or end <= begin:
        return None
    return (float(begin), float(end))


def _is_number(value: Any) -> TypeGuard[float]:
    """Tell whether a JSON value is a finite number (JSON booleans are not numbers)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def text_similarity(first: Any, second: Any) -> float:
    """Return 1 minus the Levenshtein distance over the longer length (1 for two empties)."""
    text_a = first if isinstance(first, str) else ""
    text_b = second if isinstance(second, str) else ""
    longest = max(len(text_a), len(text_b))
    return 1.0 - edit_distance(text_a, text_b) / longest if longest else 1.0


def edit_distance(first: str, second: str) -> int:
    """Return the Levenshtein distance: insertions, deletions and substitutions."""
    if len(first) < len(second):
        first, second = second, first
    previous = list(range(len(second) + 1))
    for row, char_a in enumerate(first, start=1):
        current = [row]
        for column, char_b in enumerate(second, start=1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + (char_a != char_b),
                )
            )
        previous = current
    return previous[-1]
