"""Labels: listing with per-user "latest" flags computed on read, writes, honeypot marks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kili_emulator.storage import Database, Row, new_id, utc_now
from kili_emulator.store.asset_filters import label_conditions, latest_label_id_sql
from kili_emulator.store.conditions import Conditions
from kili_emulator.store.paging import Listing, chunks, placeholders
from kili_emulator.store.scope import Scope
from kili_emulator.store.visibility import in_visible_projects


def _no_newer(extra: str = "") -> str:
    return (
        "NOT EXISTS (SELECT 1 FROM labels n WHERE n.asset_id = l.asset_id "
        f"AND n.author_id = l.author_id {extra}AND (n.created_at > l.created_at "
        "OR (n.created_at = l.created_at AND n.rowid > l.rowid)))"
    )


_NEWER_DEFAULT = _no_newer("AND n.label_type = 'DEFAULT' ")
_NEWER_REVIEW = _no_newer("AND n.label_type = 'REVIEW' ")
_LAST_FOR_STEP = (
    "(l.label_type IN ('DEFAULT', 'REVIEW') AND NOT EXISTS (SELECT 1 FROM labels n "
    "WHERE n.asset_id = l.asset_id AND n.label_type = l.label_type "
    "AND (n.created_at > l.created_at OR (n.created_at = l.created_at AND n.rowid > l.rowid))))"
)
"""A label is the last of its step when no newer label of its kind (labeling: DEFAULT,
review: REVIEW) exists on its asset, whoever wrote it."""
LABEL_SELECT = (
    f"SELECT l.*, {_no_newer()} AS latest_for_user, "
    f"(l.label_type = 'DEFAULT' AND {_NEWER_DEFAULT}) AS latest_default_for_user, "
    f"(l.label_type = 'REVIEW' AND {_NEWER_REVIEW}) AS latest_review_for_user, "
    f"{_LAST_FOR_STEP} AS last_for_step FROM labels l"
)
"""Select labels aliased ``l`` with their per-user "latest" flags and `isLastForStep`."""


def visible_label_conditions(scope: Scope, where: Mapping[str, Any]) -> Conditions:
    """Conditions on a label row aliased ``l``: matches `where`, in a project the viewer sees."""
    conds = label_conditions(scope, where, alias="l")
    visible, params = in_visible_projects(scope, "l.project_id")
    conds.add(visible, *params)
    return conds


LABELS: Listing = Listing(
    select=LABEL_SELECT,
    count_from="labels l",
    order="l.created_at, l.rowid",
    conditions=visible_label_conditions,
    resource="Label",
)
"""Visible labels, oldest first."""


def labels_of_asset(db: Database, asset_id: str) -> list[Row]:
    """List every label of an asset, oldest first."""
    return labels_of_assets(db, [asset_id])[asset_id]


def labels_of_assets(db: Database, asset_ids: Sequence[str]) -> dict[str, list[Row]]:
    """Group the labels of several assets by asset, oldest first; one query per 500 assets."""
    grouped: dict[str, list[Row]] = {asset_id: [] for asset_id in asset_ids}
    for chunk in chunks(list(grouped)):
        rows = db.fetch_all(
            f"{LABEL_SELECT} WHERE l.asset_id IN ({placeholders(chunk)}) "
            "ORDER BY l.created_at, l.rowid",
            chunk,
        )
        for row in rows:
            grouped[row["asset_id"]].append(row)
    return grouped


def latest_label_of_asset(db: Database, asset_id: str) -> Row | None:
    """Return the latest DEFAULT or REVIEW label of an asset: the one to trust."""
    return db.fetch_one(f"{LABEL_SELECT} WHERE l.id = ({latest_label_id_sql('?')})", (asset_id,))


def labels_by_ids(db: Database, label_ids: Sequence[str]) -> list[Row]:
    """Return labels in the order of `label_ids` (all must exist)."""
    labels: list[Row] = []
    for chunk in chunks(label_ids):
        rows = db.fetch_all(f"{LABEL_SELECT} WHERE l.id IN ({placeholders(chunk)})", chunk)
        by_id = {row["id"]: row for row in rows}
        labels += [by_id[label_id] for label_id in chunk]
    return labels


def asset_id_of_label(db: Database, label_id: str) -> str | None:
    """Return the asset a label belongs to, None if the label does not exist."""
    asset_id = db.scalar("SELECT asset_id FROM labels WHERE id = ?", (label_id,))
    return str(asset_id) if asset_id is not None else None


def label_row(asset: Row, author_id: str, label_type: str, **columns: Any) -> Row:
    """Build the row of a new label on `asset`; `columns` override the defaults."""
    now = columns.get("created_at") or utc_now()
    return {
        "id": new_id(),
        "asset_id": asset["id"],
        "project_id": asset["project_id"],
        "author_id": author_id,
        "label_type": label_type,
        "json_response": "{}",
        "created_at": now,
        "updated_at": now,
        **columns,
    }


def insert_labels(db: Database, rows: Sequence[Row]) -> None:
    """Insert label rows (see `label_row`)."""
    db.insert_many("labels", rows)


def delete_replaced(db: Database, row: Row) -> None:
    """Delete the labels a new label replaces: same asset, type, author and model."""
    db.execute(
        "DELETE FROM labels WHERE asset_id = ? AND label_type = ? AND author_id = ? "
        "AND COALESCE(model_name, '') = COALESCE(?, '')",
        (row["asset_id"], row["label_type"], row["author_id"], row["model_name"]),
    )


def update_label(db: Database, label_id: str, values: Mapping[str, Any]) -> None:
    """Set columns of a label and stamp the change."""
    db.update("labels", label_id, {**values, "updated_at": utc_now()})


def delete_label(db: Database, label_id: str) -> None:
    """Delete a label."""
    db.execute("DELETE FROM labels WHERE id = ?", (label_id,))


def author_seconds_on_asset(db: Database, asset_id: str, author_id: str) -> int:
    """Sum the time an author spent on every label of an asset."""
    total = db.scalar(
        "SELECT COALESCE(SUM(seconds_to_label), 0) FROM labels WHERE asset_id = ? "
        "AND author_id = ?",
        (asset_id, author_id),
    )
    return int(total or 0)


def copy_labels(db: Database, source_asset_id: str, target: Row) -> int:
    """Copy every label of an asset onto `target`, keeping authors, dates and answers.

    A copied review no longer points at the label it reviewed: that label is in the
    source project. Returns the number of labels copied.
    """
    copies = [
        {
            **{key: value for key, value in row.items() if key != "seq"},
            "id": new_id(),
            "asset_id": target["id"],
            "project_id": target["project_id"],
            "reviewed_label_id": None,
        }
        for row in db.fetch_all(
            "SELECT * FROM labels WHERE asset_id = ? ORDER BY created_at, rowid", (source_asset_id,)
        )
    ]
    if copies:
        insert_labels(db, copies)
    return len(copies)
