"""The Pascal VOC writer: `labels/<asset>.xml` for each image, one per frame of a video.

As the official exporter, it writes the merged layout only (every box job in one file
per image), in pixels only, and needs each image's size: the asset's `resolution`, or
the header of its downloaded media (`with_assets=True`). Each file is written as soon
as its asset arrives; nothing is kept between pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kili.domain.label_export import ExportOptions, ExportProject
from kili.exceptions import NoCompatibleJobError, NotCompatibleOptions, NotExportableAssetError
from kili.use_cases.label_export.archive import ArchiveSink
from kili.use_cases.label_export.formats.base import Asset, FormatWriter, refuse_input_types
from kili.use_cases.label_export.formats.geotiff import refuse_geotiff
from kili.use_cases.label_export.formats.image_size import image_size
from kili.use_cases.label_export.formats.job_refusals import refused_jobs_sentence
from kili.use_cases.label_export.formats.pascal_voc_files import (
    voc_image_files,
    voc_job_refusal,
    voc_video_files,
)


class PascalVocWriter(FormatWriter):
    """Write the Pascal VOC archive."""

    media_folder = "images"

    def __init__(self, project: ExportProject, options: ExportOptions, sink: ArchiveSink) -> None:
        super().__init__(project, options, sink)
        self.jobs = list(self.compatible_jobs(project))
        sink.add_directory("labels")

    @classmethod
    def check_options(cls, options: ExportOptions) -> None:
        """Refuse a single file, the split layout and normalized coordinates."""
        if options.single_file:
            raise NotCompatibleOptions(
                "The Pascal VOC annotation format cannot be exported into a single file."
            )
        if options.layout != "merged":
            raise NotCompatibleOptions(
                "The current implementation only supports merged annotations."
            )
        if options.normalized_coordinates is True:
            raise NotCompatibleOptions(
                "The Pascal VOC annotation format does not support normalized coordinates."
            )

    @classmethod
    def check_project(cls, project: ExportProject, options: ExportOptions) -> None:
        """Refuse projects other than images and videos, and projects without a box job."""
        del options  # check_options has checked them
        refuse_input_types(project, ("IMAGE", "VIDEO"), "Pascal VOC")
        if not cls.compatible_jobs(project):
            raise NoCompatibleJobError(
                "Project needs at least one OBJECT_DETECTION task with bounding boxes. "
                + refused_jobs_sentence(project.jobs, voc_job_refusal)
            )

    @classmethod
    def is_job_compatible(cls, job: Mapping[str, Any]) -> bool:
        """Tell whether the job is an object detection with a rectangle tool."""
        return voc_job_refusal(job) is None

    def write_page(self, assets: Sequence[Asset]) -> None:
        """Write the XML files of each asset of the page."""
        for asset in assets:
            refuse_geotiff(asset, self.options.fmt)
            if self.project.input_type == "VIDEO":
                files = self._video_files(asset)
            else:
                media = _local_file(asset.get("content"))
                size = _size(asset, media)
                files = voc_image_files(asset, size, media.name if media else None, self.jobs)
            for path, data in files:
                self.sink.add_bytes(path, data)

    def _video_files(self, asset: Asset) -> list[tuple[str, bytes]]:
        frames = asset.get("jsonContent")
        first = _local_file(frames[0]) if isinstance(frames, list) and frames else None
        if first is None:
            raise NotExportableAssetError(
                f"Could not find the frames of video asset '{asset.get('externalId')}':"
                " Pascal VOC names and measures each frame, so export it with"
                " `with_assets=True` (videos need their frames, `jsonContent`)."
            )
        return voc_video_files(asset, _size(asset, first), first.suffix, self.jobs)


def _local_file(value: object) -> Path | None:
    """Return the downloaded media at `value`, or None when it is a URL or missing."""
    if isinstance(value, str) and value and "://" not in value and Path(value).is_file():
        return Path(value)
    return None


def _size(asset: Asset, media: Path | None) -> tuple[int, int]:
    """Return the image's size: its `resolution`, else the downloaded media's header."""
    resolution = asset.get("resolution")
    if isinstance(resolution, Mapping) and resolution.get("width") and resolution.get("height"):
        return int(resolution["width"]), int(resolution["height"])
    measured = image_size(media) if media else None
    if measured is None:
        raise NotExportableAssetError(
            f"Could not find dimensions for asset with externalId '{asset.get('externalId')}'."
            " Please use `kili.update_properties_in_assets()` to update the resolution of your"
            " asset. Or use `kili.export_labels(with_assets=True).`"
        )
    return measured
