"""Helpers every domain's resolvers share: paging, JSON strings, booleans, lookups."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kili_emulator.context import RequestContext
from kili_emulator.errors import BadUserInputError, NotFoundError
from kili_emulator.storage import Row


def page_clause(first: int, skip: int) -> tuple[str, list[int]]:
    """Return the LIMIT/OFFSET clause of a page; `first` is already a checked PageSize.

    Raises:
        BadUserInputError: `skip` is negative.
    """
    if skip < 0:
        raise BadUserInputError(f"skip must be >= 0, got {skip}")
    return " LIMIT ? OFFSET ?", [first, skip]


def json_text(value: str | None, field: str, *, default: str, require_object: bool) -> str:
    """Return `value` once it is known to be a JSON document, `default` when empty.

    Kili stores fields such as `jsonMetadata` as strings; refusing invalid JSON at
    write time keeps every later reader (and SQL filter) safe.

    Raises:
        BadUserInputError: The text is not JSON, or not an object when one is required.
    """
    if value is None or value == "":
        return default
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as error:
        raise BadUserInputError(f"{field} is not valid JSON: {error.msg}") from None
    if require_object and not isinstance(parsed, dict):
        raise BadUserInputError(f"{field} must be a JSON object")
    return value


def load_json(text: str | None, default: Any = None) -> Any:
    """Parse a stored JSON string, `default` if it is empty or not JSON."""
    if not text:
        return default
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return default


def bools(row: Mapping[str, Any], *columns: str) -> dict[str, bool | None]:
    """Read SQLite 0/1 integers back as booleans."""
    return {column: None if row[column] is None else bool(row[column]) for column in columns}


def find_user(ctx: RequestContext, designation: str) -> Row:
    """Return a user of the viewer's organization designated by id or email.

    Raises:
        NotFoundError: No such user in the organization.
    """
    user = ctx.db.fetch_one(
        "SELECT * FROM users WHERE organization_id = ? AND (id = ? OR email = ?)",
        (ctx.organization_id, designation, designation.lower()),
    )
    if user is None:
        raise NotFoundError(f"User {designation!r} not found in your organization")
    return user


def fetch_by_id(ctx: RequestContext, table: str, row_id: str) -> Row | None:
    """Return the row of `table` with this id (no visibility check)."""
    return ctx.db.fetch_one(f"SELECT * FROM {table} WHERE id = ?", (row_id,))


def placeholders(values: list[Any] | tuple[Any, ...]) -> str:
    """Return ``?, ?, ...`` for an IN list."""
    return ", ".join("?" for _ in values)
