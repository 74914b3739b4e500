"""The YOLO writers (v4, v5, v7, v8): label files as pages arrive, class files first.

Layout of the archive, as the official exporter writes it:

- `split`: `<job>/classes.txt` or `<job>/data.yaml`, `<job>/labels/<asset>.txt` for each
  compatible job, and `<job>/video_meta.json` when videos were split into frames;
- `merged`: the same at the archive's root, one numbering for every job;
- `images/`: the media (`with_assets=True`), or `images/remote_assets.csv` naming each
  label file's media URL (`with_assets=False`).

Every label file is written as soon as its asset arrives; the rows of the CSV are
spooled on disk and the frame names of videos (a few bytes per video) kept until the end.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from kili.domain.label_export import ExportOptions, ExportProject
from kili.exceptions import NoCompatibleJobError, NotCompatibleOptions, NotExportableAssetError
from kili.use_cases.label_export.archive import ArchiveSink, Spool
from kili.use_cases.label_export.formats.base import Asset, FormatWriter, refuse_input_types
from kili.use_cases.label_export.formats.geotiff import refuse_geotiff
from kili.use_cases.label_export.formats.job_refusals import refused_jobs_sentence
from kili.use_cases.label_export.formats.yolo_files import (
    REMOTE_ASSETS_HEADER,
    video_meta_file,
    yolo_asset_files,
    yolo_class_file,
    yolo_class_groups,
    yolo_job_refusal,
)


class YoloWriter(FormatWriter):
    """Write the YOLO archive of one version (`options.fmt`)."""

    media_folder = "images"

    def __init__(self, project: ExportProject, options: ExportOptions, sink: ArchiveSink) -> None:
        super().__init__(project, options, sink)
        self.merged = options.layout == "merged"
        self.groups = yolo_class_groups(project.jobs, merged=self.merged)
        self.video_frames: list[dict[str, list[str]]] = [{} for _ in self.groups]
        self.remote_rows = Spool()
        self.has_remote_rows = False
        for group in self.groups:
            name, data = yolo_class_file(options.fmt, group, self.merged)
            sink.add_bytes(group.path(name), data)
            sink.add_directory(group.path("labels"))

    @classmethod
    def check_options(cls, options: ExportOptions) -> None:
        """Refuse a single file and pixel coordinates, which YOLO has not."""
        super().check_options(options)
        if options.normalized_coordinates is False:
            raise NotCompatibleOptions(
                "The YOLO annotation format does not support pixel coordinates."
            )

    @classmethod
    def check_project(cls, project: ExportProject, options: ExportOptions) -> None:
        """Refuse projects other than images and videos, and projects without a box job."""
        refuse_input_types(project, ("IMAGE", "VIDEO"), "YOLO")
        refused = refused_jobs_sentence(project.jobs, yolo_job_refusal)
        if not cls.compatible_jobs(project):
            raise NoCompatibleJobError(f"Project needs at least one compatible job. {refused}")
        if not yolo_class_groups(project.jobs, merged=options.layout == "merged"):
            raise NoCompatibleJobError(
                f"Error: There is no job in project {project.id} that can be converted to the"
                f" {options.fmt} format. {refused}"
            )

    @classmethod
    def is_job_compatible(cls, job: Mapping[str, Any]) -> bool:
        """Tell whether every tool of the job has a YOLO form (boxes, polygons, masks)."""
        return yolo_job_refusal(job) is None

    def write_page(self, assets: Sequence[Asset]) -> None:
        """Write the label files of each asset of the page, for every class group."""
        for asset in assets:
            self._refuse_uncut_video(asset)
            refuse_geotiff(asset, self.options.fmt)
            for index, group in enumerate(self.groups):
                files = yolo_asset_files(asset, group, remote_media=not self.options.with_assets)
                for path, data in files.labels:
                    self.sink.add_bytes(path, data)
                if files.video_frames:
                    self.video_frames[index][str(asset["externalId"])] = files.video_frames
                if index == len(self.groups) - 1 and files.remote_rows:
                    # One CSV for the archive; the official exporter rewrites it for each
                    # job, so the last job's rows are those it keeps.
                    self._spool_rows(files.remote_rows)

    def finish(self) -> None:
        """Write `video_meta.json` of each group and `images/remote_assets.csv`."""
        for group, frames in zip(self.groups, self.video_frames, strict=True):
            if frames:
                self.sink.add_bytes(group.path("video_meta.json"), video_meta_file(frames))
        if self.has_remote_rows:
            with self.sink.open_member("images/remote_assets.csv") as member:
                self.remote_rows.copy_to(member)
        self.remote_rows.close()

    def _spool_rows(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """Append rows of `remote_assets.csv` on disk: they grow with the project."""
        text = io.StringIO()
        writer = csv.writer(text)
        if not self.has_remote_rows:
            writer.writerow(REMOTE_ASSETS_HEADER)
            self.has_remote_rows = True
        writer.writerows(rows)
        self.remote_rows.write(text.getvalue().encode("utf8"))

    def _refuse_uncut_video(self, asset: Asset) -> None:
        """Refuse a downloaded video that has no frames: cutting it is not supported."""
        if (
            self.project.input_type == "VIDEO"
            and self.options.with_assets
            and not isinstance(asset.get("jsonContent"), list)
        ):
            raise NotExportableAssetError(
                f"Asset '{asset.get('externalId')}' is a video without frames: its frames"
                " cannot be cut here. Export it with `with_assets=False` to get its labels"
                " frame by frame and the video's URL."
            )
