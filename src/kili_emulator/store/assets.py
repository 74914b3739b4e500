"""Assets: listing, imports, updates, statuses, assignments and deletion."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from kili_emulator.storage import Database, Row, utc_now
from kili_emulator.store import files
from kili_emulator.store.asset_filters import (
    TRUSTED_LABEL_TYPES,
    asset_conditions,
    latest_label_id_sql,
)
from kili_emulator.store.paging import Listing, chunks, placeholders
from kili_emulator.store.schema import FIRST_STEP_OF_NEW_ASSETS
from kili_emulator.store.scope import Scope

ASSETS: Listing = Listing(
    select=(
        "SELECT a.*, ws.step_id AS current_step_id, ws.status AS current_step_status,"
        " st.name AS current_step_name FROM assets a"
        " LEFT JOIN asset_steps ws ON ws.asset_id = a.id LEFT JOIN steps st ON st.id = ws.step_id"
    ),
    count_from="assets a",
    order="a.rowid",
    conditions=asset_conditions,
    resource="Asset",
)
"""Visible assets, in creation order, each with its current workflow step and status."""


def get_asset(scope: Scope, asset_id: str) -> Row | None:
    """Return a visible asset, None if there is none with this id."""
    return ASSETS.first(scope, {"id": asset_id})


def asset_row(db: Database, asset_id: str) -> Row | None:
    """Return an asset by id, whoever may see it."""
    return db.fetch_one("SELECT * FROM assets WHERE id = ?", (asset_id,))


def existing_external_ids(db: Database, project_id: str, external_ids: Sequence[str]) -> set[str]:
    """Return those of `external_ids` already used in the project."""
    existing: set[str] = set()
    for chunk in chunks(list(dict.fromkeys(external_ids))):
        rows = db.fetch_all(
            "SELECT DISTINCT external_id FROM assets WHERE project_id = ? "
            f"AND external_id IN ({placeholders(chunk)})",
            [project_id, *chunk],
        )
        existing.update(row["external_id"] for row in rows)
    return existing


def metadata_documents(db: Database, project_id: str) -> list[str]:
    """Return the JSON metadata of a project's assets, in creation order."""
    rows = db.fetch_all(
        "SELECT json_metadata FROM assets WHERE project_id = ? ORDER BY rowid", (project_id,)
    )
    return [row["json_metadata"] for row in rows]


def assignee_ids(db: Database, asset_id: str) -> list[str]:
    """Return the ids of the users an asset is assigned to, in assignment order."""
    rows = db.fetch_all(
        "SELECT user_id FROM asset_assignees WHERE asset_id = ? ORDER BY rowid", (asset_id,)
    )
    return [row["user_id"] for row in rows]


def labeling_seconds(db: Database, asset_id: str) -> int:
    """Sum the labeling time of an asset's labels, in whole seconds."""
    seconds = db.scalar(
        "SELECT COALESCE(SUM(seconds_to_label), 0) FROM labels WHERE asset_id = ?", (asset_id,)
    )
    return int(seconds)


def label_version(db: Database, asset_id: str) -> int:
    """Return the highest label version of an asset, 0 without labels."""
    version = db.scalar(
        "SELECT COALESCE(MAX(version), 0) FROM labels WHERE asset_id = ?", (asset_id,)
    )
    return int(version)


def find_duplicates(db: Database, project_id: str, rows: Sequence[Row]) -> dict[str, list[str]]:
    """Return the ids and external ids of `rows` repeated in the batch or already stored.

    Ids are unique across projects, external ids within the project.
    """
    duplicates: dict[str, list[str]] = {}
    for column, scope in (("id", None), ("external_id", project_id)):
        values = [row[column] for row in rows]
        repeated = {value for value, count in Counter(values).items() if count > 1}
        stored: set[str] = set()
        unique = list(dict.fromkeys(values))
        scope_sql, scope_params = ("project_id = ? AND ", [scope]) if scope else ("", [])
        for chunk in chunks(unique):
            found = db.fetch_all(
                f"SELECT {column} AS value FROM assets WHERE {scope_sql}"
                f"{column} IN ({placeholders(chunk)})",
                [*scope_params, *chunk],
            )
            stored.update(row["value"] for row in found)
        if repeated or stored:
            duplicates[column] = [value for value in unique if value in repeated | stored]
    return duplicates


