"""Local copies of asset media: what to download, under which name, and where.

The gateway transfers the files; this module decides which URLs of an asset are media,
names each file after the asset's external id in a way that cannot leave the target
directory, and rewrites the asset to point at the local copies.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kili.use_cases.port import MediaGateway

FRAME_INPUT_TYPES = frozenset({"FRAME", "VIDEO"})
"""Input types whose assets may be a sequence of frame images listed in `jsonContent`."""

ASSETS_PER_DOWNLOAD_ROUND = 100
"""Assets whose media are downloaded together, in parallel, before they are yielded."""

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_STEM = 120


def default_media_dir(project_id: str) -> Path:
    """Return the per-project cache directory that holds downloaded media by default."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "kili" / "projects" / safe_file_stem(project_id) / "assets"


def safe_file_stem(name: str) -> str:
    """Turn `name` into a file name that stays in its directory on every platform.

    Characters other than letters, digits, `.`, `_` and `-` become `_`, and leading
    dots are dropped, so `../../etc/passwd` or `/etc/passwd` cannot climb out. When the
    name had to change, a short hash of the original keeps two different external ids
    from ending up under the same file name.
    """
    stem = _UNSAFE.sub("_", name).lstrip(".")[:_MAX_STEM]
    if stem == name and stem:
        return stem
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    return f"{stem or 'asset'}-{digest}"


class MediaDownloader:
    """Download the media of assets as they stream by, and point them at the copies.

    Args:
        gateway: Transfers the files.
        directory: Where the files go.
        input_type: The project's input type, which tells where media are listed.
    """

    def __init__(self, gateway: MediaGateway, directory: Path, input_type: str) -> None:
        self._gateway = gateway
        self._directory = directory
        self._input_type = input_type

    def localize(self, assets: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Yield `assets` with their media downloaded, a round of assets at a time."""
        rows = iter(assets)
        while chunk := list(islice(rows, ASSETS_PER_DOWNLOAD_ROUND)):
            yield from self._localize_round(chunk)

    def _localize_round(self, assets: list[dict[str, Any]]) -> list[dict[str, Any]]:
        jobs: list[tuple[str, Path, str]] = []
        targets: list[tuple[dict[str, Any], str, int | None]] = []  # where each path goes
        for asset in assets:
            stem = safe_file_stem(str(asset.get("externalId") or asset.get("id") or "asset"))
            frames = self._frame_urls(asset)
            if frames:
                asset["jsonContent"] = [None] * len(frames)
                width = len(str(len(frames)))
                for index, url in enumerate(frames):
                    jobs.append((url, self._directory, f"{stem}_{index + 1:0{width}d}"))
                    targets.append((asset, "jsonContent", index))
                continue
            if _is_url(asset.get("content")):
                jobs.append((asset["content"], self._directory, stem))
                targets.append((asset, "content", None))
            if self._input_type == "TEXT" and _is_url(asset.get("jsonContent")):
                jobs.append((asset["jsonContent"], self._directory, f"{stem}_json_content"))
                targets.append((asset, "jsonContent", None))
        paths = self._gateway.download_many_media(jobs) if jobs else []
        for (asset, key, position), path in zip(targets, paths, strict=True):
            if position is None:
                asset[key] = str(path)
            else:
                asset[key][position] = str(path)
        return assets

    def _frame_urls(self, asset: dict[str, Any]) -> list[str]:
        """Return the frame URLs of a video asset made of frames, in frame order."""
        if self._input_type not in FRAME_INPUT_TYPES:
            return []
        frames = asset.get("jsonContent")
        if _is_url(frames):
            frames = self._gateway.read_json_file(str(frames))
        if isinstance(frames, dict):
            ordered = sorted(frames.items(), key=lambda item: _frame_index(str(item[0])))
            frames = [url for _, url in ordered]
        if isinstance(frames, list) and frames and all(_is_url(url) for url in frames):
            return [str(url) for url in frames]
        return []


def _frame_index(key: str) -> tuple[int, str]:
    return (int(key), key) if key.isdigit() else (sys.maxsize, key)


def _is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))
