"""Asset reads: the `assets`/`countAssets` queries, look-ups, and the Asset type's relations."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ariadne import ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.filters import asset_conditions, latest_label_id_sql
from kili_emulator.permissions import READ_PROJECT, require_project
from kili_emulator.resolvers.common import load_json, page_clause
from kili_emulator.resolvers.issue import issues_of_asset
from kili_emulator.resolvers.label import LABEL_SELECT, label_to_graphql
from kili_emulator.resolvers.project import get_project
from kili_emulator.storage import Row

query = QueryType()
asset_type = ObjectType("Asset")


def asset_to_graphql(row: Row) -> dict[str, Any]:
    """Map an `assets` row to the Asset type; JSON strings stay strings, JSON fields parse.

    The emulator keeps no locks and runs no workflow steps, so `locks` is empty and
    `currentStep` null, which is what Kili answers for such assets.
    """
    return {
        "id": row["id"],
        "projectId": row["project_id"],
        "externalId": row["external_id"],
        "content": row["content"],
        "jsonContent": row["json_content"],
        "contentJson": load_json(row["json_content"]),
        "jsonMetadata": row["json_metadata"],
        "metadata": load_json(row["json_metadata"], {}),
        "status": row["status"],
        "isHoneypot": bool(row["is_honeypot"]),
        "isUsedForConsensus": bool(row["is_used_for_consensus"]),
        "isToReview": bool(row["is_to_review"]),
        "priority": row["priority"],
        "consensusMark": row["consensus_mark"],
        "honeypotMark": row["honeypot_mark"],
        "inferenceMark": row["inference_mark"],
        "skipped": bool(row["skipped"]),
        "resolution": load_json(row["resolution"]),
        "pageResolutions": load_json(row["page_resolutions"]),
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
        "ocrMetadata": None,
        "thumbnail": None,
        "currentStep": None,
        "locks": [],
        "numberOfValidLocks": 0,
        "numberOfValidLocksForReview": 0,
    }


def get_asset(ctx: RequestContext, asset_id: str) -> dict[str, Any] | None:
    """Return a visible asset as an Asset, None if there is none with this id."""
    conds = asset_conditions(ctx, {"id": asset_id})
    row = ctx.db.fetch_one(f"SELECT a.* FROM assets a WHERE {conds.sql}", conds.params)
    return asset_to_graphql(row) if row is not None else None


def list_asset_rows(
    ctx: RequestContext, where: Mapping[str, Any], page: tuple[int, int] | None = None
) -> list[Row]:
    """Return visible asset rows matching `where`, in creation order, optionally paged."""
    conds = asset_conditions(ctx, where)
    limit, params = page_clause(*page) if page is not None else ("", [])
    return ctx.db.fetch_all(
        f"SELECT a.* FROM assets a WHERE {conds.sql} ORDER BY a.rowid{limit}",
        [*conds.params, *params],
    )


@query.field("assets")
def resolve_assets(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List one page of visible assets matching `where`, in creation order."""
    rows = list_asset_rows(context_of(info), where, (first, skip))
    return [asset_to_graphql(row) for row in rows]


@query.field("countAssets")
def resolve_count_assets(_obj: Any, info: Info, where: dict[str, Any]) -> int:
    """Count visible assets matching `where`."""
    ctx = context_of(info)
    conds = asset_conditions(ctx, where)
    return int(ctx.db.scalar(f"SELECT COUNT(*) FROM assets a WHERE {conds.sql}", conds.params))


@query.field("filterExistingAssets")
def resolve_filter_existing_assets(_obj: Any, info: Info, **args: Any) -> list[str]:
    """Return, among `externalIDs`, those already used in the project (the SDK's dedup)."""
    ctx = context_of(info)
    project = require_project(ctx, args["projectID"], READ_PROJECT)
    wanted: list[str] = list(dict.fromkeys(args["externalIDs"]))
    existing: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = ctx.db.fetch_all(
            f"SELECT DISTINCT external_id FROM assets WHERE project_id = ? "
            f"AND external_id IN ({', '.join('?' for _ in chunk)})",
            [project["id"], *chunk],
        )
        existing.update(row["external_id"] for row in rows)
    return [external_id for external_id in wanted if external_id in existing]


