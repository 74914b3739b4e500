"""Web notifications: each belongs to one user, who alone reads and updates it.

Organization admins create notifications for the users of their organization and
may update them (a task reports its progress that way); they read another user's
notifications only by naming that user in `NotificationWhere.user`. The emulator
runs no background tasks, so no notification carries a task id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, ForbiddenError, NotFoundError
from kili_emulator.permissions import require_org_admin
from kili_emulator.resolvers.common import page_clause
from kili_emulator.resolvers.user import user_conditions
from kili_emulator.sql_where import Conditions, is_empty, reject_unsupported
from kili_emulator.storage import Row, new_id, utc_now

query = QueryType()
mutation = MutationType()


def notification_to_graphql(row: Row) -> dict[str, Any]:
    """Map a `notifications` row to the Notification type."""
    return {
        "_": None,
        "id": row["id"],
        "userID": row["user_id"],
        "message": row["message"],
        "status": row["status"],
        "url": row["url"],
        "progress": row["progress"],
        "hasBeenSeen": bool(row["has_been_seen"]),
        "createdAt": row["created_at"],
    }


def notification_conditions(
    ctx: RequestContext, where: Mapping[str, Any], *, managing: bool = False
) -> Conditions:
    """Build the conditions on a `notifications` row aliased ``n`` for a NotificationWhere.

    Args:
        ctx: The request.
        where: The filter.
        managing: Scope for a write: an organization admin reaches every notification of
            its organization's users. For reads, it reaches them only through `user`.
    """
    reject_unsupported(where, "NotificationWhere", ("hasBeenSeen", "id", "taskId", "user"))
    conds = Conditions()
    user = where.get("user") or {}
    named_user = not is_empty(user)
    if ctx.is_org_admin and (managing or named_user):
        conds.add(
            "n.user_id IN (SELECT id FROM users WHERE organization_id = ?)", ctx.organization_id
        )
    else:
        conds.add("n.user_id = ?", ctx.viewer_id)
    if named_user:
        users = user_conditions(ctx, user)
        conds.add(f"n.user_id IN (SELECT u.id FROM users u WHERE {users.sql})", *users.params)
    if where.get("id") is not None:
        conds.add("n.id = ?", where["id"])
    if where.get("taskId") is not None:
        conds.add("n.task_id = ?", where["taskId"])
    if where.get("hasBeenSeen") is not None:
        conds.add("n.has_been_seen = ?", int(where["hasBeenSeen"]))
    return conds


@query.field("notifications")
def resolve_notifications(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List one page of the viewer's notifications matching `where`, oldest first."""
    ctx = context_of(info)
    conds = notification_conditions(ctx, where)
    limit, params = page_clause(first, skip)
    rows = ctx.db.fetch_all(
        f"SELECT n.* FROM notifications n WHERE {conds.sql} ORDER BY n.rowid{limit}",
        [*conds.params, *params],
    )
    return [notification_to_graphql(row) for row in rows]


@query.field("countNotifications")
def resolve_count_notifications(_obj: Any, info: Info, where: dict[str, Any]) -> int:
    """Count the viewer's notifications matching `where`."""
    ctx = context_of(info)
    conds = notification_conditions(ctx, where)
    return int(
        ctx.db.scalar(f"SELECT COUNT(*) FROM notifications n WHERE {conds.sql}", conds.params)
    )


def _recipient(ctx: RequestContext, user_id: str) -> str:
    found = ctx.db.scalar(
        "SELECT id FROM users WHERE id = ? AND organization_id = ?", (user_id, ctx.organization_id)
    )
    if found is None:
        raise NotFoundError(f"User {user_id!r} not found in your organization", resource="User")
    return str(found)


def _check_progress(data: Mapping[str, Any]) -> None:
    progress = data.get("progress")
    if progress is not None and not 0 <= progress <= 100:
        raise BadUserInputError(f"NotificationData.progress is a percentage, got {progress}")


@mutation.field("createNotification")
def resolve_create_notification(_obj: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    """Notify a user of the organization (the viewer by default); organization admins only."""
    ctx = context_of(info)
    require_org_admin(ctx, "create notifications")
    if not data.get("message"):
        raise BadUserInputError("NotificationData.message is required to create a notification")
    _check_progress(data)
    now = utc_now()
    row = {
        "id": new_id(),
        "user_id": _recipient(ctx, data.get("userID") or ctx.viewer_id),
        "message": data["message"],
        "status": data.get("status") or "PENDING",
        "url": data.get("url") or "",
        "progress": data.get("progress"),
        "has_been_seen": int(bool(data.get("hasBeenSeen"))),
        "task_id": None,
        "created_at": now,
        "updated_at": now,
    }
    ctx.db.insert("notifications", row)
    return notification_to_graphql(row)


@mutation.field("updatePropertiesInNotification")
def resolve_update_notification(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Update the single notification `where` designates among those the viewer manages."""
    ctx = context_of(info)
    conds = notification_conditions(ctx, where, managing=True)
    rows = ctx.db.fetch_all(
        f"SELECT n.* FROM notifications n WHERE {conds.sql} ORDER BY n.rowid LIMIT 2", conds.params
    )
    if not rows:
        raise NotFoundError("Notification not found", resource="Notification")
    if len(rows) > 1:
        raise BadUserInputError(
            "NotificationWhere must designate a single notification; several match"
        )
    _check_progress(data)
    values: dict[str, Any] = {
        column: data[field]
        for field, column in (
            ("message", "message"),
            ("status", "status"),
            ("url", "url"),
            ("progress", "progress"),
        )
        if data.get(field) is not None
    }
    if data.get("hasBeenSeen") is not None:
        values["has_been_seen"] = int(data["hasBeenSeen"])
    if data.get("userID") is not None and data["userID"] != rows[0]["user_id"]:
        if not ctx.is_org_admin:
            raise ForbiddenError(
                "Only an organization admin may hand a notification over to another user",
                right="MANAGE_ORGANIZATION",
            )
        values["user_id"] = _recipient(ctx, data["userID"])
    ctx.db.update("notifications", rows[0]["id"], {**values, "updated_at": utc_now()})
    return notification_to_graphql({**rows[0], **values})


BINDABLES = [query, mutation]
