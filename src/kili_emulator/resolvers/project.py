"""Projects: listing, creation, settings, deletion, and counters computed from assets."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, UnsupportedError
from kili_emulator.filters import asset_conditions
from kili_emulator.permissions import (
    DELETE_PROJECT,
    EDIT_PROJECT_SETTINGS,
    READ_PROJECT,
    require_project,
    visible_projects_sql,
)
from kili_emulator.resolvers.common import find_user, json_text, load_json, page_clause
from kili_emulator.sql_where import Conditions, add_date_range, is_empty, reject_unsupported
from kili_emulator.storage import Row, new_id, utc_now
from kili_emulator.validation import check_json_interface

query = QueryType()
mutation = MutationType()
project_type = ObjectType("Project")

SETTINGS_DEFAULTS: dict[str, Any] = {
    "canNavigateBetweenAssets": True,
    "canSkipAsset": True,
    "complianceTags": [],
    "consensusTotCoverage": 0,
    "metadataProperties": {},
    "metadataTypes": {},
    "minConsensusSize": 1,
    "reviewCoverage": 100,
    "shouldAutoAssign": True,
    "useHoneyPot": False,
}
"""Project settings kept as a JSON document, with Kili's defaults."""

COMPUTED_FIELDS = (
    "consensusMark",
    "honeypotMark",
    "numberOfAssets",
    "numberOfAssetsWithSkippedLabels",
    "numberOfRemainingAssets",
    "numberOfReviewedAssets",
    "numberOfSkippedAssets",
)
"""ProjectData fields the emulator computes from the data and refuses to overwrite."""

INPUT_TYPE_OF_PROJECT_TYPE = {
    "IMAGE": "IMAGE",
    "OCR": "IMAGE",
    "PDF": "PDF",
    "SPEECH": "AUDIO",
    "TEXT": "TEXT",
    "TIME": "TIME_SERIES",
    "VIDEO": "VIDEO",
}


def project_to_graphql(row: Row) -> dict[str, Any]:
    """Map a `projects` row to the Project type (counters are resolved separately)."""
    settings = {**SETTINGS_DEFAULTS, **load_json(row["settings"], {})}
    return {
        **settings,
        "id": row["id"],
        "title": row["title"],
        "description": row["description"],
        "inputType": row["input_type"],
        "jsonInterface": row["json_interface"],
        "interface": load_json(row["json_interface"], {}),
        "instructions": row["instructions"],
        "archived": bool(row["archived"]),
        "organizationId": row["organization_id"],
        "authorId": row["author_id"],
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
        "consensusMark": None,
        "consensusMarkPerCategory": None,
        "honeypotMark": None,
        "shouldRelaunchKpiComputation": False,
        "workflowVersion": "V1",
    }


def get_project(ctx: RequestContext, project_id: str) -> dict[str, Any]:
    """Return a project the viewer may read, as a Project."""
    return project_to_graphql(require_project(ctx, project_id, READ_PROJECT))


PROJECT_WHERE_FIELDS = (
    "id",
    "idNotIn",
    "searchQuery",
    "archived",
    "starred",
    "organizationId",
    "deleted",
    "createdAtGte",
    "createdAtLte",
    "updatedAtGte",
    "updatedAtLte",
    "onlyAcceptedProjects",
    "asset",
    "tagIds",
)


