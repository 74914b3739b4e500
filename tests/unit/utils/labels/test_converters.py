"""Point, bounding box and mask converters: there and back, both origins, clear errors."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kili.exceptions import InvalidArgumentError, MissingExtraError
from kili.utils.labels.bbox import (
    bbox_points_to_normalized_vertices,
    normalized_vertices_to_bbox_points,
)
from kili.utils.labels.image import mask_to_normalized_vertices, normalized_vertices_to_mask
from kili.utils.labels.point import normalized_point_to_point, point_to_normalized_point

unit = st.floats(min_value=0, max_value=1, allow_nan=False)
sizes = st.integers(min_value=1, max_value=10_000)
origins = st.sampled_from(["top_left", "bottom_left"])


def close(a: dict[str, float], b: dict[str, float]) -> bool:
    return all(abs(a[axis] - b[axis]) <= 1e-9 * max(1.0, abs(b[axis])) for axis in "xy")


@settings(deadline=None)  # timing varies with machine load; results do not
@given(x=unit, y=unit, width=sizes, height=sizes, origin=origins)
def test_a_pixel_point_comes_back_from_its_normalized_vertex(
    x: float, y: float, width: int, height: int, origin: Any
) -> None:
    pixel = {"x": x * width, "y": y * height}

    vertex = point_to_normalized_point(pixel, width, height, origin)
    back = normalized_point_to_point(vertex, width, height, origin)

    assert 0 <= vertex["x"] <= 1
    assert 0 <= vertex["y"] <= 1
    assert close(back, pixel)


@settings(deadline=None)  # timing varies with machine load; results do not
@given(x=unit, y=unit)
def test_the_bottom_left_origin_flips_the_y_axis(x: float, y: float) -> None:
    top = point_to_normalized_point({"x": x, "y": y}, origin_location="top_left")
    bottom = point_to_normalized_point({"x": x, "y": y}, origin_location="bottom_left")

    assert top == {"x": x, "y": y}
    assert close(bottom, {"x": x, "y": 1 - y})


def test_points_outside_the_image_or_half_sizes_are_refused() -> None:
    with pytest.raises(InvalidArgumentError, match=r"x coordinate 2.0 should be in \[0, 1\]"):
        point_to_normalized_point({"x": 200, "y": 10}, img_width=100, img_height=100)
    with pytest.raises(InvalidArgumentError, match="both None or both not None"):
        normalized_point_to_point({"x": 0.1, "y": 0.1}, img_width=100)
    with pytest.raises(ValueError, match="origin_location must be"):
        point_to_normalized_point({"x": 0, "y": 0}, origin_location="center")  # type: ignore[arg-type]


@st.composite
def boxes(draw: Any) -> tuple[dict[str, dict[str, float]], int, int, str]:
    width, height, origin = draw(sizes), draw(sizes), draw(origins)
    x1, x2 = sorted((draw(unit) * width, draw(unit) * width))
    low, high = sorted((draw(unit) * height, draw(unit) * height))
    top, bottom = (low, high) if origin == "top_left" else (high, low)
    corners = {
        "bottom_left": {"x": x1, "y": bottom},
        "bottom_right": {"x": x2, "y": bottom},
        "top_right": {"x": x2, "y": top},
        "top_left": {"x": x1, "y": top},
    }
    return corners, width, height, origin


@settings(deadline=None)  # timing varies with machine load; results do not
@given(boxes())
def test_a_bounding_box_comes_back_from_its_normalized_vertices(box: Any) -> None:
    corners, width, height, origin = box

    vertices = bbox_points_to_normalized_vertices(
        **corners, img_width=width, img_height=height, origin_location=origin
    )
    back = normalized_vertices_to_bbox_points(vertices, width, height, origin)

    assert list(back) == ["bottom_left", "top_left", "top_right", "bottom_right"]
    assert all(close(back[name], corners[name]) for name in corners)  # type: ignore[index]
    top_left = vertices[1]
    assert top_left["y"] <= vertices[0]["y"]  # Kili's y axis points down


def test_misplaced_corners_and_wrong_vertex_counts_are_refused() -> None:
    corners = {
        "bottom_left": {"x": 5, "y": 0},
        "bottom_right": {"x": 1, "y": 0},
        "top_right": {"x": 10, "y": 10},
        "top_left": {"x": 0, "y": 10},
    }
    with pytest.raises(InvalidArgumentError, match=r"bottom_left.x must be <= bottom_right.x"):
        bbox_points_to_normalized_vertices(**corners)
    with pytest.raises(InvalidArgumentError, match=r"must have length 4\. Got 3\."):
        normalized_vertices_to_bbox_points([{"x": 0, "y": 0}] * 3)


@settings(deadline=None)  # timing varies with machine load; results do not
@given(
    left=st.integers(0, 40),
    top=st.integers(0, 40),
    width=st.integers(2, 40),
    height=st.integers(2, 40),
)
def test_a_rectangular_mask_comes_back_from_its_contour(
    left: int, top: int, width: int, height: int
) -> None:
    mask = np.zeros((90, 120), dtype=np.uint8)
    mask[top : top + height, left : left + width] = 255

    contours, hierarchy = mask_to_normalized_vertices(mask)

    assert len(contours) == 1
    assert hierarchy.shape == (1, 4)
    assert (normalized_vertices_to_mask(contours[0], 120, 90) == mask).all()


def test_a_hole_is_a_second_contour_below_the_first() -> None:
    mask = np.zeros((50, 50), dtype=np.uint8)
    mask[5:45, 5:45] = 255
    mask[20:30, 20:30] = 0

    contours, hierarchy = mask_to_normalized_vertices(mask)

    assert len(contours) == 2
    assert hierarchy[1][3] == 0  # the hole's parent is the outer contour


def test_masks_that_are_not_binary_2d_arrays_are_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="2D array, got 3D"):
        mask_to_normalized_vertices(np.zeros((2, 2, 3), dtype=np.uint8))
    with pytest.raises(InvalidArgumentError, match=r"values in \{0, 255\}, got \[0, 7\]"):
        mask_to_normalized_vertices(np.array([[0, 7]], dtype=np.uint8))


def test_without_opencv_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cv2", None)  # makes `import cv2` fail

    with pytest.raises(MissingExtraError, match=r"pip install 'kili\[image-utils\]'"):
        normalized_vertices_to_mask([{"x": 0, "y": 0}], 10, 10)