@query.field("getAssetsMetadataValues")
def resolve_metadata_values(_obj: Any, info: Info, **args: Any) -> list[str]:
    """List the distinct values of one metadata key over a project's assets, as strings."""
    ctx = context_of(info)
    project = require_project(ctx, args["projectID"], READ_PROJECT)
    key = args["metadataKey"]
    values: dict[str, None] = {}
    for row in ctx.db.fetch_all(
        "SELECT json_metadata FROM assets WHERE project_id = ? ORDER BY rowid", (project["id"],)
    ):
        metadata = load_json(row["json_metadata"], {})
        if isinstance(metadata, dict) and metadata.get(key) is not None:
            value = metadata[key]
            values[value if isinstance(value, str) else json.dumps(value)] = None
    return list(values)


@asset_type.field("project")
def resolve_asset_project(asset: Mapping[str, Any], info: Info) -> Any:
    """Resolve the project of an asset."""
    return get_project(context_of(info), asset["projectId"])


@asset_type.field("labels")
def resolve_asset_labels(asset: Mapping[str, Any], info: Info) -> Any:
    """List every label of an asset, oldest first."""
    rows = context_of(info).db.fetch_all(
        f"{LABEL_SELECT} WHERE l.asset_id = ? ORDER BY l.created_at, l.rowid", (asset["id"],)
    )
    return [label_to_graphql(row) for row in rows]


@asset_type.field("latestLabel")
def resolve_asset_latest_label(asset: Mapping[str, Any], info: Info) -> Any:
    """Resolve the latest DEFAULT or REVIEW label of an asset: the one to trust."""
    row = context_of(info).db.fetch_one(
        f"{LABEL_SELECT} WHERE l.id = ({latest_label_id_sql('?')})",
        (asset["id"],),
    )
    return label_to_graphql(row) if row is not None else None


@asset_type.field("issues")
def resolve_asset_issues(asset: Mapping[str, Any], info: Info) -> Any:
    """List the issues and questions of an asset, oldest first."""
    return issues_of_asset(context_of(info), asset["id"])


@asset_type.field("toBeLabeledBy")
def resolve_to_be_labeled_by(asset: Mapping[str, Any], info: Info) -> Any:
    """List the memberships of the users the asset is assigned to."""
    from kili_emulator.resolvers.project_user import project_users_of_project

    ctx = context_of(info)
    assignees = ctx.db.fetch_all(
        "SELECT user_id FROM asset_assignees WHERE asset_id = ? ORDER BY rowid", (asset["id"],)
    )
    members = []
    for assignee in assignees:
        members += project_users_of_project(ctx, asset["projectId"], user_id=assignee["user_id"])
    return members


@asset_type.field("isToBeLabeledBy")
def resolve_is_to_be_labeled_by(asset: Mapping[str, Any], info: Info) -> bool:
    """Whether the asset is assigned to anyone."""
    return bool(
        context_of(info).db.scalar(
            "SELECT 1 FROM asset_assignees WHERE asset_id = ? LIMIT 1", (asset["id"],)
        )
    )


@asset_type.field("duration")
def resolve_duration(asset: Mapping[str, Any], info: Info) -> int:
    """Sum the labeling time of an asset's labels, in whole seconds."""
    seconds = context_of(info).db.scalar(
        "SELECT COALESCE(SUM(seconds_to_label), 0) FROM labels WHERE asset_id = ?",
        (asset["id"],),
    )
    return int(seconds)


@asset_type.field("labelVersion")
def resolve_label_version(asset: Mapping[str, Any], info: Info) -> int:
    """Return the highest label version of an asset, 0 without labels."""
    version = context_of(info).db.scalar(
        "SELECT COALESCE(MAX(version), 0) FROM labels WHERE asset_id = ?", (asset["id"],)
    )
    return int(version)


BINDABLES = [query, asset_type]
