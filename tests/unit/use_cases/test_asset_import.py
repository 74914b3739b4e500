"""The import of assets over a fake API: batching, skips, and resends that never duplicate."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.domain.asset import AssetExternalId, AssetToImport
from kili.domain.project import ProjectId
from kili.exceptions import GraphQLError, InvalidArgumentError, UncertainWriteError
from kili.use_cases import verified_write
from kili.use_cases.asset_import import IMPORT_BATCH_SIZE, AssetImport
from kili.use_cases.verified_write import MAX_RESENDS
from tests.unit.fake_asset_server import FakeAssetServer

PROJECT = ProjectId("project-1")


@pytest.fixture(autouse=True)
def no_resend_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verified_write, "RESEND_BACKOFF_SECONDS", 0.0)


def importer(server: FakeAssetServer, input_type: str = "IMAGE") -> AssetImport:
    return AssetImport(KiliAPIGateway(server), PROJECT, input_type)


def url_assets(count: int, prefix: str = "a") -> list[AssetToImport]:
    return [
        AssetToImport(
            external_id=AssetExternalId(f"{prefix}{index}"),
            content=f"https://img.example/{index}.png",
        )
        for index in range(count)
    ]


def run(server: FakeAssetServer, assets: list[AssetToImport], **kwargs: Any) -> list[str]:
    options = {"disable_tqdm": True, "wait_until_availability": False, **kwargs}
    return importer(server).run(assets, **options)


def test_sends_batches_of_the_import_size_and_returns_ids_in_order() -> None:
    server = FakeAssetServer()
    ids = run(server, url_assets(250))
    appends = [variables for name, variables, _ in server.requests if name == "appendManyAssets"]
    assert [len(v["data"]["externalIDArray"]) for v in appends] == [IMPORT_BATCH_SIZE, 100, 50]
    assert ids == [asset["id"] for asset in server.assets]
    assert [asset["externalId"] for asset in server.assets] == [f"a{i}" for i in range(250)]


def test_the_creation_is_sent_as_a_write_that_must_not_be_retried_blindly() -> None:
    server = FakeAssetServer()
    run(server, url_assets(3))
    flags = {idempotent for name, _, idempotent in server.requests if name == "appendManyAssets"}
    assert flags == {False}


def test_a_batch_committed_before_the_fault_is_not_sent_again() -> None:
    server = FakeAssetServer()
    server.append_faults = ["after"]
    ids = run(server, url_assets(5))
    assert Counter(asset["externalId"] for asset in server.assets) == {f"a{i}": 1 for i in range(5)}
    assert server.operations().count("appendManyAssets") == 1
    assert ids == [asset["id"] for asset in server.assets]


def test_a_batch_lost_before_the_server_is_sent_again_once() -> None:
    server = FakeAssetServer()
    server.append_faults = ["before"]
    ids = run(server, url_assets(5))
    assert [asset["externalId"] for asset in server.assets] == [f"a{i}" for i in range(5)]
    assert server.operations().count("appendManyAssets") == 2
    assert len(ids) == 5


def test_only_the_missing_part_of_an_uncertain_batch_is_resent() -> None:
    class PartialCommit(FakeAssetServer):
        def _appendManyAssets(self, variables: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
            if not self.assets:  # the first call commits two assets, then the link breaks
                data = variables["data"]
                super()._appendManyAssets(
                    {"data": {key: values[:2] for key, values in data.items()}}
                )
                raise UncertainWriteError("connection dropped mid-answer")
            return super()._appendManyAssets(variables)

    server = PartialCommit()
    run(server, url_assets(5))
    resent = [v for name, v, _ in server.requests if name == "appendManyAssets"][1]
    assert resent["data"]["externalIDArray"] == ["a2", "a3", "a4"]
    assert sorted(asset["externalId"] for asset in server.assets) == [f"a{i}" for i in range(5)]


def test_repeated_faults_mixed_before_and_after_still_create_each_asset_once() -> None:
    server = FakeAssetServer()
    server.append_faults = ["after", "before", "before", "after", "after"]
    ids = run(server, url_assets(450))
    assert Counter(asset["externalId"] for asset in server.assets) == {
        f"a{i}": 1 for i in range(450)
    }
    assert ids == [asset["id"] for asset in server.assets]


def test_resends_are_bounded_and_the_uncertainty_is_reported() -> None:
    server = FakeAssetServer()
    server.append_faults = ["before"] * (MAX_RESENDS + 1)
    with pytest.raises(UncertainWriteError):
        run(server, url_assets(2))
    assert server.operations().count("appendManyAssets") == MAX_RESENDS + 1
    assert server.assets == []


def test_assets_already_in_the_project_are_skipped_with_a_warning_naming_them() -> None:
    server = FakeAssetServer()
    run(server, url_assets(3))
    with pytest.warns(UserWarning, match="already used in the project: a0, a1, a2"):
        ids = run(server, url_assets(5))
    assert len(ids) == 2
    assert Counter(asset["externalId"] for asset in server.assets) == {f"a{i}": 1 for i in range(5)}


def test_rerunning_a_finished_import_creates_nothing() -> None:
    server = FakeAssetServer()
    run(server, url_assets(4))
    with pytest.warns(UserWarning, match="already used"):
        assert run(server, url_assets(4)) == []
    assert server.operations().count("appendManyAssets") == 1


def test_assets_given_twice_with_one_external_id_are_skipped_with_a_warning() -> None:
    server = FakeAssetServer()
    assets = [*url_assets(2), AssetToImport(AssetExternalId("a1"), content="https://x/y.png")]
    with pytest.warns(UserWarning, match="same external id: a1"):
        run(server, assets)
    assert [asset["externalId"] for asset in server.assets] == ["a0"]


def test_waiting_for_availability_reads_the_last_batch_back() -> None:
    server = FakeAssetServer()
    run(server, url_assets(120), wait_until_availability=True)
    last_read = [v for name, v, _ in server.requests if name == "assets"][-1]
    assert last_read["where"]["externalIdStrictlyIn"] == [f"a{i}" for i in range(100, 120)]


def test_a_missing_local_file_stops_the_import_before_any_write(tmp_path: Path) -> None:
    server = FakeAssetServer()
    assets = [*url_assets(1), AssetToImport(AssetExternalId("x"), content=str(tmp_path / "no.png"))]
    with pytest.raises(InvalidArgumentError, match=r"content_array\[1\].*no\.png"):
        run(server, assets)
    assert server.requests == []


def test_local_files_are_uploaded_and_their_signed_url_becomes_the_content(
    tmp_path: Path,
) -> None:
    image = tmp_path / "cat.png"
    image.write_bytes(b"png")
    server = FakeAssetServer()
    run(server, [AssetToImport(AssetExternalId("cat"), content=str(image)), *url_assets(1)])
    ((signed_url, uploaded_path),) = server.uploads
    assert uploaded_path == image
    assert signed_url.startswith(f"https://storage.example/projects/{PROJECT}/assets/")
    assert [asset["content"] for asset in server.assets] == [
        signed_url,
        "https://img.example/0.png",
    ]


def test_text_projects_send_raw_text_as_content() -> None:
    server = FakeAssetServer(input_type="TEXT")
    text = AssetToImport(AssetExternalId("t"), content="Once upon a time")
    importer(server, "TEXT").run([text], disable_tqdm=True, wait_until_availability=False)
    assert server.assets[0]["content"] == "Once upon a time"


def test_video_frames_become_an_indexed_json_content() -> None:
    server = FakeAssetServer(input_type="VIDEO")
    frames = ["https://f.example/1.jpg", "https://f.example/2.jpg"]
    video = AssetToImport(AssetExternalId("v"), json_content=frames)
    importer(server, "VIDEO").run([video], disable_tqdm=True, wait_until_availability=False)
    assert json.loads(server.assets[0]["jsonContent"]) == {"0": frames[0], "1": frames[1]}


def test_metadata_and_honeypot_flags_are_sent_per_asset() -> None:
    server = FakeAssetServer()
    asset = AssetToImport(
        AssetExternalId("m"),
        content="https://img.example/m.png",
        json_metadata={"source": "web", "score": 2},
        is_honeypot=True,
    )
    run(server, [asset])
    assert json.loads(server.assets[0]["jsonMetadata"]) == {"source": "web", "score": 2}
    assert server.assets[0]["isHoneypot"] is True


def test_metadata_that_is_not_json_stops_the_import_before_any_write() -> None:
    server = FakeAssetServer()
    bad = AssetToImport(
        AssetExternalId("m"), content="https://x/y.png", json_metadata={"x": {1, 2}}
    )
    with pytest.raises(InvalidArgumentError, match="json_metadata"):
        run(server, [bad])
    assert "appendManyAssets" not in server.operations()


def test_multi_layer_content_is_refused_outside_image_projects() -> None:
    server = FakeAssetServer(input_type="TEXT")
    layered = AssetToImport(AssetExternalId("g"), multi_layer_content=({"path": "a.tif"},))
    with pytest.raises(InvalidArgumentError, match="IMAGE projects"):
        importer(server, "TEXT").run([layered], disable_tqdm=True, wait_until_availability=False)
    assert server.requests == []


class ConcurrentImport(FakeAssetServer):
    """Another importer creates `taken` just before this client's next append."""

    def __init__(self, taken: list[str]) -> None:
        super().__init__()
        self.taken = taken

    def _appendManyAssets(self, variables: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
        if self.taken:
            for external_id in self.taken:
                self.assets.append({"id": f"theirs-{external_id}", "externalId": external_id})
            self.taken = []
        stored = {asset["externalId"] for asset in self.assets}
        clashing = [e for e in variables["data"]["externalIDArray"] if e in stored]
        if clashing:
            raise GraphQLError("Nothing imported: external ids already used", code="CONFLICT")
        return super()._appendManyAssets(variables)


def test_a_conflict_with_a_concurrent_import_sends_the_rest_of_the_batch() -> None:
    server = ConcurrentImport(taken=["a1", "a3"])
    with pytest.warns(UserWarning, match="another import created their external id.*a1, a3"):
        ids = run(server, url_assets(5))
    assert Counter(asset["externalId"] for asset in server.assets) == {f"a{i}": 1 for i in range(5)}
    appends = [v for name, v, _ in server.requests if name == "appendManyAssets"]
    assert [v["data"]["externalIDArray"] for v in appends] == [
        ["a0", "a1", "a2", "a3", "a4"],
        ["a0", "a2", "a4"],
    ]
    assert ids == [a["id"] for a in server.assets if not a["id"].startswith("theirs")]


def test_a_conflict_no_existing_external_id_explains_is_raised() -> None:
    class Refusing(FakeAssetServer):
        def _appendManyAssets(self, variables: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
            raise GraphQLError("Nothing imported: ids already used", code="CONFLICT")

    server = Refusing()
    with pytest.raises(GraphQLError, match="ids already used"):
        run(server, url_assets(2))
    assert server.operations().count("appendManyAssets") == 1


@pytest.mark.parametrize("external_ids", [[""], ["a", "", "b"], ["  "], ["a", "\t\n"]])
def test_empty_external_ids_are_refused_before_any_request(external_ids: list[str]) -> None:
    server = FakeAssetServer()

    def import_them() -> None:
        assets = [
            AssetToImport(external_id=AssetExternalId(external_id), content="https://x/1.png")
            for external_id in external_ids
        ]
        run(server, assets)

    with pytest.raises(InvalidArgumentError, match="external id"):
        import_them()
    assert server.requests == []


def test_an_answer_leaving_assets_out_is_read_back_not_resent() -> None:
    class ShortAnswer(FakeAssetServer):
        def _appendManyAssets(self, variables: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
            return super()._appendManyAssets(variables)[:-1]

    server = ShortAnswer()
    ids = run(server, url_assets(5))
    assert Counter(asset["externalId"] for asset in server.assets) == {f"a{i}": 1 for i in range(5)}
    assert server.operations().count("appendManyAssets") == 1
    assert ids == [asset["id"] for asset in server.assets]
