"""Write batches in flight together: order of results, exactly-once, and what a failure reports.

The in-memory fakes of the ports are wrapped so that each call commits atomically, as
a database would, while calls of different threads overlap; the wrappers record how
many calls were in flight at once.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pytest

from kili.domain.asset import AssetExternalId, AssetId, AssetsById, AssetToCreate, AssetToImport
from kili.domain.label import LabelId, LabelsToAppend, LabelToCreate
from kili.domain.project import ProjectId
from kili.exceptions import (
    BatchWriteError,
    GraphQLError,
    UncertainBatchWriteError,
    UncertainWriteError,
)
from kili.use_cases import verified_write
from kili.use_cases.asset_import import IMPORT_BATCH_SIZE, AssetImport
from kili.use_cases.batching import run_in_batches
from kili.use_cases.label_import import LabelImport
from tests.unit.use_cases.fake_asset_gateway import InMemoryAssetGateway, as_port
from tests.unit.use_cases.fake_label_gateway import InMemoryLabelGateway
from tests.unit.use_cases.fake_label_gateway import as_port as as_label_port
from tests.unit.use_cases.faults import LOST_AFTER, LOST_BEFORE, Fault

T = TypeVar("T")
PROJECT = ProjectId("project-1")
APPEND = "append_many_assets"


@pytest.fixture(autouse=True)
def no_resend_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verified_write, "RESEND_BACKOFF_SECONDS", 0.0)


class InFlight:
    """Counts the calls in flight at once; each call holds for `seconds` first."""

    def __init__(self, seconds: float = 0.01) -> None:
        self.seconds = seconds
        self.most = 0
        self._now = 0
        self._lock = threading.Lock()

    def around(self, call: Callable[[], T]) -> T:
        with self._lock:
            self._now += 1
            self.most = max(self.most, self._now)
        try:
            time.sleep(self.seconds)
            return call()
        finally:
            with self._lock:
                self._now -= 1


class SharedAssetGateway(InMemoryAssetGateway):
    """The asset fake, each call committed atomically, writes overlapping in time."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.RLock()
        self.in_flight = InFlight()

    def asset_ids_by_external_id(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> dict[AssetExternalId, list[AssetId]]:
        with self.lock:
            return super().asset_ids_by_external_id(project_id, external_ids)

    def existing_external_ids(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> set[AssetExternalId]:
        with self.lock:
            return super().existing_external_ids(project_id, external_ids)

    def append_many_assets(
        self, project_id: ProjectId, assets: Sequence[AssetToCreate]
    ) -> list[dict[str, Any]]:
        def append() -> list[dict[str, Any]]:
            with self.lock:
                return super(SharedAssetGateway, self).append_many_assets(project_id, assets)

        return self.in_flight.around(append)


def url_assets(count: int) -> list[AssetToImport]:
    return [
        AssetToImport(AssetExternalId(f"e{index:04d}"), content=f"https://img.example/{index}.png")
        for index in range(count)
    ]


def import_assets(gateway: SharedAssetGateway, count: int) -> list[AssetId]:
    importer = AssetImport(as_port(gateway), PROJECT, "IMAGE", max_concurrency=4)
    return importer.run(url_assets(count), disable_tqdm=True, wait_until_availability=False)


# --- idempotent batches -----------------------------------------------------------


def test_batches_go_together_and_their_results_come_back_in_order() -> None:
    in_flight = InFlight()

    def send(batch: Sequence[int]) -> list[int]:
        def answer() -> list[int]:
            time.sleep(0.02 / (1 + batch[0] // 10))  # later batches answer first
            return list(batch)

        return in_flight.around(answer)

    results = run_in_batches(
        list(range(95)), 10, send, description="Sending", disable_tqdm=True, max_concurrency=3
    )
    assert results == list(range(95))
    assert in_flight.most == 3


def test_a_failed_batch_reports_every_batch_that_landed() -> None:
    def send(batch: Sequence[int]) -> list[int]:
        if batch[0] == 10:
            time.sleep(0.2)  # the others land meanwhile
            raise GraphQLError("refused", code="BAD_REQUEST")
        return list(batch)

    with pytest.raises(BatchWriteError) as raised:
        run_in_batches(
            list(range(60)), 10, send, description="Sending", disable_tqdm=True, max_concurrency=3
        )
    error = raised.value
    assert not isinstance(error, UncertainWriteError)
    assert error.landed_batches == [0, 2, 3, 4, 5]
    assert error.failed_batches == [1]
    assert error.unwritten_indices == list(range(10, 20))
    assert error.written_ids == [*range(10), *range(20, 60)]
    assert isinstance(error.__cause__, GraphQLError)
    assert "batch 2 of 6 failed" in str(error)


def test_a_failure_stops_new_batches_and_lists_those_never_sent() -> None:
    sent: list[int] = []

    def send(batch: Sequence[int]) -> list[int]:
        sent.append(batch[0])
        if batch[0] == 0:
            time.sleep(0.05)
            return list(batch)
        raise GraphQLError("refused")

    with pytest.raises(BatchWriteError) as raised:
        run_in_batches(
            list(range(100)), 10, send, description="Sending", disable_tqdm=True, max_concurrency=2
        )
    assert sorted(sent) == [0, 10]
    assert raised.value.landed_batches == [0]
    assert raised.value.items_not_sent == 80
    assert raised.value.unwritten_indices == list(range(10, 100))


def test_when_no_batch_landed_the_error_is_raised_as_it_is() -> None:
    def send(batch: Sequence[int]) -> list[int]:
        raise GraphQLError("no such project", code="NOT_FOUND")

    with pytest.raises(GraphQLError, match="no such project") as raised:
        run_in_batches(
            list(range(50)), 10, send, description="Sending", disable_tqdm=True, max_concurrency=4
        )
    assert not isinstance(raised.value, BatchWriteError)


# --- asset imports ----------------------------------------------------------------


def test_a_concurrent_import_under_faults_creates_each_asset_once_ids_in_order() -> None:
    gateway = SharedAssetGateway()
    gateway.fail(APPEND, LOST_AFTER, None, LOST_BEFORE, Fault(commits=30), None, LOST_AFTER)
    ids = import_assets(gateway, 1000)
    assert Counter(gateway.external_ids()) == {f"e{i:04d}": 1 for i in range(1000)}
    by_external_id = {asset.external_id: asset_id for asset_id, asset in gateway.assets.items()}
    assert ids == [by_external_id[AssetExternalId(f"e{i:04d}")] for i in range(1000)]
    assert gateway.in_flight.most == 4


def test_a_server_going_down_midway_reports_exactly_what_landed() -> None:
    gateway = SharedAssetGateway()
    gateway.go_down_after(5)
    with pytest.raises(UncertainBatchWriteError) as raised:
        import_assets(gateway, 1000)
    error = raised.value
    stored = set(gateway.external_ids())
    written = {asset.external_id for asset in error.written_items}
    uncertain = {asset.external_id for asset in error.uncertain_items}
    unwritten = {asset.external_id for asset in error.unwritten_items}
    assert written <= stored <= written | uncertain
    assert not unwritten & stored
    assert len(written) + len(uncertain) + len(unwritten) == 1000
    assert error.landed_batches
    for batch in error.landed_batches:
        start = batch * IMPORT_BATCH_SIZE
        assert {f"e{i:04d}" for i in range(start, start + IMPORT_BATCH_SIZE)} <= stored


# --- label imports ----------------------------------------------------------------


class OverlappingLabelGateway(InMemoryLabelGateway):
    """The label fake where the first two writes overlap: one lost, one slow to answer.

    The first write to arrive is lost before the server sees it; the second commits at
    once but answers late. A read-back of the first made while the second is in flight
    would find the second's labels, identical to its own, and take them for its own.
    """

    def __init__(self) -> None:
        super().__init__({"jobs": {"JOB": {"mlTask": "CLASSIFICATION"}}})
        self.lock = threading.RLock()
        self.both_sent = threading.Barrier(2)
        self.writes = 0

    def append_many_labels(self, batch: LabelsToAppend) -> list[LabelId]:
        with self.lock:
            self.writes += 1
            write = self.writes
        if write <= 2:
            self.both_sent.wait(timeout=5)
        if write == 1:
            raise UncertainWriteError("the connection dropped mid-request")
        with self.lock:
            created = super().append_many_labels(batch)
        if write == 2:
            time.sleep(0.2)
        return created

    def list_labels(self, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            return super().list_labels(*args, **kwargs)


def test_a_read_back_never_takes_the_labels_of_a_batch_still_in_flight() -> None:
    gateway = OverlappingLabelGateway()
    asset_ids = gateway.store_assets(100)
    same = {"JOB": {"categories": [{"name": "A"}]}}
    labels = tuple(LabelToCreate(json_response=same) for _ in range(200))
    request = LabelsToAppend(labels=labels, project_id=PROJECT)
    designation = AssetsById(tuple(asset_ids) * 2, PROJECT)
    importer = LabelImport(as_label_port(gateway), max_concurrency=2)
    ids = importer.run(request, assets=designation, disable_tqdm=True)
    assert gateway.labels_per_asset() == dict.fromkeys(asset_ids, 2)
    assert len(set(ids)) == 200
    assert sorted(ids) == sorted(label["id"] for label in gateway.labels)


def test_use_cases_take_the_gateways_concurrency_and_one_from_a_test_double() -> None:
    from unittest.mock import create_autospec

    from kili.adapters.kili_api_gateway import KiliAPIGateway
    from kili.use_cases.batching import concurrency_of
    from tests.unit.fakes import FakeTransport

    assert concurrency_of(KiliAPIGateway(FakeTransport([]), max_concurrency=6)) == 6
    assert concurrency_of(create_autospec(KiliAPIGateway, instance=True)) == 1
    assert concurrency_of(InMemoryAssetGateway()) == 1


def test_assets_taken_meanwhile_are_named_once_at_the_callers_line() -> None:
    gateway = SharedAssetGateway()
    gateway.before_next_write(lambda: gateway.store("e0150"))
    with pytest.warns(UserWarning, match="another import created their external id") as caught:
        ids = import_assets(gateway, 400)
    assert len(ids) == 399
    taken = [w for w in caught if "meanwhile" in str(w.message)]
    assert len(taken) == 1
    assert "e0150" in str(taken[0].message)
    assert taken[0].filename == __file__
