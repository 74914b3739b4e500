"""Render notifications as the Notification type."""

from __future__ import annotations

from typing import Any

from kili_emulator.storage import Row


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
