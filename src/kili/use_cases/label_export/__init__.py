"""Export the labels of a project into an archive, a page of assets at a time.

The export checks everything it can before any request (format, options, destination),
reads the project, lets the format refuse it, then streams the assets: each page is
filtered to the labels the export keeps, its media downloaded if asked, handed to the
format's writer and forgotten. The archive is a temporary file beside the target, moved
in place once complete and removed if anything fails, so no half-written archive is
ever left where the user looks for one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from kili.domain.asset import AssetFilters, AssetsByExternalId
from kili.domain.label_export import ExportOptions, ExportProject, LabelExport
from kili.domain.project import ProjectId
from kili.domain.query import QueryOptions
from kili.exceptions import (
    ExportDestinationError,
    NotCompatibleOptions,
    NothingToExportError,
)
from kili.use_cases.asset_resolution import resolve_assets
from kili.use_cases.label_export.archive import ArchiveSink, ZipArchive
from kili.use_cases.label_export.formats import FORMAT_WRITERS, FormatWriter
from kili.use_cases.label_export.labels import asset_fields, exported_assets
from kili.use_cases.media import MediaDownloader
from kili.use_cases.port import LabelExportGateway
from kili.use_cases.project_lookup import project_by_id
from kili.use_cases.step_resolution import asset_filters_with_steps_by_id

ASSETS_PER_PAGE = 100
"""Assets handed to the format's writer at once; memory holds about one page."""

_PROJECT_FIELDS = ("id", "title", "description", "inputType", "jsonInterface", "geospatialSettings")


def writer_class(options: ExportOptions) -> type[FormatWriter]:
    """Return the writer of `options.fmt` after it checked the options; no request is sent.

    Raises:
        NotCompatibleOptions: unknown format or layout, or options the format refuses.
    """
    writer = FORMAT_WRITERS.get(options.fmt)
    if writer is None:
        known = ", ".join(sorted(FORMAT_WRITERS))
        raise NotCompatibleOptions(
            f'Label format "{options.fmt}" is not implemented or does not exist'
            f" (available: {known})."
        )
    if options.layout not in ("split", "merged"):
        raise NotCompatibleOptions(f"Unknown layout {options.layout!r}: use 'split' or 'merged'.")
    writer.check_options(options)
    return writer


def check_destination(filename: str) -> Path:
    """Return the archive path once its directory is known to exist and be writable.

    Raises:
        ExportDestinationError: the directory is missing, not a directory, or read-only,
            or the path names a directory.
    """
    target = Path(filename).expanduser()
    directory = target.parent
    if not directory.is_dir():
        raise ExportDestinationError(
            f"Cannot write the export to {str(target)!r}: the directory {str(directory)!r}"
            " does not exist."
        )
    if target.is_dir():
        raise ExportDestinationError(f"Cannot write the export to {str(target)!r}: a directory.")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise ExportDestinationError(
            f"Cannot write the export to {str(target)!r}: the directory is not writable."
        )
    return target


