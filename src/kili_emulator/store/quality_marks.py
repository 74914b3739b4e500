"""Quality marks: recompute the inference, honeypot and consensus marks of assets.

The rules (which labels are compared, how answers agree) are pure functions in
`kili_emulator.quality`; this module reads what they need and writes back only the
marks that changed, so that refreshing an asset without quality control costs one
read.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from kili_emulator.quality.marks import MARKS, AssetFacts, LabelAnswer, compute_marks
from kili_emulator.storage import Database, Row
from kili_emulator.store.paging import chunks, placeholders


def _response(text: str | None) -> Any:
    try:
        return json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}


def refresh_marks(db: Database, asset_ids: Sequence[str]) -> None:
    """Recompute the marks of assets and of their labels after a change to either."""
    for chunk in chunks(list(dict.fromkeys(asset_ids))):
        assets = db.fetch_all(
            "SELECT id, is_honeypot, is_used_for_consensus, inference_mark, honeypot_mark, "
            f"consensus_mark FROM assets WHERE id IN ({placeholders(chunk)})",
            chunk,
        )
        labels_by_asset: dict[str, list[Row]] = defaultdict(list)
        for row in db.fetch_all(
            "SELECT id, asset_id, author_id, label_type, json_response, inference_mark, "
            f"honeypot_mark, consensus_mark FROM labels WHERE asset_id IN ({placeholders(chunk)}) "
            "ORDER BY created_at, rowid",
            chunk,
        ):
            labels_by_asset[row["asset_id"]].append(row)
        for asset in assets:
            _refresh_asset(db, asset, labels_by_asset[asset["id"]])


def _needs_marks(asset: Row, labels: Sequence[Row]) -> bool:
    """Tell whether any mark of the asset can be, or has been, computed."""
    return bool(
        asset["is_honeypot"]
        or asset["is_used_for_consensus"]
        or asset["inference_mark"] is not None
        or any(row["label_type"] == "INFERENCE" for row in labels)
        or any(row[column] is not None for row in labels for column in MARKS)
    )


def _refresh_asset(db: Database, asset: Row, labels: Sequence[Row]) -> None:
    if not _needs_marks(asset, labels):
        return
    marks = compute_marks(
        AssetFacts(bool(asset["is_honeypot"]), bool(asset["is_used_for_consensus"])),
        [
            LabelAnswer(
                row["id"], row["author_id"], row["label_type"], _response(row["json_response"])
            )
            for row in labels
        ],
    )
    for row in labels:
        changed = {
            column: value
            for column, value in marks.of_labels[row["id"]].items()
            if value != row[column]
        }
        if changed:
            _set_marks(db, "labels", row["id"], changed)
    changed = {column: value for column, value in marks.of_asset.items() if value != asset[column]}
    if changed:
        _set_marks(db, "assets", asset["id"], changed)


def _set_marks(db: Database, table: str, row_id: str, values: dict[str, float | None]) -> None:
    """Write marks without stamping `updated_at`: a mark is computed, not an edit."""
    assignments = ", ".join(f"{column} = ?" for column in values)
    db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), row_id])
