"""The labeling queue in the emulator: skips with their reason, assignments, consensus."""

from __future__ import annotations

from typing import Any

from kili_emulator.server import EmulatorServer
from kili_emulator.store import asset_skips, assets
from tests.emulator.helpers import Client, new_member

SKIP = "mutation($w: AssetWhere!, $r: String!) { skipAsset(reason: $r, where: $w) { id skipped } }"
UNSKIP = "mutation($p: ID!, $a: ID!) { unskipAsset(projectId: $p, assetId: $a) }"
ASSIGN = (
    "mutation($w: AssetWhere!, $u: [String!]!) { data: assignAssets(where: $w, userIds: $u)"
    " { succeeded { assetId } } }"
)


def one_asset(admin: Client, project_id: str) -> str:
    (asset,) = admin.import_assets(
        project_id, contentArray=["https://x/1.jpg"], externalIDArray=["a"]
    )
    asset_id: str = asset["id"]
    return asset_id


def test_a_skip_keeps_its_reason_and_author_until_unskipped(
    server: EmulatorServer, admin: Client, project_id: str
) -> None:
    asset_id = one_asset(admin, project_id)
    labeler, labeler_id = new_member(admin, project_id, "LABELER")
    where = {"id": asset_id, "project": {"id": project_id}}
    labeler.execute(SKIP, {"w": where, "r": "blurry"})
    skip = asset_skips.skip_of(server.state.db, asset_id)
    assert skip is not None
    assert (skip["reason"], skip["user_id"]) == ("blurry", labeler_id)
    labeler.execute(SKIP, {"w": where, "r": "too dark"})
    skip = asset_skips.skip_of(server.state.db, asset_id)
    assert skip is not None
    assert skip["reason"] == "too dark"
    assert labeler.execute(UNSKIP, {"p": project_id, "a": asset_id}) == {"unskipAsset": asset_id}
    assert asset_skips.skip_of(server.state.db, asset_id) is None
    row = assets.asset_row(server.state.db, asset_id)
    assert row is not None
    assert row["skipped"] == 0


def step_status(admin: Client, asset_id: str) -> str:
    data = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 1, skip: 0)"
        " { currentStep { status } } }",
        {"w": {"id": asset_id}},
    )
    status: str = data["assets"][0]["currentStep"]["status"]
    return status


def test_a_skip_moves_the_status_in_the_current_step(admin: Client, project_id: str) -> None:
    asset_id = one_asset(admin, project_id)
    assert step_status(admin, asset_id) == "TO_DO"
    admin.execute(SKIP, {"w": {"id": asset_id}, "r": "blurry"})
    assert step_status(admin, asset_id) == "SKIPPED"
    admin.execute(UNSKIP, {"p": project_id, "a": asset_id})
    assert step_status(admin, asset_id) == "TO_DO"


def test_unskipping_an_asset_not_skipped_changes_nothing(
    server: EmulatorServer, admin: Client, project_id: str
) -> None:
    asset_id = one_asset(admin, project_id)
    before = assets.asset_row(server.state.db, asset_id)
    assert admin.execute(UNSKIP, {"p": project_id, "a": asset_id}) == {"unskipAsset": asset_id}
    assert assets.asset_row(server.state.db, asset_id) == before


def assignees(admin: Client, asset_id: str) -> list[str]:
    data = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 1, skip: 0)"
        " { toBeLabeledBy { user { id } } } }",
        {"w": {"id": asset_id}},
    )
    return sorted(member["user"]["id"] for member in data["assets"][0]["toBeLabeledBy"])


def test_assign_assets_replaces_the_assignees_and_nobody_unassigns(
    admin: Client, project_id: str
) -> None:
    asset_id = one_asset(admin, project_id)
    _, first = new_member(admin, project_id, "LABELER")
    _, second = new_member(admin, project_id, "LABELER")
    admin.execute(ASSIGN, {"w": {"idIn": [asset_id]}, "u": [first]})
    admin.execute(ASSIGN, {"w": {"idIn": [asset_id]}, "u": [second]})
    assert assignees(admin, asset_id) == [second]
    admin.execute(ASSIGN, {"w": {"idIn": [asset_id]}, "u": []})
    assert assignees(admin, asset_id) == []


def test_assigning_a_user_outside_the_project_changes_nothing(
    admin: Client, project_id: str
) -> None:
    asset_id = one_asset(admin, project_id)
    _, member = new_member(admin, project_id, "LABELER")
    _, outsider = new_member(admin, None, "LABELER")
    admin.execute(ASSIGN, {"w": {"idIn": [asset_id]}, "u": [member]})
    errors: list[dict[str, Any]] = admin.errors(
        ASSIGN, {"w": {"idIn": [asset_id]}, "u": [outsider]}
    )
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert assignees(admin, asset_id) == [member]


def test_set_asset_consensus_answers_the_value_set(admin: Client, project_id: str) -> None:
    asset_id = one_asset(admin, project_id)
    mutation = (
        "mutation($p: ID!, $a: ID, $c: Boolean!) {"
        " setAssetConsensus(projectId: $p, assetId: $a, isConsensus: $c) }"
    )
    for value in (True, False):
        answer = admin.execute(mutation, {"p": project_id, "a": asset_id, "c": value})
        assert answer == {"setAssetConsensus": value}
        data = admin.execute(
            "query($w: AssetWhere!) {"
            " assets(where: $w, first: 1, skip: 0) { isUsedForConsensus } }",
            {"w": {"id": asset_id}},
        )
        assert data["assets"] == [{"isUsedForConsensus": value}]
