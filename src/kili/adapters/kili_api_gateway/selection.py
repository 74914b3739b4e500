"""Field selection: user-facing dotted paths turned into checked GraphQL selection sets.

Users ask for fields as ``"labels.author.email"``. The paths are checked against the
schema before anything is sent, so a typo fails fast with the closest valid names, and
the built selection is cached since the same field lists are used over and over.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable

from graphql import (
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    get_named_type,
)

from kili.adapters.kili_api_gateway.schema import kili_schema
from kili.exceptions import InvalidFieldError

_Tree = dict[str, "_Tree"]


def selection_set(type_name: str, fields: Iterable[str]) -> str:
    """Build the selection set of `fields` on the object type `type_name`.

    Args:
        type_name: Name of the object type the paths start from, such as ``"Asset"``.
        fields: Dotted field paths.

    Returns:
        The selection set, braces included, with fields in sorted order.

    Raises:
        InvalidFieldError: A path names an unknown field, stops at an object field without
            choosing its sub-fields, or goes on past a scalar field.
    """
    return _selection_set(type_name, tuple(sorted(set(fields))))


@functools.lru_cache(maxsize=512)
def _selection_set(type_name: str, fields: tuple[str, ...]) -> str:
    if not fields:
        raise InvalidFieldError("fields must name at least one field")
    tree: _Tree = {}
    for path in fields:
        _add_path(tree, type_name, path)
    return _render(tree)


def _add_path(tree: _Tree, type_name: str, path: str) -> None:
    parent: GraphQLNamedType = kili_schema().type_map[type_name]
    node = tree
    segments = path.split(".")
    for depth, segment in enumerate(segments):
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            walked = ".".join(segments[:depth])
            raise InvalidFieldError(
                f"Invalid field '{path}': '{walked}' is a scalar and has no fields"
            )
        field = parent.fields.get(segment)
        if field is None:
            raise InvalidFieldError(_unknown_field_message(path, segment, parent))
        parent = get_named_type(field.type)
        node = node.setdefault(segment, {})
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        suggestions = ", ".join(f"'{path}.{name}'" for name in sorted(parent.fields)[:5])
        raise InvalidFieldError(
            f"Invalid field '{path}': it is an object of type {parent.name}; "
            f"choose its sub-fields, for example {suggestions}"
        )


def _unknown_field_message(
    path: str, segment: str, parent: GraphQLObjectType | GraphQLInterfaceType
) -> str:
    close = difflib.get_close_matches(segment, list(parent.fields), n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(repr(name) for name in close)}?" if close else ""
    return f"Invalid field '{path}': {parent.name} has no field '{segment}'.{hint}"


def _render(tree: _Tree) -> str:
    parts = [
        name + (" " + _render(children) if children else "") for name, children in tree.items()
    ]
    return "{ " + " ".join(parts) + " }"
