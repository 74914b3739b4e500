"""Computed fields of Project: counters over its assets and issues, members, author.

Kili maintains these counters asynchronously; the emulator computes them on read,
so they are always exact, which is what tests of a client want.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import ObjectType

from kili_emulator.context import Info, context_of
from kili_emulator.resolvers.user import USER_RIGHTS, get_user

project_type = ObjectType("Project")

ASSET_COUNTERS = {
    "numberOfAssets": "1",
    "numberOfRemainingAssets": "a.status IN ('TODO', 'ONGOING')",
    "numberOfReviewedAssets": "a.status = 'REVIEWED'",
    "numberOfSkippedAssets": "a.skipped = 1",
    "numberOfAssetsWithSkippedLabels": (
        "EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND l.skipped = 1)"
    ),
}
ISSUE_COUNTERS = {
    "numberOfOpenIssues": ("ISSUE", "OPEN"),
    "numberOfSolvedIssues": ("ISSUE", "SOLVED"),
    "numberOfOpenQuestions": ("QUESTION", "OPEN"),
    "numberOfSolvedQuestions": ("QUESTION", "SOLVED"),
}


def _asset_counter(condition: str) -> Any:
    def resolve(project: Mapping[str, Any], info: Info) -> int:
        return int(
            context_of(info).db.scalar(
                f"SELECT COUNT(*) FROM assets a WHERE a.project_id = ? AND {condition}",
                (project["id"],),
            )
        )

    return resolve


def _issue_counter(issue_type: str, status: str) -> Any:
    def resolve(project: Mapping[str, Any], info: Info) -> int:
        return int(
            context_of(info).db.scalar(
                "SELECT COUNT(*) FROM issues WHERE project_id = ? AND type = ? AND status = ?",
                (project["id"], issue_type, status),
            )
        )

    return resolve


for _field, _condition in ASSET_COUNTERS.items():
    project_type.set_field(_field, _asset_counter(_condition))
for _field, (_issue_type, _status) in ISSUE_COUNTERS.items():
    project_type.set_field(_field, _issue_counter(_issue_type, _status))


@project_type.field("author")
def resolve_author(project: Mapping[str, Any], info: Info) -> Any:
    """Resolve the user who created the project."""
    return get_user(context_of(info), project["authorId"])


@project_type.field("roles")
def resolve_roles(project: Mapping[str, Any], info: Info) -> Any:
    """List the project's members."""
    from kili_emulator.resolvers.project_user import project_users_of_project

    return project_users_of_project(context_of(info), project["id"])


@project_type.field("myRole")
def resolve_my_role(project: Mapping[str, Any], info: Info) -> Any:
    """Resolve the viewer's membership, None if it is not a member."""
    from kili_emulator.resolvers.project_user import project_users_of_project

    ctx = context_of(info)
    members = project_users_of_project(ctx, project["id"], user_id=ctx.viewer_id)
    return members[0] if members else None


@project_type.field("starred")
def resolve_starred(project: Mapping[str, Any], info: Info) -> bool:
    """Whether the viewer starred the project."""
    ctx = context_of(info)
    starred = ctx.db.scalar(
        "SELECT starred FROM project_users WHERE project_id = ? AND user_id = ?",
        (project["id"], ctx.viewer_id),
    )
    return bool(starred)


@project_type.field("minAndMaxPriority")
def resolve_min_and_max_priority(project: Mapping[str, Any], info: Info) -> Any:
    """Return [min, max] of the assets' priorities, [0, 0] for an empty project."""
    row = context_of(info).db.fetch_one(
        "SELECT COALESCE(MIN(priority), 0) AS low, COALESCE(MAX(priority), 0) AS high "
        "FROM assets WHERE project_id = ?",
        (project["id"],),
    )
    return [row["low"], row["high"]] if row else [0, 0]


@project_type.field("rights")
def resolve_rights(*_: Any) -> list[str]:
    """List the project's rights: everything the emulator's unrestricted license grants."""
    return USER_RIGHTS


BINDABLES = [project_type]


@project_type.field("workflowVersion")
def resolve_workflow_version(*_: Any) -> str:
    """Every emulated project uses the first workflow: label, then review."""
    return "V1"


@project_type.field("steps")
def resolve_steps(*_: Any) -> list[Any]:
    """First-workflow projects have no configurable steps."""
    return []
