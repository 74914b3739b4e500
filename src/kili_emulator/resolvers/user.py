"""Users: the viewer, listing and counting, creation and updates by organization admins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, ConflictError, ForbiddenError, NotFoundError
from kili_emulator.permissions import PROJECT_ROLES, require_org_admin
from kili_emulator.resolvers.common import bools, page_clause
from kili_emulator.sql_where import Conditions, reject_unsupported
from kili_emulator.storage import Row, new_id, utc_now

query = QueryType()
mutation = MutationType()
user_type = ObjectType("User")

USER_RIGHTS = [
    "CAN_LABEL",
    "CREATE_AUDIO",
    "CREATE_FRAME",
    "CREATE_IMAGE",
    "CREATE_PDF",
    "CREATE_TEXT",
    "CREATE_TIMESERIES",
    "CREATE_VIDEO",
    "UPLOAD_CLOUD_DATA",
    "USE_API",
    "USE_API_PRIORITY",
]


def user_to_graphql(row: Row) -> dict[str, Any]:
    """Map a `users` row to the User type (relations are resolved separately)."""
    return {
        "id": row["id"],
        "email": row["email"],
        "firstname": row["firstname"],
        "lastname": row["lastname"],
        "organizationId": row["organization_id"],
        "organizationRole": row["organization_role"],
        "hubspotSubscriptionStatus": row["hubspot_subscription_status"],
        "acceptedTermsAndConditionsVersion": row["accepted_terms_version"],
        "auth0Id": None,
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
        "rights": USER_RIGHTS,
        **bools(row, "activated"),
    }


def get_user(ctx: RequestContext, user_id: str) -> dict[str, Any] | None:
    """Return a user of the viewer's organization as a User, None if not visible."""
    row = ctx.db.fetch_one(
        "SELECT * FROM users WHERE id = ? AND organization_id = ?", (user_id, ctx.organization_id)
    )
    return user_to_graphql(row) if row is not None else None


def user_conditions(ctx: RequestContext, where: Mapping[str, Any]) -> Conditions:
    """Build conditions on a `users` row aliased ``u``, scoped to the viewer's organization."""
    reject_unsupported(
        where, "UserWhere", ("id", "idIn", "email", "activated", "apiKey", "organization")
    )
    conds = Conditions()
    conds.add("u.organization_id = ?", ctx.organization_id)
    organization = where.get("organization") or {}
    reject_unsupported(organization, "OrganizationWhere", ("id",))
    if organization.get("id") is not None:
        conds.add("u.organization_id = ?", organization["id"])
    if where.get("id") is not None:
        conds.add("u.id = ?", where["id"])
    if where.get("idIn") is not None:
        conds.add_in("u.id", where["idIn"])
    if where.get("email") is not None:
        conds.add("u.email = ?", where["email"].lower())
    if where.get("activated") is not None:
        conds.add("u.activated = ?", int(where["activated"]))
    if where.get("apiKey") is not None:
        conds.add("u.id IN (SELECT user_id FROM api_keys WHERE key = ?)", where["apiKey"])
    return conds


@query.field("viewer")
@query.field("me")
def resolve_viewer(_obj: Any, info: Info) -> dict[str, Any]:
    """Return the user owning the API key, the SDK's authentication check."""
    return user_to_graphql(context_of(info).viewer)


@query.field("user")
def resolve_user(_obj: Any, info: Info, id: str) -> dict[str, Any]:
    """Return one user of the viewer's organization."""
    user = get_user(context_of(info), id)
    if user is None:
        raise NotFoundError(f"User {id!r} not found")
    return user


