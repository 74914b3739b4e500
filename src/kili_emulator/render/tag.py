"""Render tags as the Tag type."""

from __future__ import annotations

from typing import Any

from kili_emulator.storage import Row


def tag_to_graphql(row: Row) -> dict[str, Any]:
    """Map a `tags` row to the Tag type; `checkedForProjects` is resolved on demand."""
    return {
        "id": row["id"],
        "label": row["label"],
        "color": row["color"],
        "organizationId": row["organization_id"],
    }
