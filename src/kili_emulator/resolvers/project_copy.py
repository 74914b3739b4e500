"""Copies of projects: settings always, members and assets on request."""

from __future__ import annotations

import json
from typing import Any

from ariadne import MutationType

from kili_emulator.context import Info, context_of
from kili_emulator.errors import NotFoundError
from kili_emulator.permissions import (
    EDIT_ASSETS,
    EDIT_PROJECT_SETTINGS,
    READ_PROJECT,
    require_project,
)
from kili_emulator.render.common import load_json
from kili_emulator.render.project import QUALITY_MARK_FIELDS
from kili_emulator.store import assets, labels, projects

mutation = MutationType()


@mutation.field("copyProject")
def resolve_copy_project(_obj: Any, info: Info, data: dict[str, Any]) -> str:
    """Copy a project's title, description, interface, instructions and settings.

    The source's consensus and honeypot marks grade the work done on it: the copy
    starts without them.

    The caller becomes the copy's author and ADMIN. With `shouldCopyUsers` the other
    members join it with their roles; with `shouldCopyAssets` the assets (and their
    uploaded files) are copied, without labels, in status TODO. Labels are never
    copied: `CopyProjectData` has no such flag. Needs EDIT_PROJECT_SETTINGS on the source.
    """
    ctx = context_of(info)
    source = require_project(ctx, data["projectId"], EDIT_PROJECT_SETTINGS)
    settings = load_json(source["settings"], {})
    for mark in QUALITY_MARK_FIELDS:  # a grade of the source's work, not a setting
        settings.pop(mark, None)
    project_id = projects.copy_project(
        ctx.db, {**source, "settings": json.dumps(settings)}, ctx.viewer_id
    )
    if data.get("shouldCopyUsers"):
        projects.copy_members(ctx.db, source["id"], project_id, except_user_id=ctx.viewer_id)
    if data.get("shouldCopyAssets"):
        projects.copy_assets(ctx.db, source, project_id)
    return project_id


@mutation.field("copyLabels")
def resolve_copy_labels(_obj: Any, info: Info, data: dict[str, Any]) -> bool:
    """Copy the labels of one asset onto an asset of another project.

    The target asset takes the source's status, since it now holds the same work.
    `skipRebuilds` changes nothing: the emulator computes a project's figures when they
    are read. Needs READ_PROJECT on the source asset's project and EDIT_ASSETS on
    `projectId`, the project of the target asset. Each call adds copies: it is not
    idempotent.
    """
    ctx = context_of(info)
    target_project = require_project(ctx, data["projectId"], EDIT_ASSETS)
    source = assets.asset_row(ctx.db, data["srcAssetId"])
    target = assets.asset_row(ctx.db, data["dstAssetId"])
    if source is None or target is None or target["project_id"] != target_project["id"]:
        raise NotFoundError("Asset not found", resource="Asset")
    require_project(ctx, source["project_id"], READ_PROJECT)
    if labels.copy_labels(ctx.db, source["id"], target):
        assets.update_asset(ctx.db, target["id"], {"status": source["status"]})
    return True


BINDABLES = [mutation]