def insert_assets(db: Database, project_id: str, rows: Sequence[Row]) -> list[Row]:
    """Insert rows, each in its project's first step; return them as stored, in order.

    Must run inside the caller's transaction, which holds the database: rows after
    the last rowid are then exactly the ones inserted here.
    """
    last = db.scalar("SELECT COALESCE(MAX(rowid), 0) FROM assets")
    db.insert_many("assets", rows)
    db.execute(FIRST_STEP_OF_NEW_ASSETS, (last,))
    db.execute("UPDATE projects SET updated_at = ? WHERE id = ?", (utc_now(), project_id))
    return db.fetch_all("SELECT * FROM assets WHERE rowid > ? ORDER BY rowid", (last,))


def update_asset(db: Database, asset_id: str, values: Mapping[str, Any]) -> None:
    """Set columns of an asset and stamp the change (unless `values` sets the stamp)."""
    db.update("assets", asset_id, {"updated_at": utc_now(), **values})


def count_external_id(db: Database, project_id: str, external_id: str) -> int:
    """Count the assets of a project using an external id."""
    return int(
        db.scalar(
            "SELECT COUNT(*) FROM assets WHERE project_id = ? AND external_id = ?",
            (project_id, external_id),
        )
    )


def clear_assignees(db: Database, asset_id: str) -> None:
    """Unassign an asset from everyone."""
    db.execute("DELETE FROM asset_assignees WHERE asset_id = ?", (asset_id,))


def add_assignee(db: Database, asset_id: str, user_id: str) -> None:
    """Assign an asset to a user (again: no change)."""
    db.execute(
        "INSERT OR IGNORE INTO asset_assignees(asset_id, user_id) VALUES (?, ?)",
        (asset_id, user_id),
    )


def delete_assets(db: Database, organization_id: str, rows: Sequence[Row]) -> None:
    """Delete assets with their labels, issues, assignments and uploaded files."""
    for chunk in chunks([row["id"] for row in rows]):
        db.execute(f"DELETE FROM assets WHERE id IN ({placeholders(chunk)})", chunk)
    for row in rows:
        files.delete_files_under(
            db, organization_id, f"projects/{row['project_id']}/assets/{row['id']}/"
        )


def set_status(db: Database, asset_ids: Sequence[str], status: str) -> None:
    """Set the status of assets."""
    for chunk in chunks(asset_ids):
        db.execute(
            f"UPDATE assets SET status = ?, updated_at = ? WHERE id IN ({placeholders(chunk)})",
            [status, utc_now(), *chunk],
        )


_LABELED = (
    "EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND l.label_type IN ("
    + ", ".join(f"'{label_type}'" for label_type in TRUSTED_LABEL_TYPES)
    + "))"
)


def labeled_ids(db: Database, asset_ids: Sequence[str]) -> set[str]:
    """Return those of `asset_ids` that have a human (DEFAULT or REVIEW) label."""
    labeled: set[str] = set()
    for chunk in chunks(asset_ids):
        found = db.fetch_all(
            f"SELECT a.id FROM assets a WHERE a.id IN ({placeholders(chunk)}) AND {_LABELED}",
            chunk,
        )
        labeled.update(row["id"] for row in found)
    return labeled


def flag_latest_label_sent_back(db: Database, asset_id: str) -> None:
    """Flag the latest human label of an asset as sent back to the queue."""
    db.execute(
        f"UPDATE labels SET is_sent_back_to_queue = 1 WHERE id = ({latest_label_id_sql('?')})",
        (asset_id,),
    )
