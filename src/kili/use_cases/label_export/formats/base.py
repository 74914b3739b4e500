"""What a format is to the export: a writer fed pages of assets, writing into an archive.

The export use case reads the assets a page at a time and hands each page, already in the
shape of the Kili data format (only the labels the export keeps, `author.name` filled,
media downloaded), to the format's writer; the writer converts and writes what it can at
once and keeps only what it must (COCO's category table, running ids) until `finish`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar

from kili.domain.label_export import ExportOptions, ExportProject
from kili.exceptions import NoCompatibleJobError, NotCompatibleInputType, NotCompatibleOptions
from kili.use_cases.label_export.archive import ArchiveSink, archive_path

Asset = dict[str, Any]
"""One exported asset, in the Kili data format (seed shape): `id`, `externalId`, `content`,
`jsonContent`, `resolution`, `pageResolutions`, `jsonMetadata`, `status` and the labels of
the export type (`latestLabel`, `latestLabels` or `labels`), each with `jsonResponse`,
`author` (`id`, `email`, `firstname`, `lastname`, `name`), `createdAt`, `labelType`..."""


class FormatWriter(ABC):
    """Convert pages of assets into files of the archive.

    A subclass declares what it accepts in the class attributes and `check_options` /
    `check_project`, converts a page in `write_page` and completes files in `finish`.

    Args:
        project: The exported project.
        options: The checked options.
        sink: The archive.
    """

    media_folder: ClassVar[str] = "images"
    """Folder of the archive where the media go when `with_assets=True`."""

    extra_asset_fields: ClassVar[tuple[str, ...]] = ()
    """Asset fields the format reads on top of the common ones."""

    def __init__(self, project: ExportProject, options: ExportOptions, sink: ArchiveSink) -> None:
        self.project = project
        self.options = options
        self.sink = sink

    @classmethod
    def check_options(cls, options: ExportOptions) -> None:
        """Refuse options the format cannot honour; called before any request.

        Raises:
            NotCompatibleOptions: the format refuses this combination.
        """
        if options.single_file:
            raise NotCompatibleOptions(
                f"The label format {options.fmt} can not be exported into a single file."
            )

    @classmethod
    def check_project(cls, project: ExportProject, options: ExportOptions) -> None:
        """Refuse a project the format cannot express; called before any asset is read.

        Raises:
            NotCompatibleInputType: the format does not handle the project's input type.
            NoCompatibleJobError: no job of the project can be written in this format.
        """
        del project, options

    @classmethod
    def is_job_compatible(cls, job: Mapping[str, Any]) -> bool:
        """Tell whether the format can express `job`; every job by default."""
        del job
        return True

    @classmethod
    def compatible_jobs(cls, project: ExportProject) -> dict[str, Mapping[str, Any]]:
        """The jobs of `project` this format writes, in json-interface order."""
        return {name: job for name, job in project.jobs.items() if cls.is_job_compatible(job)}

    @abstractmethod
    def write_page(self, assets: Sequence[Asset]) -> None:
        """Convert and write one page of assets (the page is not kept after this call)."""

    def finish(self) -> None:  # noqa: B027 - most formats have nothing left to write
        """Write what needs every page (a COCO file's closing, a class list)."""

    def media_path(self, local_path: str) -> str:
        """Archive path of a downloaded media, `<media_folder>/<file name>`."""
        return archive_path(self.media_folder, Path(local_path).name)


def refuse_input_types(project: ExportProject, allowed: tuple[str, ...], format_title: str) -> None:
    """Raise `NotCompatibleInputType` when the project's input type is not in `allowed`."""
    if project.input_type not in allowed:
        raise NotCompatibleInputType(
            f"Project with input type '{project.input_type}' not compatible with {format_title}"
            " export format."
        )


def refuse_without_jobs(jobs: Mapping[str, Any], message: str) -> None:
    """Raise `NoCompatibleJobError` with `message` when `jobs` is empty."""
    if not jobs:
        raise NoCompatibleJobError(message)


def posix(path: str | PurePosixPath) -> str:
    """Return `path` with `/` separators, as archive members are named."""
    return str(PurePosixPath(path))
