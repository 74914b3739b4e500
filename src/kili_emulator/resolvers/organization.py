"""Organizations: a user sees only its own; its admins may rename and re-address it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import NotFoundError
from kili_emulator.permissions import require_org_admin
from kili_emulator.resolvers.common import page_clause
from kili_emulator.sql_where import Conditions, reject_unsupported
from kili_emulator.storage import Row, utc_now

query = QueryType()
mutation = MutationType()
organization_type = ObjectType("Organization")

INPUT_TYPES = [
    "AUDIO",
    "FRAME",
    "IMAGE",
    "NA",
    "PDF",
    "TEXT",
    "TIME_SERIES",
    "VIDEO",
    "URL",
    "GEOSPATIAL",
    "LLM_INSTR_FOLLOWING",
    "LLM_RLHF",
    "LLM_STATIC",
    "VIDEO_LEGACY",
]


def organization_to_graphql(row: Row) -> dict[str, Any]:
    """Map an `organizations` row to the Organization type, with an unrestricted license."""
    return {
        "id": row["id"],
        "name": row["name"],
        "address": row["address"],
        "city": row["city"],
        "country": row["country"],
        "zipCode": row["zip_code"],
        "license": {
            "api": True,
            "apiPriority": True,
            "enableSmartTools": True,
            "expiryDate": None,
            "inputType": INPUT_TYPES,
            "maxNumberOfLabeledAssets": None,
            "organizationId": row["id"],
            "publicProject": False,
            "seats": None,
            "startDate": row["created_at"],
            "type": "PAID",
            "uploadCloudData": True,
            "uploadLocalData": True,
        },
    }


def get_organization(ctx: RequestContext, organization_id: str) -> dict[str, Any] | None:
    """Return the organization if it is the viewer's, else None."""
    if organization_id != ctx.organization_id:
        return None
    row = ctx.db.fetch_one("SELECT * FROM organizations WHERE id = ?", (organization_id,))
    return organization_to_graphql(row) if row is not None else None


def organization_conditions(ctx: RequestContext, where: Mapping[str, Any]) -> Conditions:
    """Build conditions on an `organizations` row aliased ``o``: the viewer's only."""
    reject_unsupported(where, "OrganizationWhere", ("id", "user"))
    conds = Conditions()
    conds.add("o.id = ?", ctx.organization_id)
    if where.get("id") is not None:
        conds.add("o.id = ?", where["id"])
    user = where.get("user") or {}
    reject_unsupported(user, "UserWhere", ("id", "email"))
    if user.get("id") is not None:
        conds.add("o.id IN (SELECT organization_id FROM users WHERE id = ?)", user["id"])
    if user.get("email") is not None:
        conds.add(
            "o.id IN (SELECT organization_id FROM users WHERE email = ?)", user["email"].lower()
        )
    return conds


@query.field("organizations")
def resolve_organizations(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List the organizations matching `where` among the viewer's (at most one)."""
    ctx = context_of(info)
    conds = organization_conditions(ctx, where)
    limit, params = page_clause(first, skip)
    rows = ctx.db.fetch_all(
        f"SELECT o.* FROM organizations o WHERE {conds.sql} ORDER BY o.rowid{limit}",
        [*conds.params, *params],
    )
    return [organization_to_graphql(row) for row in rows]


@query.field("countOrganizations")
def resolve_count_organizations(_obj: Any, info: Info, where: dict[str, Any]) -> int:
    """Count the organizations matching `where` among the viewer's."""
    ctx = context_of(info)
    conds = organization_conditions(ctx, where)
    return int(
        ctx.db.scalar(f"SELECT COUNT(*) FROM organizations o WHERE {conds.sql}", conds.params)
    )


@query.field("listEmailsInOrganization")
def resolve_list_emails(_obj: Any, info: Info, where: dict[str, Any]) -> list[str]:
    """List the emails of the organization's users, alphabetically."""
    ctx = context_of(info)
    conds = organization_conditions(ctx, where)
    rows = ctx.db.fetch_all(
        f"SELECT u.email FROM users u JOIN organizations o ON o.id = u.organization_id "
        f"WHERE {conds.sql} ORDER BY u.email",
        conds.params,
    )
    return [row["email"] for row in rows]


ORGANIZATION_COLUMNS = {
    "name": "name",
    "address": "address",
    "city": "city",
    "country": "country",
    "zipCode": "zip_code",
}


@mutation.field("updatePropertiesInOrganization")
def resolve_update_organization(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> Any:
    """Update the name and address of the viewer's organization (admins only)."""
    ctx = context_of(info)
    reject_unsupported(data, "OrganizationData", ORGANIZATION_COLUMNS)
    require_org_admin(ctx, "update the organization")
    if where.get("id") not in (None, ctx.organization_id):
        raise NotFoundError(f"Organization {where.get('id')!r} not found")
    values = {
        column: data[field] for field, column in ORGANIZATION_COLUMNS.items() if data.get(field)
    }
    ctx.db.update("organizations", ctx.organization_id, {**values, "updated_at": utc_now()})
    return get_organization(ctx, ctx.organization_id)


@organization_type.field("users")
def resolve_organization_users(organization: Mapping[str, Any], info: Info) -> list[dict[str, Any]]:
    """List the users of an organization."""
    from kili_emulator.resolvers.user import user_to_graphql

    rows = context_of(info).db.fetch_all(
        "SELECT * FROM users WHERE organization_id = ? ORDER BY rowid", (organization["id"],)
    )
    return [user_to_graphql(row) for row in rows]


@organization_type.field("numberOfLabeledAssets")
def resolve_number_of_labeled_assets(organization: Mapping[str, Any], info: Info) -> int:
    """Count the organization's assets that have at least one human label."""
    return int(
        context_of(info).db.scalar(
            "SELECT COUNT(*) FROM assets a JOIN projects p ON p.id = a.project_id "
            "WHERE p.organization_id = ? AND EXISTS (SELECT 1 FROM labels l "
            "WHERE l.asset_id = a.id AND l.label_type IN ('DEFAULT', 'REVIEW'))",
            (organization["id"],),
        )
    )


@organization_type.field("numberOfHours")
def resolve_number_of_hours(organization: Mapping[str, Any], info: Info) -> float:
    """Sum the labeling time of the organization's labels, in hours."""
    seconds = context_of(info).db.scalar(
        "SELECT COALESCE(SUM(l.seconds_to_label), 0) FROM labels l "
        "JOIN projects p ON p.id = l.project_id WHERE p.organization_id = ?",
        (organization["id"],),
    )
    return float(seconds) / 3600


BINDABLES = [query, mutation, organization_type]
