"""Label reads: the `labels`/`countLabels` queries, and the Label type's fields.

The "latest label" flags are computed in SQL on read; label writes live in
`label_mutations`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.filters import label_conditions
from kili_emulator.permissions import visible_projects_sql
from kili_emulator.resolvers.common import load_json, page_clause
from kili_emulator.resolvers.user import get_user
from kili_emulator.sql_where import Conditions
from kili_emulator.storage import Row

query = QueryType()
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


def visible_label_conditions(ctx: RequestContext, where: Mapping[str, Any]) -> Conditions:
    """Conditions on a label row aliased ``l``: matches `where`, in a project the viewer sees."""
    conds = label_conditions(ctx, where, alias="l")
    visible, params = visible_projects_sql(ctx)
    conds.add(f"l.project_id IN (SELECT p.id FROM projects p WHERE {visible})", *params)
    return conds


def list_label_rows(
    ctx: RequestContext, where: Mapping[str, Any], page: tuple[int, int] | None = None
) -> list[Row]:
    """Return the visible labels matching `where`, oldest first, optionally one page."""
    conds = visible_label_conditions(ctx, where)
    limit, params = page_clause(*page) if page is not None else ("", [])
    return ctx.db.fetch_all(
        f"{LABEL_SELECT} WHERE {conds.sql} ORDER BY l.created_at, l.rowid{limit}",
        [*conds.params, *params],
    )


def get_label(ctx: RequestContext, label_id: str) -> dict[str, Any] | None:
    """Return a visible label as a Label, None if there is none with this id."""
    rows = list_label_rows(ctx, {"id": label_id})
    return label_to_graphql(rows[0]) if rows else None


@query.field("labels")
def resolve_labels(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List one page of the visible labels matching `where`, oldest first."""
    rows = list_label_rows(context_of(info), where, (first, skip))
    return [label_to_graphql(row) for row in rows]


@query.field("countLabels")
def resolve_count_labels(_obj: Any, info: Info, where: dict[str, Any]) -> int:
    """Count the visible labels matching `where`."""
    ctx = context_of(info)
    conds = visible_label_conditions(ctx, where)
    return int(ctx.db.scalar(f"SELECT COUNT(*) FROM labels l WHERE {conds.sql}", conds.params))


@label_type.field("numberOfAnnotations")
def resolve_number_of_annotations(label: Mapping[str, Any], *_: Any) -> int:
    """Count the objects and chosen categories of the label, nested jobs included."""
    from kili_emulator.category_search import category_counts

    return sum(category_counts(label["response"]).values())


@label_type.field("totalSecondsToLabel")
def resolve_total_seconds_to_label(label: Mapping[str, Any], info: Info) -> int:
    """Sum the time its author spent on every label of the same asset."""
    total = context_of(info).db.scalar(
        "SELECT COALESCE(SUM(seconds_to_label), 0) FROM labels WHERE asset_id = ? "
        "AND author_id = ?",
        (label["assetId"], label["authorId"]),
    )
    return int(total or 0)


BINDABLES = [query, label_type]
