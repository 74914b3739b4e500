"""Label writes: creation (`appendManyLabels`, `appendToLabels`), updates, honeypots, deletion.

Each mutation runs in one transaction (see `graphql_http`): every check happens before
the first write, and an error undoes the whole mutation. Labels move their asset along
the workflow (`status_after`), the quality marks of their assets are recomputed
(`store.quality_marks`), and each label written is announced to `labelCreatedOrUpdated` subscribers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ariadne import MutationType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, ForbiddenError, NotFoundError
from kili_emulator.events import publish_label_event
from kili_emulator.permissions import (
    EDIT_ASSETS,
    LABEL_ASSETS,
    REVIEW_ASSETS,
    ProjectRight,
    require_project,
)
from kili_emulator.render.label import label_to_graphql
from kili_emulator.resolvers.common import json_text
from kili_emulator.storage import Row, utc_now
from kili_emulator.store import assets, labels, project_users, quality_marks, users, workflow
from kili_emulator.store.conditions import reject_unsupported
from kili_emulator.validation import check_label_response, check_seconds_to_label

mutation = MutationType()

MODEL_LABEL_TYPES = ("PREDICTION", "INFERENCE")
"""Label types made by a model: they need a model name and leave the status alone."""

DELETABLE_LABEL_TYPES = MODEL_LABEL_TYPES
"""The API deletes model labels only; human labels are history."""

APPEND_LABEL_FIELDS = (
    "assetID", "authorID", "clientVersion", "jsonResponse", "modelName", "referencedLabelId",
    "secondsToLabel",
)  # fmt: skip
LABEL_DATA_FIELDS = ("jsonResponse", "modelName", "secondsToLabel", "isSentBackToQueue")


def status_after(label_type: str, status: str) -> str:
    """Return the status an asset in `status` takes when it receives a `label_type` label.

    A submitted label makes the asset LABELED, a review REVIEWED; a draft (AUTOSAVE)
    starts the work on an untouched asset; model labels change nothing.
    """
    if label_type == "DEFAULT":
        return "LABELED"
    if label_type == "REVIEW":
        return "REVIEWED"
    if label_type == "AUTOSAVE" and status == "TODO":
        return "ONGOING"
    return status


def right_for(label_type: str) -> ProjectRight:
    """Return the project right that creating a `label_type` label needs."""
    return REVIEW_ASSETS if label_type == "REVIEW" else LABEL_ASSETS


def _author_of(ctx: RequestContext, author_id: str | None, project_id: str) -> str:
    """Check the author a label is made for: the viewer, or a member named by a manager.

    Raises:
        NotFoundError: The author is unknown or not a member of the project.
        ForbiddenError: The viewer names another author without managing the project.
    """
    if author_id is None or author_id == ctx.viewer_id:
        return ctx.viewer_id
    author = users.find_user(ctx, author_id)
    if project_users.active_role(ctx.db, project_id, author["id"]) is None:
        raise NotFoundError(f"User {author_id!r} is not a member of project {project_id}")
    require_project(ctx, project_id, EDIT_ASSETS)
    return str(author["id"])


def _label_row(
    ctx: RequestContext, asset: Row, label_type: str, data: Mapping[str, Any], now: str
) -> Row:
    """Build, after checking it, the row of one label to create on `asset`."""
    reject_unsupported(data, "AppendLabelData", (*APPEND_LABEL_FIELDS, "labelType", "skipped"))
    check_seconds_to_label(data.get("secondsToLabel"), f"secondsToLabel (asset {asset['id']})")
    model_name = data.get("modelName")
    if label_type in MODEL_LABEL_TYPES and not model_name:
        raise BadUserInputError(f"{label_type} labels need a modelName (asset {asset['id']})")
    referenced = data.get("referencedLabelId")
    if referenced is not None and labels.asset_id_of_label(ctx.db, referenced) != asset["id"]:
        raise NotFoundError(f"Label {referenced!r} is not a label of asset {asset['id']}")
    return labels.label_row(
        asset,
        _author_of(ctx, data.get("authorID"), asset["project_id"]),
        label_type,
        json_response=json_text(
            data.get("jsonResponse"), "jsonResponse", default="{}", require_object=True
        ),
        created_at=now,
        updated_at=now,
        seconds_to_label=data.get("secondsToLabel"),
        model_name=model_name,
        skipped=int(bool(data.get("skipped"))),
        reviewed_label_id=referenced,
        version=data.get("clientVersion") or 0,
    )


def create_labels(
    ctx: RequestContext,
    targets: Mapping[str, Row],
    label_type: str,
    labels_data: Sequence[Mapping[str, Any]],
    *,
    overwrite: bool = False,
) -> list[dict[str, Any]]:
    """Create labels on already matched assets; statuses, marks and events follow.

    Raises:
        NotFoundError: A label names an asset outside `targets`.
        ForbiddenError: The viewer's role cannot create such labels.
        BadUserInputError: A label is malformed.
    """
    projects = {
        project_id: require_project(ctx, project_id, right_for(label_type))
        for project_id in dict.fromkeys(row["project_id"] for row in targets.values())
    }
    now = utc_now()
    rows: list[Row] = []
    for data in labels_data:
        asset = targets.get(data["assetID"])
        if asset is None:
            raise NotFoundError(
                f"Asset {data['assetID']!r} is not among the assets of `where`",
                assetId=data["assetID"],
            )
        rows.append(_label_row(ctx, asset, label_type, data, now))
        check_label_response(projects[asset["project_id"]], rows[-1]["json_response"])
    if overwrite:
        for row in rows:
            labels.delete_replaced(ctx.db, row)
    labels.insert_labels(ctx.db, rows)
    by_status: dict[str, list[str]] = {}
    for asset_id in dict.fromkeys(row["asset_id"] for row in rows):
        asset = targets[asset_id]
        asset["status"] = status_after(label_type, asset["status"])
        by_status.setdefault(asset["status"], []).append(asset_id)
    for status, asset_ids in by_status.items():
        assets.set_status(ctx.db, asset_ids, status)
    quality_marks.refresh_marks(ctx.db, [row["asset_id"] for row in rows])
    workflow.labels_added(ctx.db, rows)
    return _announce(ctx, [row["id"] for row in rows])


def _announce(ctx: RequestContext, label_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Read the written labels back as Labels, in order; publish them once committed."""
    written = [label_to_graphql(row) for row in labels.labels_by_ids(ctx.db, label_ids)]

    def publish() -> None:
        for label in written:
            publish_label_event(label["projectId"], label)

    ctx.db.after_commit(publish)
    return written


