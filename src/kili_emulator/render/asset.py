"""Render assets as the Asset type."""

from __future__ import annotations

from typing import Any

from kili_emulator.render.common import load_json
from kili_emulator.storage import Row


def asset_to_graphql(row: Row) -> dict[str, Any]:
    """Map an `assets` row to the Asset type; JSON strings stay strings, JSON fields parse.

    The emulator keeps no locks, so `locks` is empty. `currentStep` comes from the
    columns `ASSETS` joins from the workflow (null for a row read without them). It keeps
    no layer metadata of geospatial assets: `geospatialExportMetadata` is null.
    """
    return {
        "id": row["id"],
        "projectId": row["project_id"],
        "externalId": row["external_id"],
        "content": row["content"],
        "jsonContent": row["json_content"],
        "contentJson": load_json(row["json_content"]),
        "jsonMetadata": row["json_metadata"],
        "metadata": load_json(row["json_metadata"], {}),
        "status": row["status"],
        "isHoneypot": bool(row["is_honeypot"]),
        "isUsedForConsensus": bool(row["is_used_for_consensus"]),
        "isToReview": bool(row["is_to_review"]),
        "priority": row["priority"],
        "consensusMark": row["consensus_mark"],
        "honeypotMark": row["honeypot_mark"],
        "inferenceMark": row["inference_mark"],
        "skipped": bool(row["skipped"]),
        "resolution": load_json(row["resolution"]),
        "pageResolutions": page_resolutions(row["page_resolutions"]),
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
        "ocrMetadata": None,
        "geospatialExportMetadata": None,
        "thumbnail": None,
        "currentStep": _current_step(row),
        "locks": [],
        "numberOfValidLocks": 0,
        "numberOfValidLocksForReview": 0,
    }


def page_resolutions(text: str | None) -> list[dict[str, Any]] | None:
    """Parse stored page resolutions; a page given without `rotation` is not rotated (0)."""
    pages = load_json(text)
    if not isinstance(pages, list):
        return pages  # type: ignore[no-any-return]
    return [{"rotation": 0, **page} if isinstance(page, dict) else page for page in pages]


def _current_step(row: Row) -> dict[str, Any] | None:
    if row.get("current_step_id") is None:
        return None
    return {
        "id": row["current_step_id"],
        "name": row["current_step_name"],
        "status": row["current_step_status"],
    }
