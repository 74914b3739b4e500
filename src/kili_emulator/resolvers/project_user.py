"""Project members (ProjectUser): roles, invitations, and per-member label statistics."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import NotFoundError, UnsupportedError
from kili_emulator.permissions import MANAGE_PROJECT_MEMBERS, READ_PROJECT, require_project
from kili_emulator.resolvers.common import page_clause
from kili_emulator.resolvers.project import get_project, project_conditions
from kili_emulator.resolvers.user import get_user, user_conditions
from kili_emulator.sql_where import Conditions, reject_unsupported
from kili_emulator.storage import Row, new_id, utc_now

query = QueryType()
mutation = MutationType()
project_user_type = ObjectType("ProjectUser")

MEMBER_SQL = (
    "SELECT pu.*, u.organization_role AS organization_role FROM project_users pu "
    "JOIN users u ON u.id = pu.user_id"
)


def project_user_to_graphql(row: Row) -> dict[str, Any]:
    """Map a `project_users` row (joined with the user's organization role) to ProjectUser."""
    return {
        "id": row["id"],
        "role": row["role"],
        "invitationStatus": row["invitation_status"],
        "status": "ORG_ADMIN" if row["organization_role"] == "ADMIN" else "ACTIVATED",
        "userId": row["user_id"],
        "projectId": row["project_id"],
        "activated": bool(row["activated"]),
        "isAuthor": bool(row["is_author"]),
        "starred": bool(row["starred"]),
    }


def project_user_conditions(ctx: RequestContext, where: Mapping[str, Any]) -> Conditions:
    """Build conditions on a `project_users` row aliased ``pu``, in visible projects only."""
    reject_unsupported(
        where,
        "ProjectUserWhere",
        (
            "activated",
            "activeInProject",
            "deleted",
            "id",
            "invitationStatus",
            "isAuthor",
            "project",
            "status",
            "user",
        ),
    )
    conds = Conditions()
    projects = project_conditions(ctx, where.get("project") or {})
    conds.add(
        f"pu.project_id IN (SELECT p.id FROM projects p WHERE {projects.sql})", *projects.params
    )
    user = where.get("user")
    if user:
        users = user_conditions(ctx, user)
        conds.add(f"pu.user_id IN (SELECT u.id FROM users u WHERE {users.sql})", *users.params)
    for field, column in (("id", "pu.id"), ("invitationStatus", "pu.invitation_status")):
        if where.get(field) is not None:
            conds.add(f"{column} = ?", where[field])
    for field, column in (
        ("activated", "pu.activated"),
        ("activeInProject", "pu.activated"),
        ("isAuthor", "pu.is_author"),
    ):
        if where.get(field) is not None:
            conds.add(f"{column} = ?", int(where[field]))
    if where.get("deleted"):
        conds.add("0")  # removed members are deleted outright
    if where.get("status") is not None:
        admin = "(SELECT organization_role FROM users WHERE id = pu.user_id) = 'ADMIN'"
        conds.add({"ORG_ADMIN": admin, "ACTIVATED": f"NOT {admin}"}.get(where["status"], "0"))
    return conds


def project_users_of_project(
    ctx: RequestContext, project_id: str, user_id: str | None = None
) -> list[dict[str, Any]]:
    """List a visible project's members (or one member), in joining order."""
    where: dict[str, Any] = {"project": {"id": project_id}}
    if user_id is not None:
        where["user"] = {"id": user_id}
    return _members(ctx, where)


def project_users_of_user(ctx: RequestContext, user_id: str) -> list[dict[str, Any]]:
    """List the memberships of a user in projects visible to the viewer."""
    return _members(ctx, {"user": {"id": user_id}})


def _members(
    ctx: RequestContext, where: Mapping[str, Any], page: tuple[int, int] | None = None
) -> list[dict[str, Any]]:
    conds = project_user_conditions(ctx, where)
    limit, params = page_clause(*page) if page else ("", [])
    rows = ctx.db.fetch_all(
        f"{MEMBER_SQL} WHERE {conds.sql} ORDER BY pu.rowid{limit}", [*conds.params, *params]
    )
    return [project_user_to_graphql(row) for row in rows]


@query.field("projectUsers")
def resolve_project_users(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List members of visible projects."""
    return _members(context_of(info), where, (first, skip))


@query.field("countProjectUsers")
def resolve_count_project_users(_obj: Any, info: Info, where: dict[str, Any]) -> int:
    """Count members of visible projects."""
    ctx = context_of(info)
    conds = project_user_conditions(ctx, where)
    return int(
        ctx.db.scalar(f"SELECT COUNT(*) FROM project_users pu WHERE {conds.sql}", conds.params)
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
    email, now = data["userEmail"].strip().lower(), utc_now()
    user = ctx.db.fetch_one("SELECT * FROM users WHERE email = ?", (email,))
    if user is not None and user["organization_id"] != ctx.organization_id:
        raise NotFoundError(f"User {email!r} belongs to another organization")
    if user is None:
        user = {
            "id": new_id(),
            "email": email,
            "firstname": "",
            "lastname": "",
            "organization_id": ctx.organization_id,
            "organization_role": "USER",
            "activated": 1,
            "created_at": now,
            "updated_at": now,
        }
        ctx.db.insert("users", user)
    ctx.db.execute(
        "INSERT INTO project_users (id, project_id, user_id, role, activated, is_author, starred, "
        "invitation_status, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 0, 0, 'ACCEPTED', ?, ?) "
        "ON CONFLICT(project_id, user_id) DO UPDATE SET role = excluded.role, activated = 1, "
        "updated_at = excluded.updated_at",
        (new_id(), project["id"], user["id"], data["role"], now, now),
    )
    return get_project(ctx, project["id"])


def single_member(ctx: RequestContext, where: Mapping[str, Any]) -> Row:
    """Return the one membership `where` designates among visible ones.

    Raises:
        NotFoundError: No visible membership matches.
    """
    conds = project_user_conditions(ctx, where)
    row = ctx.db.fetch_one(f"{MEMBER_SQL} WHERE {conds.sql} ORDER BY pu.rowid", conds.params)
    if row is None:
        raise NotFoundError("Project user not found")
    return row


@mutation.field("updatePropertiesInRole")
def resolve_update_role(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Change a member's role; requires MANAGE_PROJECT_MEMBERS on its project."""
    ctx = context_of(info)
    member = single_member(ctx, where)
    require_project(ctx, member["project_id"], MANAGE_PROJECT_MEMBERS)
    ctx.db.update("project_users", member["id"], {"role": data["role"], "updated_at": utc_now()})
    return project_user_to_graphql(single_member(ctx, {"id": member["id"]}))


@mutation.field("updatePropertiesInProjectUser")
def resolve_update_project_user(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Star a project or set an invitation status; managers may do it for anyone."""
    ctx = context_of(info)
    for field in (
        "consensusMark",
        "honeypotMark",
        "numberOfAnnotations",
        "numberOfLabeledAssets",
        "totalDuration",
    ):
        if data.get(field) is not None:
            raise UnsupportedError(
                f"ProjectUserData.{field} is computed by kili-emulator and cannot be set"
            )
    reject_unsupported(data, "ProjectUserData", ("starred", "invitationStatus"))
    member = single_member(ctx, where)
    right = READ_PROJECT if member["user_id"] == ctx.viewer_id else MANAGE_PROJECT_MEMBERS
    require_project(ctx, member["project_id"], right)
    values: dict[str, Any] = {"updated_at": utc_now()}
    if data.get("starred") is not None:
        values["starred"] = int(data["starred"])
    if data.get("invitationStatus") is not None:
        values["invitation_status"] = data["invitationStatus"]
    ctx.db.update("project_users", member["id"], values)
    return project_user_to_graphql(single_member(ctx, {"id": member["id"]}))


@mutation.field("deleteFromRoles")
def resolve_delete_from_roles(_obj: Any, info: Info, where: dict[str, Any]) -> dict[str, Any]:
    """Remove a member from a project; requires MANAGE_PROJECT_MEMBERS."""
    ctx = context_of(info)
    member = single_member(ctx, where)
    require_project(ctx, member["project_id"], MANAGE_PROJECT_MEMBERS)
    ctx.db.execute("DELETE FROM project_users WHERE id = ?", (member["id"],))
    return get_project(ctx, member["project_id"])


@project_user_type.field("user")
def resolve_member_user(member: Mapping[str, Any], info: Info) -> Any:
    """Resolve the user of a membership."""
    return get_user(context_of(info), member["userId"])


@project_user_type.field("project")
def resolve_member_project(member: Mapping[str, Any], info: Info) -> Any:
    """Resolve the project of a membership."""
    return get_project(context_of(info), member["projectId"])


LABEL_STATISTICS = {
    "numberOfLabels": "COUNT(*)",
    "numberOfLabeledAssets": "COUNT(DISTINCT asset_id)",
    "totalDuration": "CAST(COALESCE(SUM(seconds_to_label), 0) AS INTEGER)",
    "lastLabelingAt": "MAX(created_at)",
    "consensusMark": "AVG(consensus_mark)",
    "honeypotMark": "AVG(honeypot_mark)",
}
"""Member statistics over its DEFAULT and REVIEW labels in the project."""


def _label_statistic(expression: str) -> Any:
    def resolve(member: Mapping[str, Any], info: Info) -> Any:
        return context_of(info).db.scalar(
            f"SELECT {expression} FROM labels WHERE project_id = ? AND author_id = ? "
            "AND label_type IN ('DEFAULT', 'REVIEW')",
            (member["projectId"], member["userId"]),
        )

    return resolve


for _field, _expression in LABEL_STATISTICS.items():
    project_user_type.set_field(_field, _label_statistic(_expression))


BINDABLES = [query, mutation, project_user_type]
