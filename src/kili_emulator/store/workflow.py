"""The workflow of a project: its ordered steps, their assignees, each asset's step.

Every project has steps and every asset a row in `asset_steps` (see `schema.WORKFLOW_DDL`,
whose trigger creates the steps, and `assets.insert_assets`, which places new assets);
this module reads and changes the steps, and moves assets
through them as labels, reviews and send-backs arrive:

- a label of the type of the asset's step (DEFAULT in the labeling step, REVIEW in a
  review step) completes the step; in the labeling step, an asset in consensus needs
  labels by as many authors as the step expects, and is PARTIALLY_DONE before that;
- a completed step hands the asset to the next review step that samples it (coverage
  100: every asset, 0: none, else a stable hash of asset and step ids), TO_DO there;
  when none does, the asset stays on the step it completed, DONE;
- an AUTOSAVE label marks the asset DOING in its step;
- a send-back moves the asset to its step's send-back step (the labeling step by
  default), REDO; adding an asset to review moves it to the first review step, TO_DO.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from kili_emulator.storage import Database, Row, new_id, utc_now
from kili_emulator.store.paging import chunks, placeholders

LABELING = "DEFAULT"
"""Type of the labeling step."""

REVIEW = "REVIEW"
"""Type of a review step."""

STEP_COLUMNS = (
    "name",
    "consensus_coverage",
    "number_of_expected_labels_for_consensus",
    "step_coverage",
    "send_back_step_id",
    "use_honeypot",
)
"""Columns of a step a workflow change may set."""

_WAITING = ("TO_DO", "REDO")
"""Statuses of an asset no one has started on in its step."""


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


def count_assets_in_step(db: Database, step_id: str) -> int:
    """Count the assets whose current step is `step_id`."""
    return int(db.scalar("SELECT COUNT(*) FROM asset_steps WHERE step_id = ?", (step_id,)))


def insert_step(db: Database, project_id: str, step_type: str, values: Mapping[str, Any]) -> str:
    """Append a step to the end of a project's workflow; return its id."""
    now, step_id = utc_now(), new_id()
    position = db.scalar(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM steps WHERE project_id = ?", (project_id,)
    )
    db.insert(
        "steps",
        {
            "use_honeypot": 0,
            **{column: values[column] for column in STEP_COLUMNS if column in values},
            "id": step_id,
            "project_id": project_id,
            "position": position,
            "type": step_type,
            "created_at": now,
            "updated_at": now,
        },
    )
    return step_id


def update_step(db: Database, step_id: str, values: Mapping[str, Any]) -> None:
    """Set columns of a step (among `STEP_COLUMNS`) and stamp the change."""
    db.update("steps", step_id, {**values, "updated_at": utc_now()})


def set_assignees(db: Database, step_id: str, user_ids: Sequence[str]) -> None:
    """Make `user_ids` the users assigned to a step, in this order."""
    db.execute("DELETE FROM step_assignees WHERE step_id = ?", (step_id,))
    db.insert_many(
        "step_assignees",
        [{"step_id": step_id, "user_id": user_id} for user_id in dict.fromkeys(user_ids)],
    )


