"""Workflow steps: their assignees, each asset's current step."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import ObjectType

from kili_emulator.context import Info, context_of
from kili_emulator.resolvers.common import visible_user
from kili_emulator.store import workflow

step_type = ObjectType("Step")


@step_type.field("assignees")
def resolve_assignees(step: Mapping[str, Any], info: Info) -> list[Any]:
    """List the users assigned to the step that the viewer may see."""
    ctx = context_of(info)
    found = (visible_user(ctx, user_id) for user_id in step["assigneeIds"])
    return [user for user in found if user is not None]


asset_type = ObjectType("Asset")


@asset_type.field("currentStep")
def resolve_current_step(asset: Mapping[str, Any], info: Info) -> Any:
    """Return the asset's current step and status, read now when the row lacks them."""
    if asset.get("currentStep") is not None:
        return asset["currentStep"]
    return workflow.current_step(context_of(info).db, asset["id"])


project_type = ObjectType("Project")


@project_type.field("stepGroups")
def resolve_step_groups(*_: Any) -> list[Any]:
    """Answer no groups: the emulator serves the single-group workflow (V2)."""
    return []


BINDABLES = [step_type, asset_type, project_type]
