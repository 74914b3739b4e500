"""In-memory fakes of the adapters, for unit tests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class FakeTransport:
    """Serve list and count queries from an in-memory list, recording each request.

    `rows` may be replaced between pages to simulate data moving while paging.
    """

    def __init__(self, rows: list[dict[str, Any]]) -> None:
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
