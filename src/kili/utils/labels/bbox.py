"""Convert bounding boxes between their four corners and Kili's `normalizedVertices`.

A rectangle annotation stores its corners in the order bottom left, top left, top right,
bottom right, normalized with the origin at the top left of the image (see
`kili.utils.labels.point` for the coordinate conventions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from kili.exceptions import InvalidArgumentError
from kili.utils.labels.point import (
    OriginLocation,
    normalized_point_to_point,
    point_to_normalized_point,
)

Corner = Literal["top_left", "bottom_left", "bottom_right", "top_right"]
_KILI_ORDER: tuple[Corner, ...] = ("bottom_left", "top_left", "top_right", "bottom_right")
"""The order of a rectangle's corners in its `normalizedVertices`."""


def _check_corners(corners: Mapping[str, Mapping[str, float]], origin_location: str) -> None:
    """Refuse corners that are not where their names say, before anything is converted."""
    bottom_left, bottom_right = corners["bottom_left"], corners["bottom_right"]
    top_left, top_right = corners["top_left"], corners["top_right"]
    if bottom_left["x"] > bottom_right["x"]:
        raise InvalidArgumentError("bottom_left.x must be <= bottom_right.x")
    if top_left["x"] > top_right["x"]:
        raise InvalidArgumentError("top_left.x must be <= top_right.x")
    up = 1 if origin_location == "bottom_left" else -1
    relation = "<=" if up == 1 else ">="
    if up * bottom_left["y"] > up * top_left["y"]:
        raise InvalidArgumentError(f"bottom_left.y must be {relation} top_left.y")
    if up * bottom_right["y"] > up * top_right["y"]:
        raise InvalidArgumentError(f"bottom_right.y must be {relation} top_right.y")


def bbox_points_to_normalized_vertices(
    *,
    bottom_left: Mapping[str, float],
    bottom_right: Mapping[str, float],
    top_right: Mapping[str, float],
    top_left: Mapping[str, float],
    img_width: float | None = None,
    img_height: float | None = None,
    origin_location: OriginLocation = "bottom_left",
) -> list[dict[Literal["x", "y"], float]]:
    """Convert a bounding box given by its four corners to a rectangle's `normalizedVertices`.

    Args:
        bottom_left: Bottom left corner, in pixels when the image size is given.
        bottom_right: Bottom right corner.
        top_right: Top right corner.
        top_left: Top left corner.
        img_width: Width of the image, in pixels; omit it for normalized corners.
        img_height: Height of the image, in pixels; omit it for normalized corners.
        origin_location: Where the origin of the corners' coordinates is.

    Returns:
        The normalized vertices, in Kili's order (bottom left, top left, top right,
        bottom right).

    Raises:
        InvalidArgumentError: The corners are not where their names say, only one image
            size is given, or a corner falls outside the image.

    Example:
        ```python
        from kili.utils.labels.bbox import bbox_points_to_normalized_vertices

        vertices = bbox_points_to_normalized_vertices(
            bottom_left={"x": 0, "y": 0}, bottom_right={"x": 10, "y": 0},
            top_right={"x": 10, "y": 10}, top_left={"x": 0, "y": 10},
            img_width=100, img_height=100,
        )
        annotation = {"boundingPoly": [{"normalizedVertices": vertices}], "type": "rectangle"}
        ```
    """
    corners = {
        "bottom_left": bottom_left,
        "bottom_right": bottom_right,
        "top_right": top_right,
        "top_left": top_left,
    }
    _check_corners(corners, origin_location)
    if (img_width is None) != (img_height is None):
        raise InvalidArgumentError("img_width and img_height must be both None or both not None.")
    return [
        point_to_normalized_point(
            corners[name],
            img_width=img_width,
            img_height=img_height,
            origin_location=origin_location,
        )
        for name in _KILI_ORDER
    ]


def normalized_vertices_to_bbox_points(
    normalized_vertices: Sequence[Mapping[str, float]],
    img_width: float | None = None,
    img_height: float | None = None,
    origin_location: OriginLocation = "bottom_left",
) -> dict[Corner, dict[Literal["x", "y"], float]]:
    """Convert a rectangle's `normalizedVertices` to its four corners: the inverse of above.

    Args:
        normalized_vertices: The four vertices of a rectangle annotation, in Kili's order.
        img_width: Width of the image, to give the corners in pixels.
        img_height: Height of the image, to give the corners in pixels.
        origin_location: Where the origin of the returned corners' coordinates is.

    Returns:
        The corners by name: ``"bottom_left"``, ``"top_left"``, ``"top_right"``,
        ``"bottom_right"``.

    Raises:
        InvalidArgumentError: There are not four vertices, or only one image size is given.
    """
    if len(normalized_vertices) != 4:
        raise InvalidArgumentError(
            f"normalized_vertices must have length 4. Got {len(normalized_vertices)}."
        )
    if (img_width is None) != (img_height is None):
        raise InvalidArgumentError("img_width and img_height must be both None or both not None.")
    return {
        name: normalized_point_to_point(
            vertex, img_width=img_width, img_height=img_height, origin_location=origin_location
        )
        for vertex, name in zip(normalized_vertices, _KILI_ORDER, strict=True)
    }
