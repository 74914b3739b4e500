"""Decoding of the API's JSON-string fields (`jsonResponse`, `jsonMetadata`, ...).

The API returns some JSON documents as strings; users get them as Python objects. The
dotted paths of a query are compiled once into a tree, so that each row is walked once
whatever the number of paths, and each string is decoded by the standard library's
scanner directly, without the checks `json.loads` repeats for every call.
"""

from __future__ import annotations

import json
import json.scanner
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

PathTree = dict[str, "PathTree | None"]
"""Dotted paths as a tree: each key leads to its sub-paths, or to `None` at a JSON field."""

_scan_value: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(
    json.JSONDecoder()  # type: ignore[arg-type]  # typeshed names the class, not its instances
)


def decode_json_fields(row: dict[str, Any], paths: Iterable[str]) -> dict[str, Any]:
    """Replace, in place, the JSON strings found at dotted `paths` of `row` by their value.

    Lists along a path are walked element by element. A value that is not valid JSON is
    left as it is, since some fields hold free text where JSON is customary; an empty
    string becomes `{}`.
    """
    _decode_tree(row, path_tree(tuple(paths)))
    return row


def decode_json_fields_of_rows(rows: list[dict[str, Any]], paths: Iterable[str]) -> None:
    """Decode, in place, the JSON strings at dotted `paths` of every row of `rows`."""
    tree = path_tree(tuple(paths))
    if tree:
        for row in rows:
            _decode_tree(row, tree)


@lru_cache(maxsize=64)
def path_tree(paths: tuple[str, ...]) -> PathTree:
    """Compile dotted `paths` into a tree; a path inside another JSON field is not walked."""
    tree: PathTree = {}
    for path in paths:
        node = tree
        *parents, leaf = path.split(".")
        for segment in parents:
            child = node.setdefault(segment, {})
            if child is None:
                break
            node = child
        else:
            node[leaf] = None
    return tree


def json_value(text: str) -> Any:
    """Decode `text` exactly as `json.loads` does, faster for the usual compact JSON.

    Raises:
        json.JSONDecodeError: `text` is not one JSON document.
    """
    try:
        value, end = _scan_value(text, 0)
    except StopIteration:  # leading whitespace, a BOM or no value: let json.loads judge
        return json.loads(text)
    if end == len(text):
        return value
    return json.loads(text)  # trailing whitespace is allowed, anything else is an error


def _decode_tree(node: Any, tree: PathTree) -> None:
    if isinstance(node, list):
        for item in node:
            _decode_tree(item, tree)
        return
    if not isinstance(node, dict):
        return
    for key, below in tree.items():
        value = node.get(key)
        if value is None:
            continue
        if below is not None:
            _decode_tree(value, below)
        elif isinstance(value, str):
            try:
                node[key] = json_value(value) if value else {}
            except json.JSONDecodeError:
                continue
