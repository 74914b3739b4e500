"""Labels as read through assets: mapping and relations of the Label type.

Label writes and the `labels` query belong to the label domain; this module gives
them the shared read side, including the "latest label" flags computed in SQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import ObjectType

from kili_emulator.context import Info, context_of
from kili_emulator.resolvers.common import load_json
from kili_emulator.resolvers.user import get_user
from kili_emulator.storage import Row

label_type = ObjectType("Label")


def _no_newer(extra: str = "") -> str:
    return (
        "NOT EXISTS (SELECT 1 FROM labels n WHERE n.asset_id = l.asset_id "
        f"AND n.author_id = l.author_id {extra}AND (n.created_at > l.created_at "
        "OR (n.created_at = l.created_at AND n.rowid > l.rowid)))"
    )


_NEWER_DEFAULT = _no_newer("AND n.label_type = 'DEFAULT' ")
_NEWER_REVIEW = _no_newer("AND n.label_type = 'REVIEW' ")
LABEL_SELECT = (
    f"SELECT l.*, {_no_newer()} AS latest_for_user, "
    f"(l.label_type = 'DEFAULT' AND {_NEWER_DEFAULT}) AS latest_default_for_user, "
    f"(l.label_type = 'REVIEW' AND {_NEWER_REVIEW}) AS latest_review_for_user FROM labels l"
)
"""Select labels aliased ``l`` with their per-user "latest" flags."""


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
    }


@label_type.field("author")
def resolve_label_author(label: Mapping[str, Any], info: Info) -> Any:
    """Resolve the user who wrote the label."""
    return get_user(context_of(info), label["authorId"])


@label_type.field("labelOf")
def resolve_label_asset(label: Mapping[str, Any], info: Info) -> Any:
    """Resolve the asset the label belongs to."""
    from kili_emulator.resolvers.asset import get_asset

    return get_asset(context_of(info), label["assetId"])


BINDABLES = [label_type]
