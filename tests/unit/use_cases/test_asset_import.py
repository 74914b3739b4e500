"""The import of assets over an in-memory gateway: batching, skips, resends that never duplicate."""

from __future__ import annotations

import inspect
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.domain.asset import AssetExternalId, AssetId, AssetToImport
from kili.domain.project import ProjectId
from kili.exceptions import (
    GraphQLError,
    InvalidArgumentError,
    KiliConnectionError,
    UncertainBatchWriteError,
    UncertainWriteError,
)
from kili.use_cases import verified_write
from kili.use_cases.asset_import import IMPORT_BATCH_SIZE, AssetImport
from kili.use_cases.port import AssetImportGateway
from kili.use_cases.verified_write import MAX_RESENDS
from tests.unit.use_cases.fake_asset_gateway import InMemoryAssetGateway, as_port
from tests.unit.use_cases.faults import LOST_AFTER, LOST_BEFORE, REFUSED_CONNECTION, Fault

PROJECT = ProjectId("project-1")
APPEND = "append_many_assets"
PORT_METHODS = sorted(name for name in dir(AssetImportGateway) if not name.startswith("_"))


@pytest.fixture(autouse=True)
def no_resend_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verified_write, "RESEND_BACKOFF_SECONDS", 0.0)


def importer(gateway: InMemoryAssetGateway, input_type: str = "IMAGE") -> AssetImport:
    return AssetImport(as_port(gateway), PROJECT, input_type)


def url_assets(count: int, prefix: str = "a") -> list[AssetToImport]:
    return [
        AssetToImport(
            external_id=AssetExternalId(f"{prefix}{index}"),
            content=f"https://img.example/{index}.png",
        )
        for index in range(count)
    ]


def run(gateway: InMemoryAssetGateway, assets: list[AssetToImport], **kwargs: Any) -> list[AssetId]:
    options = {"disable_tqdm": True, "wait_until_availability": False, **kwargs}
    return importer(gateway).run(assets, **options)


def once_each(count: int) -> dict[str, int]:
    return {f"a{index}": 1 for index in range(count)}


@pytest.mark.parametrize("method", PORT_METHODS)
def test_the_fake_and_the_real_gateway_take_the_ports_arguments(method: str) -> None:
    port = inspect.signature(getattr(AssetImportGateway, method)).parameters
    for implementation in (KiliAPIGateway, InMemoryAssetGateway):
        assert list(inspect.signature(getattr(implementation, method)).parameters) == list(port)


def test_the_port_lists_every_gateway_method_the_import_calls() -> None:
    gateway = InMemoryAssetGateway()
    run(gateway, url_assets(3), wait_until_availability=True)
    gateway.fail(APPEND, LOST_AFTER)
    run(gateway, url_assets(2, prefix="b"))
    assert sorted({method for method, _ in gateway.calls}) == PORT_METHODS


def test_sends_batches_of_the_import_size_and_returns_ids_in_order() -> None:
    gateway = InMemoryAssetGateway()
    ids = run(gateway, url_assets(250))
    assert [len(batch) for batch in gateway.sent(APPEND)] == [IMPORT_BATCH_SIZE, 100, 50]
    assert ids == list(gateway.assets)
    assert gateway.external_ids() == [f"a{i}" for i in range(250)]


def test_a_batch_committed_before_the_fault_is_not_sent_again() -> None:
    gateway = InMemoryAssetGateway()
    gateway.fail(APPEND, LOST_AFTER)
    ids = run(gateway, url_assets(5))
    assert Counter(gateway.external_ids()) == once_each(5)
    assert len(gateway.sent(APPEND)) == 1
    assert ids == list(gateway.assets)


def test_a_batch_lost_before_the_server_is_sent_again_once() -> None:
    gateway = InMemoryAssetGateway()
    gateway.fail(APPEND, LOST_BEFORE)
    ids = run(gateway, url_assets(5))
    assert gateway.external_ids() == [f"a{i}" for i in range(5)]
    assert len(gateway.sent(APPEND)) == 2
    assert ids == list(gateway.assets)


def test_only_the_missing_part_of_an_uncertain_batch_is_resent() -> None:
    gateway = InMemoryAssetGateway()
    gateway.fail(APPEND, Fault(commits=2))
    ids = run(gateway, url_assets(5))
    assert gateway.sent(APPEND) == [[f"a{i}" for i in range(5)], ["a2", "a3", "a4"]]
    assert gateway.external_ids() == [f"a{i}" for i in range(5)]
    assert ids == list(gateway.assets)


