"""Project versions: named snapshots of a project's labels, with a download link.

Members of a project read its versions; changing a version's link takes
EDIT_PROJECT_SETTINGS (TEAM_MANAGER and above). The contract has no mutation that
creates a version: Kili makes them while exporting with a version name, so rows of
`project_versions` come from an export (or are seeded through the store).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, context_of
from kili_emulator.permissions import EDIT_PROJECT_SETTINGS, require_project
from kili_emulator.render.project_version import project_version_to_graphql
from kili_emulator.resolvers.common import bind_list_and_count, readable_project
from kili_emulator.store import project_versions

query = QueryType()
mutation = MutationType()
project_version_type = ObjectType("ProjectVersion")

bind_list_and_count(
    query,
    "projectVersions",
    "countProjectVersions",
    project_versions.PROJECT_VERSIONS,
    project_version_to_graphql,
)


@mutation.field("updatePropertiesInProjectVersion")
def resolve_update_project_version(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Set the download link of the single version `where` designates.

    An explicit null `content` clears the link, as the SDK's optional argument implies.
    """
    ctx = context_of(info)
    version = project_versions.PROJECT_VERSIONS.single(ctx, where)
    require_project(ctx, version["project_id"], EDIT_PROJECT_SETTINGS)
    if "content" in data:
        version = {**version, "content": data["content"]}
        project_versions.set_content(ctx.db, version["id"], data["content"])
    return project_version_to_graphql(version)


@project_version_type.field("project")
def resolve_project_version_project(version: Mapping[str, Any], info: Info) -> Any:
    """Resolve the project the version is a snapshot of."""
    return readable_project(context_of(info), version["projectId"])


BINDABLES = [query, mutation, project_version_type]
