"""YOLO v4, v5, v7 and v8: one text file of normalized shapes per image or video frame.

Pure conversions, one asset at a time, that give the files of the official exporter
byte for byte: the class file (`classes.txt` for v4, `data.yaml` for the others), one
`labels/<external id>.txt` per image (per annotated frame on videos, named
`<external id>_<frame number>`), `video_meta.json` naming the frames of each video,
and the rows of `images/remote_assets.csv` when the media stay remote.

A line is `<class id> <centre x> <centre y> <width> <height>` for a box, and
`<class id> <x1> <y1> ... <xn> <yn>` for a polygon or a segmentation, every number a
fraction of the image written as Python's `str` writes a float (the official
exporter's own formatting, so both archives hold the same characters).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from kili.use_cases.label_export.formats.labels_of_asset import (
    label_suffix,
    labels_to_write,
    rotation_of,
)
from kili.use_cases.label_export.formats.pixels import unrotate

YOLO_TOOLS = ("rectangle", "polygon", "semantic")
"""The drawing tools a YOLO line can express; a job using any other one is left out."""

IMAGE_EXTENSIONS = frozenset({".jpeg", ".jpg", ".png", ".bmp", ".gif", ".webp", ".ico"})
REMOTE_ASSETS_HEADER = ("external id", "url", "label file")


def yolo_job_refusal(job: Mapping[str, Any]) -> str | None:
    """Say why a job cannot be written as YOLO lines, or return None when it can."""
    if job.get("mlTask") != "OBJECT_DETECTION":
        return f"its task is {job.get('mlTask')}, not OBJECT_DETECTION"
    if "tools" not in job:
        return "it has no drawing tools"
    others = [tool for tool in job["tools"] if tool not in YOLO_TOOLS]
    if others:
        return f"its tools {others} have no YOLO form (only {', '.join(YOLO_TOOLS)} do)"
    return None


@dataclass(frozen=True)
class YoloClass:
    """A category of a job, with the class id its YOLO lines carry."""

    class_id: int
    job_name: str
    category: str


@dataclass(frozen=True)
class YoloClassGroup:
    """The classes written under one folder: one job (`split`) or every job (`merged`).

    Attributes:
        folder: The folder of the class file and `labels/`, relative to the archive
            root ("" for the merged layout).
        classes: The classes by `<job>__<category>`, in json interface order.
    """

    folder: str
    classes: dict[str, YoloClass]

    @property
    def job_names(self) -> list[str]:
        """Return the jobs of the group, each once, in json interface order."""
        return list(dict.fromkeys(item.job_name for item in self.classes.values()))

    def path(self, *parts: str) -> str:
        """Return the archive path of a file of this group."""
        return str(PurePosixPath(self.folder, *parts)) if self.folder else "/".join(parts)


def full_name(job_name: str, category: str) -> str:
    """Return the key naming a category uniquely across jobs."""
    return f"{job_name}__{category}"


def yolo_class_groups(jobs: Mapping[str, Mapping[str, Any]], merged: bool) -> list[YoloClassGroup]:
    """Number the categories of the YOLO-compatible jobs, per job or across all of them.

    Args:
        jobs: The `jobs` of the project's json interface.
        merged: True for the merged layout (one numbering), False for one per job.

    Returns:
        The groups, empty when no job can be written.
    """
    compatible = {name: job for name, job in jobs.items() if yolo_job_refusal(job) is None}
    if merged:
        classes: dict[str, YoloClass] = {}
        for job_name, job in compatible.items():
            for category in job.get("content", {}).get("categories", {}):
                classes[full_name(job_name, category)] = YoloClass(len(classes), job_name, category)
        return [YoloClassGroup("", classes)] if classes else []
    return [
        YoloClassGroup(
            job_name,
            {
                full_name(job_name, category): YoloClass(index, job_name, category)
                for index, category in enumerate(job.get("content", {}).get("categories", {}))
            },
        )
        for job_name, job in compatible.items()
    ]


def yolo_class_file(fmt: str, group: YoloClassGroup, merged: bool) -> tuple[str, bytes]:
    """Return the name and bytes of the class file of `group` for a YOLO version."""
    names = [
        f"{item.job_name}/{item.category}" if merged else item.category
        for item in group.classes.values()
    ]
    if fmt == "yolo_v4":
        lines = "".join(
            f"{item.class_id} {name}\n"
            for item, name in zip(group.classes.values(), names, strict=True)
        )
        return "classes.txt", lines.encode()
    if fmt == "yolo_v5":
        lines = "".join(f"  {index}: {name}\n" for index, name in enumerate(names))
        return "data.yaml", f"names:\n{lines}".encode()
    quoted = ", ".join(f"'{name}'" for name in names)
    return "data.yaml", f"nc: {len(names)}\nnames: [{quoted}]\n".encode()


def yolo_shapes(
    json_response: Mapping[str, Any], job_name: str, classes: Mapping[str, YoloClass]
) -> list[tuple[float, ...]]:
    """Return the YOLO shapes of one job's annotations: `(class id, *numbers)` each.

    Annotations without a normalized `boundingPoly` (points, lines) have no YOLO form
    and are left out, as are categories the class numbering does not know.
    """
    job_response = json_response.get(job_name)
    if not isinstance(job_response, Mapping) or "annotations" not in job_response:
        return []
    rotation = rotation_of(json_response)
    shapes: list[tuple[float, ...]] = []
    for annotation in job_response["annotations"]:
        categories = annotation.get("categories") or []
        known = categories and classes.get(full_name(job_name, categories[0]["name"]))
        polygons = annotation.get("boundingPoly") or []
        if not known or not polygons or "normalizedVertices" not in polygons[0]:
            continue
        points = unrotate(polygons[0]["normalizedVertices"], rotation)
        if annotation.get("type") == "rectangle":
            xs, ys = [point["x"] for point in points], [point["y"] for point in points]
            x_min, y_min, x_max, y_max = min(xs), min(ys), max(xs), max(ys)
            shapes.append(
                (
                    known.class_id,
                    (x_min + x_max) / 2,
                    (y_min + y_max) / 2,
                    x_max - x_min,
                    y_max - y_min,
                )
            )
        elif annotation.get("type") in ("polygon", "semantic"):
            coordinates = [value for point in points for value in (point["x"], point["y"])]
            shapes.append((known.class_id, *coordinates))
    return shapes


def yolo_lines(json_response: Mapping[str, Any], group: YoloClassGroup) -> bytes:
    """Return the text of a YOLO label file: the shapes of every job of the group."""
    lines = []
    for job_name in group.job_names:
        for class_id, *numbers in yolo_shapes(json_response, job_name, group.classes):
            lines.append(f"{class_id} {' '.join(str(number) for number in numbers)}\n")
    return "".join(lines).encode()


def label_file_stem(name: str) -> str:
    """Drop an image extension from a file name, as the label file names do."""
    path = PurePosixPath(name)
    return str(path.with_suffix("")) if path.suffix in IMAGE_EXTENSIONS else name


@dataclass
class YoloAssetFiles:
    """The files one asset adds to one class group.

    Attributes:
        labels: `(archive path, bytes)` of each label file.
        video_frames: The frame names listed for the asset in `video_meta.json`.
        remote_rows: Rows of `remote_assets.csv` for media left remote.
    """

    labels: list[tuple[str, bytes]] = field(default_factory=list)
    video_frames: list[str] = field(default_factory=list)
    remote_rows: list[tuple[str, str, str]] = field(default_factory=list)


def _annotated_frames(
    json_response: Mapping[str, Any], job_names: Sequence[str]
) -> tuple[dict[int, Mapping[str, Any]], bool]:
    """Return the frames holding an annotation of the jobs, and whether the label has frames.

    A video label maps frame numbers ("0", "1", ...) to a frame's answers; a frame
    without any annotation of the group's jobs gets no file. A label without frames, or
    with none annotated, is written whole as frame -1 (one file for the asset).
    """
    frames: dict[int, Mapping[str, Any]] = {}
    has_frames = False
    for index in range(len(json_response)):
        frame = json_response.get(str(index))
        if frame is None:
            continue
        has_frames = True
        if isinstance(frame, Mapping) and any(
            isinstance(frame.get(job), Mapping) and frame[job].get("annotations")
            for job in job_names
        ):
            frames[index] = frame
    if not frames:
        frames[-1] = json_response
    return frames, has_frames


def yolo_asset_files(
    asset: Mapping[str, Any],
    group: YoloClassGroup,
    remote_media: bool,
) -> YoloAssetFiles:
    """Convert one asset into the files of one class group.

    Args:
        asset: The asset, with its `latestLabel` and/or `latestLabels`.
        group: The class group the files belong to.
        remote_media: True when the media stay out of the archive: each label file
            then gets a row naming the URL of its image or frame.

    Returns:
        The files, empty when the asset has no label to write.
    """
    files = YoloAssetFiles()
    labels = labels_to_write(asset)
    external_id = str(asset["externalId"])
    content_frames = asset.get("jsonContent")
    frame_urls = [str(url) for url in content_frames] if isinstance(content_frames, list) else []
    for label_index, label in enumerate(labels, start=1):
        suffix = label_suffix(label_index, len(labels))
        json_response = label.get("jsonResponse") or {}
        frames, has_frames = _annotated_frames(json_response, group.job_names)
        digits = len(str(len(json_response)))
        for index, frame in frames.items():
            name = external_id + suffix
            if has_frames:
                frame_name = f"{external_id}_{str(index + 1).zfill(digits)}"
                name = frame_name + suffix
                if label_index == 1:
                    files.video_frames.append(frame_name)
            label_name = f"{label_file_stem(name)}.txt"
            files.labels.append((group.path("labels", label_name), yolo_lines(frame, group)))
            if remote_media:
                known = -len(frame_urls) <= index < len(frame_urls)
                url = frame_urls[index] if known else str(asset.get("content", ""))
                files.remote_rows.append((external_id, url, label_name))
    return files


def video_meta_file(frames_by_video: Mapping[str, Sequence[str]]) -> bytes:
    """Return `video_meta.json`: the frame names of each video, by external id."""
    return json.dumps(frames_by_video, sort_keys=True, indent=4).encode("utf-8")
