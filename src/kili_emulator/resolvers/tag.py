"""Tags: defined per organization by its admins, attached to projects by their managers."""

from __future__ import annotations

from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, NotFoundError
from kili_emulator.permissions import (
    EDIT_PROJECT_SETTINGS,
    READ_PROJECT,
    require_org_admin,
    require_project,
)
from kili_emulator.render.tag import tag_to_graphql
from kili_emulator.storage import Row
from kili_emulator.store import tags

query = QueryType()
mutation = MutationType()
tag_type = ObjectType("Tag")


@tag_type.field("checkedForProjects")
def resolve_checked_for_projects(tag: dict[str, Any], info: Info) -> list[str]:
    """List the projects carrying the tag, among those the viewer may see."""
    return tags.tagged_project_ids(context_of(info), tag["id"])


def require_tag(ctx: RequestContext, tag_id: str) -> Row:
    """Return a tag of the viewer's organization.

    Raises:
        NotFoundError: No tag with this id in the viewer's organization.
    """
    row = tags.tag_of_organization(ctx.db, ctx.organization_id, tag_id)
    if row is None:
        raise NotFoundError(f"Tag {tag_id!r} not found in your organization", resource="Tag")
    return row


def _label(value: str | None) -> str:
    label = (value or "").strip()
    if not label:
        raise BadUserInputError("A tag label must not be empty")
    return label


@query.field("listTagsByOrg")
def resolve_list_tags_by_org(_obj: Any, info: Info) -> list[dict[str, Any]]:
    """List the tags of the viewer's organization, in creation order."""
    ctx = context_of(info)
    return [tag_to_graphql(row) for row in tags.tags_of_organization(ctx.db, ctx.organization_id)]


@query.field("listTagsByProject")
def resolve_list_tags_by_project(_obj: Any, info: Info, **arguments: str) -> list[dict[str, Any]]:
    """List the tags attached to a project the viewer may read, in attachment order."""
    ctx = context_of(info)
    project = require_project(ctx, arguments["projectId"], READ_PROJECT)
    return [tag_to_graphql(row) for row in tags.tags_of_project(ctx.db, project["id"])]


@mutation.field("createTag")
def resolve_create_tag(_obj: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    """Create a tag of the organization; organization admins only."""
    ctx = context_of(info)
    require_org_admin(ctx, "create a tag")
    row = tags.insert_tag(ctx.db, ctx.organization_id, _label(data["label"]), data.get("color"))
    return tag_to_graphql(row)


@mutation.field("updateTag")
def resolve_update_tag(
    _obj: Any, info: Info, data: dict[str, Any], **arguments: str
) -> dict[str, Any]:
    """Rename a tag for every project of the organization; organization admins only."""
    ctx = context_of(info)
    require_org_admin(ctx, "update a tag")
    tag = require_tag(ctx, arguments["tagId"])
    affected = 0
    if data.get("label") is not None:
        tags.rename_tag(ctx.db, tag["id"], _label(data["label"]))
        affected = 1
    return {"affectedRows": affected, "updatedTag": tag_to_graphql(require_tag(ctx, tag["id"]))}


@mutation.field("deleteTag")
def resolve_delete_tag(_obj: Any, info: Info, **arguments: str) -> bool:
    """Delete a tag, detaching it from every project; organization admins only."""
    ctx = context_of(info)
    require_org_admin(ctx, "delete a tag")
    tags.delete_tag(ctx.db, require_tag(ctx, arguments["tagId"])["id"])
    return True


@mutation.field("checkTag")
def resolve_check_tag(_obj: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    """Attach a tag to a project (again: no change); needs EDIT_PROJECT_SETTINGS."""
    ctx = context_of(info)
    project = require_project(ctx, data["projectId"], EDIT_PROJECT_SETTINGS)
    tag = require_tag(ctx, data["tagId"])
    tags.attach_tag(ctx.db, project["id"], tag["id"])
    return tag_to_graphql(tag)


@mutation.field("uncheckTag")
def resolve_uncheck_tag(_obj: Any, info: Info, **arguments: str) -> dict[str, Any]:
    """Detach a tag from a project; needs EDIT_PROJECT_SETTINGS.

    Raises:
        NotFoundError: The tag is not attached to the project.
    """
    ctx = context_of(info)
    project_id, tag_id = arguments["projectId"], arguments["tagId"]
    project = require_project(ctx, project_id, EDIT_PROJECT_SETTINGS)
    tag = require_tag(ctx, tag_id)
    if not tags.detach_tag(ctx.db, project["id"], tag["id"]):
        raise NotFoundError(
            f"Tag {tag_id!r} is not attached to project {project_id!r}", resource="Tag"
        )
    return tag_to_graphql(tag)


BINDABLES = [query, mutation, tag_type]
