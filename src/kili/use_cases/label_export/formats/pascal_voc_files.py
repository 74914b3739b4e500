"""Pascal VOC: one XML file of pixel boxes per image, or per frame of a video.

Pure conversions, one asset at a time, giving the official exporter's files byte for
byte: `labels/<external id>.xml` for an image, `labels/<external id>_<frame>.xml` for
each frame of a video (every frame of the label, annotated or not). The XML is the
official one: `annotation` with `folder`, `filename`, `path`, `source/database`,
`size` (width, height, depth 3), `segmented`, then an `object` per category of each
box (`name`, `job_name`, `pose`, `truncated`, `difficult`, `occluded`, `bndbox` with
`xmin`, `xmax`, `ymin`, `ymax` in pixels rounded half to even), pretty-printed by
`xml.dom.minidom` with three-space indents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree import ElementTree

from kili.use_cases.label_export.formats.labels_of_asset import (
    label_suffix,
    labels_to_write,
    rotation_of,
)
from kili.use_cases.label_export.formats.pixels import unrotate


def voc_job_refusal(job: Mapping[str, Any]) -> str | None:
    """Say why a job cannot be written as Pascal VOC boxes, or return None when it can."""
    if job.get("mlTask") != "OBJECT_DETECTION":
        return f"its task is {job.get('mlTask')}, not OBJECT_DETECTION"
    if "tools" not in job:
        return "it has no drawing tools"
    if "rectangle" not in job["tools"]:
        return f"its tools {list(job['tools'])} have no rectangle"
    return None


def _sub(parent: ElementTree.Element, tag: str, text: str | None = None) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, tag)
    element.text = text
    return element


def _header(root: ElementTree.Element, width: int, height: int, filename: str) -> None:
    _sub(root, "folder", "")
    _sub(root, "filename", filename)
    _sub(root, "path", "")
    _sub(_sub(root, "source"), "database", "Kili Technology")
    size = _sub(root, "size")
    _sub(size, "width", str(width))
    _sub(size, "height", str(height))
    _sub(size, "depth", "3")
    # The official file leaves `segmented` empty (it sets the number 0, which the
    # serializer drops): kept so that both archives hold the same XML.
    _sub(root, "segmented")


def _box(
    root: ElementTree.Element,
    job_name: str,
    category: str,
    corners: tuple[int, int, int, int],
) -> None:
    item = _sub(root, "object")
    _sub(item, "name", category)
    _sub(item, "job_name", job_name)
    _sub(item, "pose", "Unspecified")
    for flag in ("truncated", "difficult", "occluded"):
        _sub(item, flag, "0")
    box = _sub(item, "bndbox")
    for tag, value in zip(("xmin", "xmax", "ymin", "ymax"), corners, strict=True):
        _sub(box, tag, str(value))


def voc_xml(
    json_response: Mapping[str, Any],
    width: int,
    height: int,
    filename: str,
    jobs: Sequence[str],
) -> bytes:
    """Return the Pascal VOC file of one image (or frame) and its label's answers.

    Args:
        json_response: The label's answers for this image or frame.
        width: The image's width in pixels.
        height: The image's height in pixels.
        filename: The media file name the XML names.
        jobs: The jobs whose annotations are written (those with a rectangle tool).
    """
    root = ElementTree.Element("annotation")
    _header(root, width, height, filename)
    rotation = rotation_of(json_response)
    for job_name, job_response in json_response.items():
        if job_name not in jobs or not isinstance(job_response, Mapping):
            continue
        for annotation in job_response.get("annotations", []):
            polygons = annotation.get("boundingPoly") or []
            if not polygons:
                continue
            points = unrotate(polygons[0]["normalizedVertices"], rotation)
            xs = [point["x"] * width for point in points]
            ys = [point["y"] * height for point in points]
            corners = (round(min(xs)), round(max(xs)), round(min(ys)), round(max(ys)))
            for category in annotation.get("categories", []):
                _box(root, job_name, category["name"], corners)
    from xml.dom import minidom  # only an export to Pascal VOC pays for its import

    pretty = minidom.parseString(ElementTree.tostring(root)).toprettyxml(indent="   ")
    return f"{pretty}\n".encode()


def voc_image_files(
    asset: Mapping[str, Any],
    size: tuple[int, int],
    media_name: str | None,
    jobs: Sequence[str],
) -> list[tuple[str, bytes]]:
    """Return the `(archive path, bytes)` of the XML files of an image asset.

    Args:
        asset: The asset, with its `latestLabel` and/or `latestLabels`.
        size: The image's width and height in pixels.
        media_name: The file name of the image in the archive, or None when the media
            stay remote (the XML then names the external id).
        jobs: The jobs whose annotations are written.
    """
    labels = labels_to_write(asset)
    external_id = str(asset["externalId"])
    files = []
    for index, label in enumerate(labels, start=1):
        xml = voc_xml(label.get("jsonResponse") or {}, *size, media_name or external_id, jobs)
        files.append((f"labels/{external_id}{label_suffix(index, len(labels))}.xml", xml))
    return files


def voc_video_files(
    asset: Mapping[str, Any],
    size: tuple[int, int],
    frame_extension: str,
    jobs: Sequence[str],
) -> list[tuple[str, bytes]]:
    """Return the `(archive path, bytes)` of the XML files of each frame of a video asset.

    Args:
        asset: The asset, with its `latestLabel` and/or `latestLabels`.
        size: The frames' width and height in pixels.
        frame_extension: The extension of the frame files (".jpg"), named in each XML.
        jobs: The jobs whose annotations are written.
    """
    labels = labels_to_write(asset)
    external_id = str(asset["externalId"])
    files = []
    for index, label in enumerate(labels, start=1):
        frames: Mapping[str, Any] = label.get("jsonResponse") or {}
        digits = len(str(len(frames)))
        suffix = label_suffix(index, len(labels))
        for frame_id, frame in frames.items():
            name = f"{external_id}_{str(int(frame_id) + 1).zfill(digits)}{suffix}"
            xml = voc_xml(frame or {}, *size, f"{name}{frame_extension}", jobs)
            files.append((f"labels/{name}.xml", xml))
    return files
