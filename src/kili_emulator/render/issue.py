"""Render issues as the Issue type."""

from __future__ import annotations

from typing import Any

from kili_emulator.storage import Row


def issue_to_graphql(row: Row) -> dict[str, Any]:
    """Map an `issues` row (better, a row of `ISSUE_SELECT`) to the Issue type.

    A person without membership in the project (an organization admin who never
    joined it) is named by user id, the only id there is.
    """
    assignee = row["assignee_id"]
    return {
        "id": row["id"],
        "assetId": row["asset_id"],
        "projectId": row["project_id"],
        "authorId": row.get("author_member_id") or row["author_id"],
        "assigneeId": (row.get("assignee_member_id") or assignee) if assignee else None,
        "authorUserId": row["author_id"],
        "assigneeUserId": assignee,
        "issueNumber": row["issue_number"],
        "objectMid": row["object_mid"],
        "labelId": row["label_id"],
        "status": row["status"],
        "type": row["type"],
        "hasBeenSeen": bool(row["has_been_seen"]),
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }
