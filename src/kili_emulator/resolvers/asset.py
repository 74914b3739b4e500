"""Asset reads: the `assets`/`countAssets` queries, look-ups, and the Asset type's relations."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ariadne import ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, batched, context_of
from kili_emulator.permissions import READ_PROJECT, require_project
from kili_emulator.render.asset import asset_to_graphql
from kili_emulator.render.common import load_json
from kili_emulator.render.issue import issue_to_graphql
from kili_emulator.render.label import label_to_graphql
from kili_emulator.render.project_user import project_user_to_graphql
from kili_emulator.resolvers.common import bind_list_and_count, readable_project, rendered
from kili_emulator.storage import Row
from kili_emulator.store import assets, issues, labels, project_users

query = QueryType()
asset_type = ObjectType("Asset")

bind_list_and_count(query, "assets", "countAssets", assets.ASSETS, asset_to_graphql)


@query.field("filterExistingAssets")
def resolve_filter_existing_assets(_obj: Any, info: Info, **args: Any) -> list[str]:
    """Return, among `externalIDs`, those already used in the project (the SDK's dedup)."""
    ctx = context_of(info)
    project = require_project(ctx, args["projectID"], READ_PROJECT)
    wanted: list[str] = list(dict.fromkeys(args["externalIDs"]))
    existing = assets.existing_external_ids(ctx.db, project["id"], wanted)
    return [external_id for external_id in wanted if external_id in existing]


@query.field("getAssetsMetadataValues")
def resolve_metadata_values(_obj: Any, info: Info, **args: Any) -> list[str]:
    """List the distinct values of one metadata key over a project's assets, as strings."""
    ctx = context_of(info)
    project = require_project(ctx, args["projectID"], READ_PROJECT)
    key = args["metadataKey"]
    values: dict[str, None] = {}
    for document in assets.metadata_documents(ctx.db, project["id"]):
        metadata = load_json(document, {})
        if isinstance(metadata, dict) and metadata.get(key) is not None:
            value = metadata[key]
            values[value if isinstance(value, str) else json.dumps(value)] = None
    return list(values)


@asset_type.field("project")
def resolve_asset_project(asset: Mapping[str, Any], info: Info) -> Any:
    """Resolve the project of an asset."""
    return readable_project(context_of(info), asset["projectId"])


@asset_type.field("labels")
def resolve_asset_labels(asset: Mapping[str, Any], info: Info) -> Any:
    """List every label of an asset, oldest first."""
    return [label_to_graphql(row) for row in _labels_of(context_of(info), asset["id"])]


def _labels_of(ctx: RequestContext, asset_id: str) -> list[Row]:
    """Return the labels of an asset, oldest first; the assets of a page load theirs together."""
    no_labels: list[Row] = []
    return batched(
        ctx,
        "Asset.labels",
        asset_id,
        lambda ids: labels.labels_of_assets(ctx.db, ids),
        no_labels,
        "Asset",
    )


@asset_type.field("latestLabel")
def resolve_asset_latest_label(asset: Mapping[str, Any], info: Info) -> Any:
    """Resolve the latest DEFAULT or REVIEW label of an asset: the one to trust."""
    row = labels.latest_label_of_asset(context_of(info).db, asset["id"])
    return rendered(label_to_graphql, row)


@asset_type.field("latestLabels")
def resolve_asset_latest_labels(asset: Mapping[str, Any], info: Info) -> Any:
    """Resolve the latest label of each author in the asset's last step.

    Without configured steps, the last step is the review when the asset has a REVIEW
    label, else the labeling (DEFAULT labels).
    """
    rows = _labels_of(context_of(info), asset["id"])
    kinds = {row["label_type"] for row in rows}
    step_kind = "REVIEW" if "REVIEW" in kinds else "DEFAULT"
    latest: dict[str, Any] = {}
    for row in rows:  # oldest first: a later label of the same author replaces it
        if row["label_type"] == step_kind:
            latest[row["author_id"]] = row
    return [label_to_graphql(row) for row in latest.values()]


@asset_type.field("issues")
def resolve_asset_issues(asset: Mapping[str, Any], info: Info) -> Any:
    """List the issues and questions of an asset, oldest first."""
    return [
        issue_to_graphql(row) for row in issues.issues_of_asset(context_of(info).db, asset["id"])
    ]


@asset_type.field("toBeLabeledBy")
def resolve_to_be_labeled_by(asset: Mapping[str, Any], info: Info) -> Any:
    """List the memberships of the users the asset is assigned to."""
    ctx = context_of(info)
    members = []
    for user_id in assets.assignee_ids(ctx.db, asset["id"]):
        members += project_users.members_of_project(ctx, asset["projectId"], user_id=user_id)
    return [project_user_to_graphql(row) for row in members]


@asset_type.field("isToBeLabeledBy")
def resolve_is_to_be_labeled_by(asset: Mapping[str, Any], info: Info) -> bool:
    """Whether the asset is assigned to anyone."""
    return bool(assets.assignee_ids(context_of(info).db, asset["id"]))


@asset_type.field("duration")
def resolve_duration(asset: Mapping[str, Any], info: Info) -> int:
    """Sum the labeling time of an asset's labels, in whole seconds."""
    return assets.labeling_seconds(context_of(info).db, asset["id"])


@asset_type.field("labelVersion")
def resolve_label_version(asset: Mapping[str, Any], info: Info) -> int:
    """Return the highest label version of an asset, 0 without labels."""
    return assets.label_version(context_of(info).db, asset["id"])


BINDABLES = [query, asset_type]
