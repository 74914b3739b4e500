"""Render memberships as the ProjectUser type."""

from __future__ import annotations

from typing import Any

from kili_emulator.storage import Row


def project_user_to_graphql(row: Row) -> dict[str, Any]:
    """Map a `project_users` row (joined with the user's organization role) to ProjectUser."""
    return {
        "id": row["id"],
        "role": row["role"],
        "invitationStatus": row["invitation_status"],
        "status": _status(row),
        "userId": row["user_id"],
        "projectId": row["project_id"],
        "activated": bool(row["activated"]),
        "isAuthor": bool(row["is_author"]),
        "starred": bool(row["starred"]),
    }


def _status(row: Row) -> str:
    """A suspended user (deactivated in the organization) is so in every project."""
    if not row.get("user_activated", 1):
        return "ORG_SUSPENDED"
    return "ORG_ADMIN" if row["organization_role"] == "ADMIN" else "ACTIVATED"
