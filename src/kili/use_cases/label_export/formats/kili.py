"""The Kili data format (`kili`, alias `raw`): one JSON per asset, or `data.json` for all.

As the official exporter writes it: `labels/<externalId>.json` (spaces turned into `_`),
each asset dumped with sorted keys and an indent of 4, or with `single_file` one
`data.json` holding the list of assets, streamed page by page; image, video and PDF labels
gain pixel coordinates (`formats.pixels`); downloaded media go to `assets/`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import ClassVar

from kili.domain.label_export import ExportOptions, ExportProject
from kili.use_cases.label_export.archive import ArchiveSink, Spool
from kili.use_cases.label_export.formats.base import Asset, FormatWriter
from kili.use_cases.label_export.formats.pixels import add_pixel_coordinates, labels_of
from kili.use_cases.media import safe_file_stem

PIXEL_INPUT_TYPES = frozenset({"IMAGE", "PDF", "VIDEO"})
_INDENT = b"    "


class KiliWriter(FormatWriter):
    """Write assets in the Kili data format."""

    media_folder: ClassVar[str] = "assets"

    def __init__(self, project: ExportProject, options: ExportOptions, sink: ArchiveSink) -> None:
        super().__init__(project, options, sink)
        self._spool = Spool() if options.single_file else None
        self._written = 0

    @classmethod
    def check_options(cls, options: ExportOptions) -> None:
        """Accept every option: the Kili format holds every job and layout."""

    def write_page(self, assets: Sequence[Asset]) -> None:
        """Write each asset's JSON, or append the assets to the spooled `data.json`."""
        for asset in assets:
            self._convert(asset)
            if self._spool is None:
                self.sink.add_bytes(self._label_path(asset), dump_asset(asset).encode("utf-8"))
            else:
                self._append_to_data_file(asset)
            self._written += 1

    def finish(self) -> None:
        """Close `data.json` and add it, or the empty `labels/` folder of an empty export."""
        if self._spool is not None:
            self._spool.write(b"\n]" if self._written else b"[]")
            with self.sink.open_member("data.json") as member:
                self._spool.copy_to(member)
            self._spool.close()
        elif not self._written:
            self.sink.add_directory("labels")

    def _label_path(self, asset: Asset) -> str:
        """`labels/<externalId>.json`; a second asset with that external id adds its id.

        The official exporter overwrites the first file with the second; both are kept here.
        """
        path = f"labels/{label_file_stem(asset)}.json"
        if self.sink.has_member(path):
            path = f"labels/{label_file_stem(asset)}_{safe_file_stem(str(asset.get('id')))}.json"
        return path

    def _append_to_data_file(self, asset: Asset) -> None:
        spool = self._spool
        if spool is None:
            return
        dumped = dump_asset(asset).encode("utf-8")
        spool.write(b"[\n" if self._written == 0 else b",\n")
        spool.write(_INDENT + dumped.replace(b"\n", b"\n" + _INDENT))

    def _convert(self, asset: Asset) -> None:
        if self.options.with_assets:
            self._point_at_archived_media(asset)
        if self.project.input_type in PIXEL_INPUT_TYPES:
            add_pixel_coordinates(asset, self.project)

    def _point_at_archived_media(self, asset: Asset) -> None:
        content = asset.get("content")
        if isinstance(content, str) and content and Path(content).is_file():
            asset["content"] = self.media_path(content)
        frames = asset.get("jsonContent")
        if isinstance(frames, list) and not any(isinstance(frame, dict) for frame in frames):
            asset["jsonContent"] = [
                self.media_path(str(frame))
                for frame in frames
                if isinstance(frame, str) and Path(frame).is_file()
            ]


def dump_asset(asset: Asset) -> str:
    """Serialize one asset as the official exporter does: sorted keys, indent 4.

    Video labels are keyed by frame index; the official exporter turns those keys into
    numbers first, so frames come out in numeric order (`"10"` after `"9"`).
    """
    for label in labels_of(asset):
        response = label.get("jsonResponse")
        if (
            isinstance(response, dict)
            and response
            and all(isinstance(key, str) and key.isdigit() for key in response)
        ):
            label["jsonResponse"] = {int(key): value for key, value in response.items()}
    return json.dumps(asset, sort_keys=True, indent=4)


def label_file_stem(asset: Asset) -> str:
    """Name of an asset's label file: its external id with `_` for spaces, kept in `labels/`.

    An external id that would climb out of the folder (`..`, an absolute path, a
    backslash) is replaced by a safe name derived from it.
    """
    name = str(asset.get("externalId") or asset.get("id") or "asset").replace(" ", "_")
    path = PurePosixPath(name)
    if (
        path.is_absolute()
        or "\\" in name
        or any(part in ("..", ".", "") for part in name.split("/"))
    ):
        return safe_file_stem(name)
    return str(path)
