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
    visible_projects_sql,
)
from kili_emulator.storage import Row, new_id, utc_now

query = QueryType()
mutation = MutationType()
tag_type = ObjectType("Tag")


def tag_to_graphql(row: Row) -> dict[str, Any]:
    """Map a `tags` row to the Tag type; `checkedForProjects` is resolved on demand."""
    return {
        "id": row["id"],
        "label": row["label"],
        "color": row["color"],
        "organizationId": row["organization_id"],
    }


@tag_type.field("checkedForProjects")
def resolve_checked_for_projects(tag: dict[str, Any], info: Info) -> list[str]:
    """List the projects carrying the tag, among those the viewer may see."""
    ctx = context_of(info)
    visible, params = visible_projects_sql(ctx)
    rows = ctx.db.fetch_all(
        "SELECT p.id FROM project_tags pt JOIN projects p ON p.id = pt.project_id "
        f"WHERE pt.tag_id = ? AND {visible} ORDER BY pt.created_at, p.rowid",
        [tag["id"], *params],
    )
    return [row["id"] for row in rows]


def require_tag(ctx: RequestContext, tag_id: str) -> Row:
    """Return a tag of the viewer's organization.

    Raises:
        NotFoundError: No tag with this id in the viewer's organization.
    """
    row = ctx.db.fetch_one(
        "SELECT * FROM tags WHERE id = ? AND organization_id = ?", (tag_id, ctx.organization_id)
    )
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
    rows = ctx.db.fetch_all(
        "SELECT * FROM tags WHERE organization_id = ? ORDER BY rowid", (ctx.organization_id,)
    )
    return [tag_to_graphql(row) for row in rows]


@query.field("listTagsByProject")
def resolve_list_tags_by_project(_obj: Any, info: Info, **arguments: str) -> list[dict[str, Any]]:
    """List the tags attached to a project the viewer may read, in attachment order."""
    ctx = context_of(info)
    project = require_project(ctx, arguments["projectId"], READ_PROJECT)
    rows = ctx.db.fetch_all(
        "SELECT t.* FROM project_tags pt JOIN tags t ON t.id = pt.tag_id "
        "WHERE pt.project_id = ? ORDER BY pt.created_at, t.rowid",
        (project["id"],),
    )
    return [tag_to_graphql(row) for row in rows]


@mutation.field("createTag")
def resolve_create_tag(_obj: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    """Create a tag of the organization; organization admins only."""
    ctx = context_of(info)
    require_org_admin(ctx, "create a tag")
    now = utc_now()
    row = {
        "id": new_id(),
        "organization_id": ctx.organization_id,
        "label": _label(data["label"]),
        "color": data.get("color"),
        "created_at": now,
        "updated_at": now,
    }
    ctx.db.insert("tags", row)
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
        ctx.db.update("tags", tag["id"], {"label": _label(data["label"]), "updated_at": utc_now()})
        affected = 1
    updated = require_tag(ctx, tag["id"])
    return {"affectedRows": affected, "updatedTag": tag_to_graphql(updated)}


@mutation.field("deleteTag")
def resolve_delete_tag(_obj: Any, info: Info, **arguments: str) -> bool:
    """Delete a tag, detaching it from every project; organization admins only."""
    ctx = context_of(info)
    require_org_admin(ctx, "delete a tag")
    tag = require_tag(ctx, arguments["tagId"])
    ctx.db.execute("DELETE FROM tags WHERE id = ?", (tag["id"],))
    return True


@mutation.field("checkTag")
def resolve_check_tag(_obj: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    """Attach a tag to a project (again: no change); needs EDIT_PROJECT_SETTINGS."""
    ctx = context_of(info)
    project = require_project(ctx, data["projectId"], EDIT_PROJECT_SETTINGS)
    tag = require_tag(ctx, data["tagId"])
    ctx.db.execute(
        "INSERT OR IGNORE INTO project_tags(project_id, tag_id, created_at) VALUES (?, ?, ?)",
        (project["id"], tag["id"], utc_now()),
    )
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
    removed = ctx.db.execute(
        "DELETE FROM project_tags WHERE project_id = ? AND tag_id = ?", (project["id"], tag["id"])
    )
    if not removed:
        raise NotFoundError(
            f"Tag {tag_id!r} is not attached to project {project_id!r}", resource="Tag"
        )
    return tag_to_graphql(tag)


BINDABLES = [query, mutation, tag_type]
