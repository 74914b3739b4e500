"""Projects: listing, creation, settings and deletion."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, QueryType

from kili_emulator import demo_projects
from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, UnsupportedError
from kili_emulator.files import file_url
from kili_emulator.permissions import (
    DELETE_PROJECT,
    EDIT_PROJECT_SETTINGS,
    SET_QUALITY_MARKS,
    require_project,
)
from kili_emulator.render.common import load_json
from kili_emulator.render.project import (
    QUALITY_MARK_FIELDS,
    SETTINGS_DEFAULTS,
    project_to_graphql,
)
from kili_emulator.resolvers.common import (
    bind_list_and_count,
    json_text,
    readable_project,
    refuse_computed,
)
from kili_emulator.storage import new_id, utc_now
from kili_emulator.store import assets, files, labels, projects, users
from kili_emulator.store.conditions import reject_unsupported
from kili_emulator.validation import check_json_interface, check_mark

query = QueryType()
mutation = MutationType()

bind_list_and_count(query, "projects", "countProjects", projects.PROJECTS, project_to_graphql)
bind_list_and_count(
    query, "latestUpdatedProjects", None, projects.LATEST_UPDATED_PROJECTS, project_to_graphql
)

COMPUTED_FIELDS = (
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


@mutation.field("createProject")
def resolve_create_project(_obj: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    """Create a project whose author becomes its first ADMIN member."""
    ctx = context_of(info)
    if data.get("fromDemoProject") is not None:
        return readable_project(ctx, _create_demo_project(ctx, data))
    interface = json_text(data["jsonInterface"], "jsonInterface", default="{}", require_object=True)
    check_json_interface(interface)
    settings: dict[str, Any] = {}
    if data.get("complianceTags") is not None:
        settings["complianceTags"] = data["complianceTags"]
    if data.get("projectType") is not None:
        settings["projectType"] = data["projectType"]
    if data.get("pixelLabeling"):
        if data.get("inputType") != "GEOSPATIAL":
            raise BadUserInputError("pixelLabeling is only available for GEOSPATIAL projects")
        # As Kili records it: the labeling coordinate system is the image's pixel grid.
        settings["geospatialSettings"] = {"labelingCRSCode": "PIXEL"}
    project_id = projects.insert_project(
        ctx.db,
        ctx.organization_id,
        ctx.viewer_id,
        title=data["title"],
        description=data["description"],
        input_type=_input_type(data),
        json_interface=interface,
        instructions=None,
        settings=json.dumps(settings),
    )
    return readable_project(ctx, project_id)


def _create_demo_project(ctx: RequestContext, data: Mapping[str, Any]) -> str:
    """Create a project from a shipped demo template, with its assets and labels.

    Raises:
        UnsupportedError: The emulator ships no demo of that name; the message lists
            those it ships.
    """
    name = str(data["fromDemoProject"])
    demo = demo_projects.demo_project(name)
    if demo is None:
        shipped = ", ".join(sorted(demo_projects.DEMO_PROJECTS))
        raise UnsupportedError(
            f"CreateProjectData.fromDemoProject {name} is not shipped with kili-emulator; "
            f"its demo projects are {shipped}"
        )
    project_id = projects.insert_project(
        ctx.db,
        ctx.organization_id,
        ctx.viewer_id,
        title=data["title"],
        description=data.get("description") or "",
        input_type=demo.input_type,
        json_interface=demo_projects.interface_text(demo),
        instructions=None,
        settings="{}",
    )

    def store_image(name: str, png: bytes) -> str:
        path = f"demo-projects/{project_id}/{name}"
        files.put_file(ctx.db, ctx.organization_id, path, "image/png", png)
        return file_url(ctx.base_url, path)

    now = utc_now()
    rows = [
        {
            "id": new_id(),
            "project_id": project_id,
            "external_id": external_id,
            "content": content,
            "json_content": "",
            "json_metadata": "{}",
            "is_honeypot": 0,
            "created_at": now,
            "updated_at": now,
        }
        for external_id, content in demo_projects.asset_contents(demo, store_image)
    ]
    inserted = assets.insert_assets(ctx.db, project_id, rows)
    labeled = inserted[: len(demo.labels)]
    labels.insert_labels(
        ctx.db,
        [
            labels.label_row(asset, ctx.viewer_id, "DEFAULT", json_response=json.dumps(response))
            for asset, response in zip(labeled, demo.labels, strict=True)
        ],
    )
    assets.set_status(ctx.db, [asset["id"] for asset in labeled], "LABELED")
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
UPDATABLE_FIELDS = (
    *PROJECT_COLUMNS,
    *SETTINGS_DEFAULTS,
    "archived",
    "author",
    "jsonInterface",
    "shouldRelaunchKpiComputation",
)


@mutation.field("updatePropertiesInProject")
def resolve_update_project(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Change a project's settings; requires EDIT_PROJECT_SETTINGS (TEAM_MANAGER and up)."""
    ctx = context_of(info)
    project = require_project(ctx, where.get("id"), EDIT_PROJECT_SETTINGS)
    refuse_computed(data, "ProjectData", COMPUTED_FIELDS)
    reject_unsupported(data, "ProjectData", UPDATABLE_FIELDS)
    _check_quality_marks(ctx, project["id"], data)
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
        values["author_id"] = users.find_user(ctx, data["author"])["id"]
    settings = load_json(project["settings"], {})
    settings.update({key: data[key] for key in SETTINGS_DEFAULTS if data.get(key) is not None})
    values["settings"] = json.dumps(settings)
    projects.update_project(ctx.db, project["id"], values)
    return readable_project(ctx, project["id"])


