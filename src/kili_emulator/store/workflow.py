"""The workflow of a project: its ordered steps, their assignees, each asset's step.

Every project has steps and every asset a row in `asset_steps` (see `schema.WORKFLOW_DDL`,
whose triggers create them); this module reads them and moves assets through them.
"""

from __future__ import annotations

from collections.abc import Sequence

from kili_emulator.storage import Database, Row, utc_now
from kili_emulator.store.paging import chunks, placeholders

LABELING = "DEFAULT"
"""Type of the labeling step."""

REVIEW = "REVIEW"
"""Type of a review step."""


def steps_of_project(db: Database, project_id: str) -> list[Row]:
    """Return a project's steps in workflow order."""
    return db.fetch_all(
        "SELECT * FROM steps WHERE project_id = ? ORDER BY position, seq", (project_id,)
    )


def assignee_ids(db: Database, step_id: str) -> list[str]:
    """Return the ids of the users assigned to a step, in assignment order."""
    rows = db.fetch_all(
        "SELECT user_id FROM step_assignees WHERE step_id = ? ORDER BY rowid", (step_id,)
    )
    return [row["user_id"] for row in rows]


def current_step(db: Database, asset_id: str) -> Row | None:
    """Return an asset's current step (`id`, `name`) and its `status` in it."""
    return db.fetch_one(
        "SELECT s.id, s.name, w.status FROM asset_steps w JOIN steps s ON s.id = w.step_id"
        " WHERE w.asset_id = ?",
        (asset_id,),
    )


def set_step_status(db: Database, asset_ids: Sequence[str], status: str) -> None:
    """Set the status of assets in their current step, leaving them in it."""
    now = utc_now()
    for chunk in chunks(list(asset_ids)):
        db.execute(
            f"UPDATE asset_steps SET status = ?, updated_at = ? "
            f"WHERE asset_id IN ({placeholders(chunk)})",
            [status, now, *chunk],
        )
