"""Computed fields of Project: counters over its assets and issues, members, author.

Kili maintains these counters asynchronously; the emulator computes them on read,
so they are always exact, which is what tests of a client want.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ariadne import ObjectType

from kili_emulator.context import Info, context_of
from kili_emulator.render.project_user import project_user_to_graphql
from kili_emulator.render.project_version import project_version_to_graphql
from kili_emulator.render.step import step_to_graphql
from kili_emulator.render.user import USER_RIGHTS
from kili_emulator.resolvers.common import visible_user
from kili_emulator.storage import Database
from kili_emulator.store import project_users, project_versions, projects, workflow

project_type = ObjectType("Project")


def _counter(count: Callable[[Database, str, str], int], counter: str) -> Any:
    def resolve(project: Mapping[str, Any], info: Info) -> int:
        return count(context_of(info).db, project["id"], counter)

    return resolve


for _counter_name in projects.ASSET_COUNTERS:
    project_type.set_field(_counter_name, _counter(projects.count_assets, _counter_name))
for _counter_name in projects.ISSUE_COUNTERS:
    project_type.set_field(_counter_name, _counter(projects.count_issues, _counter_name))


@project_type.field("author")
def resolve_author(project: Mapping[str, Any], info: Info) -> Any:
    """Resolve the user who created the project."""
    return visible_user(context_of(info), project["authorId"])


@project_type.field("roles")
def resolve_roles(project: Mapping[str, Any], info: Info) -> Any:
    """List the project's members."""
    rows = project_users.members_of_project(context_of(info), project["id"])
    return [project_user_to_graphql(row) for row in rows]


@project_type.field("myRole")
def resolve_my_role(project: Mapping[str, Any], info: Info) -> Any:
    """Resolve the viewer's membership, None if it is not a member."""
    ctx = context_of(info)
    rows = project_users.members_of_project(ctx, project["id"], user_id=ctx.viewer_id)
    return project_user_to_graphql(rows[0]) if rows else None


@project_type.field("starred")
def resolve_starred(project: Mapping[str, Any], info: Info) -> bool:
    """Whether the viewer starred the project."""
    ctx = context_of(info)
    return project_users.is_starred(ctx.db, project["id"], ctx.viewer_id)


@project_type.field("minAndMaxPriority")
def resolve_min_and_max_priority(project: Mapping[str, Any], info: Info) -> Any:
    """Return [min, max] of the assets' priorities, [0, 0] for an empty project."""
    return projects.priority_range(context_of(info).db, project["id"])


@project_type.field("versions")
def resolve_versions(project: Mapping[str, Any], info: Info) -> Any:
    """List the versions of a project, oldest first."""
    rows = project_versions.PROJECT_VERSIONS.rows(context_of(info), {"projectId": project["id"]})
    return [project_version_to_graphql(row) for row in rows]


@project_type.field("rights")
def resolve_rights(*_: Any) -> list[str]:
    """List the project's rights: everything the emulator's unrestricted license grants."""
    return USER_RIGHTS


@project_type.field("workflowVersion")
def resolve_workflow_version(*_: Any) -> str:
    """Answer V2, the workflow Kili gives every new project.

    The official SDK treats V1 as a legacy workflow and takes its legacy code paths
    for it (copying labels one by one through `appendToLabels`, for example).
    """
    return "V2"


@project_type.field("steps")
def resolve_steps(project: Mapping[str, Any], info: Info) -> list[Any]:
    """List the project's workflow steps, in order."""
    db = context_of(info).db
    return [
        step_to_graphql(row, workflow.assignee_ids(db, row["id"]))
        for row in workflow.steps_of_project(db, project["id"])
    ]


@project_type.field("geospatialSettings")
def resolve_geospatial_settings(project: Mapping[str, Any], *_: Any) -> Any:
    """Return a GEOSPATIAL project's settings (`labelingCRSCode`); null when none are set."""
    return project.get("geospatialSettings")


BINDABLES = [project_type]


official_project_type = ObjectType("Project")
"""Project fields the official SDK 26.2.4 reads beyond the contract (`official_names`)."""


@official_project_type.field("dataConnections")
def resolve_data_connections(*_: Any) -> list[Any]:
    """Answer that the project reads from no cloud storage: the emulator connects none.

    The official SDK reads this list before copying or exporting a project.
    """
    return []


OFFICIAL_NAME_BINDABLES = [official_project_type]
