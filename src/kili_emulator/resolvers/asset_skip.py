"""Skipping an asset: a labeler sets it aside with a reason, and may take it back.

A skipped asset leaves the labeling queue; `Asset.skipped` and the project's
`numberOfSkippedAssets` show it, and the store keeps who skipped it and why. An
asset used for consensus cannot be skipped: that would take it from every labeler
assigned to it, not only from the one skipping it.
"""

from __future__ import annotations

from typing import Any

from ariadne import MutationType

from kili_emulator.context import Info, context_of
from kili_emulator.errors import BadUserInputError
from kili_emulator.permissions import LABEL_ASSETS, require_project
from kili_emulator.render.asset import asset_to_graphql
from kili_emulator.store import asset_skips, assets

mutation = MutationType()


@mutation.field("skipAsset")
def resolve_skip_asset(_obj: Any, info: Info, reason: str, where: dict[str, Any]) -> Any:
    """Skip the single asset `where` designates; needs LABEL_ASSETS (LABELER and up).

    Raises:
        BadUserInputError: The reason is empty, or the asset is used for consensus.
    """
    ctx = context_of(info)
    if not reason.strip():
        raise BadUserInputError("Give a reason to skip an asset")
    asset = assets.ASSETS.single(ctx, where)
    require_project(ctx, asset["project_id"], LABEL_ASSETS)
    if asset["is_used_for_consensus"]:
        raise BadUserInputError(f"Asset {asset['id']} is used for consensus and cannot be skipped")
    asset_skips.skip_asset(ctx.db, asset["id"], reason, ctx.viewer_id)
    return asset_to_graphql({**asset, "skipped": 1})


@mutation.field("unskipAsset")
def resolve_unskip_asset(_obj: Any, info: Info, projectId: str, assetId: str) -> str:  # noqa: N803
    """Take a skipped asset back into the queue (one not skipped is left); return its id."""
    ctx = context_of(info)
    require_project(ctx, projectId, LABEL_ASSETS)
    asset = assets.ASSETS.single(ctx, {"id": assetId, "project": {"id": projectId}})
    asset_skips.unskip_asset(ctx.db, asset["id"])
    return str(asset["id"])


BINDABLES = [mutation]
