"""The `author.name` field of the export format: first and last name, built client-side.

The API's users have a `firstname` and a `lastname` but no `name`; the export format
(and the official SDK's export) gives labels an ``author.name`` made of both. Asking for
``author.name`` (or ``labels.author.name``, ``latestLabel.author.name``...) queries the
two names instead and adds `name` to each author, dropping the parts the caller did not ask for.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kili.domain.query import FieldPaths

_NAME = "author.name"
_PARTS = ("firstname", "lastname")


@dataclass(frozen=True)
class AuthorNames:
    """The authors to give a `name`, and the fields to query for it.

    Attributes:
        query_fields: The fields to ask the API for: `fields` with every author name
            replaced by the first and last names.
        paths: The path to each author to name, such as ``("labels", "author")``.
        added: The name parts queried only to build `name`, removed afterwards.
    """

    query_fields: FieldPaths
    paths: tuple[tuple[str, ...], ...]
    added: tuple[str, ...]

    @classmethod
    def requested(cls, fields: FieldPaths) -> AuthorNames:
        """Find the author names among `fields`."""
        names = [field for field in fields if field == _NAME or field.endswith("." + _NAME)]
        if not names:
            return cls(fields, (), ())
        query = [field for field in fields if field not in names]
        added = []
        for name in names:
            for part in _PARTS:
                field = name[: -len("name")] + part
                if field not in query:
                    query.append(field)
                    added.append(part)
        paths = tuple(tuple(name.split(".")[:-1]) for name in names)
        return cls(tuple(query), paths, tuple(dict.fromkeys(added)))

    def add_to(self, rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Give each author under `paths` its `name`, lazily, row by row."""
        if not self.paths:
            return rows
        return (self._named(row) for row in rows)

    def _named(self, row: dict[str, Any]) -> dict[str, Any]:
        for path in self.paths:
            for author in _walk(row, path):
                parts = [author.get(part) for part in _PARTS]
                author["name"] = " ".join(str(part) for part in parts if part)
                for part in self.added:
                    author.pop(part, None)
        return row


def _walk(node: Any, path: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """Yield the dicts at `path` under `node`, going through lists."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, path)
    elif isinstance(node, dict):
        if not path:
            yield node
        elif path[0] in node:
            yield from _walk(node[path[0]], path[1:])
