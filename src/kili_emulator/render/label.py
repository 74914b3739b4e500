"""Render labels as the Label type."""

from __future__ import annotations

from typing import Any

from kili_emulator.render.common import load_json
from kili_emulator.storage import Row


def label_to_graphql(row: Row) -> dict[str, Any]:
    """Map a row of `LABEL_SELECT` to the Label type."""
    return {
        "id": row["id"],
        "assetId": row["asset_id"],
        "authorId": row["author_id"],
        "projectId": row["project_id"],
        "createdAt": row["created_at"],
        "jsonResponse": row["json_response"],
        "response": load_json(row["json_response"], {}),
        "labelType": row["label_type"],
        "modelName": row["model_name"],
        "secondsToLabel": row["seconds_to_label"],
        "skipped": bool(row["skipped"]),
        "isSentBackToQueue": bool(row["is_sent_back_to_queue"]),
        "honeypotMark": row["honeypot_mark"],
        "inferenceMark": row["inference_mark"],
        "version": row["version"],
        "jsonResponseUrl": None,
        "isLatestLabelForUser": bool(row["latest_for_user"]),
        "isLatestDefaultLabelForUser": bool(row["latest_default_for_user"]),
        "isLatestReviewLabelForUser": bool(row["latest_review_for_user"]),
        "isLastForStep": bool(row["last_for_step"]),
    }
