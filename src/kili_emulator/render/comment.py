"""Render comments as the Comment type."""

from __future__ import annotations

from typing import Any

from kili_emulator.storage import Row


def comment_to_graphql(row: Row) -> dict[str, Any]:
    """Map a row of `COMMENT_SELECT` to the Comment type.

    `authorId` is the author's membership id, as Kili documents it, and its user id
    when the author has no membership; `authorIdUser` is always the user id.
    """
    return {
        "id": row["id"],
        "issueId": row["issue_id"],
        "projectId": row["project_id"],
        "authorId": row["author_member_id"] or row["author_id"],
        "authorIdUser": row["author_id"],
        "text": row["text"],
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }
