"""Skips of assets: the reason and author of each, the asset's `skipped` flag and step status.

A skipped asset is `SKIPPED` in its current workflow step; unskipped, it is `TO_DO`
there again.
"""

from __future__ import annotations

from kili_emulator.storage import Database, Row, utc_now
from kili_emulator.store import assets, workflow


def skip_asset(db: Database, asset_id: str, reason: str, user_id: str) -> None:
    """Set the asset aside with `reason`; skipping it again records the new reason."""
    db.execute(
        "INSERT INTO asset_skips(asset_id, reason, user_id, skipped_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(asset_id) DO UPDATE SET reason = excluded.reason, "
        "user_id = excluded.user_id, skipped_at = excluded.skipped_at",
        (asset_id, reason, user_id, utc_now()),
    )
    assets.update_asset(db, asset_id, {"skipped": 1})
    workflow.set_step_status(db, [asset_id], "SKIPPED")


def unskip_asset(db: Database, asset_id: str) -> None:
    """Put the asset back in the queue; an asset not skipped is left as it is."""
    if skip_of(db, asset_id) is None:
        return
    db.execute("DELETE FROM asset_skips WHERE asset_id = ?", (asset_id,))
    assets.update_asset(db, asset_id, {"skipped": 0})
    workflow.set_step_status(db, [asset_id], "TO_DO")


def skip_of(db: Database, asset_id: str) -> Row | None:
    """Return the skip of the asset (`reason`, `user_id`, `skipped_at`), None if not skipped."""
    return db.fetch_one(
        "SELECT reason, user_id, skipped_at FROM asset_skips WHERE asset_id = ?", (asset_id,)
    )
