"""Convert points between pixel coordinates and Kili's normalized vertices.

Kili stores a point as ``{"x": ..., "y": ...}`` with both coordinates between 0 and 1,
the origin at the top left of the image and the y axis pointing down. The helpers here
take or give points in pixels (when the image size is given) or already normalized, with
the origin at the top left or, as many drawing libraries have it, at the bottom left.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from kili.exceptions import InvalidArgumentError

OriginLocation = Literal["top_left", "bottom_left"]
"""Where the origin of the other coordinate system is: ``"top_left"`` or ``"bottom_left"``."""


def _check_size(img_width: float | None, img_height: float | None) -> None:
    if (img_width is None) != (img_height is None):
        raise InvalidArgumentError("img_width and img_height must be both None or both not None.")
    for name, size in (("img_width", img_width), ("img_height", img_height)):
        if size is not None and not size > 0:
            raise InvalidArgumentError(f"{name} must be positive, got {size}")


def _check_origin(origin_location: str) -> None:
    if origin_location not in ("top_left", "bottom_left"):
        raise InvalidArgumentError(
            f"origin_location must be 'top_left' or 'bottom_left', got {origin_location!r}"
        )


def point_to_normalized_point(
    point: Mapping[str, float],
    img_width: float | None = None,
    img_height: float | None = None,
    origin_location: OriginLocation = "bottom_left",
) -> dict[Literal["x", "y"], float]:
    """Convert a point to a Kili normalized vertex, to build object detection annotations.

    Args:
        point: ``{"x": ..., "y": ...}``, in pixels when the image size is given, else
            already normalized to [0, 1].
        img_width: Width of the image the point is in, in pixels.
        img_height: Height of the image the point is in, in pixels.
        origin_location: Where the origin of `point`'s coordinates is.

    Returns:
        The normalized vertex: origin at the top left, y pointing down, both in [0, 1].

    Raises:
        InvalidArgumentError: Only one of the image sizes is given, or the point falls
            outside the image.
    """
    _check_size(img_width, img_height)
    _check_origin(origin_location)
    x, y = point["x"], point["y"]
    if img_width is not None and img_height is not None:
        x, y = x / img_width, y / img_height
    if origin_location == "bottom_left":
        y = 1 - y
    for axis, value in (("x", x), ("y", y)):
        if not 0 <= value <= 1:
            raise InvalidArgumentError(f"Point {axis} coordinate {value} should be in [0, 1].")
    return {"x": x, "y": y}


def normalized_point_to_point(
    point: Mapping[str, float],
    img_width: float | None = None,
    img_height: float | None = None,
    origin_location: OriginLocation = "bottom_left",
) -> dict[Literal["x", "y"], float]:
    """Convert a Kili normalized vertex to a point: the inverse of `point_to_normalized_point`.

    Args:
        point: A normalized vertex, as Kili labels hold it.
        img_width: Width of the image, to give the point in pixels; normalized if omitted.
        img_height: Height of the image, to give the point in pixels; normalized if omitted.
        origin_location: Where the origin of the returned point's coordinates is.

    Returns:
        ``{"x": ..., "y": ...}`` in pixels, or normalized when no image size is given.

    Raises:
        InvalidArgumentError: Only one of the image sizes is given.
    """
    _check_size(img_width, img_height)
    _check_origin(origin_location)
    x, y = point["x"], point["y"]
    if origin_location == "bottom_left":
        y = 1 - y
    return {"x": x * (img_width or 1), "y": y * (img_height or 1)}
