"""Honeypot marks: how far each label of a honeypot asset agrees with its reference."""

from __future__ import annotations

import json
from typing import Any

from kili_emulator.category_search import category_counts
from kili_emulator.storage import Database


def agreement(reference: Any, answer: Any) -> float:
    """Score from 0 to 1 how far `answer` chooses the categories `reference` chooses.

    Both jsonResponses are reduced to counts per (job, category); the score is the
    multiset Jaccard index of the two, 1 when both are empty.
    """
    expected, given = category_counts(reference), category_counts(answer)
    keys = set(expected) | set(given)
    if not keys:
        return 1.0
    shared = sum(min(expected[key], given[key]) for key in keys)
    return shared / sum(max(expected[key], given[key]) for key in keys)


def _response(text: str | None) -> Any:
    try:
        return json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}


def refresh_honeypot_marks(db: Database, asset_id: str) -> None:
    """Mark the DEFAULT labels of a honeypot asset against its reference, and the asset.

    The reference is the latest REVIEW label of the asset, the one `createHoneypot`
    writes unless a review came after it. Assets that are no honeypots are left alone.
    """
    reference = db.fetch_one(
        "SELECT l.json_response FROM labels l JOIN assets a ON a.id = l.asset_id "
        "WHERE l.asset_id = ? AND a.is_honeypot = 1 AND l.label_type = 'REVIEW' "
        "ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1",
        (asset_id,),
    )
    if reference is None:
        return
    expected = _response(reference["json_response"])
    answers = db.fetch_all(
        "SELECT id, json_response FROM labels WHERE asset_id = ? AND label_type = 'DEFAULT'",
        (asset_id,),
    )
    marks = {row["id"]: agreement(expected, _response(row["json_response"])) for row in answers}
    for label_id, mark in marks.items():
        db.execute("UPDATE labels SET honeypot_mark = ? WHERE id = ?", (mark, label_id))
    asset_mark = sum(marks.values()) / len(marks) if marks else None
    db.execute("UPDATE assets SET honeypot_mark = ? WHERE id = ?", (asset_mark, asset_id))
