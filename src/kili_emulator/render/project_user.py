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
        "status": "ORG_ADMIN" if row["organization_role"] == "ADMIN" else "ACTIVATED",
        "userId": row["user_id"],
        "projectId": row["project_id"],
        "activated": bool(row["activated"]),
        "isAuthor": bool(row["is_author"]),
        "starred": bool(row["starred"]),
    }
