"""Pixel coordinates beside the normalized ones, as the Kili format of the official SDK has them.

Image and video annotations of object-detection jobs gain `vertices` (in each
`boundingPoly`), `pointPixels` and `polylinePixels`, computed from the asset's
`resolution`; PDF annotations gain `vertices` per page from `pageResolutions`. A label
rotated by `ROTATION_JOB` is turned back first, and `ROTATION_JOB` is then dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kili.domain.label_export import ExportProject
from kili.exceptions import NotCompatibleOptions

ROTATION_JOB = "ROTATION_JOB"


def unrotate(vertices: list[dict[str, Any]], rotation: int) -> list[dict[str, Any]]:
    """Return normalized `vertices` as they were before the image was rotated by `rotation`."""
    turned = []
    for vertex in vertices:
        x, y = vertex["x"], vertex["y"]
        if rotation == 90:
            x, y = vertex["y"], 1 - vertex["x"]
        elif rotation == 180:
            x, y = 1 - vertex["x"], 1 - vertex["y"]
        elif rotation == 270:
            x, y = 1 - vertex["y"], vertex["x"]
        turned.append({"x": x, "y": y})
    return turned


def scale_vertices(value: Any, width: float, height: float) -> Any:
    """Scale every `{"x", "y"}` found in `value` (nested lists and dicts) to pixels."""
    if isinstance(value, list):
        return [scale_vertices(item, width, height) for item in value]
    if isinstance(value, dict):
        if sorted(value) == ["x", "y"]:
            return {"x": value["x"] * width, "y": value["y"] * height}
        return {key: scale_vertices(item, width, height) for key, item in value.items()}
    return value


def labels_of(asset: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Yield every label an exported asset carries, whatever the export type."""
    latest = asset.get("latestLabel")
    if isinstance(latest, dict):
        yield latest
    for key in ("labels", "latestLabels"):
        for label in asset.get(key) or []:
            if isinstance(label, dict):
                yield label


def add_pixel_coordinates(asset: dict[str, Any], project: ExportProject) -> None:
    """Add pixel coordinates to the labels of `asset` in place, then drop `ROTATION_JOB`."""
    for label in labels_of(asset):
        response = label.get("jsonResponse")
        if response:
            _scale_label(response, asset, project)
    for label in labels_of(asset):
        response = label.get("jsonResponse")
        if isinstance(response, dict):
            response.pop(ROTATION_JOB, None)


def _scale_label(response: dict[str, Any], asset: dict[str, Any], project: ExportProject) -> None:
    rotation_job = response.get(ROTATION_JOB)
    rotation = rotation_job.get("rotation", 0) if isinstance(rotation_job, dict) else 0
    if project.input_type == "PDF":
        if rotation in (90, 270):
            raise NotCompatibleOptions("PDF labels cannot be rotated")
        for annotation in _scalable_annotations(response, project):
            _scale_pdf_annotation(annotation, asset)
    elif project.input_type == "IMAGE":
        for annotation in _scalable_annotations(response, project):
            _scale_image_annotation(annotation, asset, rotation)
    elif project.input_type == "VIDEO":
        for frame in response.values():
            if isinstance(frame, dict) and frame:
                for annotation in _scalable_annotations(frame, project):
                    _scale_image_annotation(annotation, asset, rotation)


def _scalable_annotations(
    response: Mapping[str, Any], project: ExportProject
) -> Iterator[dict[str, Any]]:
    for job_name, answer in response.items():
        job = project.jobs.get(job_name)
        if job is None or not isinstance(answer, dict) or not answer.get("annotations"):
            continue
        task = job.get("mlTask")
        if task == "OBJECT_DETECTION" or (
            project.input_type == "PDF" and task == "NAMED_ENTITIES_RECOGNITION"
        ):
            yield from (a for a in answer["annotations"] if isinstance(a, dict))


def _scale_image_annotation(
    annotation: dict[str, Any], asset: dict[str, Any], rotation: int
) -> None:
    resolution = asset.get("resolution")
    if not isinstance(resolution, dict):
        return
    width, height = resolution["width"], resolution["height"]
    if "boundingPoly" in annotation:
        polygons = []
        for polygon in annotation["boundingPoly"]:
            normalized = unrotate(polygon["normalizedVertices"], rotation)
            polygons.append(
                {
                    "normalizedVertices": normalized,
                    "vertices": scale_vertices(normalized, width, height),
                }
            )
        annotation["boundingPoly"] = polygons
    if "point" in annotation:
        annotation["pointPixels"] = scale_vertices(annotation["point"], width, height)
    if "polyline" in annotation:
        annotation["polylinePixels"] = scale_vertices(annotation["polyline"], width, height)
    for point in annotation.get("points") or []:
        if isinstance(point, dict) and "point" in point:
            point["pointPixels"] = scale_vertices(point["point"], width, height)


def _scale_pdf_annotation(annotation: dict[str, Any], asset: dict[str, Any]) -> None:
    for nested in annotation.get("annotations") or []:
        _scale_pdf_annotation(nested, asset)
    if "polys" not in annotation or "boundingPoly" not in annotation:
        return
    try:
        pages = {
            page["pageNumber"]: (page["width"], page["height"]) for page in asset["pageResolutions"]
        }
    except (KeyError, TypeError) as error:
        raise NotCompatibleOptions(
            "PDF labels export with absolute coordinates require `pageResolutions` in the"
            " asset. Please use `kili.update_properties_in_assets(page_resolutions_array=...)`"
            " to update the page resolutions of your asset.`"
        ) from error
    for key in ("polys", "boundingPoly"):
        annotation[key] = [
            {**value, "vertices": scale_vertices(value["normalizedVertices"], *pages[page])}
            for value, page in zip(annotation[key], annotation["pageNumberArray"], strict=False)
        ]
