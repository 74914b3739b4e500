"""Metadata, assignment, priority, consensus and skips of assets, over HTTP to the emulator."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from kili.client import Kili
from kili.exceptions import InvalidArgumentError, MissingArgumentError, NotFound


def import_three(kili: Kili, project_id: str) -> list[str]:
    result = kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{name}.png" for name in "abc"],
        external_id_array=list("abc"),
        json_metadata_array=[{"imageUrl": "https://example.com/a.png", "old": 1}, {}, {"k": "v"}],
    )
    asset_ids = result["asset_ids"]
    assert isinstance(asset_ids, list)
    return asset_ids


def by_external_id(kili: Kili, project_id: str, field: str) -> dict[str, Any]:
    rows = kili.assets(project_id, fields=["externalId", field])
    top = field.split(".", maxsplit=1)[0]
    return {row["externalId"]: row[top] for row in rows}


def new_member(kili: Kili, project_id: str) -> tuple[str, str]:
    """Create a user, make it a labeler of the project; return its email and id."""
    email = f"labeler-{uuid.uuid4().hex[:10]}@example.com"
    kili.create_user(email=email, password="pass-word", organization_role="USER")
    kili.append_to_roles(project_id, email, "LABELER")
    (user,) = kili.users(email=email, fields=["id"])
    return email, user["id"]


def test_add_metadata_merges_and_set_metadata_replaces(kili: Kili, project_id: str) -> None:
    import_three(kili, project_id)
    added = kili.add_metadata([{"new": 2}, {"x": 1.5}], project_id, external_ids=["a", "b"])
    assert len(added) == 2
    assert by_external_id(kili, project_id, "jsonMetadata") == {
        "a": {"imageUrl": "https://example.com/a.png", "old": 1, "new": 2},
        "b": {"x": 1.5},
        "c": {"k": "v"},
    }
    kili.set_metadata([{"only": "this"}, {}], project_id, external_ids=["a", "c"])
    assert by_external_id(kili, project_id, "jsonMetadata") == {
        "a": {"imageUrl": "https://example.com/a.png", "only": "this"},
        "b": {"x": 1.5},
        "c": {},
    }


def test_metadata_of_assets_outside_the_project_are_refused(
    kili: Kili, project_id: str, make_project: Any
) -> None:
    (other_asset,) = import_three(kili, make_project())[:1]
    import_three(kili, project_id)
    with pytest.raises(NotFound, match=other_asset):
        kili.add_metadata([{"x": 1}], project_id, asset_ids=[other_asset])


def test_assign_assets_to_labelers_by_email_or_id_then_unassign(
    kili: Kili, project_id: str
) -> None:
    asset_ids = import_three(kili, project_id)
    ann, ann_id = new_member(kili, project_id)
    _, bob_id = new_member(kili, project_id)
    outcome = kili.assign_assets_to_labelers([[ann, bob_id], [bob_id]], asset_ids=asset_ids[:2])
    assert outcome == {
        "succeeded": [
            {"assetId": asset_ids[0], "externalId": "a"},
            {"assetId": asset_ids[1], "externalId": "b"},
        ],
        "declined": [],
        "failed": [],
    }
    assigned = by_external_id(kili, project_id, "toBeLabeledBy.user.id")
    assert {key: sorted(m["user"]["id"] for m in value) for key, value in assigned.items()} == {
        "a": sorted([ann_id, bob_id]),
        "b": [bob_id],
        "c": [],
    }
    kili.assign_assets_to_labelers([[ann]], external_ids=["b"], project_id=project_id)
    kili.assign_assets_to_labelers([[]], external_ids=["a"], project_id=project_id)
    assigned = by_external_id(kili, project_id, "toBeLabeledBy.user.id")
    assert [m["user"]["id"] for m in assigned["b"]] == [ann_id]
    assert assigned["a"] == []


def test_assigning_a_user_outside_the_project_is_refused_before_sending(
    kili: Kili, project_id: str
) -> None:
    asset_ids = import_three(kili, project_id)
    ann, _ = new_member(kili, project_id)
    with pytest.raises(NotFound, match=r"nobody@example\.com"):
        kili.assign_assets_to_labelers([[ann], ["nobody@example.com"]], asset_ids=asset_ids[:2])
    assigned = by_external_id(kili, project_id, "toBeLabeledBy.user.id")
    assert assigned == {"a": [], "b": [], "c": []}


def test_set_assets_priority_reports_each_asset(kili: Kili, project_id: str) -> None:
    asset_ids = import_three(kili, project_id)
    outcome = kili.set_assets_priority(7, external_ids=["a", "c"], project_id=project_id)
    assert outcome["succeeded"] == [
        {"assetId": asset_ids[0], "externalId": "a"},
        {"assetId": asset_ids[2], "externalId": "c"},
    ]
    assert by_external_id(kili, project_id, "priority") == {"a": 7, "b": 0, "c": 7}
    with pytest.raises(InvalidArgumentError):
        kili.set_assets_priority(-1, asset_ids=asset_ids)
    assert by_external_id(kili, project_id, "priority") == {"a": 7, "b": 0, "c": 7}


def test_update_asset_consensus_sets_and_clears_the_flag(kili: Kili, project_id: str) -> None:
    asset_ids = import_three(kili, project_id)
    assert kili.update_asset_consensus(project_id, True, external_id="b") is True
    assert kili.update_asset_consensus(project_id, True, asset_id=asset_ids[2]) is True
    flags = by_external_id(kili, project_id, "isUsedForConsensus")
    assert flags == {"a": False, "b": True, "c": True}
    assert kili.update_asset_consensus(project_id, False, asset_id=asset_ids[1]) is False
    assert by_external_id(kili, project_id, "isUsedForConsensus")["b"] is False


def test_skip_or_unskip_moves_the_skipped_flag(kili: Kili, project_id: str) -> None:
    asset_ids = import_three(kili, project_id)
    assert kili.skip_or_unskip("skip", asset_ids[1], project_id, reason="Blurry") == asset_ids[1]
    assert kili.skip_or_unskip("skip", asset_ids[1], project_id, reason="Again") == asset_ids[1]
    assert by_external_id(kili, project_id, "skipped") == {"a": False, "b": True, "c": False}
    assert kili.count_assets(project_id, skipped=True) == 1
    assert kili.count_assets(project_id, step_status_in=["SKIPPED"]) == 1
    with pytest.raises(MissingArgumentError):
        kili.skip_or_unskip("skip", asset_ids[0], project_id)
    assert kili.skip_or_unskip("unskip", asset_ids[1], project_id) == asset_ids[1]
    assert by_external_id(kili, project_id, "skipped") == {"a": False, "b": False, "c": False}
    assert kili.count_assets(project_id, step_status_in=["TO_DO"]) == 3
