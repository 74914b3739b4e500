"""API keys: each user manages its own; organization admins manage their users' keys."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, ConflictError, ForbiddenError, NotFoundError
from kili_emulator.resolvers.common import bools, page_clause
from kili_emulator.resolvers.user import get_user, single_user
from kili_emulator.settings import API_KEY_LIFETIME_DAYS
from kili_emulator.sql_where import Conditions, reject_unsupported
from kili_emulator.storage import Row, new_id, utc_in, utc_now

query = QueryType()
mutation = MutationType()
api_key_type = ObjectType("ApiKey")


def api_key_to_graphql(row: Row) -> dict[str, Any]:
    """Map an `api_keys` row to the ApiKey type."""
    return {
        "id": row["id"],
        "name": row["name"],
        "key": row["key"],
        "createdAt": row["created_at"],
        "expiryDate": row["expiry_date"],
        "userId": row["user_id"],
        **bools(row, "revoked"),
    }


def api_key_conditions(ctx: RequestContext, where: Mapping[str, Any]) -> Conditions:
    """Build conditions on an `api_keys` row aliased ``k``, limited to what the viewer manages."""
    reject_unsupported(where, "ApiKeyWhere", ("id", "key", "user"))
    conds = Conditions()
    if ctx.is_org_admin:
        conds.add(
            "k.user_id IN (SELECT id FROM users WHERE organization_id = ?)", ctx.organization_id
        )
    else:
        conds.add("k.user_id = ?", ctx.viewer_id)
    if where.get("id") is not None:
        conds.add("k.id = ?", where["id"])
    if where.get("key") is not None:
        conds.add("k.key = ?", where["key"])
    user = where.get("user") or {}
    reject_unsupported(user, "UserWhere", ("id", "email"))
    if user.get("id") is not None:
        conds.add("k.user_id = ?", user["id"])
    if user.get("email") is not None:
        conds.add("k.user_id IN (SELECT id FROM users WHERE email = ?)", user["email"].lower())
    return conds


def api_keys_of(ctx: RequestContext, user_id: str) -> list[dict[str, Any]]:
    """List the keys of a user, empty unless the viewer manages them."""
    if user_id != ctx.viewer_id and not ctx.is_org_admin:
        return []
    conds = api_key_conditions(ctx, {"user": {"id": user_id}})
    rows = ctx.db.fetch_all(
        f"SELECT k.* FROM api_keys k WHERE {conds.sql} ORDER BY k.rowid", conds.params
    )
    return [api_key_to_graphql(row) for row in rows]


@query.field("apiKeys")
def resolve_api_keys(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List the API keys the viewer manages, in creation order."""
    ctx = context_of(info)
    conds = api_key_conditions(ctx, where)
    limit, params = page_clause(first, skip)
    rows = ctx.db.fetch_all(
        f"SELECT k.* FROM api_keys k WHERE {conds.sql} ORDER BY k.rowid{limit}",
        [*conds.params, *params],
    )
    return [api_key_to_graphql(row) for row in rows]


@query.field("countApiKeys")
def resolve_count_api_keys(_obj: Any, info: Info, where: dict[str, Any]) -> int:
    """Count the API keys the viewer manages."""
    ctx = context_of(info)
    conds = api_key_conditions(ctx, where)
    return int(ctx.db.scalar(f"SELECT COUNT(*) FROM api_keys k WHERE {conds.sql}", conds.params))


@mutation.field("appendToApiKeys")
def resolve_append_to_api_keys(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Give a user a new API key; an empty `key` asks the emulator to generate one."""
    ctx = context_of(info)
    owner = single_user(ctx, where)
    _require_manages(ctx, owner["id"])
    key = data["key"] or secrets.token_urlsafe(24)
    if not data["name"]:
        raise BadUserInputError("An API key needs a name")
    if ctx.db.scalar("SELECT 1 FROM api_keys WHERE key = ?", (key,)):
        raise ConflictError("This API key value is already in use")
    row = {
        "id": new_id(),
        "user_id": owner["id"],
        "name": data["name"],
        "key": key,
        "revoked": 0,
        "expiry_date": utc_in(API_KEY_LIFETIME_DAYS),
        "created_at": utc_now(),
    }
    ctx.db.insert("api_keys", row)
    return api_key_to_graphql(row)


@mutation.field("updatePropertiesInApiKey")
def resolve_update_api_key(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Revoke (or restore) one API key the viewer manages."""
    ctx = context_of(info)
    if where.get("id") is None and where.get("key") is None:
        raise BadUserInputError("ApiKeyWhere must name the key by id or key")
    conds = api_key_conditions(ctx, where)
    row = ctx.db.fetch_one(f"SELECT k.* FROM api_keys k WHERE {conds.sql}", conds.params)
    if row is None:
        raise NotFoundError("API key not found")
    ctx.db.update("api_keys", row["id"], {"revoked": int(data["revoked"])})
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
    return get_user(context_of(info), api_key["userId"])


BINDABLES = [query, mutation, api_key_type]
