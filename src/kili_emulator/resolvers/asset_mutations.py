"""Asset changes: property updates, deletion, review queue moves, assignment, priority.

Every mutation first resolves its `where` to visible assets, then checks the right
on each project involved, then writes: a refusal happens before any change, and the
mutation's transaction undoes partial work on any later error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ariadne import MutationType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, ConflictError, NotFoundError, UnsupportedError
from kili_emulator.files import strip_upload_signature
from kili_emulator.permissions import EDIT_ASSETS, REVIEW_ASSETS, ProjectRight, require_project
from kili_emulator.render.asset import asset_to_graphql
from kili_emulator.resolvers.common import json_text, readable_project, rendered
from kili_emulator.storage import Row
from kili_emulator.store import assets, project_users, quality_marks, users, workflow
from kili_emulator.store.conditions import reject_unsupported
from kili_emulator.validation import check_asset_data

mutation = MutationType()

PLAIN_COLUMNS = {
    "consensusMark": "consensus_mark",
    "honeypotMark": "honeypot_mark",
    "jsonContent": "json_content",
    "priority": "priority",
}
BOOLEAN_COLUMNS = {
    "isHoneypot": "is_honeypot",
    "isToReview": "is_to_review",
    "isUsedForConsensus": "is_used_for_consensus",
}
ASSET_DATA_FIELDS = (
    *PLAIN_COLUMNS,
    *BOOLEAN_COLUMNS,
    "content",
    "externalId",
    "jsonMetadata",
    "resolution",
    "pageResolutions",
    "toBeLabeledBy",
    "shouldResetToBeLabeledBy",
)


def matched_assets(ctx: RequestContext, where: Mapping[str, Any], right: ProjectRight) -> list[Row]:
    """Return the visible assets matching `where` once `right` is checked on their projects.

    A project named in `where` is checked even when no asset matches, so a refused
    caller learns it from the error, not from an empty result.
    """
    named = (where.get("project") or {}).get("id")
    if named is not None:
        require_project(ctx, named, right)
    rows = assets.ASSETS.rows(ctx, where)
    for project_id in dict.fromkeys(row["project_id"] for row in rows):
        require_project(ctx, project_id, right)
    return rows


def _project_of(
    ctx: RequestContext, rows: Sequence[Row], where: Mapping[str, Any]
) -> dict[str, Any] | None:
    project_id = rows[0]["project_id"] if rows else (where.get("project") or {}).get("id")
    return readable_project(ctx, project_id) if project_id else None


def _asset_values(row: Row, data: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {
        column: data[field]
        for field, column in PLAIN_COLUMNS.items()
        if data.get(field) is not None
    }
    values.update(
        {
            column: int(data[field])
            for field, column in BOOLEAN_COLUMNS.items()
            if data.get(field) is not None
        }
    )
    if data.get("content") is not None:
        values["content"] = strip_upload_signature(data["content"])
    if data.get("externalId") is not None:
        values["external_id"] = data["externalId"]
    if data.get("jsonMetadata") is not None:
        values["json_metadata"] = json_text(
            data["jsonMetadata"], "jsonMetadata", default="{}", require_object=True
        )
    for field, column in (("resolution", "resolution"), ("pageResolutions", "page_resolutions")):
        if data.get(field) is not None:
            values[column] = json.dumps(data[field])
    if values.get("priority", 0) < 0:
        raise BadUserInputError(f"priority must be >= 0 (asset {row['id']})")
    return values


def update_asset(ctx: RequestContext, row: Row, data: Mapping[str, Any]) -> None:
    """Apply one AssetData to one asset row (already authorized)."""
    if data.get("status") is not None:
        raise UnsupportedError(
            "AssetData.status is not supported by kili-emulator: asset status is computed "
            "from labels and by the review mutations"
        )
    reject_unsupported(data, "AssetData", ASSET_DATA_FIELDS)
    values = _asset_values(row, data)
    assets.update_asset(ctx.db, row["id"], values)
    if data.get("shouldResetToBeLabeledBy"):
        assets.clear_assignees(ctx.db, row["id"])
    if data.get("toBeLabeledBy"):
        assign(ctx, [row], data["toBeLabeledBy"])
    if any(data.get(flag) is not None for flag in ("isHoneypot", "isUsedForConsensus")):
        quality_marks.refresh_marks(ctx.db, [row["id"]])


def assign(ctx: RequestContext, rows: Sequence[Row], designations: Sequence[str]) -> None:
    """Assign assets to users (ids or emails), who must be members of each asset's project.

    Raises:
        NotFoundError: A user is unknown or not a member of a project.
    """
    for designation in designations:
        user = users.find_user(ctx, designation)
        for row in rows:
            if project_users.active_role(ctx.db, row["project_id"], user["id"]) is None:
                raise NotFoundError(
                    f"User {designation!r} is not a member of project {row['project_id']}"
                )
            assets.add_assignee(ctx.db, row["id"], user["id"])


def _check_unique_external_ids(ctx: RequestContext, rows: Sequence[Row]) -> None:
    pairs = {(row["project_id"], row["external_id"]) for row in rows}
    for project_id, external_id in pairs:
        if assets.count_external_id(ctx.db, project_id, external_id) > 1:
            raise ConflictError(
                f"External id {external_id!r} is already used in project {project_id}",
                duplicatedExternalIds=[external_id],
            )


def update_assets(
    ctx: RequestContext, wheres: Sequence[Mapping[str, Any]], datas: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any] | None]:
    """Apply `datas[i]` to the assets of `wheres[i]`; return the updated assets.

    Raises:
        BadUserInputError: The two lists differ in length, or a change holds a blank
            external id or a mark outside [0, 1].
        NotFoundError: A `where` matches no visible asset.
    """
    if len(wheres) != len(datas):
        raise BadUserInputError(
            f"where and data must have the same length, got {len(wheres)} and {len(datas)}"
        )
    for index, data in enumerate(datas):
        check_asset_data(data, f"data[{index}]")
    updated: list[Row] = []
    for where, data in zip(wheres, datas, strict=True):
        rows = matched_assets(ctx, where, EDIT_ASSETS)
        if not rows:
            raise NotFoundError(f"No asset matches {dict(where)}", where=dict(where))
        for row in rows:
            update_asset(ctx, row, data)
        updated += rows
    refreshed = [assets.asset_row(ctx.db, row["id"]) for row in updated]
    _check_unique_external_ids(ctx, [row for row in refreshed if row is not None])
    return [_visible_asset(ctx, row["id"]) for row in updated]


def _visible_asset(ctx: RequestContext, asset_id: str) -> dict[str, Any] | None:
    row = assets.get_asset(ctx, asset_id)
    return rendered(asset_to_graphql, row)


@mutation.field("updatePropertiesInAssets")
def resolve_update_properties_in_assets(
    _obj: Any, info: Info, where: list[dict[str, Any]], data: list[dict[str, Any]]
) -> list[dict[str, Any] | None]:
    """Update assets pairwise: `data[i]` applies to the assets of `where[i]`."""
    return update_assets(context_of(info), where, data)


@mutation.field("updatePropertiesInAsset")
def resolve_update_properties_in_asset(
    _obj: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> dict[str, Any] | None:
    """Update the assets of `where` and return the first one."""
    return update_assets(context_of(info), [where], [data])[0]


@mutation.field("deleteManyFromDataset")
def resolve_delete_many_from_dataset(
    _obj: Any, info: Info, where: dict[str, Any]
) -> dict[str, Any] | None:
    """Delete the matching assets; ids already gone are ignored, so retries are harmless."""
    ctx = context_of(info)
    rows = matched_assets(ctx, where, EDIT_ASSETS)
    project = _project_of(ctx, rows, where)
    assets.delete_assets(ctx.db, ctx.organization_id, rows)
    return project


def _set_status(ctx: RequestContext, rows: Sequence[Row], status: str) -> None:
    assets.set_status(ctx.db, [row["id"] for row in rows], status)


def _labeled_ids(ctx: RequestContext, rows: Sequence[Row]) -> set[str]:
    return assets.labeled_ids(ctx.db, [row["id"] for row in rows])


@mutation.field("addAllLabeledAssetsToReview")
def resolve_add_to_review(_obj: Any, info: Info, where: dict[str, Any]) -> dict[str, Any] | None:
    """Move the matching labeled assets to TO_REVIEW; assets without labels are ignored.

    Returns the project, or null when no asset changed status, as Kili does.
    """
    ctx = context_of(info)
    rows = matched_assets(ctx, where, REVIEW_ASSETS)
    labeled = _labeled_ids(ctx, rows)
    moving = [row for row in rows if row["id"] in labeled and row["status"] != "TO_REVIEW"]
    _set_status(ctx, moving, "TO_REVIEW")
    workflow.add_to_review(ctx.db, [row["id"] for row in moving])
    return _project_of(ctx, moving, {}) if moving else None


@mutation.field("sendBackAssetsToQueue")
def resolve_send_back_to_queue(
    _obj: Any, info: Info, where: dict[str, Any]
) -> dict[str, Any] | None:
    """Send the matching assets back to labeling: ONGOING if labeled, else TODO.

    The latest label of each labeled asset is flagged as sent back to queue.
    """
    ctx = context_of(info)
    rows = matched_assets(ctx, where, REVIEW_ASSETS)
    labeled = _labeled_ids(ctx, rows)
    _set_status(ctx, [row for row in rows if row["id"] in labeled], "ONGOING")
    _set_status(ctx, [row for row in rows if row["id"] not in labeled], "TODO")
    workflow.send_back(ctx.db, [row["id"] for row in rows], labeled)
    for asset_id in labeled:
        assets.flag_latest_label_sent_back(ctx.db, asset_id)
    return _project_of(ctx, rows, where)


@mutation.field("assignAssetsToLabelers")
def resolve_assign_assets(
    _obj: Any, info: Info, where: dict[str, Any], **args: Any
) -> dict[str, Any] | None:
    """Assign the matching assets to users given by `userIds` or `userWhere`."""
    ctx = context_of(info)
    designations = list(args.get("userIds") or [])
    user_where = args.get("userWhere") or {}
    reject_unsupported(user_where, "UserWhere", ("id", "email"))
    designations += [user_where[key] for key in ("id", "email") if user_where.get(key)]
    if not designations:
        raise BadUserInputError("Give the users to assign in userIds or userWhere")
    rows = matched_assets(ctx, where, EDIT_ASSETS)
    assign(ctx, rows, designations)
    return _project_of(ctx, rows, where)


@mutation.field("prioritizeAssets")
def resolve_prioritize_assets(
    _obj: Any, info: Info, where: dict[str, Any], priority: int
) -> dict[str, Any] | None:
    """Set the labeling priority of the matching assets."""
    ctx = context_of(info)
    if priority < 0:
        raise BadUserInputError(f"priority must be >= 0, got {priority}")
    rows = matched_assets(ctx, where, EDIT_ASSETS)
    for row in rows:
        assets.update_asset(ctx.db, row["id"], {"priority": priority})
    return _project_of(ctx, rows, where)


@mutation.field("setAssetConsensus")
def resolve_set_asset_consensus(_obj: Any, info: Info, **args: Any) -> bool:
    """Mark one asset (by id or external id) as used, or not, for consensus."""
    ctx = context_of(info)
    where: dict[str, Any] = {"project": {"id": args["projectId"]}}
    if args.get("assetId"):
        where["id"] = args["assetId"]
    elif args.get("externalId"):
        where["externalId"] = args["externalId"]
    else:
        raise BadUserInputError("Give assetId or externalId")
    rows = matched_assets(ctx, where, EDIT_ASSETS)
    if not rows:
        raise NotFoundError("Asset not found")
    for row in rows:
        assets.update_asset(ctx.db, row["id"], {"is_used_for_consensus": int(args["isConsensus"])})
    quality_marks.refresh_marks(ctx.db, [row["id"] for row in rows])
    return True


BINDABLES = [mutation]

official_mutation = MutationType()
"""Asset actions under the names the official SDK 26.2.4 sends (`official_names`)."""


def _outcome(succeeded: Sequence[Row], declined: Sequence[Row] = ()) -> dict[str, Any]:
    def items(rows: Sequence[Row]) -> list[dict[str, Any]]:
        return [{"assetId": row["id"], "externalId": row["external_id"]} for row in rows]

    return {"succeeded": items(succeeded), "declined": items(declined), "failed": []}


@official_mutation.field("addAssetsToReview")
def resolve_add_assets_to_review(_obj: Any, info: Info, where: dict[str, Any]) -> dict[str, Any]:
    """Move the matching labeled assets to TO_REVIEW; unlabeled ones are declined."""
    ctx = context_of(info)
    rows = matched_assets(ctx, where, REVIEW_ASSETS)
    labeled = _labeled_ids(ctx, rows)
    _set_status(ctx, [row for row in rows if row["id"] in labeled], "TO_REVIEW")
    workflow.add_to_review(ctx.db, [row["id"] for row in rows if row["id"] in labeled])
    return _outcome(
        [row for row in rows if row["id"] in labeled],
        [row for row in rows if row["id"] not in labeled],
    )


@official_mutation.field("sendAssetsBackToQueue")
def resolve_send_assets_back_to_queue(
    obj: Any, info: Info, where: dict[str, Any]
) -> dict[str, Any]:
    """Send the matching assets back to labeling, as `sendBackAssetsToQueue` does."""
    rows = matched_assets(context_of(info), where, REVIEW_ASSETS)
    resolve_send_back_to_queue(obj, info, where)
    return _outcome(rows)


@official_mutation.field("assignAssets")
def resolve_assign_assets_by_ids(
    _obj: Any,
    info: Info,
    where: dict[str, Any],
    userIds: list[str],  # noqa: N803
) -> dict[str, Any]:
    """Assign the matching assets to the users of `userIds`."""
    ctx = context_of(info)
    if not userIds:
        raise BadUserInputError("Give the users to assign in userIds")
    rows = matched_assets(ctx, where, EDIT_ASSETS)
    assign(ctx, rows, userIds)
    return _outcome(rows)


@official_mutation.field("setAssetsPriority")
def resolve_set_assets_priority(
    obj: Any, info: Info, where: dict[str, Any], priority: int
) -> dict[str, Any]:
    """Set the labeling priority of the matching assets, as `prioritizeAssets` does."""
    rows = matched_assets(context_of(info), where, EDIT_ASSETS)
    resolve_prioritize_assets(obj, info, where, priority)
    return _outcome(rows)


@official_mutation.field("deleteAssets")
def resolve_delete_assets(obj: Any, info: Info, where: dict[str, Any]) -> dict[str, Any]:
    """Delete the matching assets, as `deleteManyFromDataset` does."""
    rows = matched_assets(context_of(info), where, EDIT_ASSETS)
    resolve_delete_many_from_dataset(obj, info, where)
    return _outcome(rows)


OFFICIAL_NAME_BINDABLES = [official_mutation]
