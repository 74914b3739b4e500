"""Convert between binary masks and the `normalizedVertices` of polygon and semantic labels.

These helpers use NumPy and OpenCV, which the ``image-utils`` extra installs
(``pip install 'kili[image-utils]'``). They are imported when a helper is called, so
importing this module costs nothing and works without them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kili.exceptions import InvalidArgumentError
from kili.utils.labels._extras import import_extra

EXTRA = "image-utils"


def _numpy_and_opencv(feature: str) -> tuple[Any, Any]:
    numpy = import_extra("numpy", EXTRA, feature)
    cv2 = import_extra("cv2", EXTRA, feature)
    return numpy, cv2


def mask_to_normalized_vertices(image: Any) -> tuple[list[list[dict[str, float]]], Any]:
    """Convert a binary mask to the contours of its shapes, as normalized vertices.

    The contours come from OpenCV's `findContours` (tree retrieval, simple chain
    approximation): the outer contour of each shape, then the contours of its holes.

    Args:
        image: A NumPy array of shape (height, width) holding only 0 and 255.

    Returns:
        The contours, each a list of normalized vertices, and OpenCV's hierarchy of the
        contours (which tells the holes from the outer contours).

    Raises:
        InvalidArgumentError: The array is not 2D or holds values other than 0 and 255.
        MissingExtraError: NumPy or OpenCV is not installed.
    """
    numpy, cv2 = _numpy_and_opencv("mask_to_normalized_vertices")
    if image.ndim != 2:
        raise InvalidArgumentError(f"Image should be a 2D array, got {image.ndim}D array")
    values = numpy.unique(image).tolist()
    if not all(value in (0, 255) for value in values):
        raise InvalidArgumentError(
            f"Image should be binary with values in {{0, 255}}, got {values}"
        )
    height, width = image.shape
    contours, hierarchy = cv2.findContours(
        image.astype(numpy.uint8), cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE
    )
    vertices = [
        [{"x": float(point[0][0]) / width, "y": float(point[0][1]) / height} for point in contour]
        for contour in contours
    ]
    return vertices, (hierarchy[0] if hierarchy is not None else numpy.empty((0, 4), int))


def normalized_vertices_to_mask(
    normalized_vertices: Sequence[Mapping[str, float]], img_width: int, img_height: int
) -> Any:
    """Draw a polygon given by normalized vertices as a binary mask: the inverse of above.

    Args:
        normalized_vertices: The polygon's vertices, as a label holds them.
        img_width: Width of the mask, in pixels.
        img_height: Height of the mask, in pixels.

    Returns:
        A NumPy array of shape (img_height, img_width): 255 inside the polygon, 0 outside.

    Raises:
        MissingExtraError: NumPy or OpenCV is not installed.
    """
    numpy, cv2 = _numpy_and_opencv("normalized_vertices_to_mask")
    mask = numpy.zeros((img_height, img_width), dtype=numpy.uint8)
    polygon = [
        [round(vertex["x"] * img_width), round(vertex["y"] * img_height)]
        for vertex in normalized_vertices
    ]
    cv2.fillPoly(mask, numpy.array([polygon], dtype=numpy.int32), 255)
    return mask
