"""Project members (ProjectUser): roles, invitations, and per-member label statistics.

Managing members takes MANAGE_PROJECT_MEMBERS (TEAM_MANAGER and above), and no
role change may reach above the viewer's own role: a TEAM_MANAGER neither makes
anyone ADMIN nor changes or removes an ADMIN.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import NotFoundError
from kili_emulator.permissions import (
    MANAGE_PROJECT_MEMBERS,
    READ_PROJECT,
    require_project,
    require_role_to_grant,
)
from kili_emulator.render.project_user import project_user_to_graphql
from kili_emulator.resolvers.common import (
    bind_list_and_count,
    readable_project,
    refuse_computed,
    visible_user,
)
from kili_emulator.storage import Row
from kili_emulator.store import project_users, users
from kili_emulator.store.conditions import reject_unsupported

query = QueryType()
mutation = MutationType()
project_user_type = ObjectType("ProjectUser")

bind_list_and_count(
    query, "projectUsers", "countProjectUsers", project_users.MEMBERS, project_user_to_graphql
)


@mutation.field("appendToRoles")
def resolve_append_to_roles(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Add a user to a project with a role, or change the role of a member.

    As in Kili, an email unknown to the organization is invited: the user is created
    in the organization with the USER organization role.
    """
    ctx = context_of(info)
    project = require_project(ctx, where.get("id"), MANAGE_PROJECT_MEMBERS)
    require_role_to_grant(ctx, project, data["role"], "grant")
    email = data["userEmail"].strip().lower()
    user = users.user_by_email_in_organization(ctx, email)
    if user is None:
        user_id = users.insert_user(ctx.db, ctx.organization_id, email, "USER")
    else:
        user_id = user["id"]
        _require_may_change(ctx, project, user_id)
    project_users.put_member(ctx.db, project["id"], user_id, data["role"])
    return readable_project(ctx, project["id"])


def _require_may_change(ctx: RequestContext, project: Row, user_id: str) -> None:
    """Refuse to change the membership of someone whose role is above the viewer's."""
    current = project_users.active_role(ctx.db, project["id"], user_id)
    if current is not None:
        require_role_to_grant(ctx, project, current, "change")


def _managed_member(ctx: RequestContext, where: Mapping[str, Any], new_role: str | None) -> Row:
    member = project_users.MEMBERS.rows(ctx, where, (1, 0))
    if not member:
        raise _member_not_found()
    project = require_project(ctx, member[0]["project_id"], MANAGE_PROJECT_MEMBERS)
    require_role_to_grant(ctx, project, member[0]["role"], "change")
    if new_role is not None:
        require_role_to_grant(ctx, project, new_role, "grant")
    return member[0]


def _member_not_found() -> NotFoundError:
    return NotFoundError("Project user not found", resource="ProjectUser")


def _member(ctx: RequestContext, member_id: str) -> dict[str, Any]:
    rows = project_users.MEMBERS.rows(ctx, {"id": member_id})
    if not rows:
        raise _member_not_found()
    return project_user_to_graphql(rows[0])


@mutation.field("updatePropertiesInRole")
def resolve_update_role(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Change a member's role; needs MANAGE_PROJECT_MEMBERS and a role as high as both."""
    ctx = context_of(info)
    member = _managed_member(ctx, where, data["role"])
    project_users.update_member(ctx.db, member["id"], {"role": data["role"]})
    return _member(ctx, member["id"])


COMPUTED_FIELDS = (
    "consensusMark",
    "honeypotMark",
    "numberOfAnnotations",
    "numberOfLabeledAssets",
    "totalDuration",
)


@mutation.field("updatePropertiesInProjectUser")
def resolve_update_project_user(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Star a project or set an invitation status; managers may do it for anyone."""
    ctx = context_of(info)
    refuse_computed(data, "ProjectUserData", COMPUTED_FIELDS)
    reject_unsupported(data, "ProjectUserData", ("starred", "invitationStatus"))
    rows = project_users.MEMBERS.rows(ctx, where, (1, 0))
    if not rows:
        raise _member_not_found()
    member = rows[0]
    right = READ_PROJECT if member["user_id"] == ctx.viewer_id else MANAGE_PROJECT_MEMBERS
    require_project(ctx, member["project_id"], right)
    values: dict[str, Any] = {}
    if data.get("starred") is not None:
        values["starred"] = int(data["starred"])
    if data.get("invitationStatus") is not None:
        values["invitation_status"] = data["invitationStatus"]
    project_users.update_member(ctx.db, member["id"], values)
    return _member(ctx, member["id"])


@mutation.field("deleteFromRoles")
def resolve_delete_from_roles(_obj: Any, info: Info, where: dict[str, Any]) -> dict[str, Any]:
    """Remove a member from a project; needs MANAGE_PROJECT_MEMBERS and a role as high."""
    ctx = context_of(info)
    member = _managed_member(ctx, where, None)
    project_users.delete_member(ctx.db, member["id"])
    return readable_project(ctx, member["project_id"])


@project_user_type.field("user")
def resolve_member_user(member: Mapping[str, Any], info: Info) -> Any:
    """Resolve the user of a membership."""
    return visible_user(context_of(info), member["userId"])


@project_user_type.field("project")
def resolve_member_project(member: Mapping[str, Any], info: Info) -> Any:
    """Resolve the project of a membership."""
    return readable_project(context_of(info), member["projectId"])


def _label_statistic(statistic: str) -> Any:
    def resolve(member: Mapping[str, Any], info: Info) -> Any:
        return project_users.label_statistic(
            context_of(info).db, member["projectId"], member["userId"], statistic
        )

    return resolve


for _statistic in project_users.LABEL_STATISTICS:
    project_user_type.set_field(_statistic, _label_statistic(_statistic))


BINDABLES = [query, mutation, project_user_type]
