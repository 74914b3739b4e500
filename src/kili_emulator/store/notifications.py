"""Web notifications: each belongs to one user of an organization."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kili_emulator.storage import Database, Row, new_id, utc_now
from kili_emulator.store.conditions import Conditions, is_empty, reject_unsupported
from kili_emulator.store.paging import Listing
from kili_emulator.store.scope import Scope
from kili_emulator.store.users import user_conditions


def notification_conditions(
    scope: Scope, where: Mapping[str, Any], *, managing: bool = False
) -> Conditions:
    """Build the conditions on a `notifications` row aliased ``n`` for a NotificationWhere.

    Args:
        scope: The viewer.
        where: The filter.
        managing: Scope for a write: an organization admin reaches every notification of
            its organization's users. For reads, it reaches them only through `user`.
    """
    reject_unsupported(where, "NotificationWhere", ("hasBeenSeen", "id", "taskId", "user"))
    conds = Conditions()
    user = where.get("user") or {}
    named_user = not is_empty(user)
    if scope.is_org_admin and (managing or named_user):
        conds.add(
            "n.user_id IN (SELECT id FROM users WHERE organization_id = ?)", scope.organization_id
        )
    else:
        conds.add("n.user_id = ?", scope.viewer_id)
    if named_user:
        users = user_conditions(scope, user)
        conds.add_in_subquery("n.user_id", "users", "u", users)
    if where.get("id") is not None:
        conds.add("n.id = ?", where["id"])
    if where.get("taskId") is not None:
        conds.add("n.task_id = ?", where["taskId"])
    if where.get("hasBeenSeen") is not None:
        conds.add("n.has_been_seen = ?", int(where["hasBeenSeen"]))
    return conds


NOTIFICATIONS: Listing = Listing(
    select="SELECT n.* FROM notifications n",
    count_from="notifications n",
    order="n.rowid",
    conditions=notification_conditions,
    resource="Notification",
)
"""The viewer's notifications, oldest first."""

MANAGED_NOTIFICATIONS: Listing = Listing(
    select=NOTIFICATIONS.select,
    count_from=NOTIFICATIONS.count_from,
    order=NOTIFICATIONS.order,
    conditions=lambda scope, where: notification_conditions(scope, where, managing=True),
    resource="Notification",
)
"""The notifications the viewer may update: an admin's reach all of its organization's."""


def insert_notification(db: Database, user_id: str, **columns: Any) -> Row:
    """Notify a user; return the notification's row."""
    now = utc_now()
    row = {
        "id": new_id(),
        "user_id": user_id,
        "message": "",
        "status": "PENDING",
        "url": "",
        "progress": None,
        "has_been_seen": 0,
        "task_id": None,
        "created_at": now,
        "updated_at": now,
        **columns,
    }
    db.insert("notifications", row)
    return row


def update_notification(db: Database, notification_id: str, values: Mapping[str, Any]) -> None:
    """Set columns of a notification and stamp the change."""
    db.update("notifications", notification_id, {**values, "updated_at": utc_now()})
