"""Label writes under faults, on a fake gateway: read back, resend only what is missing."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest

from kili.domain.asset import AssetId, AssetsById
from kili.domain.label import LabelFilters, LabelId, LabelsToAppend, LabelToCreate
from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths, QueryOptions
from kili.exceptions import KiliConnectionError, UncertainBatchWriteError, UncertainWriteError
from kili.use_cases import verified_write
from kili.use_cases.label import LABELS_PER_BATCH, LabelUseCases

PROJECT = ProjectId("project-1")
INTERFACE = {"jobs": {"JOB": {"mlTask": "CLASSIFICATION", "content": {"input": "radio"}}}}


def answer(name: str) -> dict[str, Any]:
    return {"JOB": {"categories": [{"name": name}]}}


@pytest.fixture(autouse=True)
def no_resend_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verified_write, "RESEND_BACKOFF_SECONDS", 0.0)


class FakeLabelServer:
    """Keeps labels in memory; each append may fail before or after committing.

    `faults` is consumed one entry per `appendManyLabels`: "before" (nothing written),
    "after" (written, answer lost), "half" (first half written, answer lost),
    "unreachable" (connection refused, nothing written), "short" (written, but the
    answer lists one id fewer) or None.
    With `down`, every read fails as if the server were unreachable.
    """

    def __init__(self) -> None:
        self.labels: list[dict[str, Any]] = []
        self.faults: list[str | None] = []
        self.down = False
        self.requests: list[str] = []

    # --- gateway methods the label use cases call -------------------------------------

    def get_current_user(self, fields: FieldPaths) -> dict[str, Any]:
        self.requests.append("me")
        return {"id": "me"}

    def project_ids_of_assets(self, asset_ids: list[AssetId]) -> dict[AssetId, ProjectId]:
        self.requests.append("assets")
        return dict.fromkeys(asset_ids, PROJECT)

    def list_projects(self, *args: Any) -> Iterator[dict[str, Any]]:
        self.requests.append("projects")
        return iter([{"id": PROJECT, "inputType": "IMAGE", "jsonInterface": INTERFACE}])

    def append_many_labels(self, batch: LabelsToAppend) -> list[LabelId]:
        self.requests.append("appendManyLabels")
        fault = self.faults.pop(0) if self.faults else None
        if fault == "before":
            raise UncertainWriteError("connection dropped before the server read it")
        if fault == "unreachable":
            raise KiliConnectionError("Cannot reach the server")
        kept = batch.labels[: len(batch.labels) // 2] if fault == "half" else batch.labels
        ids = [self._store(label, batch) for label in kept]
        if fault == "short":
            return ids[:-1]
        if fault is not None:
            raise UncertainWriteError("HTTP 502 after the server committed it")
        return ids

    def list_labels(
        self, filters: LabelFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        self.requests.append("labels")
        if self.down:
            raise KiliConnectionError("Cannot reach the server")
        assert filters.asset_id_in is not None
        assert filters.created_at_gte is not None
        since = datetime.fromisoformat(filters.created_at_gte)
        return iter(
            [
                dict(label)
                for label in self.labels
                if label["assetId"] in filters.asset_id_in
                and label["labelType"] in (filters.type_in or (label["labelType"],))
                and label["createdAt"] >= since
            ]
        )

    def _store(self, label: LabelToCreate, batch: LabelsToAppend) -> LabelId:
        label_id = LabelId(f"l{len(self.labels)}")
        self.labels.append(
            {
                "id": label_id,
                "assetId": label.asset_id,
                "authorId": label.author_id,
                "labelType": batch.label_type,
                "modelName": batch.model_name,
                "jsonResponse": json.loads(json.dumps(label.json_response)),
                "createdAt": datetime.now(timezone.utc),
            }
        )
        return label_id


def append(server: FakeLabelServer, count: int, **kwargs: Any) -> list[LabelId]:
    request = LabelsToAppend(
        labels=tuple(LabelToCreate(json_response=answer(f"C{i % 3}")) for i in range(count)),
        project_id=PROJECT,
        **kwargs,
    )
    assets = AssetsById(tuple(AssetId(f"a{i}") for i in range(count)), PROJECT)
    return LabelUseCases(server).append_labels(  # type: ignore[arg-type]
        request, assets=assets, disable_tqdm=True
    )


def labels_per_asset(server: FakeLabelServer) -> Counter[str]:
    return Counter(label["assetId"] for label in server.labels)


def test_a_batch_that_landed_before_the_fault_is_read_back_and_not_resent() -> None:
    server = FakeLabelServer()
    server.faults = [None, "after", None]
    ids = append(server, 250)
    assert labels_per_asset(server) == {f"a{i}": 1 for i in range(250)}
    assert server.requests.count("appendManyLabels") == 3
    assert ids == [label["id"] for label in server.labels]


def test_a_batch_lost_before_the_server_is_resent_once() -> None:
    server = FakeLabelServer()
    server.faults = ["before"]
    ids = append(server, 150)
    assert labels_per_asset(server) == {f"a{i}": 1 for i in range(150)}
    assert server.requests.count("appendManyLabels") == 3
    assert len(ids) == 150
    assert len(set(ids)) == 150


def test_a_partly_landed_batch_resends_only_its_missing_labels() -> None:
    server = FakeLabelServer()
    server.faults = ["half"]
    ids = append(server, 10)
    assert labels_per_asset(server) == {f"a{i}": 1 for i in range(10)}
    assert server.requests.count("appendManyLabels") == 2
    assert ids == [label["id"] for label in server.labels]


def test_identical_labels_on_one_asset_are_matched_one_for_one() -> None:
    server = FakeLabelServer()
    server.faults = ["half"]
    twice = LabelToCreate(json_response=answer("C0"))
    request = LabelsToAppend(labels=(twice,) * 4, project_id=PROJECT)
    assets = AssetsById((AssetId("a0"),) * 4, PROJECT)
    ids = LabelUseCases(server).append_labels(  # type: ignore[arg-type]
        request, assets=assets, disable_tqdm=True
    )
    assert labels_per_asset(server) == {"a0": 4}
    assert sorted(ids) == sorted(label["id"] for label in server.labels)


def test_an_older_identical_label_is_not_taken_for_the_new_one() -> None:
    server = FakeLabelServer()
    append(server, 1)
    server.labels[0]["createdAt"] = datetime(2020, 1, 1, tzinfo=timezone.utc)
    server.faults = ["before"]
    append(server, 1)
    assert labels_per_asset(server) == {"a0": 2}


def test_a_label_of_another_model_or_answer_does_not_count_as_landed() -> None:
    server = FakeLabelServer()
    server.faults = ["before"]
    append(server, 1, label_type="PREDICTION", model_name="m2")
    server.labels[0]["jsonResponse"] = answer("other")
    server.faults = ["before"]
    append(server, 1, label_type="PREDICTION", model_name="m1")
    assert [(label["modelName"], label["jsonResponse"]) for label in server.labels] == [
        ("m2", answer("other")),
        ("m1", answer("C0")),
    ]


def test_a_server_that_stays_down_gets_an_error_listing_what_was_written() -> None:
    server = FakeLabelServer()
    server.faults = [None, "half"]

    def go_down(batch: LabelsToAppend, original: Any = server.append_many_labels) -> Any:
        try:
            return original(batch)
        finally:
            server.down = len(server.labels) > LABELS_PER_BATCH

    server.append_many_labels = go_down  # type: ignore[method-assign]
    with pytest.raises(UncertainBatchWriteError) as caught:
        append(server, 250)
    error = caught.value
    assert error.items_written == 100
    assert error.written_ids == [label["id"] for label in server.labels[:100]]
    assert [label.asset_id for label in error.uncertain_items] == [f"a{i}" for i in range(100, 200)]
    assert error.uncertain_indices == list(range(100, 200))
    assert error.unwritten_indices == list(range(200, 250))
    assert error.items_not_sent == 50
    assert "could not be read back" in str(error)


def test_resends_are_bounded_and_the_error_offers_the_unwritten_labels() -> None:
    server = FakeLabelServer()
    server.faults = [None] + ["before"] * (verified_write.MAX_RESENDS + 1)
    with pytest.raises(UncertainBatchWriteError) as caught:
        append(server, 150)
    error = caught.value
    assert server.requests.count("appendManyLabels") == verified_write.MAX_RESENDS + 2
    assert error.items_written == 100
    assert error.unwritten_indices == list(range(100, 150))
    assert [label.asset_id for label in error.unwritten_items] == [f"a{i}" for i in range(100, 150)]
    assert error.uncertain_items == []
    assert labels_per_asset(server) == {f"a{i}": 1 for i in range(100)}


def test_a_server_unreachable_after_some_batches_gets_an_error_listing_them() -> None:
    server = FakeLabelServer()
    server.faults = [None, None, "unreachable"]
    with pytest.raises(UncertainBatchWriteError) as caught:
        append(server, 250)
    error = caught.value
    assert isinstance(error.__cause__, KiliConnectionError)
    assert error.written_ids == [label["id"] for label in server.labels]
    assert error.items_written == 200
    assert error.unwritten_indices == list(range(200, 250))
    assert error.uncertain_items == []


def test_a_server_unreachable_from_the_start_gets_its_own_error() -> None:
    server = FakeLabelServer()
    server.faults = ["unreachable"]
    with pytest.raises(KiliConnectionError):
        append(server, 10)
    assert server.labels == []


def test_an_answer_missing_ids_is_read_back_not_resent() -> None:
    server = FakeLabelServer()
    server.faults = ["short"]
    ids = append(server, 5)
    assert labels_per_asset(server) == {f"a{i}": 1 for i in range(5)}
    assert server.requests.count("appendManyLabels") == 1
    assert ids == [label["id"] for label in server.labels]
