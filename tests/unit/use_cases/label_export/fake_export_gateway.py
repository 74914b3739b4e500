"""An in-memory gateway for the export use case: one project, assets served page by page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from kili.domain.asset import AssetFilters
from kili.domain.project import ProjectFilters
from kili.domain.query import FieldPaths, QueryOptions
from kili.exceptions import NotFound


class InMemoryExportGateway:
    """Serve `project` and `assets`; record calls and how many assets were read at once.

    Args:
        project: The project row (`id`, `title`, `inputType`, `jsonInterface`...).
        assets: The asset rows, served lazily in pages of `page_size`.
        media: Bytes of each downloadable URL.
    """

    def __init__(
        self,
        project: dict[str, Any],
        assets: Sequence[dict[str, Any]],
        *,
        page_size: int = 500,
        media: dict[str, bytes] | None = None,
    ) -> None:
        self.project = project
        self.assets = assets
        self.page_size = page_size
        self.media = media or {}
        self.calls: list[str] = []
        self.pages_served = 0

    def list_projects(
        self, filters: ProjectFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        self.calls.append("list_projects")
        if filters.id != self.project["id"]:
            raise NotFound("no such project")
        yield {"dataConnections": [], **self.project}

    def list_assets(
        self, filters: AssetFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        self.calls.append("list_assets")
        for start in range(0, len(self.assets), self.page_size):
            self.pages_served += 1
            for row in self.assets[start : start + self.page_size]:
                yield _deep_copy(row)

    def download_many_media(self, downloads: Sequence[tuple[str, Path, str]]) -> list[Path]:
        self.calls.append("download_many_media")
        paths = []
        for url, directory, stem in downloads:
            path = directory / f"{stem}.png"
            path.write_bytes(self.media[url])
            paths.append(path)
        return paths

    def read_json_file(self, url: str) -> Any:
        self.calls.append("read_json_file")
        raise NotFound(url)


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _deep_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_deep_copy(item) for item in value]
    return value