@query.field("users")
def resolve_users(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List users of the viewer's organization, in creation order."""
    ctx = context_of(info)
    conds = user_conditions(ctx, where)
    limit, params = page_clause(first, skip)
    rows = ctx.db.fetch_all(
        f"SELECT u.* FROM users u WHERE {conds.sql} ORDER BY u.rowid{limit}",
        [*conds.params, *params],
    )
    return [user_to_graphql(row) for row in rows]


@query.field("countUsers")
def resolve_count_users(_obj: Any, info: Info, where: dict[str, Any]) -> int:
    """Count users of the viewer's organization."""
    ctx = context_of(info)
    conds = user_conditions(ctx, where)
    return int(ctx.db.scalar(f"SELECT COUNT(*) FROM users u WHERE {conds.sql}", conds.params))


@mutation.field("createUser")
def resolve_create_user(_obj: Any, info: Info, data: dict[str, Any]) -> Any:
    """Create a user in the admin's organization, or bring an existing one back.

    As in Kili, creating an email that already exists in the organization reactivates
    it and applies the given organization role.
    """
    ctx = context_of(info)
    require_org_admin(ctx, "create users")
    email = data["email"].strip().lower()
    existing = ctx.db.fetch_one("SELECT * FROM users WHERE email = ?", (email,))
    now = utc_now()
    names = {
        key: data[field]
        for key, field in (("firstname", "firstname"), ("lastname", "lastname"))
        if data.get(field) is not None
    }
    if existing is not None:
        if existing["organization_id"] != ctx.organization_id:
            raise ConflictError(f"A user with email {email!r} belongs to another organization")
        values = {"organization_role": data["organizationRole"], "activated": 1, **names}
        ctx.db.update("users", existing["id"], {**values, "updated_at": now})
        return get_user(ctx, existing["id"])
    user_id = new_id()
    ctx.db.insert(
        "users",
        {
            "id": user_id,
            "email": email,
            "firstname": names.get("firstname", ""),
            "lastname": names.get("lastname", ""),
            "organization_id": ctx.organization_id,
            "organization_role": data["organizationRole"],
            "activated": 1,
            "created_at": now,
            "updated_at": now,
        },
    )
    return get_user(ctx, user_id)


SELF_EDITABLE = {
    "firstname": "firstname",
    "lastname": "lastname",
    "hubspotSubscriptionStatus": "hubspot_subscription_status",
    "acceptedTermsAndConditionsVersion": "accepted_terms_version",
}
ADMIN_EDITABLE = {
    "email": "email",
    "activated": "activated",
    "organizationRole": "organization_role",
}


@mutation.field("updatePropertiesInUser")
def resolve_update_user(_obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]) -> Any:
    """Update a user: anyone edits their own names, organization admins edit anyone."""
    ctx = context_of(info)
    reject_unsupported(data, "UserData", (*SELF_EDITABLE, *ADMIN_EDITABLE))
    target = single_user(ctx, where)
    wants_admin_fields = any(data.get(field) is not None for field in ADMIN_EDITABLE)
    if (target["id"] != ctx.viewer_id or wants_admin_fields) and not ctx.is_org_admin:
        raise ForbiddenError(
            "Missing right MANAGE_ORGANIZATION: only an organization ADMIN may update other "
            "users or change email, activation and organization role",
            right="MANAGE_ORGANIZATION",
        )
    values = {
        column: data[field]
        for field, column in {**SELF_EDITABLE, **ADMIN_EDITABLE}.items()
        if data.get(field) is not None
    }
    if "email" in values:
        values["email"] = values["email"].strip().lower()
        if ctx.db.scalar(
            "SELECT 1 FROM users WHERE email = ? AND id != ?", (values["email"], target["id"])
        ):
            raise ConflictError(f"Email {values['email']!r} is already used")
    if "activated" in values:
        values["activated"] = int(values["activated"])
    _keep_an_admin(ctx, target, values)
    ctx.db.update("users", target["id"], {**values, "updated_at": utc_now()})
    return get_user(ctx, target["id"])


def single_user(ctx: RequestContext, where: Mapping[str, Any]) -> Row:
    """Return the one user `where` names by id or email, in the viewer's organization.

    Raises:
        BadUserInputError: `where` names no user.
        NotFoundError: No such user.
    """
    if where.get("id") is None and where.get("email") is None:
        raise BadUserInputError("UserWhere must name the user by id or email")
    conds = user_conditions(ctx, where)
    rows = ctx.db.fetch_all(f"SELECT u.* FROM users u WHERE {conds.sql} LIMIT 2", conds.params)
    if not rows:
        raise NotFoundError("User not found in your organization")
    return rows[0]


def _keep_an_admin(ctx: RequestContext, target: Row, values: Mapping[str, Any]) -> None:
    # An organization without an active admin could never be managed again.
    demoted = values.get("organization_role") == "USER" or values.get("activated") == 0
    if not demoted or target["organization_role"] != "ADMIN":
        return
    others = ctx.db.scalar(
        "SELECT COUNT(*) FROM users WHERE organization_id = ? AND organization_role = 'ADMIN' "
        "AND activated = 1 AND id != ?",
        (ctx.organization_id, target["id"]),
    )
    if not others:
        raise BadUserInputError("The organization must keep at least one active ADMIN")


@user_type.field("organization")
def resolve_user_organization(user: Mapping[str, Any], info: Info) -> Any:
    """Resolve the organization of a user."""
    from kili_emulator.resolvers.organization import get_organization

    return get_organization(context_of(info), user["organizationId"])


@user_type.field("apiKeys")
def resolve_user_api_keys(user: Mapping[str, Any], info: Info) -> Any:
    """Resolve a user's API keys: one's own, or anyone's for an organization admin."""
    from kili_emulator.resolvers.api_key import api_keys_of

    return api_keys_of(context_of(info), user["id"])


@user_type.field("projectUsers")
def resolve_user_project_users(user: Mapping[str, Any], info: Info) -> Any:
    """Resolve the project memberships of a user visible to the viewer."""
    from kili_emulator.resolvers.project_user import project_users_of_user

    return project_users_of_user(context_of(info), user["id"])


@user_type.field("highestRoleInProject")
def resolve_highest_role(user: Mapping[str, Any], info: Info) -> str:
    """Return the strongest project role of a user, NA if member of no project."""
    roles = context_of(info).db.fetch_all(
        "SELECT DISTINCT role FROM project_users WHERE user_id = ? AND activated = 1",
        (user["id"],),
    )
    held = [row["role"] for row in roles if row["role"] in PROJECT_ROLES]
    return max(held, key=PROJECT_ROLES.index) if held else "NA"


BINDABLES = [query, mutation, user_type]