def _check_quality_marks(ctx: RequestContext, project_id: str, data: Mapping[str, Any]) -> None:
    """Refuse marks set by a viewer who is not the project's ADMIN, or out of [0, 1].

    A project's consensus and honeypot marks grade its members' work, so only a
    project ADMIN (or an organization admin) may set them, not a TEAM_MANAGER.

    Raises:
        ForbiddenError: The viewer's role on the project is below ADMIN.
        BadUserInputError: A mark is outside [0, 1].
    """
    marks = [field for field in QUALITY_MARK_FIELDS if data.get(field) is not None]
    if marks:
        require_project(ctx, project_id, SET_QUALITY_MARKS)
    for field in marks:
        check_mark(data[field], f"ProjectData.{field}")


@mutation.field("updateProjectAnonymization")
def resolve_update_project_anonymization(
    _obj: Any, info: Info, input: dict[str, Any]
) -> dict[str, Any]:
    """Hide members' names from labelers and reviewers, or stop; needs EDIT_PROJECT_SETTINGS."""
    ctx = context_of(info)
    project = require_project(ctx, input["id"], EDIT_PROJECT_SETTINGS)
    settings = load_json(project["settings"], {})
    settings["shouldAnonymize"] = bool(input["shouldAnonymize"])
    projects.update_project(ctx.db, project["id"], {"settings": json.dumps(settings)})
    return readable_project(ctx, project["id"])


def _delete_project(ctx: RequestContext, where: Mapping[str, Any]) -> dict[str, Any]:
    project = require_project(ctx, where.get("id"), DELETE_PROJECT)
    snapshot = project_to_graphql(project)
    projects.delete_project(ctx.db, project)
    return snapshot


@mutation.field("deleteProject")
@mutation.field("hardDeleteProject")
def resolve_delete_project(_obj: Any, info: Info, where: dict[str, Any]) -> dict[str, Any]:
    """Delete a project with its members, assets, labels, issues and files; return it."""
    return _delete_project(context_of(info), where)


@mutation.field("deleteProjectAsynchronously")
def resolve_delete_project_asynchronously(_obj: Any, info: Info, where: dict[str, Any]) -> str:
    """Delete a project (at once: the emulator has no background jobs); return its id."""
    return str(_delete_project(context_of(info), where)["id"])


BINDABLES = [query, mutation]
