"""Asset queue operations on a mocked gateway: what is sent, what comes back, what is refused."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from typing import Any

import pytest

from kili.client import Kili
from kili.domain.asset import AssetFilters, AssetUpdate
from kili.exceptions import (
    ArgumentTypeError,
    IncompatibleArgumentsError,
    InvalidArgumentError,
    MissingArgumentError,
    NotFound,
)
from kili.use_cases.asset import MUTATION_BATCH_SIZE

WRITES = (
    "update_properties_in_assets",
    "assign_assets",
    "set_asset_consensus",
    "skip_asset",
    "unskip_asset",
)

EMPTY = inspect.Parameter.empty
DESIGNATION = [("asset_ids", None), ("external_ids", None)]
OFFICIAL: dict[str, list[tuple[str, Any]]] = {
    "add_metadata": [("json_metadata", EMPTY), ("project_id", EMPTY), *DESIGNATION],
    "set_metadata": [("json_metadata", EMPTY), ("project_id", EMPTY), *DESIGNATION],
    "assign_assets_to_labelers": [
        ("to_be_labeled_by_array", EMPTY),
        *DESIGNATION,
        ("project_id", None),
    ],
    "set_assets_priority": [("priority", EMPTY), *DESIGNATION, ("project_id", None)],
    "update_asset_consensus": [
        ("project_id", EMPTY),
        ("is_consensus", EMPTY),
        ("asset_id", None),
        ("external_id", None),
    ],
    "skip_or_unskip": [
        ("action", EMPTY),
        ("asset_id", EMPTY),
        ("project_id", EMPTY),
        ("reason", None),
    ],
}
"""Parameter names, order and defaults of the official SDK 26.2.4."""

MEMBERS: list[dict[str, Any]] = [
    {"activated": True, "user": {"id": "u-ann", "email": "ann@example.com"}},
    {"activated": True, "user": {"id": "u-bob", "email": "bob@example.com"}},
    {"activated": False, "user": {"id": "u-old", "email": "old@example.com"}},
]


def nothing_written(gateway: Any) -> bool:
    return all(not getattr(gateway, name).called for name in WRITES)


class Store:
    """Assets of project `p1` as the mocked gateway reads and writes them."""

    def __init__(self, count: int) -> None:
        self.rows = {
            f"id-{index}": {
                "id": f"id-{index}",
                "externalId": f"e-{index}",
                "projectId": "p1",
                "jsonMetadata": {"imageUrl": f"https://x/{index}.png", "old": index},
                "priority": 0,
                "toBeLabeledBy": [],
            }
            for index in range(count)
        }
        self.users = {member["user"]["id"]: member for member in MEMBERS}

    def list_assets(
        self, filters: AssetFilters, fields: Any, options: Any
    ) -> Iterator[dict[str, Any]]:
        for asset_id in filters.asset_id_in or ():
            if asset_id in self.rows:
                yield dict(self.rows[asset_id])

    def update(self, updates: list[AssetUpdate]) -> list[str]:
        for update in updates:
            row = self.rows[update.asset_id]
            if update.json_metadata is not None:
                row["jsonMetadata"] = json.loads(update.json_metadata)
            if update.priority is not None:
                row["priority"] = update.priority
        return [update.asset_id for update in updates]

    def assign(self, assignments: list[tuple[str, tuple[str, ...]]]) -> list[str]:
        for asset_id, user_ids in assignments:
            self.rows[asset_id]["toBeLabeledBy"] = [self.users[u] for u in user_ids]
        return [asset_id for asset_id, _ in assignments]


@pytest.fixture
def store(gateway: Any) -> Store:
    store = Store(250)
    gateway.list_assets.side_effect = store.list_assets
    gateway.update_properties_in_assets.side_effect = store.update
    gateway.assign_assets.side_effect = store.assign
    gateway.list_project_users.side_effect = lambda *_: iter(MEMBERS)
    gateway.asset_ids_by_external_id.side_effect = lambda _, ids: {
        e: [f"id-{e[2:]}"] for e in ids if f"id-{e[2:]}" in store.rows
    }
    gateway.project_ids_of_assets.side_effect = lambda ids: {
        i: "p1" for i in ids if i in store.rows
    }
    return store


@pytest.mark.parametrize("name", sorted(OFFICIAL))
def test_signature_is_the_official_one(name: str) -> None:
    parameters = list(inspect.signature(getattr(Kili, name)).parameters.values())[1:]
    assert [(p.name, p.default) for p in parameters] == OFFICIAL[name]
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in parameters)


# --- add_metadata / set_metadata -----------------------------------------------------------


def test_add_metadata_merges_into_what_each_asset_holds(kili: Kili, store: Store) -> None:
    result = kili.add_metadata(
        [{"source": "web"}, {"old": "replaced"}], "p1", external_ids=["e-1", "e-0"]
    )
    assert result == [{"id": "id-1"}, {"id": "id-0"}]
    assert store.rows["id-1"]["jsonMetadata"] == {
        "imageUrl": "https://x/1.png",
        "old": 1,
        "source": "web",
    }
    assert store.rows["id-0"]["jsonMetadata"] == {"imageUrl": "https://x/0.png", "old": "replaced"}


def test_set_metadata_replaces_all_but_the_display_keys(kili: Kili, store: Store) -> None:
    kili.set_metadata([{"batch": 3}], "p1", asset_ids=["id-2"])
    assert store.rows["id-2"]["jsonMetadata"] == {"imageUrl": "https://x/2.png", "batch": 3}


def test_set_metadata_lets_new_metadata_change_a_display_key(kili: Kili, store: Store) -> None:
    kili.set_metadata([{"imageUrl": "https://y.png"}], "p1", asset_ids=["id-2"])
    assert store.rows["id-2"]["jsonMetadata"] == {"imageUrl": "https://y.png"}


def test_metadata_of_an_asset_given_twice_receive_both_changes(kili: Kili, store: Store) -> None:
    kili.add_metadata([{"a": 1}, {"b": 2}], "p1", asset_ids=["id-3", "id-3"])
    assert store.rows["id-3"]["jsonMetadata"] == {
        "imageUrl": "https://x/3.png",
        "old": 3,
        "a": 1,
        "b": 2,
    }


def test_metadata_go_in_batches_and_external_ids_are_resolved_once(
    kili: Kili, gateway: Any, store: Store
) -> None:
    external_ids = [f"e-{index}" for index in range(250)]
    kili.add_metadata([{"n": i} for i in range(250)], "p1", external_ids=external_ids)
    sizes = [len(call.args[0]) for call in gateway.update_properties_in_assets.call_args_list]
    assert sizes == [MUTATION_BATCH_SIZE, MUTATION_BATCH_SIZE, 50]
    assert gateway.asset_ids_by_external_id.call_count == 1
    assert all(store.rows[f"id-{i}"]["jsonMetadata"]["n"] == i for i in range(250))


@pytest.mark.parametrize("method", ["add_metadata", "set_metadata"])
def test_metadata_refusals_send_nothing(
    kili: Kili, gateway: Any, store: Store, method: str
) -> None:
    write = getattr(kili, method)
    with pytest.raises(InvalidArgumentError, match="one element per asset"):
        write([{"a": 1}], "p1", asset_ids=["id-0", "id-1"])
    with pytest.raises(ArgumentTypeError):
        write(["not a dict"], "p1", asset_ids=["id-0"])
    with pytest.raises(ArgumentTypeError):
        write([{"nested": {"a": 1}}], "p1", asset_ids=["id-0"])
    with pytest.raises(IncompatibleArgumentsError):
        write([{"a": 1}], "p1", asset_ids=["id-0"], external_ids=["e-0"])
    with pytest.raises(MissingArgumentError):
        write([{"a": 1}], "p1")
    with pytest.raises(NotFound, match="'id-nope'"):
        write([{"a": 1}, {"b": 2}], "p1", asset_ids=["id-0", "id-nope"])
    with pytest.raises(NotFound, match="'e-nope'"):
        write([{"a": 1}], "p1", external_ids=["e-nope"])
    assert nothing_written(gateway)


def test_empty_metadata_warn_and_do_nothing(kili: Kili, gateway: Any, store: Store) -> None:
    with pytest.warns(UserWarning, match="json_metadata"):
        assert kili.add_metadata([], "p1", asset_ids=[]) == []
    assert nothing_written(gateway)


# --- assign_assets_to_labelers ---------------------------------------------------------------


def test_assign_replaces_assignees_by_user_id_and_reports_each_asset(
    kili: Kili, gateway: Any, store: Store
) -> None:
    outcome = kili.assign_assets_to_labelers(
        [["ann@example.com", "u-bob"], []], asset_ids=["id-0", "id-1"]
    )
    assert gateway.assign_assets.call_args.args[0] == [("id-0", ("u-ann", "u-bob")), ("id-1", ())]
    assert outcome == {
        "succeeded": [
            {"assetId": "id-0", "externalId": "e-0"},
            {"assetId": "id-1", "externalId": "e-1"},
        ],
        "declined": [],
        "failed": [],
    }


def test_assign_reports_declined_the_assets_not_assigned_as_asked(
    kili: Kili, gateway: Any, store: Store
) -> None:
    def keep_ann(assignments: list[tuple[str, tuple[str, ...]]]) -> list[str]:
        store.assign([(a, ("u-ann",)) for a, _ in assignments])
        return []  # the API answered nothing written: nothing to wait for

    gateway.assign_assets.side_effect = keep_ann
    outcome = kili.assign_assets_to_labelers([["u-bob"], ["u-ann"]], asset_ids=["id-0", "id-1"])
    assert outcome["succeeded"] == [{"assetId": "id-1", "externalId": "e-1"}]
    assert outcome["declined"] == [{"assetId": "id-0", "externalId": "e-0"}]


def test_an_asset_answered_written_but_left_as_it_was_is_declined_after_a_wait(
    kili: Kili, gateway: Any, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kili.use_cases.asset_queue.DECLINE_AFTER_SECONDS", 0.2)

    def keep_nobody(assignments: list[tuple[str, tuple[str, ...]]]) -> list[str]:
        return [asset_id for asset_id, _ in assignments]  # answered written, changed nothing

    gateway.assign_assets.side_effect = keep_nobody
    outcome = kili.assign_assets_to_labelers([[], ["u-ann"]], asset_ids=["id-0", "id-1"])
    assert outcome["succeeded"] == [{"assetId": "id-0", "externalId": "e-0"}]
    assert outcome["declined"] == [{"assetId": "id-1", "externalId": "e-1"}]
    assert gateway.list_assets.call_count > 2  # the last asset was read until the wait ended


def test_assign_refuses_unknown_or_deactivated_labelers_before_sending(
    kili: Kili, gateway: Any, store: Store
) -> None:
    with pytest.raises(NotFound, match=r"'eve@example\.com', 'old@example\.com'"):
        kili.assign_assets_to_labelers(
            [["eve@example.com"], ["ann@example.com", "old@example.com"]],
            asset_ids=["id-0", "id-1"],
        )
    assert nothing_written(gateway)


def test_assign_refuses_unknown_assets_and_wrong_lengths_before_sending(
    kili: Kili, gateway: Any, store: Store
) -> None:
    with pytest.raises(NotFound, match="'id-nope'"):
        kili.assign_assets_to_labelers([["u-ann"]], asset_ids=["id-nope"])
    with pytest.raises(InvalidArgumentError, match="to_be_labeled_by_array has 1"):
        kili.assign_assets_to_labelers([["u-ann"]], asset_ids=["id-0", "id-1"])
    with pytest.raises(MissingArgumentError):
        kili.assign_assets_to_labelers([["u-ann"]], external_ids=["e-0"])
    with pytest.raises(ArgumentTypeError):
        kili.assign_assets_to_labelers(["u-ann"], asset_ids=["id-0"])  # type: ignore[list-item]
    assert nothing_written(gateway)


def test_assign_goes_in_batches_after_one_member_read(
    kili: Kili, gateway: Any, store: Store
) -> None:
    ids = [f"id-{index}" for index in range(250)]
    outcome = kili.assign_assets_to_labelers([["u-ann"]] * 250, asset_ids=ids, project_id="p1")
    sizes = [len(call.args[0]) for call in gateway.assign_assets.call_args_list]
    assert sizes == [MUTATION_BATCH_SIZE, MUTATION_BATCH_SIZE, 50]
    assert gateway.list_project_users.call_count == 1
    assert [item["assetId"] for item in outcome["succeeded"]] == ids


# --- set_assets_priority ---------------------------------------------------------------------


def test_set_priority_sends_batches_and_reports_each_asset(
    kili: Kili, gateway: Any, store: Store
) -> None:
    external_ids = [f"e-{index}" for index in range(250)]
    outcome = kili.set_assets_priority(4, external_ids=external_ids, project_id="p1")
    calls = gateway.update_properties_in_assets.call_args_list
    assert [len(call.args[0]) for call in calls] == [MUTATION_BATCH_SIZE, MUTATION_BATCH_SIZE, 50]
    assert {update.priority for call in calls for update in call.args[0]} == {4}
    assert [item["externalId"] for item in outcome["succeeded"]] == external_ids
    assert outcome["declined"] == outcome["failed"] == []


@pytest.mark.parametrize("priority", [-1, 2**31])
def test_set_priority_refuses_out_of_range_priorities(
    kili: Kili, gateway: Any, store: Store, priority: int
) -> None:
    with pytest.raises(InvalidArgumentError, match="priority"):
        kili.set_assets_priority(priority, asset_ids=["id-0"])
    assert nothing_written(gateway)


def test_set_priority_on_no_asset_warns_and_returns_an_empty_outcome(
    kili: Kili, gateway: Any, store: Store
) -> None:
    with pytest.warns(UserWarning, match="asset_ids"):
        outcome = kili.set_assets_priority(1, asset_ids=[])
    assert outcome == {"succeeded": [], "declined": [], "failed": []}
    assert nothing_written(gateway)


# --- update_asset_consensus ------------------------------------------------------------------


def test_update_asset_consensus_resolves_an_external_id_and_answers_the_api(
    kili: Kili, gateway: Any, store: Store
) -> None:
    gateway.set_asset_consensus.return_value = False
    assert kili.update_asset_consensus("p1", False, external_id="e-7") is False
    gateway.set_asset_consensus.assert_called_once_with("p1", "id-7", False)


def test_update_asset_consensus_needs_exactly_one_asset(
    kili: Kili, gateway: Any, store: Store
) -> None:
    with pytest.raises(MissingArgumentError) as missing:
        kili.update_asset_consensus("p1", True)
    assert isinstance(missing.value, ValueError)
    with pytest.raises(IncompatibleArgumentsError):
        kili.update_asset_consensus("p1", True, asset_id="id-0", external_id="e-0")
    with pytest.raises(NotFound):
        kili.update_asset_consensus("p1", True, external_id="e-nope")
    assert nothing_written(gateway)


# --- skip_or_unskip --------------------------------------------------------------------------


def test_skip_sends_the_reason_and_unskip_does_not(kili: Kili, gateway: Any) -> None:
    gateway.skip_asset.return_value = "a1"
    gateway.unskip_asset.return_value = "a1"
    assert kili.skip_or_unskip("skip", "a1", "p1", reason="Blurry") == "a1"
    gateway.skip_asset.assert_called_once_with("p1", "a1", "Blurry")
    assert kili.skip_or_unskip("unskip", "a1", "p1") == "a1"
    gateway.unskip_asset.assert_called_once_with("p1", "a1")


def test_skip_refusals_send_nothing(kili: Kili, gateway: Any) -> None:
    with pytest.raises(MissingArgumentError, match="reason"):
        kili.skip_or_unskip("skip", "a1", "p1")
    with pytest.raises(InvalidArgumentError, match="blank"):
        kili.skip_or_unskip("skip", "a1", "p1", reason="  ")
    with pytest.raises(InvalidArgumentError, match="action"):
        kili.skip_or_unskip("hide", "a1", "p1", reason="x")  # type: ignore[arg-type]
    assert nothing_written(gateway)