def delete_step(db: Database, step: Row) -> None:
    """Delete a step no asset is in; the steps after it move up one position."""
    db.execute("DELETE FROM steps WHERE id = ?", (step["id"],))
    db.execute(
        "UPDATE steps SET position = position - 1 WHERE project_id = ? AND position > ?",
        (step["project_id"], step["position"]),
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


def _place(db: Database, asset_id: str, step_id: str, status: str) -> None:
    _place_many(db, {asset_id: (step_id, status)})


def _place_many(db: Database, places: Mapping[str, tuple[str, str]]) -> None:
    """Put each asset of `places` in its (step, status); one UPDATE per pair and chunk."""
    by_place: dict[tuple[str, str], list[str]] = {}
    for asset_id, place in places.items():
        by_place.setdefault(place, []).append(asset_id)
    now = utc_now()
    for (step_id, status), asset_ids in by_place.items():
        for chunk in chunks(asset_ids):
            db.execute(
                "UPDATE asset_steps SET step_id = ?, status = ?, updated_at = ? "
                f"WHERE asset_id IN ({placeholders(chunk)})",
                [step_id, status, now, *chunk],
            )


def samples(asset_id: str, step: Mapping[str, Any], coverage: int | None) -> bool:
    """Whether a step with `coverage` (a percentage) takes this asset; stable per pair."""
    if coverage is None or coverage >= 100:
        return True
    if coverage <= 0:
        return False
    digest = hashlib.sha256(f"{asset_id}:{step['id']}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < coverage


def _next_place(asset_id: str, steps: Sequence[Row], done: Row) -> tuple[str, str]:
    """Where an asset that completed `done` goes: the next review step sampling it, TO_DO."""
    for step in steps:
        later_review = step["position"] > done["position"] and step["type"] == REVIEW
        if later_review and samples(asset_id, step, step["step_coverage"]):
            return step["id"], "TO_DO"
    return done["id"], "DONE"


def _labeling_complete(db: Database, asset: Row, step: Row) -> bool:
    """Whether an asset has labels by enough authors to leave the labeling step."""
    expected = step["number_of_expected_labels_for_consensus"] or 1
    in_consensus = bool(asset["is_used_for_consensus"]) or (
        bool(step["consensus_coverage"]) and samples(asset["id"], step, step["consensus_coverage"])
    )
    if not in_consensus or expected <= 1:
        return True
    authors = db.scalar(
        "SELECT COUNT(DISTINCT author_id) FROM labels WHERE asset_id = ? AND label_type = ?",
        (asset["id"], LABELING),
    )
    return int(authors) >= expected


def labels_added(db: Database, label_rows: Sequence[Row]) -> None:
    """Move the assets of new labels through their workflow (see the module's rules).

    Each asset's move depends only on its own step and labels, so the assets are read
    in chunks and the moves written grouped by destination.
    """
    types_by_asset: dict[str, set[str]] = {}
    for row in label_rows:
        types_by_asset.setdefault(row["asset_id"], set()).add(row["label_type"])
    steps_by_project: dict[str, list[Row]] = {}
    places: dict[str, tuple[str, str]] = {}
    for asset in _assets_with_steps(db, list(types_by_asset)):
        project_id = asset["project_id"]
        if project_id not in steps_by_project:
            steps_by_project[project_id] = steps_of_project(db, project_id)
        steps = steps_by_project[project_id]
        step = next((s for s in steps if s["id"] == asset["step_id"]), None)
        if step is None:
            continue
        label_types = types_by_asset[asset["id"]]
        if step["type"] in label_types:
            if step["type"] == REVIEW or _labeling_complete(db, asset, step):
                places[asset["id"]] = _next_place(asset["id"], steps, step)
            else:
                places[asset["id"]] = step["id"], "PARTIALLY_DONE"
        elif "AUTOSAVE" in label_types and asset["status"] in _WAITING:
            places[asset["id"]] = step["id"], "DOING"
    _place_many(db, places)


def _assets_with_steps(db: Database, asset_ids: Sequence[str]) -> list[Row]:
    """Return the assets (consensus flag, current step and status) among `asset_ids`."""
    found: list[Row] = []
    for chunk in chunks(list(asset_ids)):
        found += db.fetch_all(
            "SELECT a.id, a.project_id, a.is_used_for_consensus, w.step_id, w.status"
            " FROM assets a JOIN asset_steps w ON w.asset_id = a.id"
            f" WHERE a.id IN ({placeholders(chunk)})",
            chunk,
        )
    return found


def send_back(db: Database, asset_ids: Sequence[str], labeled_ids: set[str]) -> None:
    """Send assets back: to their step's send-back step, REDO (unlabeled: first step, TO_DO)."""
    for asset_id in asset_ids:
        row = db.fetch_one(
            "SELECT s.* FROM asset_steps w JOIN steps s ON s.id = w.step_id WHERE w.asset_id = ?",
            (asset_id,),
        )
        if row is None:
            continue
        steps = steps_of_project(db, row["project_id"])
        target = row["send_back_step_id"] if row["type"] == REVIEW else None
        _place(
            db,
            asset_id,
            target or steps[0]["id"],
            "REDO" if asset_id in labeled_ids else "TO_DO",
        )


def add_to_review(db: Database, asset_ids: Sequence[str]) -> None:
    """Move assets to the first review step of their project, TO_DO there."""
    for asset_id in asset_ids:
        project_id = db.scalar("SELECT project_id FROM assets WHERE id = ?", (asset_id,))
        review = next((s for s in steps_of_project(db, project_id) if s["type"] == REVIEW), None)
        if review is not None:
            _place(db, asset_id, review["id"], "TO_DO")
