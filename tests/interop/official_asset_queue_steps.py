"""The official client's labeling queue methods against the emulator.

Imported by `official_client.py`, which runs in the official SDK's environment, after
the earlier steps (skips are checked there); the assets are those left in
`state["project_id"]`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Check = Callable[[str], Callable[[Callable[[], None]], None]]


def run(check: Check, state: dict[str, Any]) -> None:
    """Run each queue method of the official client once and check its effect."""

    ids = [row["id"] for row in state["kili"].assets(state["project_id"], fields=["id"])]

    def asset(asset_id: str, fields: list[str]) -> dict[str, Any]:
        (row,) = state["kili"].assets(
            project_id=state["project_id"], asset_id=asset_id, fields=["id", *fields]
        )
        return row

    @check("add_metadata, then set_metadata keeping the display keys")
    def metadata() -> None:
        first = ids[0]
        state["kili"].add_metadata(
            json_metadata=[{"added": "yes"}], project_id=state["project_id"], asset_ids=[first]
        )
        assert asset(first, ["jsonMetadata"])["jsonMetadata"]["added"] == "yes"
        state["kili"].set_metadata(
            json_metadata=[{"only": 1}], project_id=state["project_id"], asset_ids=[first]
        )
        assert asset(first, ["jsonMetadata"])["jsonMetadata"] == {"only": 1}

    @check("assign_assets_to_labelers (assignAssets), then unassign")
    def assign() -> None:
        user_id = state["kili"].get_current_user()["id"]
        first = ids[0]
        outcome = state["kili"].assign_assets_to_labelers(
            to_be_labeled_by_array=[[user_id]], asset_ids=[first]
        )
        assert [item["assetId"] for item in outcome["succeeded"]] == [first], outcome
        assigned = asset(first, ["toBeLabeledBy.user.id"])["toBeLabeledBy"]
        assert [member["user"]["id"] for member in assigned] == [user_id]
        state["kili"].assign_assets_to_labelers(to_be_labeled_by_array=[[]], asset_ids=[first])
        assert asset(first, ["toBeLabeledBy.user.id"])["toBeLabeledBy"] == []

    @check("set_assets_priority (setAssetsPriority)")
    def priority() -> None:
        outcome = state["kili"].set_assets_priority(priority=4, asset_ids=ids)
        assert len(outcome["succeeded"]) == len(ids), outcome
        assert all(asset(a, ["priority"])["priority"] == 4 for a in ids)

    @check("update_asset_consensus (setAssetConsensus)")
    def consensus() -> None:
        last = ids[-1]
        result = state["kili"].update_asset_consensus(
            project_id=state["project_id"], is_consensus=True, asset_id=last
        )
        assert result is True, result
        assert asset(last, ["isUsedForConsensus"])["isUsedForConsensus"] is True
