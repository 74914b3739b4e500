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
from kili_emulator.render.notification import notification_to_graphql
from kili_emulator.resolvers.common import bind_list_and_count
from kili_emulator.store import notifications, users

query = QueryType()
mutation = MutationType()

bind_list_and_count(
    query,
    "notifications",
    "countNotifications",
    notifications.NOTIFICATIONS,
    notification_to_graphql,
)


def _recipient(ctx: RequestContext, user_id: str) -> str:
    if users.get_user(ctx, user_id) is None:
        raise NotFoundError(f"User {user_id!r} not found in your organization", resource="User")
    return user_id


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
    row = notifications.insert_notification(
        ctx.db,
        _recipient(ctx, data.get("userID") or ctx.viewer_id),
        message=data["message"],
        status=data.get("status") or "PENDING",
        url=data.get("url") or "",
        progress=data.get("progress"),
        has_been_seen=int(bool(data.get("hasBeenSeen"))),
    )
    return notification_to_graphql(row)


UPDATABLE_COLUMNS = {"message": "message", "status": "status", "url": "url", "progress": "progress"}


@mutation.field("updatePropertiesInNotification")
def resolve_update_notification(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Update the single notification `where` designates among those the viewer manages."""
    ctx = context_of(info)
    notification = notifications.MANAGED_NOTIFICATIONS.single(ctx, where)
    _check_progress(data)
    values: dict[str, Any] = {
        column: data[field]
        for field, column in UPDATABLE_COLUMNS.items()
        if data.get(field) is not None
    }
    if data.get("hasBeenSeen") is not None:
        values["has_been_seen"] = int(data["hasBeenSeen"])
    if data.get("userID") is not None and data["userID"] != notification["user_id"]:
        if not ctx.is_org_admin:
            raise ForbiddenError(
                "Only an organization admin may hand a notification over to another user",
                right="MANAGE_ORGANIZATION",
            )
        values["user_id"] = _recipient(ctx, data["userID"])
    notifications.update_notification(ctx.db, notification["id"], values)
    return notification_to_graphql({**notification, **values})


BINDABLES = [query, mutation]
