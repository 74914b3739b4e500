"""COCO: `labels.json` per object-detection job (`split`) or one for all (`merged`).

As the official exporter writes it: categories numbered in json-interface order per job
(merged: jobs and category ids sorted, one running id), one image per asset (per label
when an asset has several latest labels, external id suffixed `_label<n>`), numbered from
0 in export order, annotations numbered from 1 per file, `bbox` rounded to pixels,
`segmentation` the polygon then its holes, `area` rounded then minus the holes.
Images and annotations are spooled to disk page by page and assembled in `finish`, so a
COCO file never sits in memory.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from kili.domain.label_export import ExportOptions, ExportProject
from kili.exceptions import NotCompatibleOptions, NotExportableAssetError
from kili.use_cases.label_export.archive import ArchiveSink, Spool
from kili.use_cases.label_export.formats.base import (
    Asset,
    FormatWriter,
    refuse_input_types,
    refuse_without_jobs,
)
from kili.use_cases.label_export.formats.coco_geometry import coco_geometry
from kili.use_cases.label_export.formats.image_size import image_size

DATA_FOLDER = "data"


@dataclass
class _CocoFile:
    """One `labels.json` being written: its jobs, category ids and spooled lists."""

    path: str
    jobs: tuple[str, ...]
    category_ids: dict[str, dict[str, int]]
    images: Spool = field(default_factory=Spool)
    annotations: Spool = field(default_factory=Spool)
    image_count: int = 0
    annotation_count: int = 0
    last_annotation_id: int = 0

    def add_image(self, image: Mapping[str, Any]) -> None:
        self.images.write((", " if self.image_count else "").encode() + _dump(image))
        self.image_count += 1

    def add_annotation(self, annotation: Mapping[str, Any]) -> None:
        prefix = ", " if self.annotation_count else ""
        self.annotations.write(prefix.encode() + _dump(annotation))
        self.annotation_count += 1


class CocoWriter(FormatWriter):
    """Write COCO files for the rectangle and segmentation jobs of image projects."""

    media_folder: ClassVar[str] = DATA_FOLDER

    def __init__(self, project: ExportProject, options: ExportOptions, sink: ArchiveSink) -> None:
        super().__init__(project, options, sink)
        jobs = self.compatible_jobs(project)
        if options.layout == "merged":
            self._files = [_CocoFile("labels.json", tuple(jobs), merged_category_ids(jobs))]
        else:
            self._files = [
                _CocoFile(f"{name}/labels.json", (name,), {name: split_category_ids(job)})
                for name, job in jobs.items()
            ]
        self._next_image_id = 0

    @classmethod
    def check_options(cls, options: ExportOptions) -> None:
        """Refuse normalized coordinates; a single file is what COCO writes anyway."""
        if options.normalized_coordinates is True:
            raise NotCompatibleOptions(
                "The COCO annotation format does not support normalized coordinates."
            )

    @classmethod
    def check_project(cls, project: ExportProject, options: ExportOptions) -> None:
        """Refuse projects other than image ones, or without rectangle/segmentation job."""
        del options
        refuse_input_types(project, ("IMAGE",), "COCO")
        refuse_without_jobs(
            cls.compatible_jobs(project),
            "Project needs at least one JobMLTask.OBJECT_DETECTION task with bounding boxes"
            " or segmentations.",
        )

    @classmethod
    def is_job_compatible(cls, job: Mapping[str, Any]) -> bool:
        """Object-detection jobs with the rectangle or semantic tool."""
        tools = job.get("tools") or []
        return job.get("mlTask") == "OBJECT_DETECTION" and (
            "rectangle" in tools or "semantic" in tools
        )

    def write_page(self, assets: Sequence[Asset]) -> None:
        """Add the images and annotations of one page to every COCO file."""
        for asset in assets:
            for external_id, label in _images_of(asset):
                self._write_image(asset, external_id, label)

    def finish(self) -> None:
        """Assemble each COCO file: header, categories, then the spooled lists."""
        info = {
            "year": time.strftime("%Y"),
            "version": "1.0",
            "description": f"{self.project.title} - Exported from Kili Python Client",
            "contributor": "Kili Technology",
            "url": "https://kili-technology.com",
            "date_created": datetime.now().isoformat(),
        }
        for coco in self._files:
            categories = coco_categories(
                coco.category_ids, merged=len(self._files) == 1 and self.options.layout == "merged"
            )
            head = f'{{"info": {json.dumps(info)}, "licenses": [], "categories": '
            with self.sink.open_member(coco.path) as member:
                member.write(head.encode() + _dump(categories) + b', "images": [')
                coco.images.copy_to(member)
                member.write(b'], "annotations": [')
                coco.annotations.copy_to(member)
                member.write(b"]}")
            coco.images.close()
            coco.annotations.close()

    def _write_image(self, asset: Asset, external_id: str, label: Mapping[str, Any]) -> None:
        width, height = self._dimensions(asset)
        content = asset.get("content")
        if isinstance(content, str) and content and Path(content).is_file():
            file_name = f"{DATA_FOLDER}/{Path(content).name}"
        else:
            file_name = f"{DATA_FOLDER}/{external_id}"
        image = {
            "id": self._next_image_id,
            "license": 0,
            "file_name": file_name,
            "height": height,
            "width": width,
            "date_captured": None,
        }
        self._next_image_id += 1
        response = label.get("jsonResponse") or {}
        rotation_job = response.get("ROTATION_JOB")
        rotation = rotation_job.get("rotation", 0) if isinstance(rotation_job, dict) else 0
        for coco in self._files:
            coco.add_image(image)
            for job_name in coco.jobs:
                answer = response.get(job_name)
                if isinstance(answer, dict):
                    self._write_annotations(
                        coco, job_name, answer.get("annotations") or [], image, rotation
                    )

    def _write_annotations(
        self,
        coco: _CocoFile,
        job_name: str,
        annotations: Sequence[Any],
        image: dict[str, Any],
        rotation: int,
    ) -> None:
        for annotation in annotations:
            coco.last_annotation_id += 1
            if not annotation or not annotation.get("boundingPoly"):
                continue
            area, bbox, segmentation = coco_geometry(
                annotation["boundingPoly"], image["width"], image["height"], rotation
            )
            if len(segmentation[0]) < 6 or (bbox[2] == 0 and bbox[3] == 0):
                continue
            category = annotation["categories"][0]["name"]
            coco_annotation: dict[str, Any] = {
                "id": coco.last_annotation_id,
                "image_id": image["id"],
                "category_id": coco.category_ids[job_name][category],
                "bbox": bbox,
                "segmentation": segmentation,
                "area": area,
                "iscrowd": 0,
            }
            if self.options.annotation_modifier is not None:
                coco_annotation = self.options.annotation_modifier(
                    dict(coco_annotation), dict(image), annotation
                )
            coco.add_annotation(coco_annotation)

    def _dimensions(self, asset: Asset) -> tuple[Any, Any]:
        resolution = asset.get("resolution")
        if isinstance(resolution, dict):
            return resolution["width"], resolution["height"]
        content = asset.get("content")
        if isinstance(content, str) and content and Path(content).is_file():
            size = image_size(Path(content))
            if size is not None:
                return size
        raise NotExportableAssetError(
            f"Could not find dimensions for asset with externalId '{asset.get('externalId')}'."
            " Please use `kili.update_properties_in_assets()` to update the resolution of your"
            " asset. Or use `kili.export_labels(with_assets=True).`"
        )


def _images_of(asset: Asset) -> list[tuple[str, Mapping[str, Any]]]:
    """One `(external id, label)` per image: several latest labels make several images."""
    labels: list[Mapping[str, Any]] = []
    if isinstance(asset.get("latestLabel"), dict):
        labels.append(asset["latestLabel"])
    labels.extend(label for label in asset.get("latestLabels") or [] if isinstance(label, dict))
    external_id = str(asset.get("externalId"))
    if len(labels) == 1:
        return [(external_id, labels[0])]
    return [(f"{external_id}_label{index}", label) for index, label in enumerate(labels, 1)]


def split_category_ids(job: Mapping[str, Any]) -> dict[str, int]:
    """COCO ids of one job's categories: 0, 1... in json-interface order."""
    categories = (job.get("content") or {}).get("categories") or {}
    return {str(name): index for index, name in enumerate(categories)}


def merged_category_ids(jobs: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """COCO ids of every job's categories: jobs sorted by name, categories sorted, one count."""
    ids: dict[str, dict[str, int]] = {}
    offset = 0
    for job_name in sorted(jobs):
        names = sorted(
            str(name) for name in (jobs[job_name].get("content") or {}).get("categories") or {}
        )
        ids[job_name] = {name: offset + index for index, name in enumerate(names)}
        offset += len(names)
    return ids


def coco_categories(
    category_ids: Mapping[str, Mapping[str, int]], *, merged: bool
) -> list[dict[str, Any]]:
    """The `categories` list: by job name, then by COCO id."""
    return [
        {"id": coco_id, "name": f"{job_name}/{name}" if merged else name, "supercategory": job_name}
        for job_name in sorted(category_ids)
        for name, coco_id in sorted(category_ids[job_name].items(), key=lambda item: item[1])
    ]


def _dump(value: Any) -> bytes:
    return json.dumps(value).encode("utf-8")
