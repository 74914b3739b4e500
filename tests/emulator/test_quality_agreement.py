"""Agreement between label answers, on cases computed by hand (no server involved)."""

from __future__ import annotations

import math
import random
from typing import Any

import pytest

from kili_emulator.quality import agreement
from kili_emulator.quality.agreement import edit_distance, text_similarity
from kili_emulator.quality.geometry import (
    Region,
    intersection_area,
    interval_iou,
    region_area,
    region_iou,
)

SQUARE = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)]
L_SHAPE = [(0.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 2.0), (0.0, 2.0)]
"""The square less its upper right quarter: area 3, concave."""


def classification(*names: str, children: dict[str, Any] | None = None) -> dict[str, Any]:
    categories = [{"name": name, "confidence": 100} for name in names]
    if children is not None:
        for category in categories:
            category["children"] = children
    return {"CLASSIF": {"categories": categories}}


def box(x: float, y: float, width: float, height: float, name: str = "CAR") -> dict[str, Any]:
    corners = [(x, y), (x + width, y), (x + width, y + height), (x, y + height)]
    return {
        "categories": [{"name": name}],
        "type": "rectangle",
        "boundingPoly": [{"normalizedVertices": [{"x": cx, "y": cy} for cx, cy in corners]}],
    }


def boxes(*objects: dict[str, Any]) -> dict[str, Any]:
    return {"DETECTION": {"annotations": list(objects)}}


def entity(begin: int, content: str, name: str = "ORG") -> dict[str, Any]:
    return {"categories": [{"name": name}], "beginOffset": begin, "content": content}


def entities(*objects: dict[str, Any]) -> dict[str, Any]:
    return {"NER": {"annotations": list(objects)}}


# --- geometry --------------------------------------------------------------------


def test_areas_follow_the_shoelace_formula_whatever_the_orientation() -> None:
    assert region_area([SQUARE]) == 4
    assert region_area([L_SHAPE]) == 3
    assert region_area([list(reversed(L_SHAPE))]) == 3


def test_a_box_shifted_by_half_its_width_shares_a_third() -> None:
    # Intersection 1x2 = 2, union 4 + 4 - 2 = 6.
    shifted = [(x + 1, y) for x, y in SQUARE]
    assert region_iou([SQUARE], [shifted]) == pytest.approx(1 / 3)


def test_boxes_and_other_quadrilaterals_measure_alike() -> None:
    # A box given clockwise from another corner is the same box.
    clockwise = [(1.0, 2.0), (3.0, 2.0), (3.0, 0.0), (1.0, 0.0)]
    assert region_iou([SQUARE], [clockwise]) == pytest.approx(1 / 3)
    assert region_iou([SQUARE], [clockwise]) == pytest.approx(
        intersection_area([SQUARE], [clockwise]) / (4 + 4 - 2)
    )
    # A diamond has four vertices but is no box: area 2, inside the square.
    diamond = [(1.0, 0.0), (2.0, 1.0), (1.0, 2.0), (0.0, 1.0)]
    assert region_iou([diamond], [SQUARE]) == pytest.approx(1 / 2)


def test_disjoint_and_touching_shapes_share_nothing() -> None:
    assert region_iou([SQUARE], [[(x + 5, y + 5) for x, y in SQUARE]]) == 0
    assert region_iou([SQUARE], [[(x + 2, y) for x, y in SQUARE]]) == 0


def test_concave_shapes_intersect_exactly() -> None:
    upper_right = [(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 2.0)]
    assert intersection_area([L_SHAPE], [upper_right]) == pytest.approx(0)
    assert region_iou([L_SHAPE], [SQUARE]) == pytest.approx(3 / 4)
    triangle = [(0.0, 0.0), (2.0, 0.0), (0.0, 2.0)]
    assert region_iou([triangle], [SQUARE]) == pytest.approx(1 / 2)
    # The triangle (x + y <= 2) misses the L's missing corner [1,2]x[1,2] but for a
    # point: it lies wholly in the L.
    assert intersection_area([triangle], [list(reversed(L_SHAPE))]) == pytest.approx(2)


def test_holes_are_taken_out_of_their_outline() -> None:
    hole = [(0.5, 0.5), (0.5, 1.5), (1.5, 1.5), (1.5, 0.5)]
    assert region_area([SQUARE, hole]) == 3
    assert region_iou([SQUARE, hole], [SQUARE]) == pytest.approx(3 / 4)
    assert intersection_area([SQUARE, hole], [hole]) == pytest.approx(0)