class LabelExportUseCase:
    """Write the archive of one export.

    Args:
        gateway: Reads the project and its assets, downloads media.
    """

    def __init__(self, gateway: LabelExportGateway) -> None:
        self._gateway = gateway

    def export(self, export: LabelExport, *, disable_tqdm: bool) -> None:
        """Write the archive `export` describes, or raise before leaving any file.

        Raises:
            NotCompatibleOptions: options the format or the project refuse.
            NotCompatibleInputType: a project input type the format cannot express.
            NoCompatibleJobError: no job of the project fits the format.
            ExportDestinationError: the archive cannot be written where asked.
            NothingToExportError: no selected asset has a label to export.
            NotFound: the project does not exist or is not visible, or an external id
                matches no asset of it.
        """
        options = export.options
        writer_type = writer_class(options)
        target = check_destination(export.filename)
        project = self._read_project(export.project_id, options)
        writer_type.check_project(project, options)
        export = replace(export, filters=self._with_designated_assets(export))
        with ZipArchive(target) as archive:
            written = self._write_assets(writer_type, project, export, archive, disable_tqdm)
            if written == 0:
                raise NothingToExportError(
                    f"No asset of project {project.id} selected by the export has a label of"
                    f" type {', '.join(options.label_type_in) or 'any'} to export."
                )
            archive.add_bytes("README.kili.txt", readme(project, options, datetime.now()))

    def _with_designated_assets(self, export: LabelExport) -> AssetFilters:
        """Return the export's filters with external ids resolved and steps given by id.

        External ids are resolved up front so that one naming no asset is an error, as it
        is for every other method taking external ids, rather than an empty export.

        Raises:
            NotFound: some external ids match no asset of the project, or several.
        """
        filters = asset_filters_with_steps_by_id(self._gateway, export.filters)
        if not export.external_ids:
            return filters
        designation = AssetsByExternalId(export.external_ids, filters.project_id)
        return replace(filters, asset_id_in=tuple(resolve_assets(self._gateway, designation)))

    def _read_project(self, project_id: str, options: ExportOptions) -> ExportProject:
        fields = _PROJECT_FIELDS + (("dataConnections.id",) if options.with_assets else ())
        row = project_by_id(self._gateway, ProjectId(project_id), fields)
        if options.with_assets and row.get("dataConnections"):
            raise NotCompatibleOptions(
                "Export with download of assets is not allowed on projects with data connections."
                " Please disable the download of assets by setting `with_assets=False`."
            )
        return ExportProject(
            id=str(row["id"]),
            title=str(row.get("title") or ""),
            description=str(row.get("description") or ""),
            input_type=str(row.get("inputType") or ""),
            json_interface=row.get("jsonInterface") or {},
            geospatial_settings=row.get("geospatialSettings"),
        )

    def _write_assets(
        self,
        writer_type: type[FormatWriter],
        project: ExportProject,
        export: LabelExport,
        archive: ZipArchive,
        disable_tqdm: bool,
    ) -> int:
        options = export.options
        writer = writer_type(project, options, archive)
        fields = asset_fields(options.export_type, writer_type.extra_asset_fields)
        rows = self._gateway.list_assets(
            export.filters, fields, QueryOptions(disable_tqdm=disable_tqdm)
        )
        assets = exported_assets(rows, options)
        written = 0
        with tempfile.TemporaryDirectory(prefix="kili-export-") as media_dir:
            if options.with_assets:
                downloader = MediaDownloader(self._gateway, Path(media_dir), project.input_type)
                assets = (named_after_external_id(a) for a in downloader.localize(assets))
            for page in pages(assets, ASSETS_PER_PAGE):
                media = [path for asset in page for path in local_media(asset)]
                writer.write_page(page)
                add_media(archive, writer, media)
                written += len(page)
            writer.finish()
        return written


def pages(assets: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """Cut `assets` into lists of `size`, lazily."""
    rows = iter(assets)
    while page := list(islice(rows, size)):
        yield page


def local_media(asset: dict[str, Any]) -> list[Path]:
    """Return the downloaded media files of `asset` (its content, or its frames)."""
    candidates: list[Any] = [asset.get("content")]
    frames = asset.get("jsonContent")
    if isinstance(frames, list):
        candidates.extend(frames)
    elif isinstance(frames, str):
        candidates.append(frames)
    return [
        Path(value)
        for value in candidates
        if isinstance(value, str)
        and value
        and not value.startswith(("http://", "https://"))
        and Path(value).is_file()
    ]


def named_after_external_id(asset: dict[str, Any]) -> dict[str, Any]:
    """Rename a downloaded content file after the asset's external id, as the official archive.

    The download names files safely for any directory; in the archive the official
    exporter keeps the external id as it is (`image 1.png`). It is kept too, unless it
    could leave the media folder (a separator, a leading dot, a control character).
    """
    content = asset.get("content")
    if not isinstance(content, str) or not content or content.startswith(("http://", "https://")):
        return asset
    local = Path(content)
    external_id = str(asset.get("externalId") or "")
    if not local.is_file() or not _is_plain_file_name(external_id):
        return asset
    renamed = local.with_name(external_id + local.suffix)
    if renamed != local and not renamed.exists():
        local.rename(renamed)
        asset["content"] = str(renamed)
    return asset


def _is_plain_file_name(name: str) -> bool:
    return (
        bool(name)
        and not name.startswith(".")
        and not any(char in name for char in "/\\\0")
        and all(char.isprintable() for char in name)
        and len(name) <= 200
    )


def add_media(sink: ArchiveSink, writer: FormatWriter, files: Sequence[Path]) -> None:
    """Move downloaded media into the writer's media folder of the archive."""
    for file in files:
        path = writer.media_path(str(file))
        if not sink.has_member(path):
            sink.add_file(path, file)
        file.unlink(missing_ok=True)


def readme(project: ExportProject, options: ExportOptions, now: datetime) -> bytes:
    """Return the `README.kili.txt` of the official archives."""
    lines = [
        "Exported Labels from KILI",
        "=========================",
        "",
        f"- Project name: {project.title}",
        f"- Project identifier: {project.id}",
        f"- Project description: {project.description}",
        f"- Export date: {now.strftime(r'%Y%m%d-%H%M%S')}",
        f"- Exported format: {options.fmt}",
        f"- Exported labels: {options.export_type}",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")
