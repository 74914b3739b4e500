"""Label imports under faults, on an in-memory gateway: read back, resend only what is missing."""

from __future__ import annotations

import inspect
from datetime import datetime, timezone
from typing import Any

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.domain.asset import (
    AssetDesignation,
    AssetExternalId,
    AssetId,
    AssetsByExternalId,
    AssetsById,
)
from kili.domain.label import LabelId, LabelsToAppend, LabelToCreate
from kili.domain.project import ProjectId
from kili.exceptions import (
    InvalidArgumentError,
    KiliConnectionError,
    NotFound,
    UncertainBatchWriteError,
)
from kili.use_cases import verified_write
from kili.use_cases.label_import import LABELS_PER_BATCH, LabelImport
from kili.use_cases.port import LabelImportGateway
from tests.unit.use_cases.fake_label_gateway import CURRENT_USER, InMemoryLabelGateway, as_port
from tests.unit.use_cases.faults import LOST_AFTER, LOST_BEFORE, REFUSED_CONNECTION, Fault

PROJECT = ProjectId("project-1")
INTERFACE = {"jobs": {"JOB": {"mlTask": "CLASSIFICATION", "content": {"input": "radio"}}}}
APPEND = "append_many_labels"
PORT_METHODS = sorted(name for name in dir(LabelImportGateway) if not name.startswith("_"))


def answer(name: str) -> dict[str, Any]:
    return {"JOB": {"categories": [{"name": name}]}}


@pytest.fixture(autouse=True)
def no_resend_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verified_write, "RESEND_BACKOFF_SECONDS", 0.0)


def gateway_with_assets(count: int) -> InMemoryLabelGateway:
    gateway = InMemoryLabelGateway(INTERFACE)
    gateway.store_assets(count)
    return gateway


def run(
    gateway: InMemoryLabelGateway,
    labels: list[LabelToCreate],
    assets: AssetDesignation,
    **shared: Any,
) -> list[LabelId]:
    request = LabelsToAppend(labels=tuple(labels), **{"project_id": PROJECT, **shared})
    return LabelImport(as_port(gateway)).run(request, assets=assets, disable_tqdm=True)


def append(gateway: InMemoryLabelGateway, count: int, **shared: Any) -> list[LabelId]:
    """Label assets `a0`... `a<count-1>` with answers C0, C1, C2, C0..."""
    labels = [LabelToCreate(json_response=answer(f"C{i % 3}")) for i in range(count)]
    assets = AssetsById(tuple(AssetId(f"a{i}") for i in range(count)), PROJECT)
    return run(gateway, labels, assets, **shared)


def once_each(count: int) -> dict[str, int]:
    return {f"a{i}": 1 for i in range(count)}


@pytest.mark.parametrize("method", PORT_METHODS)
def test_the_fake_and_the_real_gateway_take_the_ports_arguments(method: str) -> None:
    port = inspect.signature(getattr(LabelImportGateway, method)).parameters
    for implementation in (KiliAPIGateway, InMemoryLabelGateway):
        assert list(inspect.signature(getattr(implementation, method)).parameters) == list(port)


def test_the_port_lists_every_gateway_method_the_import_calls() -> None:
    gateway = gateway_with_assets(3)
    by_external_id = AssetsByExternalId((AssetExternalId("x0"),), PROJECT)
    run(gateway, [LabelToCreate(json_response=answer("C0"))], by_external_id)
    gateway.fail(APPEND, LOST_AFTER)
    by_id = AssetsById((AssetId("a1"), AssetId("a2")), None)
    run(gateway, [LabelToCreate(json_response=answer("C1"))] * 2, by_id, project_id=None)
    assert sorted(gateway.methods_called()) == PORT_METHODS
    assert gateway.labels_per_asset() == once_each(3)


def test_labels_go_in_batches_in_order_by_the_current_user() -> None:
    gateway = gateway_with_assets(250)
    ids = append(gateway, 250)
    assert [len(batch) for batch in gateway.sent(APPEND)] == [LABELS_PER_BATCH, 100, 50]
    assert ids == [label["id"] for label in gateway.labels]
    assert {label["authorId"] for label in gateway.labels} == {CURRENT_USER}


def test_a_label_naming_an_unknown_category_stops_the_import_before_any_write() -> None:
    gateway = gateway_with_assets(2)
    labels = [LabelToCreate(json_response=answer("C0")), LabelToCreate(json_response={"NO": {}})]
    with pytest.raises(InvalidArgumentError, match=r"json_response\[1\]"):
        run(gateway, labels, AssetsById((AssetId("a0"), AssetId("a1")), PROJECT))
    assert gateway.sent(APPEND) == []


def test_an_unknown_asset_stops_the_import_before_any_write() -> None:
    gateway = gateway_with_assets(1)
    labels = [LabelToCreate(json_response=answer("C0"))] * 2
    with pytest.raises(NotFound, match="'a7'"):
        run(gateway, labels, AssetsById((AssetId("a0"), AssetId("a7")), None), project_id=None)
    assert gateway.sent(APPEND) == []


def test_a_batch_that_landed_before_the_fault_is_read_back_and_not_resent() -> None:
    gateway = gateway_with_assets(250)
    gateway.fail(APPEND, None, LOST_AFTER)
    ids = append(gateway, 250)
    assert gateway.labels_per_asset() == once_each(250)
    assert len(gateway.sent(APPEND)) == 3
    assert ids == [label["id"] for label in gateway.labels]