def project_conditions(ctx: RequestContext, where: Mapping[str, Any]) -> Conditions:
    """Build conditions on a `projects` row aliased ``p``, limited to visible projects."""
    reject_unsupported(where, "ProjectWhere", PROJECT_WHERE_FIELDS)
    conds = Conditions()
    visible, params = visible_projects_sql(ctx)
    conds.add(visible, *params)
    if where.get("id") is not None:
        conds.add("p.id = ?", where["id"])
    if where.get("idNotIn") is not None:
        conds.add_in("p.id", where["idNotIn"], negate=True)
    if where.get("searchQuery"):
        conds.add("instr(lower(p.title), lower(?)) > 0", where["searchQuery"])
    if where.get("archived") is not None:
        conds.add("p.archived = ?", int(where["archived"]))
    if where.get("starred") is not None:
        conds.add(f"({STARRED_SQL}) = ?", ctx.viewer_id, int(where["starred"]))
    if where.get("organizationId") is not None:
        conds.add("p.organization_id = ?", where["organizationId"])
    if where.get("deleted"):
        conds.add("0")  # deletion is immediate: no deleted project remains to list
    if where.get("tagIds") is not None:
        tag_ids = list(where["tagIds"])
        conds.add(
            "EXISTS (SELECT 1 FROM project_tags pt WHERE pt.project_id = p.id AND pt.tag_id IN "
            f"({', '.join('?' for _ in tag_ids)}))",
            *tag_ids,
        )
    add_date_range(conds, where, "createdAt", "p.created_at")
    add_date_range(conds, where, "updatedAt", "p.updated_at")
    asset = where.get("asset")
    if asset is not None and not is_empty(asset):
        inner = asset_conditions(ctx, asset, alias="pa")
        conds.add(
            f"EXISTS (SELECT 1 FROM assets pa WHERE pa.project_id = p.id AND {inner.sql})",
            *inner.params,
        )
    return conds


STARRED_SQL = (
    "SELECT COALESCE(MAX(pu.starred), 0) FROM project_users pu "
    "WHERE pu.project_id = p.id AND pu.user_id = ?"
)


def _list_projects(
    ctx: RequestContext,
    where: Mapping[str, Any],
    page: tuple[int, int],
    order: str,
    order_params: list[Any],
) -> list[dict[str, Any]]:
    conds = project_conditions(ctx, where)
    limit, params = page_clause(*page)
    rows = ctx.db.fetch_all(
        f"SELECT p.* FROM projects p WHERE {conds.sql} ORDER BY {order}{limit}",
        [*conds.params, *order_params, *params],
    )
    return [project_to_graphql(row) for row in rows]


