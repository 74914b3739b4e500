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


_MARKED_LABEL = " OR ".join(f"l.{column} IS NOT NULL" for column in MARKS)
_MAY_NEED_MARKS = (
    "(a.is_honeypot OR a.is_used_for_consensus OR a.inference_mark IS NOT NULL"
    " OR EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id"
    f" AND (l.label_type = 'INFERENCE' OR {_MARKED_LABEL})))"
)
"""SQL twin of `_needs_marks` on an asset aliased ``a``: lets most assets skip the reads."""


def refresh_marks(db: Database, asset_ids: Sequence[str]) -> None:
    """Recompute the marks of assets and of their labels after a change to either.

    Only assets with a mark computed or computable are read in full: the others (no
    honeypot, no consensus, no inference label, no mark) have nothing to recompute.
    """
    for chunk in chunks(list(dict.fromkeys(asset_ids))):
        assets = db.fetch_all(
            "SELECT a.id, a.is_honeypot, a.is_used_for_consensus, a.inference_mark, "
            "a.honeypot_mark, a.consensus_mark FROM assets a "
            f"WHERE a.id IN ({placeholders(chunk)}) AND {_MAY_NEED_MARKS}",
            chunk,
        )
        if not assets:
            continue
        marked = [asset["id"] for asset in assets]
        labels_by_asset: dict[str, list[Row]] = defaultdict(list)
        for row in db.fetch_all(
            "SELECT id, asset_id, author_id, label_type, json_response, inference_mark, "
            f"honeypot_mark, consensus_mark FROM labels WHERE asset_id IN ({placeholders(marked)}) "
            "ORDER BY created_at, rowid",
            marked,
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