def test_a_batch_lost_before_the_server_is_resent_once() -> None:
    gateway = gateway_with_assets(150)
    gateway.fail(APPEND, LOST_BEFORE)
    ids = append(gateway, 150)
    assert gateway.labels_per_asset() == once_each(150)
    assert len(gateway.sent(APPEND)) == 3
    assert ids == [label["id"] for label in gateway.labels]


def test_a_partly_landed_batch_resends_only_its_missing_labels() -> None:
    gateway = gateway_with_assets(10)
    gateway.fail(APPEND, Fault(commits=5))
    ids = append(gateway, 10)
    assert gateway.labels_per_asset() == once_each(10)
    assert gateway.sent(APPEND)[1] == [f"a{i}" for i in range(5, 10)]
    assert ids == [label["id"] for label in gateway.labels]


def test_identical_labels_on_one_asset_are_matched_one_for_one() -> None:
    gateway = gateway_with_assets(1)
    gateway.fail(APPEND, Fault(commits=2))
    twice = LabelToCreate(json_response=answer("C0"))
    ids = run(gateway, [twice] * 4, AssetsById((AssetId("a0"),) * 4, PROJECT))
    assert gateway.labels_per_asset() == {"a0": 4}
    assert sorted(ids) == sorted(label["id"] for label in gateway.labels)


def test_an_older_identical_label_is_not_taken_for_the_new_one() -> None:
    gateway = gateway_with_assets(1)
    append(gateway, 1)
    gateway.labels[0]["createdAt"] = datetime(2020, 1, 1, tzinfo=timezone.utc)
    gateway.fail(APPEND, LOST_BEFORE)
    append(gateway, 1)
    assert gateway.labels_per_asset() == {"a0": 2}


def test_a_label_of_another_model_or_answer_does_not_count_as_landed() -> None:
    gateway = gateway_with_assets(1)
    gateway.fail(APPEND, LOST_BEFORE)
    append(gateway, 1, label_type="PREDICTION", model_name="m2")
    gateway.labels[0]["jsonResponse"] = answer("other")
    gateway.fail(APPEND, LOST_BEFORE)
    append(gateway, 1, label_type="PREDICTION", model_name="m1")
    assert [(label["modelName"], label["jsonResponse"]) for label in gateway.labels] == [
        ("m2", answer("other")),
        ("m1", answer("C0")),
    ]


def test_a_server_that_goes_down_gets_an_error_listing_what_was_written() -> None:
    gateway = gateway_with_assets(250)
    gateway.fail(APPEND, None, Fault(commits=50))
    gateway.go_down_after(writes=2)
    with pytest.raises(UncertainBatchWriteError) as caught:
        append(gateway, 250)
    error = caught.value
    assert error.items_written == 100
    assert error.written_ids == [label["id"] for label in gateway.labels[:100]]
    assert [label.asset_id for label in error.uncertain_items] == [f"a{i}" for i in range(100, 200)]
    assert error.uncertain_indices == list(range(100, 200))
    assert error.unwritten_indices == list(range(200, 250))
    assert error.items_not_sent == 50
    assert "could not be read back" in str(error)
    assert len(gateway.labels) == 150


def test_a_first_batch_that_cannot_be_read_back_is_reported_unknown_not_unwritten() -> None:
    gateway = gateway_with_assets(3)
    gateway.fail(APPEND, LOST_AFTER)
    gateway.go_down_after(writes=1)
    with pytest.raises(UncertainBatchWriteError) as caught:
        append(gateway, 3)
    assert caught.value.uncertain_indices == [0, 1, 2]
    assert caught.value.unwritten_indices == []
    assert gateway.labels_per_asset() == once_each(3)


def test_resends_are_bounded_and_the_error_offers_the_unwritten_labels() -> None:
    gateway = gateway_with_assets(150)
    gateway.fail(APPEND, None, *[LOST_BEFORE] * (verified_write.MAX_RESENDS + 1))
    with pytest.raises(UncertainBatchWriteError) as caught:
        append(gateway, 150)
    error = caught.value
    assert len(gateway.sent(APPEND)) == verified_write.MAX_RESENDS + 2
    assert error.items_written == 100
    assert error.unwritten_indices == list(range(100, 150))
    assert [label.asset_id for label in error.unwritten_items] == [f"a{i}" for i in range(100, 150)]
    assert error.uncertain_items == []
    assert gateway.labels_per_asset() == once_each(100)


def test_a_server_unreachable_after_some_batches_gets_an_error_listing_them() -> None:
    gateway = gateway_with_assets(250)
    gateway.fail(APPEND, None, None, REFUSED_CONNECTION)
    with pytest.raises(UncertainBatchWriteError) as caught:
        append(gateway, 250)
    error = caught.value
    assert isinstance(error.__cause__, KiliConnectionError)
    assert error.written_ids == [label["id"] for label in gateway.labels]
    assert error.items_written == 200
    assert error.unwritten_indices == list(range(200, 250))
    assert error.uncertain_items == []


def test_a_server_unreachable_from_the_start_gets_its_own_error() -> None:
    gateway = gateway_with_assets(10)
    gateway.fail(APPEND, REFUSED_CONNECTION)
    with pytest.raises(KiliConnectionError):
        append(gateway, 10)
    assert gateway.labels == []


def test_an_answer_missing_ids_is_read_back_not_resent() -> None:
    gateway = gateway_with_assets(5)
    gateway.leave_out_of_next_answer(1)
    ids = append(gateway, 5)
    assert gateway.labels_per_asset() == once_each(5)
    assert len(gateway.sent(APPEND)) == 1
    assert ids == [label["id"] for label in gateway.labels]
