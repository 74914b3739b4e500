"""Issue writes: `createIssues`, `appendToIssues` and `updatePropertiesInIssue`.

Any project member may open an issue or a question (LABEL_ASSETS). Changing an
issue's status or assignee takes REVIEW_ASSETS (REVIEWER and above), except that the
author of a question may solve or cancel it. Issues are numbered per project, from 1,
by the server. Activity by anyone but the author marks the issue as not seen by it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ariadne import MutationType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, ForbiddenError, NotFoundError
from kili_emulator.permissions import (
    LABEL_ASSETS,
    REVIEW_ASSETS,
    project_role,
    require_project,
)
from kili_emulator.render.issue import issue_to_graphql
from kili_emulator.storage import Row
from kili_emulator.store import assets, comments, issues, labels, project_users, projects
from kili_emulator.store.conditions import reject_unsupported

mutation = MutationType()

ISSUE_STATUSES = ("OPEN", "SOLVED", "CANCELLED")
"""Values of IssueStatus; `IssueData.status` is a free string checked against them."""


@dataclass(frozen=True)
class IssueToOpen:
    """An issue checked against the data and the viewer's rights, ready to insert."""

    asset: Row
    issue_type: str
    label_id: str | None
    object_mid: str | None
    text: str | None


def _visible_asset(ctx: RequestContext, asset_id: str, where: Mapping[str, Any]) -> Row:
    row = assets.ASSETS.first(ctx, {**where, "id": asset_id})
    if row is None or where.get("id") not in (None, asset_id):
        raise NotFoundError(
            f"Asset {asset_id!r} not found among the assets `where` designates", resource="Asset"
        )
    return row


def _label_asset_id(ctx: RequestContext, label_id: str) -> str:
    asset_id = labels.asset_id_of_label(ctx.db, label_id)
    if asset_id is None:
        raise NotFoundError(f"Label {label_id!r} not found", resource="Label")
    return asset_id


def _issue_to_open(
    ctx: RequestContext, spec: Mapping[str, Any], where: Mapping[str, Any]
) -> IssueToOpen:
    """Check one IssueToCreate: its asset (given, or the label's) must match `where`.

    Raises:
        BadUserInputError: Neither asset nor label given, or a label of another asset.
        NotFoundError: The asset or label is unknown, invisible, or outside `where`.
        ForbiddenError: The viewer may not open issues in the asset's project.
    """
    asset_id, label_id = spec.get("assetId"), spec.get("labelID")
    if label_id is not None:
        label_asset_id = _label_asset_id(ctx, label_id)
        if asset_id is not None and asset_id != label_asset_id:
            raise BadUserInputError(f"Label {label_id!r} does not belong to asset {asset_id!r}")
        asset_id = label_asset_id
    if asset_id is None:
        raise BadUserInputError("An issue needs an assetId or a labelID to be about")
    asset = _visible_asset(ctx, asset_id, where)
    require_project(ctx, asset["project_id"], LABEL_ASSETS)
    return IssueToOpen(asset, spec["type"], label_id, spec.get("objectMid"), spec.get("text"))


def _open_issue(ctx: RequestContext, issue: IssueToOpen) -> str:
    """Insert a checked issue with the next number of its project; its text, a first comment."""
    issue_id = issues.insert_issue(
        ctx.db,
        issue.asset,
        ctx.viewer_id,
        label_id=issue.label_id,
        object_mid=issue.object_mid,
        type=issue.issue_type,
    )
    if issue.text:
        comments.insert_comment(ctx.db, issue_id, ctx.viewer_id, issue.text, in_review=False)
    return issue_id


def _created(ctx: RequestContext, issue_id: str) -> dict[str, Any]:
    # Created in this transaction by a member of the project: the viewer sees it.
    return issue_to_graphql(issues.ISSUES.single(ctx, {"id": issue_id}))


@mutation.field("createIssues")
def resolve_create_issues(
    _obj: Any, info: Info, issues: list[dict[str, Any]], where: dict[str, Any]
) -> list[dict[str, Any]]:
    """Open issues or questions on assets matching `where`, all or none, in input order."""
    ctx = context_of(info)
    checked = [_issue_to_open(ctx, spec, where) for spec in issues]
    return [_created(ctx, _open_issue(ctx, issue)) for issue in checked]


@mutation.field("appendToIssues")
def resolve_append_to_issues(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Open one issue or question on the single asset `where` designates.

    `data.issueNumber` is required by the contract but the server numbers issues, so
    the given value is ignored.
    """
    ctx = context_of(info)
    asset = assets.ASSETS.single(ctx, where)
    spec = {**data, "assetId": asset["id"]}
    return _created(ctx, _open_issue(ctx, _issue_to_open(ctx, spec, where)))


@mutation.field("updatePropertiesInIssue")
def resolve_update_issue(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Change the status, assignee or seen flag of the single issue `where` designates."""
    ctx = context_of(info)
    reject_unsupported(data, "IssueData", ("assigneeId", "hasBeenSeen", "status"))
    issue = issues.ISSUES.single(ctx, where)
    is_author = issue["author_id"] == ctx.viewer_id
    values: dict[str, Any] = {}
    if data.get("status") is not None:
        if data["status"] not in ISSUE_STATUSES:
            raise BadUserInputError(
                f"IssueData.status must be one of {', '.join(ISSUE_STATUSES)}, "
                f"got {data['status']!r}"
            )
        if not (is_author and issue["type"] == "QUESTION"):
            _require_reviewer(ctx, issue, "change the status of")
        values["status"] = data["status"]
    if data.get("assigneeId") is not None:
        _require_reviewer(ctx, issue, "assign")
        values["assignee_id"] = _assignee_user_id(ctx, issue["project_id"], data["assigneeId"])
    if data.get("hasBeenSeen") is not None:
        if not is_author:
            _require_reviewer(ctx, issue, "mark as seen")
        values["has_been_seen"] = int(data["hasBeenSeen"])
    elif values and not is_author:
        values["has_been_seen"] = 0
    if values:
        issues.update_issue(ctx.db, issue["id"], values)
    updated = issues.ISSUES.first(ctx, {"id": issue["id"]})
    return issue_to_graphql(updated if updated is not None else issue)


def _require_reviewer(ctx: RequestContext, issue: Row, action: str) -> None:
    project = projects.project_row(ctx.db, issue["project_id"])
    role = project_role(ctx, project) if project is not None else None
    if not REVIEW_ASSETS.held_by(role):
        raise ForbiddenError(
            f"Missing right {REVIEW_ASSETS.name} to {action} issue {issue['id']}: the role "
            f"{role} of {ctx.viewer['email']} does not grant it (requires "
            f"{REVIEW_ASSETS.minimum_role} or above)",
            right=REVIEW_ASSETS.name,
        )


def _assignee_user_id(ctx: RequestContext, project_id: str, designation: str) -> str:
    """Return the user id of a project member designated by membership id or user id.

    Raises:
        NotFoundError: No active member of the project is designated.
    """
    user_id = project_users.active_member_user_id(ctx.db, project_id, designation)
    if user_id is None:
        raise NotFoundError(
            f"No member {designation!r} in project {project_id} to assign the issue to",
            resource="ProjectUser",
        )
    return user_id


BINDABLES = [mutation]