def test_repeated_faults_mixed_before_and_after_still_create_each_asset_once() -> None:
    gateway = InMemoryAssetGateway()
    gateway.fail(APPEND, LOST_AFTER, LOST_BEFORE, LOST_BEFORE, LOST_AFTER, Fault(commits=30))
    ids = run(gateway, url_assets(450))
    assert Counter(gateway.external_ids()) == once_each(450)
    assert ids == list(gateway.assets)


def test_resends_are_bounded_and_the_uncertainty_is_reported() -> None:
    gateway = InMemoryAssetGateway()
    gateway.fail(APPEND, *[LOST_BEFORE] * (MAX_RESENDS + 1))
    with pytest.raises(UncertainWriteError):
        run(gateway, url_assets(2))
    assert len(gateway.sent(APPEND)) == MAX_RESENDS + 1
    assert gateway.assets == {}


def test_an_unreachable_server_stops_at_the_batch_and_reports_what_was_written() -> None:
    gateway = InMemoryAssetGateway()
    gateway.fail(APPEND, LOST_AFTER, REFUSED_CONNECTION)
    with pytest.raises(UncertainBatchWriteError) as raised:
        run(gateway, url_assets(150))
    assert Counter(gateway.external_ids()) == once_each(100)
    assert len(gateway.sent(APPEND)) == 2
    assert isinstance(raised.value.__cause__, KiliConnectionError)


def test_a_refused_connection_on_the_first_batch_is_raised_as_it_is() -> None:
    gateway = InMemoryAssetGateway()
    gateway.fail(APPEND, REFUSED_CONNECTION)
    with pytest.raises(KiliConnectionError, match="refused"):
        run(gateway, url_assets(3))
    assert gateway.assets == {}


def test_assets_already_in_the_project_are_skipped_with_a_warning_naming_them() -> None:
    gateway = InMemoryAssetGateway()
    run(gateway, url_assets(3))
    with pytest.warns(UserWarning, match="already used in the project: a0, a1, a2"):
        ids = run(gateway, url_assets(5))
    assert len(ids) == 2
    assert Counter(gateway.external_ids()) == once_each(5)


def test_rerunning_a_finished_import_creates_nothing() -> None:
    gateway = InMemoryAssetGateway()
    run(gateway, url_assets(4))
    with pytest.warns(UserWarning, match="already used"):
        assert run(gateway, url_assets(4)) == []
    assert len(gateway.sent(APPEND)) == 1


def test_assets_given_twice_with_one_external_id_are_skipped_with_a_warning() -> None:
    gateway = InMemoryAssetGateway()
    assets = [*url_assets(2), AssetToImport(AssetExternalId("a1"), content="https://x/y.png")]
    with pytest.warns(UserWarning, match="same external id: a1"):
        run(gateway, assets)
    assert gateway.external_ids() == ["a0"]


def test_waiting_for_availability_looks_the_last_batch_up() -> None:
    gateway = InMemoryAssetGateway()
    run(gateway, url_assets(120), wait_until_availability=True)
    assert gateway.sent("asset_ids_by_external_id")[-1] == [f"a{i}" for i in range(100, 120)]


def test_a_missing_local_file_stops_the_import_before_any_write(tmp_path: Path) -> None:
    gateway = InMemoryAssetGateway()
    assets = [*url_assets(1), AssetToImport(AssetExternalId("x"), content=str(tmp_path / "no.png"))]
    with pytest.raises(InvalidArgumentError, match=r"content_array\[1\].*no\.png"):
        run(gateway, assets)
    assert gateway.calls == []


def test_local_files_are_uploaded_and_their_url_becomes_the_content(tmp_path: Path) -> None:
    image = tmp_path / "cat.png"
    image.write_bytes(b"png")
    gateway = InMemoryAssetGateway()
    run(gateway, [AssetToImport(AssetExternalId("cat"), content=str(image)), *url_assets(1)])
    assert gateway.uploads == [image]
    contents = [asset.content for asset in gateway.assets.values()]
    assert contents[0].startswith(f"https://storage.example/projects/{PROJECT}/")
    assert contents[0].endswith("cat.png")
    assert contents[1] == "https://img.example/0.png"


def test_local_files_are_uploaded_once_even_when_their_batch_is_resent(tmp_path: Path) -> None:
    image = tmp_path / "cat.png"
    image.write_bytes(b"png")
    gateway = InMemoryAssetGateway()
    gateway.fail(APPEND, LOST_BEFORE)
    run(gateway, [AssetToImport(AssetExternalId("cat"), content=str(image))])
    assert gateway.uploads == [image]
    assert len(gateway.sent(APPEND)) == 2