def _star(rng: random.Random, center: tuple[float, float]) -> list[tuple[float, float]]:
    points = []
    for index in range(9):
        angle = 2 * math.pi * index / 9
        radius = rng.uniform(0.15, 0.45)
        points.append((center[0] + radius * math.cos(angle), center[1] + radius * math.sin(angle)))
    return points


def _inside(point: tuple[float, float], region: Region) -> bool:
    crossings = 0
    for ring in region:
        for index, (x1, y1) in enumerate(ring):
            x2, y2 = ring[index - 1]
            if (y1 > point[1]) != (y2 > point[1]):
                x_at = x1 + (point[1] - y1) * (x2 - x1) / (y2 - y1)
                crossings += x_at > point[0]
    return crossings % 2 == 1


def _convex(rng: random.Random, center: tuple[float, float]) -> list[tuple[float, float]]:
    angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(7))
    return [(center[0] + 0.3 * math.cos(a), center[1] + 0.3 * math.sin(a)) for a in angles]


def _grid_share(first: Region, second: Region, steps: int = 300) -> float:
    centers = [(i + 0.5) / steps for i in range(steps)]
    inside = sum(
        _inside((x, y), first) and _inside((x, y), second) for x in centers for y in centers
    )
    return inside / (steps * steps)


@pytest.mark.parametrize("make", [_star, _convex])
def test_random_shapes_agree_with_a_fine_grid_count(make: Any) -> None:
    rng = random.Random(7)
    first, second = [make(rng, (0.45, 0.5))], [make(rng, (0.6, 0.5))]
    shared = _grid_share(first, second)
    assert shared > 0.05
    assert intersection_area(first, second) == pytest.approx(shared, abs=0.004)


def test_intervals_overlap_over_their_union() -> None:
    assert interval_iou((0, 4), (2, 6)) == pytest.approx(1 / 3)
    assert interval_iou((0, 4), (4, 8)) == 0
    assert interval_iou((1, 3), (1, 3)) == 1


# --- agreement per job kind ------------------------------------------------------


def test_equal_answers_agree_fully() -> None:
    answer = {**classification("A"), **boxes(box(0.1, 0.1, 0.2, 0.2)), "T": {"text": "hi"}}
    assert agreement(answer, answer) == 1


def test_single_choice_classification_is_all_or_nothing() -> None:
    assert agreement(classification("A"), classification("A")) == 1
    assert agreement(classification("A"), classification("B")) == 0
    assert agreement(classification("A"), {}) == 0


def test_multiple_choice_counts_shared_categories_over_chosen_ones() -> None:
    # Kili's example: "red" against "blue" and "red" scores 50%.
    assert agreement(classification("red"), classification("blue", "red")) == 0.5
    assert agreement(classification("a", "b", "c"), classification("b", "c", "d")) == 0.5


def test_boxes_are_scored_by_intersection_over_union() -> None:
    assert agreement(boxes(box(0, 0, 0.2, 0.2)), boxes(box(0.5, 0.5, 0.2, 0.2))) == 0
    shifted = agreement(boxes(box(0.1, 0.1, 0.4, 0.2)), boxes(box(0.3, 0.1, 0.4, 0.2)))
    assert shifted == pytest.approx(1 / 3)


def test_unmatched_objects_and_other_categories_count_against_agreement() -> None:
    one, other = box(0.1, 0.1, 0.2, 0.2), box(0.6, 0.6, 0.2, 0.2)
    assert agreement(boxes(one, other), boxes(one)) == pytest.approx(1 / 2)
    assert agreement(boxes(one), boxes(box(0.1, 0.1, 0.2, 0.2, name="BUS"))) == 0


def test_shapes_on_different_pages_are_different_objects() -> None:
    on_page_1 = {**box(0.1, 0.1, 0.2, 0.2), "pageNumberArray": [1]}
    on_page_2 = {**box(0.1, 0.1, 0.2, 0.2), "pageNumberArray": [2]}
    assert agreement(boxes(on_page_1), boxes(on_page_1)) == 1
    assert agreement(boxes(on_page_1), boxes(on_page_2)) == 0


def test_each_object_is_matched_once_best_overlap_first() -> None:
    wide = box(0.0, 0.0, 0.4, 0.2)
    same, half = box(0.0, 0.0, 0.4, 0.2), box(0.2, 0.0, 0.4, 0.2)
    # `wide` pairs with `same` (IoU 1); `half` stays unmatched: 1 / (1 pair + 1 left).
    assert agreement(boxes(wide), boxes(half, same)) == pytest.approx(1 / 2)


