"""Project members (ProjectUser): roles, invitations, stars, per-member label statistics."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kili_emulator.storage import Database, Row, new_id, utc_now
from kili_emulator.store.conditions import Conditions, reject_unsupported
from kili_emulator.store.paging import Listing
from kili_emulator.store.projects import project_conditions
from kili_emulator.store.scope import Scope
from kili_emulator.store.users import user_conditions

PROJECT_USER_WHERE_FIELDS = (
    "activated",
    "activeInProject",
    "deleted",
    "id",
    "invitationStatus",
    "isAuthor",
    "project",
    "status",
    "user",
)


def project_user_conditions(scope: Scope, where: Mapping[str, Any]) -> Conditions:
    """Build conditions on a `project_users` row aliased ``pu``, in visible projects only."""
    reject_unsupported(where, "ProjectUserWhere", PROJECT_USER_WHERE_FIELDS)
    conds = Conditions()
    projects = project_conditions(scope, where.get("project") or {})
    conds.add_in_subquery("pu.project_id", "projects", "p", projects)
    user = where.get("user")
    if user:
        users = user_conditions(scope, user)
        conds.add_in_subquery("pu.user_id", "users", "u", users)
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
        active = "(SELECT activated FROM users WHERE id = pu.user_id) = 1"
        statuses = {
            "ORG_ADMIN": f"{active} AND {admin}",
            "ACTIVATED": f"{active} AND NOT {admin}",
            "ORG_SUSPENDED": f"NOT {active}",
        }
        conds.add(statuses.get(where["status"], "0"))
    return conds


MEMBERS: Listing = Listing(
    select=(
        "SELECT pu.*, u.organization_role AS organization_role, u.activated AS user_activated "
        "FROM project_users pu "
        "JOIN users u ON u.id = pu.user_id"
    ),
    count_from="project_users pu",
    order="pu.rowid",
    conditions=project_user_conditions,
    resource="ProjectUser",
)
"""Memberships in visible projects, with the member's organization role, in joining order."""


def members_of_project(scope: Scope, project_id: str, user_id: str | None = None) -> list[Row]:
    """List a visible project's members (or one member), in joining order."""
    where: dict[str, Any] = {"project": {"id": project_id}}
    if user_id is not None:
        where["user"] = {"id": user_id}
    return MEMBERS.rows(scope, where)


def member_or_former(scope: Scope, project_id: str, user_id: str, member_id: str) -> Row | None:
    """Return the membership of a user, or one standing for it if the user is no member.

    Comments keep their author after the author leaves the project, and an
    organization admin may comment without being a member; `Comment.author` is never
    null, so such an author is shown as an inactive membership with the id the
    comment recorded (`member_id`) and the role the user holds through the
    organization. None only if the user is not visible at all.
    """
    rows = members_of_project(scope, project_id, user_id=user_id)
    if rows:
        return rows[0]
    user = scope.db.fetch_one(
        "SELECT organization_role, activated FROM users WHERE id = ? AND organization_id = ?",
        (user_id, scope.organization_id),
    )
    if user is None:
        return None
    is_admin = user["organization_role"] == "ADMIN"
    now = utc_now()
    return {
        "id": member_id,
        "project_id": project_id,
        "user_id": user_id,
        "role": "ADMIN" if is_admin else "LABELER",
        "activated": 0,
        "is_author": 0,
        "starred": 0,
        "invitation_status": "ACCEPTED",
        "organization_role": user["organization_role"],
        "user_activated": user["activated"],
        "created_at": now,
        "updated_at": now,
    }


def memberships_of_user(scope: Scope, user_id: str) -> list[Row]:
    """List the memberships of a user in projects visible to the viewer."""
    return MEMBERS.rows(scope, {"user": {"id": user_id}})


def active_role(db: Database, project_id: str, user_id: str) -> str | None:
    """Return the role of an active member, None if the user is not one."""
    role = db.scalar(
        "SELECT role FROM project_users WHERE project_id = ? AND user_id = ? AND activated = 1",
        (project_id, user_id),
    )
    return str(role) if role is not None else None


def active_member_user_id(db: Database, project_id: str, designation: str) -> str | None:
    """Return the user id of an active member designated by membership id or user id."""
    user_id = db.scalar(
        "SELECT user_id FROM project_users WHERE project_id = ? AND activated = 1 "
        "AND (id = ? OR user_id = ?)",
        (project_id, designation, designation),
    )
    return str(user_id) if user_id is not None else None


def is_starred(db: Database, project_id: str, user_id: str) -> bool:
    """Whether the user starred the project."""
    return bool(
        db.scalar(
            "SELECT starred FROM project_users WHERE project_id = ? AND user_id = ?",
            (project_id, user_id),
        )
    )


def put_member(db: Database, project_id: str, user_id: str, role: str) -> None:
    """Make a user an active member with `role`, whether or not it was one."""
    now = utc_now()
    db.execute(
        "INSERT INTO project_users (id, project_id, user_id, role, activated, is_author, starred, "
        "invitation_status, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 0, 0, 'ACCEPTED', ?, ?) "
        "ON CONFLICT(project_id, user_id) DO UPDATE SET role = excluded.role, activated = 1, "
        "updated_at = excluded.updated_at",
        (new_id(), project_id, user_id, role, now, now),
    )


def update_member(db: Database, member_id: str, values: Mapping[str, Any]) -> None:
    """Set columns of a membership and stamp the change."""
    db.update("project_users", member_id, {**values, "updated_at": utc_now()})


def delete_member(db: Database, member_id: str) -> None:
    """Remove a membership."""
    db.execute("DELETE FROM project_users WHERE id = ?", (member_id,))


LABEL_STATISTICS = {
    "numberOfLabels": "COUNT(*)",
    "numberOfLabeledAssets": "COUNT(DISTINCT asset_id)",
    "totalDuration": "CAST(COALESCE(SUM(seconds_to_label), 0) AS INTEGER)",
    "lastLabelingAt": "MAX(created_at)",
    "consensusMark": "AVG(consensus_mark)",
    "honeypotMark": "AVG(honeypot_mark)",
}
"""Member statistics over its DEFAULT and REVIEW labels in the project."""


def label_statistic(db: Database, project_id: str, user_id: str, statistic: str) -> Any:
    """Compute one of `LABEL_STATISTICS` for a member."""
    return db.scalar(
        f"SELECT {LABEL_STATISTICS[statistic]} FROM labels WHERE project_id = ? "
        "AND author_id = ? AND label_type IN ('DEFAULT', 'REVIEW')",
        (project_id, user_id),
    )