def test_text_projects_send_raw_text_as_content() -> None:
    gateway = InMemoryAssetGateway()
    text = AssetToImport(AssetExternalId("t"), content="Once upon a time")
    importer(gateway, "TEXT").run([text], disable_tqdm=True, wait_until_availability=False)
    assert [asset.content for asset in gateway.assets.values()] == ["Once upon a time"]


def test_video_frames_become_an_indexed_json_content() -> None:
    gateway = InMemoryAssetGateway()
    frames = ["https://f.example/1.jpg", "https://f.example/2.jpg"]
    video = AssetToImport(AssetExternalId("v"), json_content=frames)
    importer(gateway, "VIDEO").run([video], disable_tqdm=True, wait_until_availability=False)
    (stored,) = gateway.assets.values()
    assert json.loads(stored.json_content) == {"0": frames[0], "1": frames[1]}


def test_metadata_and_honeypot_flags_are_sent_per_asset() -> None:
    gateway = InMemoryAssetGateway()
    asset = AssetToImport(
        AssetExternalId("m"),
        content="https://img.example/m.png",
        json_metadata={"source": "web", "score": 2},
        is_honeypot=True,
    )
    run(gateway, [asset])
    (stored,) = gateway.assets.values()
    assert json.loads(stored.json_metadata) == {"source": "web", "score": 2}
    assert stored.is_honeypot is True


def test_metadata_that_is_not_json_stops_the_import_before_any_write() -> None:
    gateway = InMemoryAssetGateway()
    bad = AssetToImport(
        AssetExternalId("m"), content="https://x/y.png", json_metadata={"x": {1, 2}}
    )
    with pytest.raises(InvalidArgumentError, match="json_metadata"):
        run(gateway, [bad])
    assert gateway.sent(APPEND) == []


def test_multi_layer_content_is_refused_outside_image_projects() -> None:
    gateway = InMemoryAssetGateway()
    layered = AssetToImport(AssetExternalId("g"), multi_layer_content=({"path": "a.tif"},))
    with pytest.raises(InvalidArgumentError, match="IMAGE projects"):
        importer(gateway, "TEXT").run([layered], disable_tqdm=True, wait_until_availability=False)
    assert gateway.calls == []


def test_a_conflict_with_a_concurrent_import_sends_the_rest_of_the_batch() -> None:
    gateway = InMemoryAssetGateway()
    theirs: list[str] = []
    gateway.before_next_write(
        lambda: theirs.extend(gateway.store(e, f"theirs-{e}") for e in ("a1", "a3"))
    )
    with pytest.warns(UserWarning, match="another import created their external id.*a1, a3"):
        ids = run(gateway, url_assets(5))
    assert Counter(gateway.external_ids()) == once_each(5)
    assert gateway.sent(APPEND) == [["a0", "a1", "a2", "a3", "a4"], ["a0", "a2", "a4"]]
    assert ids == [asset_id for asset_id in gateway.assets if asset_id not in theirs]


def test_a_conflict_no_existing_external_id_explains_is_raised() -> None:
    gateway = InMemoryAssetGateway()
    refusal = GraphQLError("Nothing imported: ids already used", code="CONFLICT")
    gateway.fail(APPEND, Fault(commits=0, error=refusal))
    with pytest.raises(GraphQLError, match="ids already used"):
        run(gateway, url_assets(2))
    assert len(gateway.sent(APPEND)) == 1
    assert gateway.assets == {}


@pytest.mark.parametrize("external_ids", [[""], ["a", "", "b"], ["  "], ["a", "\t\n"]])
def test_empty_external_ids_are_refused_before_any_request(external_ids: list[str]) -> None:
    gateway = InMemoryAssetGateway()

    def import_them() -> None:
        assets = [
            AssetToImport(external_id=AssetExternalId(external_id), content="https://x/1.png")
            for external_id in external_ids
        ]
        run(gateway, assets)

    with pytest.raises(InvalidArgumentError, match="external id"):
        import_them()
    assert gateway.calls == []


def test_an_answer_leaving_assets_out_is_read_back_not_resent() -> None:
    gateway = InMemoryAssetGateway()
    gateway.leave_out_of_next_answer(1)
    ids = run(gateway, url_assets(5))
    assert Counter(gateway.external_ids()) == once_each(5)
    assert len(gateway.sent(APPEND)) == 1
    assert ids == list(gateway.assets)