def _assets_of(ctx: RequestContext, where: Mapping[str, Any]) -> dict[str, Row]:
    named = (where.get("project") or {}).get("id")
    if named is not None:
        require_project(ctx, named, LABEL_ASSETS)
    return {row["id"]: row for row in assets.ASSETS.rows(ctx, where)}


@mutation.field("appendManyLabels")
def resolve_append_many_labels(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> list[dict[str, Any]]:
    """Create one label per `labelsData` element, on the assets `where` designates."""
    ctx = context_of(info)
    reject_unsupported(
        data,
        "AppendManyLabelsData",
        ("labelType", "labelsData", "overwrite", "stepId", "stepName"),
    )
    targets = _assets_of(ctx, where)
    _check_label_step(ctx, targets, data)
    return create_labels(
        ctx,
        targets,
        data["labelType"],
        data["labelsData"],
        overwrite=bool(data.get("overwrite")),
    )


STEP_TYPE_OF_LABEL_TYPE = {"DEFAULT": "DEFAULT", "AUTOSAVE": "DEFAULT", "REVIEW": "REVIEW"}
"""The type of step a label of each human type is made in; model labels fit any step."""


def _check_label_step(
    ctx: RequestContext, targets: Mapping[str, Row], data: Mapping[str, Any]
) -> None:
    """Check the step labels are made in (`stepId` or `stepName`) in each asset's project.

    Raises:
        BadUserInputError: Both are given, or the step is not of the label type's kind.
        NotFoundError: A project of the assets has no such step.
    """
    step_id, step_name = data.get("stepId"), data.get("stepName")
    if step_id is None and step_name is None:
        return
    if step_id is not None and step_name is not None:
        raise BadUserInputError("Give stepId or stepName, not both")
    expected = STEP_TYPE_OF_LABEL_TYPE.get(data["labelType"])
    for project_id in dict.fromkeys(row["project_id"] for row in targets.values()):
        step = next(
            (
                row
                for row in workflow.steps_of_project(ctx.db, project_id)
                if (row["id"] == step_id if step_id is not None else row["name"] == step_name)
            ),
            None,
        )
        if step is None:
            raise NotFoundError(f"Project {project_id} has no step {step_id or step_name!r}")
        if expected is not None and step["type"] != expected:
            raise BadUserInputError(
                f"{data['labelType']} labels are not made in the {step['type']} step"
                f" {step['name']!r}"
            )


@mutation.field("appendToLabels")
def resolve_append_to_labels(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Create one label on the single asset `where` designates."""
    ctx = context_of(info)
    reject_unsupported(
        data, "AppendToLabelsData", (*APPEND_LABEL_FIELDS, "labelType", "skipped", "sendDate")
    )
    targets = _assets_of(ctx, where)
    if len(targets) != 1:
        raise NotFoundError(f"appendToLabels needs exactly one asset, {len(targets)} match")
    (asset_id,) = targets
    label_data = {key: data[key] for key in data if key not in ("labelType", "sendDate")}
    (label,) = create_labels(ctx, targets, data["labelType"], [{**label_data, "assetID": asset_id}])
    return label


@mutation.field("createHoneypot")
def resolve_create_honeypot(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Make an asset a honeypot whose reference answer is a new REVIEW label.

    The asset keeps its status, so that labelers still get it; the labels already on it
    get their honeypot mark.
    """
    ctx = context_of(info)
    rows = assets.ASSETS.rows(ctx, where)
    if len(rows) != 1:
        raise NotFoundError(f"createHoneypot needs exactly one asset, {len(rows)} match")
    (asset,) = rows
    project = require_project(ctx, asset["project_id"], EDIT_ASSETS)
    now = utc_now()
    row = _label_row(ctx, asset, "REVIEW", {"jsonResponse": data["jsonResponse"]}, now)
    check_label_response(project, row["json_response"])
    labels.insert_labels(ctx.db, [row])
    assets.update_asset(ctx.db, asset["id"], {"is_honeypot": 1})
    quality_marks.refresh_marks(ctx.db, [asset["id"]])
    (label,) = _announce(ctx, [row["id"]])
    return label


@mutation.field("updatePropertiesInLabel")
def resolve_update_properties_in_label(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any] | None:
    """Change the given properties of the labels `where` designates; return the first.

    A user may change their own labels; changing someone else's needs a reviewer.
    """
    ctx = context_of(info)
    reject_unsupported(data, "LabelData", LABEL_DATA_FIELDS)
    check_seconds_to_label(data.get("secondsToLabel"), "LabelData.secondsToLabel")
    rows = labels.LABELS.rows(ctx, where)
    if not rows:
        raise NotFoundError(f"No label matches {dict(where)}")
    for row in rows:
        right = LABEL_ASSETS if row["author_id"] == ctx.viewer_id else REVIEW_ASSETS
        project = require_project(ctx, row["project_id"], right)
        if data.get("jsonResponse") is not None:
            check_label_response(project, data["jsonResponse"])
    values: dict[str, Any] = {}
    if data.get("jsonResponse") is not None:
        values["json_response"] = json_text(
            data["jsonResponse"], "jsonResponse", default="{}", require_object=True
        )
    for field, column in (("modelName", "model_name"), ("secondsToLabel", "seconds_to_label")):
        if data.get(field) is not None:
            values[column] = data[field]
    if data.get("isSentBackToQueue") is not None:
        values["is_sent_back_to_queue"] = int(data["isSentBackToQueue"])
    for row in rows:
        labels.update_label(ctx.db, row["id"], {**values, "version": row["version"] + 1})
    quality_marks.refresh_marks(ctx.db, [row["asset_id"] for row in rows])
    return _announce(ctx, [row["id"] for row in rows])[0]


@mutation.field("deleteLabels")
def resolve_delete_labels(_obj: Any, info: Info, ids: list[str]) -> list[str]:
    """Delete model labels; ids of labels already gone are skipped, so retries are harmless.

    Raises:
        BadUserInputError: A label is not a PREDICTION or INFERENCE label.
        ForbiddenError: The viewer neither wrote the label nor manages its project.
    """
    ctx = context_of(info)
    rows = labels.LABELS.rows(ctx, {"idIn": ids}) if ids else []
    human = [row["id"] for row in rows if row["label_type"] not in DELETABLE_LABEL_TYPES]
    if human:
        raise BadUserInputError(
            f"Only PREDICTION and INFERENCE labels can be deleted, not {', '.join(human)}"
        )
    for row in rows:
        if row["author_id"] != ctx.viewer_id:
            try:
                require_project(ctx, row["project_id"], EDIT_ASSETS)
            except ForbiddenError:
                raise ForbiddenError(
                    f"Deleting label {row['id']} of another user needs TEAM_MANAGER or above",
                    right=EDIT_ASSETS.name,
                ) from None
        labels.delete_label(ctx.db, row["id"])
    quality_marks.refresh_marks(ctx.db, [row["asset_id"] for row in rows])
    return [row["id"] for row in rows]


BINDABLES = [mutation]
