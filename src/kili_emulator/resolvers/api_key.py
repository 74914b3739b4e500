"""API keys: each user manages its own; organization admins manage their users' keys.

A key is shown once, when it is created; the store keeps only its digest.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, ConflictError, ForbiddenError, NotFoundError
from kili_emulator.render.api_key import api_key_to_graphql
from kili_emulator.resolvers.common import bind_list_and_count, visible_user
from kili_emulator.store import api_keys, users

query = QueryType()
mutation = MutationType()
api_key_type = ObjectType("ApiKey")

bind_list_and_count(query, "apiKeys", "countApiKeys", api_keys.API_KEYS, api_key_to_graphql)


@mutation.field("appendToApiKeys")
def resolve_append_to_api_keys(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Give a user a new API key; an empty `key` asks the emulator to generate one.

    The answer is the only time the plain key is shown.
    """
    ctx = context_of(info)
    owner = users.single_user(ctx, where)
    _require_manages(ctx, owner["id"])
    key = data["key"] or secrets.token_urlsafe(24)
    if not data["name"]:
        raise BadUserInputError("An API key needs a name")
    if api_keys.key_in_use(ctx.db, key):
        raise ConflictError("This API key value is already in use")
    row = api_keys.insert_api_key(ctx.db, owner["id"], data["name"], key)
    return api_key_to_graphql({**row, "key": key})


@mutation.field("updatePropertiesInApiKey")
def resolve_update_api_key(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Revoke (or restore) one API key the viewer manages."""
    ctx = context_of(info)
    if where.get("id") is None and where.get("key") is None:
        raise BadUserInputError("ApiKeyWhere must name the key by id or key")
    row = api_keys.API_KEYS.first(ctx, where)
    if row is None:
        raise NotFoundError("API key not found")
    api_keys.set_revoked(ctx.db, row["id"], bool(data["revoked"]))
    return api_key_to_graphql({**row, "revoked": int(data["revoked"])})


def _require_manages(ctx: RequestContext, user_id: str) -> None:
    if user_id != ctx.viewer_id and not ctx.is_org_admin:
        raise ForbiddenError(
            "Missing right MANAGE_ORGANIZATION: only an organization ADMIN may manage the API "
            "keys of other users",
            right="MANAGE_ORGANIZATION",
        )


@api_key_type.field("user")
def resolve_api_key_user(api_key: Mapping[str, Any], info: Info) -> Any:
    """Resolve the owner of an API key."""
    return visible_user(context_of(info), api_key["userId"])


BINDABLES = [query, mutation, api_key_type]
