"""In-memory fakes of the adapters, for unit tests.

`InMemoryFiles` implements the file half of the `Transport` port; the fakes below add
the GraphQL half. Each satisfies `kili.adapters.port.Transport` structurally, so the
real gateway runs on them unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kili.adapters.port import FileDownload, WebSocketTarget


class InMemoryFiles:
    """The file side of a transport: remembers uploads, serves downloads from a dict.

    Attributes:
        endpoint: The GraphQL endpoint the fake pretends to serve.
        uploads: `(signed_url, path)` of every upload, in order.
        remote_files: Bytes served for each URL, for downloads and JSON reads.
        closed: Whether `close()` was called.
    """

    endpoint = "https://kili.example/api/label/v2/graphql"

    def __init__(self) -> None:
        self.uploads: list[tuple[str, Path]] = []
        self.remote_files: dict[str, bytes] = {}
        self.closed = False

    def upload_files(self, signed_urls: Sequence[str], paths: Sequence[Path]) -> list[str]:
        self.uploads.extend(zip(signed_urls, paths, strict=True))
        return list(signed_urls)

    def download_files(self, downloads: Sequence[FileDownload]) -> list[Path]:
        saved = []
        for url, directory, stem in downloads:
            target = directory / stem
            directory.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self.remote_files[url])
            saved.append(target)
        return saved

    def read_json_file(self, url: str) -> Any:
        return json.loads(self.remote_files[url])

    def websocket_target(self) -> WebSocketTarget:
        return WebSocketTarget(self.endpoint, "X-API-Key: fake")

    def close(self) -> None:
        self.closed = True


class FakeTransport(InMemoryFiles):
    """Serve list and count queries from an in-memory list, recording each request.

    `rows` may be replaced between pages to simulate data moving while paging.
    """

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        super().__init__()
        self.rows = rows
        self.requests: list[tuple[str, dict[str, Any]]] = []

    def execute(
        self, document: str, variables: Mapping[str, Any] | None = None, *, idempotent: bool = True
    ) -> dict[str, Any]:
        del idempotent
        variables = dict(variables or {})
        self.requests.append((document, variables))
        if document.startswith("query count"):
            return {"data": len(self.rows)}
        window = self.rows[variables["skip"] : variables["skip"] + variables["first"]]
        return {"data": [dict(row) for row in window]}
