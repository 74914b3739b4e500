"""Decoding of the API's JSON-string fields (`jsonResponse`, `jsonMetadata`, ...).

The API returns some JSON documents as strings; users get them as Python objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def decode_json_fields(row: dict[str, Any], paths: Iterable[str]) -> dict[str, Any]:
    """Replace, in place, the JSON strings found at dotted `paths` of `row` by their value.

    Lists along a path are walked element by element. A value that is not valid JSON is
    left as it is, since some fields hold free text where JSON is customary.
    """
    for path in paths:
        _decode_at(row, path.split("."))
    return row


def _decode_at(node: Any, segments: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _decode_at(item, segments)
        return
    if not isinstance(node, dict) or segments[0] not in node:
        return
    head, rest = segments[0], segments[1:]
    if rest:
        _decode_at(node[head], rest)
        return
    value = node[head]
    if isinstance(value, str):
        try:
            node[head] = json.loads(value) if value else {}
        except json.JSONDecodeError:
            return
