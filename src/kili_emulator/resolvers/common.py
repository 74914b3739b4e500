"""What every domain's resolvers share: paged list and count fields, JSON inputs.

This module is mechanism, not a domain: domain modules import it and the store,
never each other.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ariadne import QueryType

from kili_emulator.context import Info, RequestContext, batched, context_of, remember_page
from kili_emulator.errors import BadUserInputError, UnsupportedError
from kili_emulator.permissions import READ_PROJECT, require_project
from kili_emulator.render.project import project_to_graphql
from kili_emulator.render.user import user_to_graphql
from kili_emulator.storage import Row
from kili_emulator.store import users
from kili_emulator.store.paging import Listing

Render = Callable[[Row], dict[str, Any]]
"""Turns a stored row into a value of a GraphQL type."""


def bind_list_and_count(
    query: QueryType,
    list_field: str,
    count_field: str | None,
    listing: Listing,
    render: Render,
) -> None:
    """Bind a ``<list>(where, first, skip)`` query field, and its ``count<List>(where)``.

    Every list of the API pages the same way; only the listing and the rendering
    differ from one type to the next.
    """

    def resolve_list(
        _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
    ) -> list[dict[str, Any]]:
        ctx = context_of(info)
        rows = listing.rows(ctx, where, (first, skip))
        remember_page(ctx, listing.resource, (row["id"] for row in rows))
        return [render(row) for row in rows]

    resolve_list.__doc__ = f"List one page of `{list_field}` matching `where`."
    query.set_field(list_field, resolve_list)
    if count_field is None:
        return

    def resolve_count(_obj: Any, info: Info, where: dict[str, Any]) -> int:
        return listing.count(context_of(info), where)

    resolve_count.__doc__ = f"Count the `{list_field}` matching `where`."
    query.set_field(count_field, resolve_count)


def rendered(render: Render, row: Row | None) -> dict[str, Any] | None:
    """Render a looked-up row, or answer null when the lookup found nothing."""
    return render(row) if row is not None else None


def refuse_computed(data: Mapping[str, Any], type_name: str, fields: Iterable[str]) -> None:
    """Refuse to set fields the emulator computes from the data.

    Raises:
        UnsupportedError: Naming the first such field set in `data`.
    """
    for field in fields:
        if data.get(field) is not None:
            raise UnsupportedError(
                f"{type_name}.{field} is computed by kili-emulator and cannot be set"
            )


def readable_project(ctx: RequestContext, project_id: str) -> dict[str, Any]:
    """Return a project the viewer may read, as a Project: what mutations answer with.

    Raises:
        NotFoundError: The viewer cannot see the project.
    """
    return project_to_graphql(require_project(ctx, project_id, READ_PROJECT))


def visible_user(ctx: RequestContext, user_id: str) -> dict[str, Any] | None:
    """Return a user of the viewer's organization as a User: what relations point to.

    None when the user is not visible, as Kili answers for a user of another organization.
    """
    row: Row | None = batched(ctx, "User", user_id, lambda ids: users.visible_users(ctx, ids), None)
    return rendered(user_to_graphql, row)


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
