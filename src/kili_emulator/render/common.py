"""Value conversions every renderer shares: stored JSON strings and SQLite booleans."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


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
