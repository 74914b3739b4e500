"""Copies of projects: settings always, members and assets on request."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ariadne import MutationType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.permissions import EDIT_PROJECT_SETTINGS, require_project
from kili_emulator.resolvers.project import insert_project
from kili_emulator.storage import new_id, utc_now

mutation = MutationType()


@mutation.field("copyProject")
def resolve_copy_project(_obj: Any, info: Info, data: dict[str, Any]) -> str:
    """Copy a project's title, description, interface, instructions and settings.

    The caller becomes the copy's author and ADMIN. With `shouldCopyUsers` the other
    members join it with their roles; with `shouldCopyAssets` the assets (and their
    uploaded files) are copied, without labels, in status TODO. Labels are never
    copied: `CopyProjectData` has no such flag. Needs EDIT_PROJECT_SETTINGS on the source.
    """
    ctx = context_of(info)
    source = require_project(ctx, data["projectId"], EDIT_PROJECT_SETTINGS)
    project_id = insert_project(
        ctx,
        **{column: source[column] for column in COPIED_PROJECT_COLUMNS},
    )
    if data.get("shouldCopyUsers"):
        _copy_members(ctx, source["id"], project_id)
    if data.get("shouldCopyAssets"):
        _copy_assets(ctx, source["id"], project_id)
    return project_id


COPIED_PROJECT_COLUMNS = (
    "title",
    "description",
    "input_type",
    "json_interface",
    "instructions",
    "settings",
)


def _copy_members(ctx: RequestContext, source_id: str, project_id: str) -> None:
    now = utc_now()
    members = ctx.db.fetch_all(
        "SELECT user_id, role, activated, invitation_status FROM project_users "
        "WHERE project_id = ? AND user_id != ? ORDER BY rowid",
        (source_id, ctx.viewer_id),
    )
    ctx.db.insert_many(
        "project_users",
        [
            {
                **member,
                "id": new_id(),
                "project_id": project_id,
                "is_author": 0,
                "starred": 0,
                "created_at": now,
                "updated_at": now,
            }
            for member in members
        ],
    )


COPIED_ASSET_COLUMNS = (
    "external_id",
    "content",
    "json_content",
    "json_metadata",
    "is_honeypot",
    "priority",
    "resolution",
    "page_resolutions",
)


def _copy_assets(ctx: RequestContext, source_id: str, project_id: str) -> None:
    """Copy the assets in order, their uploaded files moved under the new project's folder.

    The files are copied too, so deleting either project leaves the other one whole.
    """
    now = utc_now()
    ctx.db.execute(
        "INSERT INTO uploads(path, content_type, data, created_at) "
        "SELECT ? || substr(path, ?), content_type, data, ? FROM uploads WHERE path LIKE ?",
        (
            f"projects/{project_id}/",
            len(f"projects/{source_id}/") + 1,
            now,
            f"projects/{source_id}/%",
        ),
    )
    moves = [(f"projects/{source_id}/", f"projects/{project_id}/")]
    moves.append((quote(moves[0][0], safe=""), quote(moves[0][1], safe="")))

    def moved(text: str) -> str:
        for old, new in moves:
            text = text.replace(old, new)
        return text

    assets = ctx.db.fetch_all(
        f"SELECT {', '.join(COPIED_ASSET_COLUMNS)} FROM assets WHERE project_id = ? ORDER BY rowid",
        (source_id,),
    )
    ctx.db.insert_many(
        "assets",
        [
            {
                **asset,
                "content": moved(asset["content"]),
                "json_content": moved(asset["json_content"]),
                "id": new_id(),
                "project_id": project_id,
                "created_at": now,
                "updated_at": now,
            }
            for asset in assets
        ],
    )


BINDABLES = [mutation]
