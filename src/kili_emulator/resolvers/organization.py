"""Organizations: a user sees only its own; its admins may rename it and read its usage."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.category_search import category_counts
from kili_emulator.context import Info, context_of
from kili_emulator.errors import BadUserInputError, NotFoundError
from kili_emulator.permissions import require_org_admin
from kili_emulator.render.common import load_json
from kili_emulator.render.organization import organization_to_graphql
from kili_emulator.render.user import user_to_graphql
from kili_emulator.resolvers.common import bind_list_and_count, rendered
from kili_emulator.storage import format_timestamp
from kili_emulator.store import organizations, users
from kili_emulator.store.conditions import reject_unsupported

query = QueryType()
mutation = MutationType()
organization_type = ObjectType("Organization")

bind_list_and_count(
    query,
    "organizations",
    "countOrganizations",
    organizations.ORGANIZATIONS,
    organization_to_graphql,
)


@query.field("listEmailsInOrganization")
def resolve_list_emails(_obj: Any, info: Info, where: dict[str, Any]) -> list[str]:
    """List the emails of the organization's users, alphabetically."""
    return organizations.emails_in_organizations(context_of(info), where)


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
    organizations.update_organization(ctx.db, ctx.organization_id, values)
    row = organizations.get_organization(ctx, ctx.organization_id)
    return rendered(organization_to_graphql, row)


@organization_type.field("users")
def resolve_organization_users(organization: Mapping[str, Any], info: Info) -> list[dict[str, Any]]:
    """List the users of an organization."""
    rows = users.users_of_organization(context_of(info).db, organization["id"])
    return [user_to_graphql(row) for row in rows]


@organization_type.field("numberOfLabeledAssets")
def resolve_number_of_labeled_assets(organization: Mapping[str, Any], info: Info) -> int:
    """Count the organization's assets that have at least one human label."""
    return organizations.count_labeled_assets(context_of(info).db, organization["id"])


@organization_type.field("numberOfHours")
def resolve_number_of_hours(organization: Mapping[str, Any], info: Info) -> float:
    """Sum the labeling time of the organization's labels, in hours."""
    return organizations.labeling_seconds(context_of(info).db, organization["id"]) / 3600


@query.field("organizationMetrics")
def resolve_organization_metrics(_obj: Any, info: Info, where: dict[str, Any]) -> dict[str, Any]:
    """Measure the labels made in a period in the viewer's organization (admins only).

    Human labels (`DEFAULT`, `REVIEW`) created between `startDate` and `endDate`
    count: their annotations, their `secondsToLabel` in hours, and their assets.
    """
    ctx = context_of(info)
    reject_unsupported(
        where, "OrganizationMetricsWhere", ("organizationId", "startDate", "endDate")
    )
    organization_id = where.get("organizationId") or ctx.organization_id
    if organization_id != ctx.organization_id:
        raise NotFoundError(f"Organization {organization_id!r} not found", resource="Organization")
    require_org_admin(ctx, "read the organization's metrics")
    start = _timestamp(where.get("startDate"), "startDate", "0000-01-01T00:00:00.000Z")
    end = _timestamp(where.get("endDate"), "endDate", "9999-12-31T23:59:59.999Z")
    rows = organizations.labels_made_between(ctx.db, organization_id, start, end)
    return {
        "numberOfAnnotations": sum(
            sum(category_counts(load_json(row["json_response"], {})).values()) for row in rows
        ),
        "numberOfHours": sum(row["seconds_to_label"] or 0 for row in rows) / 3600,
        "numberOfLabeledAssets": len({row["asset_id"] for row in rows}),
    }


def _timestamp(value: Any, field: str, default: str) -> str:
    """Read a DateTime input into the stored format, so that it compares as text.

    A date written to the second (`2026-01-01T00:00:00Z`) covers that whole second.

    Raises:
        BadUserInputError: The value is not an ISO 8601 date.
    """
    if value is None:
        return default
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise BadUserInputError(
            f"OrganizationMetricsWhere.{field} is not a date: {value!r}"
        ) from None
    text = format_timestamp(moment)
    if field == "endDate" and moment.microsecond == 0:
        text = text[:-4] + "999Z"
    return text


BINDABLES = [query, mutation, organization_type]
