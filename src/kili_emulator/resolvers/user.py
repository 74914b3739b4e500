"""Users: the viewer, listing and counting, creation and updates by organization admins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, ForbiddenError, NotFoundError
from kili_emulator.permissions import require_org_admin
from kili_emulator.render.api_key import api_key_to_graphql
from kili_emulator.render.organization import organization_to_graphql
from kili_emulator.render.project_user import project_user_to_graphql
from kili_emulator.render.user import user_to_graphql
from kili_emulator.resolvers.common import bind_list_and_count, rendered, visible_user
from kili_emulator.storage import Row
from kili_emulator.store import api_keys, organizations, passwords, project_users, users
from kili_emulator.store.conditions import reject_unsupported

query = QueryType()
mutation = MutationType()
user_type = ObjectType("User")

bind_list_and_count(query, "users", "countUsers", users.USERS, user_to_graphql)


@query.field("viewer")
@query.field("me")
def resolve_viewer(_obj: Any, info: Info) -> dict[str, Any]:
    """Return the user owning the API key, the SDK's authentication check."""
    return user_to_graphql(context_of(info).viewer)


@query.field("user")
def resolve_user(_obj: Any, info: Info, id: str) -> dict[str, Any]:
    """Return one user of the viewer's organization."""
    user = visible_user(context_of(info), id)
    if user is None:
        raise NotFoundError(f"User {id!r} not found")
    return user


@mutation.field("createUser")
def resolve_create_user(_obj: Any, info: Info, data: dict[str, Any]) -> Any:
    """Create a user in the admin's organization, or bring an existing one back.

    As in Kili, creating an email that already exists in the organization reactivates
    it and applies the given organization role. An email taken elsewhere gets the
    same neutral refusal as any unavailable email.
    """
    ctx = context_of(info)
    require_org_admin(ctx, "create users")
    email = data["email"].strip().lower()
    names = {key: data[key] for key in ("firstname", "lastname") if data.get(key) is not None}
    existing = users.user_by_email_in_organization(ctx, email)
    if existing is not None:
        values = {"organization_role": data["organizationRole"], "activated": 1, **names}
        users.update_user(ctx.db, existing["id"], values)
        return visible_user(ctx, existing["id"])
    user_id = users.insert_user(
        ctx.db, ctx.organization_id, email, data["organizationRole"], **names
    )
    if data.get("password"):
        passwords.set_password(ctx.db, user_id, data["password"])
    return visible_user(ctx, user_id)


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
    target = users.single_user(ctx, where)
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
    if "activated" in values:
        values["activated"] = int(values["activated"])
    _keep_an_admin(ctx, target, values)
    users.update_user(ctx.db, target["id"], values)
    return visible_user(ctx, target["id"])


@mutation.field("updatePassword")
def resolve_update_password(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> Any:
    """Change one's own password, given the current one; nothing changes on a refusal.

    Nobody, not even an organization admin, changes another user's password this way.
    A user created without a password (the seeded admin among them) has none to give,
    so its password cannot be changed.
    """
    ctx = context_of(info)
    target = users.single_user(ctx, where)
    if target["id"] != ctx.viewer_id:
        raise ForbiddenError("Only the user themself may change their password")
    if data["newPassword1"] != data["newPassword2"]:
        raise BadUserInputError("newPassword1 and newPassword2 differ")
    if not data["newPassword1"]:
        raise BadUserInputError("The new password must not be empty")
    if not passwords.password_matches(ctx.db, target["id"], data["oldPassword"]):
        raise ForbiddenError("The old password is wrong")
    passwords.set_password(ctx.db, target["id"], data["newPassword1"])
    return visible_user(ctx, target["id"])


def _keep_an_admin(ctx: RequestContext, target: Row, values: Mapping[str, Any]) -> None:
    # An organization without an active admin could never be managed again.
    demoted = values.get("organization_role") == "USER" or values.get("activated") == 0
    if not demoted or target["organization_role"] != "ADMIN":
        return
    if not users.count_other_active_admins(ctx.db, ctx.organization_id, target["id"]):
        raise BadUserInputError("The organization must keep at least one active ADMIN")


@user_type.field("organization")
def resolve_user_organization(user: Mapping[str, Any], info: Info) -> Any:
    """Resolve the organization of a user."""
    row = organizations.get_organization(context_of(info), user["organizationId"])
    return rendered(organization_to_graphql, row)


@user_type.field("apiKeys")
def resolve_user_api_keys(user: Mapping[str, Any], info: Info) -> Any:
    """Resolve a user's API keys: one's own, or anyone's for an organization admin."""
    ctx = context_of(info)
    if user["id"] != ctx.viewer_id and not ctx.is_org_admin:
        return []
    rows = api_keys.API_KEYS.rows(ctx, {"user": {"id": user["id"]}})
    return [api_key_to_graphql(row) for row in rows]


@user_type.field("projectUsers")
def resolve_user_project_users(user: Mapping[str, Any], info: Info) -> Any:
    """Resolve the project memberships of a user visible to the viewer."""
    rows = project_users.memberships_of_user(context_of(info), user["id"])
    return [project_user_to_graphql(row) for row in rows]


@user_type.field("highestRoleInProject")
def resolve_highest_role(user: Mapping[str, Any], info: Info) -> str:
    """Return the strongest project role of a user, NA if member of no project."""
    return users.highest_project_role(context_of(info).db, user["id"])


BINDABLES = [query, mutation, user_type]
