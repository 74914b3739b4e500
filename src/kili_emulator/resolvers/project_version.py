"""Project versions: named snapshots of a project's labels, with a download link.

Members of a project read its versions; changing a version's link takes
EDIT_PROJECT_SETTINGS (TEAM_MANAGER and above). The contract has no mutation that
creates a version: Kili makes them while exporting with a version name, so rows of
`project_versions` come from an export (or are seeded directly).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, NotFoundError
from kili_emulator.permissions import EDIT_PROJECT_SETTINGS, require_project, visible_projects_sql
from kili_emulator.resolvers.common import page_clause
from kili_emulator.resolvers.project import get_project
from kili_emulator.sql_where import Conditions, reject_unsupported
from kili_emulator.storage import Row, utc_now

query = QueryType()
mutation = MutationType()
project_version_type = ObjectType("ProjectVersion")
project_type = ObjectType("Project")


def project_version_to_graphql(row: Row) -> dict[str, Any]:
    """Map a `project_versions` row to the ProjectVersion type."""
    return {
        "_": None,
        "id": row["id"],
        "name": row["name"],
        "content": row["content"],
        "projectId": row["project_id"],
        "createdAt": row["created_at"],
    }


def project_version_conditions(ctx: RequestContext, where: Mapping[str, Any]) -> Conditions:
    """Build the conditions on a version row aliased ``v``, in projects the viewer sees."""
    reject_unsupported(where, "ProjectVersionWhere", ("id", "projectId"))
    conds = Conditions()
    visible, params = visible_projects_sql(ctx)
    conds.add(f"v.project_id IN (SELECT p.id FROM projects p WHERE {visible})", *params)
    if where.get("id") is not None:
        conds.add("v.id = ?", where["id"])
    if where.get("projectId") is not None:
        conds.add("v.project_id = ?", where["projectId"])
    return conds


def list_project_version_rows(
    ctx: RequestContext, where: Mapping[str, Any], page: tuple[int, int] | None = None
) -> list[Row]:
    """Return the visible versions matching `where`, oldest first, optionally one page."""
    conds = project_version_conditions(ctx, where)
    limit, params = page_clause(*page) if page is not None else ("", [])
    return ctx.db.fetch_all(
        f"SELECT v.* FROM project_versions v WHERE {conds.sql} ORDER BY v.rowid{limit}",
        [*conds.params, *params],
    )


@query.field("projectVersions")
def resolve_project_versions(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List one page of the visible project versions matching `where`, oldest first."""
    rows = list_project_version_rows(context_of(info), where, (first, skip))
    return [project_version_to_graphql(row) for row in rows]


@query.field("countProjectVersions")
def resolve_count_project_versions(_obj: Any, info: Info, where: dict[str, Any]) -> int:
    """Count the visible project versions matching `where`."""
    ctx = context_of(info)
    conds = project_version_conditions(ctx, where)
    return int(
        ctx.db.scalar(f"SELECT COUNT(*) FROM project_versions v WHERE {conds.sql}", conds.params)
    )


@mutation.field("updatePropertiesInProjectVersion")
def resolve_update_project_version(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Set the download link of the single version `where` designates.

    An explicit null `content` clears the link, as the SDK's optional argument implies.
    """
    ctx = context_of(info)
    rows = list_project_version_rows(ctx, where, (2, 0))
    if not rows:
        raise NotFoundError("Project version not found", resource="ProjectVersion")
    if len(rows) > 1:
        raise BadUserInputError(
            "ProjectVersionWhere must designate a single version; several match"
        )
    version = rows[0]
    require_project(ctx, version["project_id"], EDIT_PROJECT_SETTINGS)
    if "content" in data:
        version = {**version, "content": data["content"]}
        ctx.db.update(
            "project_versions", version["id"], {"content": data["content"], "updated_at": utc_now()}
        )
    return project_version_to_graphql(version)


@project_version_type.field("project")
def resolve_project_version_project(version: Mapping[str, Any], info: Info) -> Any:
    """Resolve the project the version is a snapshot of."""
    return get_project(context_of(info), version["projectId"])


@project_type.field("versions")
def resolve_project_versions_of_project(project: Mapping[str, Any], info: Info) -> Any:
    """List the versions of a project, oldest first."""
    rows = list_project_version_rows(context_of(info), {"projectId": project["id"]})
    return [project_version_to_graphql(row) for row in rows]


BINDABLES = [query, mutation, project_version_type, project_type]