def test_a_wrong_nested_answer_zeroes_its_object() -> None:
    def with_child(name: str) -> dict[str, Any]:
        return {**box(0.1, 0.1, 0.2, 0.2), "children": classification(name)}

    assert agreement(boxes(with_child("A")), boxes(with_child("A"))) == 1
    assert agreement(boxes(with_child("A")), boxes(with_child("B"))) == 0
    nested_a = classification("X", children=classification("A"))
    nested_b = classification("X", children=classification("B"))
    assert agreement(nested_a, nested_b) == 0


def test_named_entities_are_scored_by_span_overlap() -> None:
    assert agreement(entities(entity(0, "Kili")), entities(entity(0, "Kili"))) == 1
    # [0, 4) against [2, 6): 2 shared characters over 6.
    assert agreement(entities(entity(0, "Kili")), entities(entity(2, "li T"))) == pytest.approx(
        1 / 3
    )
    assert agreement(entities(entity(0, "Kili")), entities(entity(0, "Kili", "PER"))) == 0
    with_end = {"categories": [{"name": "ORG"}], "beginOffset": 2, "endOffset": 6}
    assert agreement(entities(entity(0, "Kili")), entities(with_end)) == pytest.approx(1 / 3)


def test_transcriptions_are_scored_by_edit_distance() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert text_similarity("kitten", "sitting") == pytest.approx(4 / 7)
    assert text_similarity("", "") == 1
    assert agreement({"T": {"text": "kitten"}}, {"T": {"text": "sitting"}}) == pytest.approx(4 / 7)


def test_jobs_are_weighted_by_their_number_of_annotations() -> None:
    one, other = box(0.1, 0.1, 0.2, 0.2), box(0.6, 0.6, 0.2, 0.2)
    first = {**classification("A"), **boxes(one, other)}
    second = {**classification("A"), **boxes(one)}
    # Classification 1 point of 1, boxes 1 point of 2 units: 2 / 3.
    assert agreement(first, second) == pytest.approx(2 / 3)


def test_answers_with_nothing_scored_agree() -> None:
    flat = box(0.1, 0.1, 0.0, 0.2)
    assert agreement(boxes(flat), boxes(flat)) == 1
    points = {"POINTS": {"annotations": [{"categories": [{"name": "P"}], "point": {"x": 1}}]}}
    assert agreement(points, {}) == 1
    assert agreement({}, {}) == 1


def test_video_frames_add_up_as_jobs() -> None:
    one = box(0.1, 0.1, 0.2, 0.2)
    first = {"0": boxes(one), "1": boxes(one)}
    second = {"0": boxes(one), "1": boxes(box(0.5, 0.5, 0.2, 0.2))}
    # Frame 0 agrees (1 of 1), frame 1 has two unmatched boxes (0 of 2): 1 / 3.
    assert agreement(first, second) == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "odd",
    [
        [],
        {"DETECTION": "boxes"},
        {"DETECTION": {"annotations": "boxes"}},
        {"DETECTION": {"annotations": [1, {"boundingPoly": "x"}, {"boundingPoly": [{}]}]}},
        {"DETECTION": {"annotations": [{"boundingPoly": [{"normalizedVertices": [{"x": "a"}]}]}]}},
        {"DETECTION": {"annotations": [{"beginOffset": True, "content": "x"}]}},
        {"CLASSIF": {"categories": [1, {"name": None}, {"name": ["list"]}]}},
        {"T": {"text": 5}},
        {"0": "frame"},
        {"CLASSIF": {"categories": [{"name": "A", "children": "not jobs"}]}},
    ],
)
def test_malformed_answers_get_a_mark_in_range(odd: Any) -> None:
    for other in (odd, {}, {**classification("A"), **boxes(box(0.1, 0.1, 0.2, 0.2))}):
        assert 0 <= agreement(odd, other) <= 1
        assert 0 <= agreement(other, odd) <= 1


def test_non_finite_coordinates_leave_a_shape_unscored() -> None:
    nan_box = box(0.1, 0.1, 0.2, 0.2)
    nan_box["boundingPoly"][0]["normalizedVertices"][0]["x"] = float("nan")
    assert agreement(boxes(nan_box), boxes(box(0.1, 0.1, 0.2, 0.2))) == 0