@query.field("projects")
def resolve_projects(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List visible projects, the viewer's starred ones first, then in creation order."""
    ctx = context_of(info)
    order = f"({STARRED_SQL}) DESC, p.rowid"
    return _list_projects(ctx, where, (first, skip), order, [ctx.viewer_id])


@query.field("latestUpdatedProjects")
def resolve_latest_updated_projects(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List visible projects, most recently updated first."""
    ctx = context_of(info)
    return _list_projects(ctx, where, (first, skip), "p.updated_at DESC, p.rowid DESC", [])


@query.field("countProjects")
def resolve_count_projects(_obj: Any, info: Info, where: dict[str, Any]) -> int:
    """Count visible projects matching `where`."""
    ctx = context_of(info)
    conds = project_conditions(ctx, where)
    return int(ctx.db.scalar(f"SELECT COUNT(*) FROM projects p WHERE {conds.sql}", conds.params))


@mutation.field("createProject")
def resolve_create_project(_obj: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    """Create a project whose author becomes its first ADMIN member."""
    ctx = context_of(info)
    if data.get("fromDemoProject") is not None:
        raise UnsupportedError(
            "Demo projects are not available in kili-emulator: it holds no demo data, so "
            "CreateProjectData.fromDemoProject is not supported; give an inputType and a "
            "jsonInterface instead"
        )
    interface = json_text(data["jsonInterface"], "jsonInterface", default="{}", require_object=True)
    check_json_interface(interface)
    settings: dict[str, Any] = {}
    if data.get("complianceTags") is not None:
        settings["complianceTags"] = data["complianceTags"]
    if data.get("projectType") is not None:
        settings["projectType"] = data["projectType"]
    project_id = insert_project(
        ctx,
        title=data["title"],
        description=data["description"],
        input_type=_input_type(data),
        json_interface=interface,
        instructions=None,
        settings=json.dumps(settings),
    )
    return get_project(ctx, project_id)


def insert_project(ctx: RequestContext, **columns: Any) -> str:
    """Insert a project of the viewer's organization, the viewer its author and ADMIN."""
    now, project_id = utc_now(), new_id()
    ctx.db.insert(
        "projects",
        {
            **columns,
            "id": project_id,
            "organization_id": ctx.organization_id,
            "author_id": ctx.viewer_id,
            "archived": 0,
            "created_at": now,
            "updated_at": now,
        },
    )
    ctx.db.insert(
        "project_users",
        {
            "id": new_id(),
            "project_id": project_id,
            "user_id": ctx.viewer_id,
            "role": "ADMIN",
            "activated": 1,
            "is_author": 1,
            "starred": 0,
            "invitation_status": "ACCEPTED",
            "created_at": now,
            "updated_at": now,
        },
    )
    return project_id


def _input_type(data: Mapping[str, Any]) -> str:
    if data.get("inputType") is not None:
        return str(data["inputType"])
    project_type = data.get("projectType")
    if project_type is not None:
        return INPUT_TYPE_OF_PROJECT_TYPE[str(project_type).split("_")[0]]
    raise BadUserInputError("CreateProjectData needs an inputType (or a projectType)")


PROJECT_COLUMNS = {
    "title": "title",
    "description": "description",
    "inputType": "input_type",
    "instructions": "instructions",
}


@mutation.field("updatePropertiesInProject")
def resolve_update_project(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Change a project's settings; requires EDIT_PROJECT_SETTINGS (TEAM_MANAGER and up)."""
    ctx = context_of(info)
    project = require_project(ctx, where.get("id"), EDIT_PROJECT_SETTINGS)
    for field in COMPUTED_FIELDS:
        if data.get(field) is not None:
            raise UnsupportedError(
                f"ProjectData.{field} is computed by kili-emulator and cannot be set"
            )
    handled = (
        *PROJECT_COLUMNS,
        *SETTINGS_DEFAULTS,
        "archived",
        "author",
        "jsonInterface",
        "shouldRelaunchKpiComputation",
    )
    reject_unsupported(data, "ProjectData", handled)
    values: dict[str, Any] = {
        column: data[field] for field, column in PROJECT_COLUMNS.items() if field in data
    }
    if data.get("jsonInterface") is not None:
        values["json_interface"] = json_text(
            data["jsonInterface"], "jsonInterface", default="{}", require_object=True
        )
        check_json_interface(values["json_interface"])
    if data.get("archived") is not None:
        values["archived"] = int(data["archived"])
    if data.get("author") is not None:
        values["author_id"] = find_user(ctx, data["author"])["id"]
    settings = load_json(project["settings"], {})
    settings.update({key: data[key] for key in SETTINGS_DEFAULTS if data.get(key) is not None})
    values["settings"] = json.dumps(settings)
    ctx.db.update("projects", project["id"], {**values, "updated_at": utc_now()})
    return get_project(ctx, project["id"])


def delete_project(ctx: RequestContext, where: Mapping[str, Any]) -> dict[str, Any]:
    """Delete a project with its members, assets, labels, issues and files."""
    project = require_project(ctx, where.get("id"), DELETE_PROJECT)
    snapshot = project_to_graphql(project)
    ctx.db.execute("DELETE FROM projects WHERE id = ?", (project["id"],))
    ctx.db.execute("DELETE FROM uploads WHERE path LIKE ?", (f"projects/{project['id']}/%",))
    return snapshot


@mutation.field("deleteProject")
@mutation.field("hardDeleteProject")
def resolve_delete_project(_obj: Any, info: Info, where: dict[str, Any]) -> dict[str, Any]:
    """Delete a project and return it as it was."""
    return delete_project(context_of(info), where)


@mutation.field("deleteProjectAsynchronously")
def resolve_delete_project_asynchronously(_obj: Any, info: Info, where: dict[str, Any]) -> str:
    """Delete a project (at once: the emulator has no background jobs); return its id."""
    return str(delete_project(context_of(info), where)["id"])


BINDABLES = [query, mutation, project_type]
