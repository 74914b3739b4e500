"""Render project versions as the ProjectVersion type."""

from __future__ import annotations

from typing import Any

from kili_emulator.storage import Row


def project_version_to_graphql(row: Row) -> dict[str, Any]:
    """Map a `project_versions` row to the ProjectVersion type."""
    return {
        "_": None,
        "id": row["id"],
        "name": row["name"],
        "content": row["content"],
        "projectId": row["project_id"],
        "createdAt": row["created_at"],
    }
