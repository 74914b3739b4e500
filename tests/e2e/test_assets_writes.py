"""Asset writes against the emulator, over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from kili.client import Kili
from kili.domain.asset import PageResolution
from kili.exceptions import (
    IncompatibleArgumentsError,
    InvalidArgumentError,
    MissingArgumentError,
    NotFound,
)
from kili_emulator.server import EmulatorServer

ADMIN_EMAIL = "admin@kili-emulator.local"
CLASS_A = {"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}
FIELDS = ["id", "externalId", "content", "jsonContent", "jsonMetadata", "isHoneypot", "status"]


def by_external_id(kili: Kili, project_id: str, fields: list[str] = FIELDS) -> dict[str, Any]:
    return {row["externalId"]: row for row in kili.assets(project_id, fields=fields)}


# --- append_many_to_dataset ------------------------------------------------------------


def test_urls_are_imported_with_metadata_and_honeypot_flags(kili: Kili, project_id: str) -> None:
    result = kili.append_many_to_dataset(
        project_id,
        content_array=["https://x/a.png", "https://x/b.png"],
        external_id_array=["a", "b"],
        json_metadata_array=[{"camera": "front"}, {}],
        is_honeypot_array=[True, False],
    )
    assets = by_external_id(kili, project_id)
    assert result == {"id": project_id, "asset_ids": [assets["a"]["id"], assets["b"]["id"]]}
    assert assets["a"]["content"] == "https://x/a.png"
    assert assets["a"]["jsonMetadata"] == {"camera": "front"}
    assert (assets["a"]["isHoneypot"], assets["b"]["isHoneypot"]) == (True, False)
    assert assets["a"]["status"] == "TODO"


def test_external_ids_are_generated_when_none_are_given(kili: Kili, project_id: str) -> None:
    result = kili.append_many_to_dataset(project_id, content_array=["https://x/a.png"])
    (asset,) = kili.assets(project_id, fields=["id", "externalId"])
    assert asset["id"] == result["asset_ids"][0]
    assert len(asset["externalId"]) == 32


def test_a_local_file_is_uploaded_and_served_back(
    kili: Kili, project_id: str, emulator_server: EmulatorServer, tmp_path: Path
) -> None:
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n-photo-")
    kili.append_many_to_dataset(project_id, content_array=[str(image)], external_id_array=["p"])
    content = by_external_id(kili, project_id)["p"]["content"]
    assert content.startswith(emulator_server.base_url)
    response = httpx.get(
        content, headers={"Authorization": f"X-API-Key: {emulator_server.api_key}"}
    )
    assert response.content == image.read_bytes()


def test_text_projects_take_raw_text_rich_text_and_csv(
    kili: Kili, make_project: Any, tmp_path: Path
) -> None:
    project_id = make_project(input_type="TEXT", json_interface={"jobs": {}})
    kili.append_many_to_dataset(
        project_id, content_array=["Call me Ishmael."], external_id_array=["raw"]
    )
    rich = [{"children": [{"type": "p", "children": [{"text": "Hello"}]}]}]
    kili.append_many_to_dataset(project_id, json_content_array=[rich], external_id_array=["rich"])
    csv_file = tmp_path / "texts.csv"
    csv_file.write_text("content,externalId\nFirst line,c1\nSecond line,c2\n")
    kili.append_many_to_dataset(project_id, from_csv=str(csv_file))
    assets = by_external_id(kili, project_id)
    assert assets["raw"]["content"] == "Call me Ishmael."
    assert assets["rich"]["jsonContent"] == rich
    assert (assets["c1"]["content"], assets["c2"]["content"]) == ("First line", "Second line")


def test_video_frames_by_url_are_listed_in_json_content(kili: Kili, make_project: Any) -> None:
    project_id = make_project(input_type="VIDEO", json_interface={"jobs": {}})
    frames = ["https://x/f0.jpg", "https://x/f1.jpg"]
    kili.append_many_to_dataset(project_id, json_content_array=[frames], external_id_array=["v"])
    assert by_external_id(kili, project_id)["v"]["jsonContent"] == {"0": frames[0], "1": frames[1]}


def test_rerunning_an_import_skips_existing_assets_with_a_warning(
    kili: Kili, project_id: str
) -> None:
    kili.append_many_to_dataset(
        project_id, content_array=["https://x/1", "https://x/2"], external_id_array=["e1", "e2"]
    )
    with pytest.warns(UserWarning, match="already used in the project: e1, e2"):
        result = kili.append_many_to_dataset(
            project_id,
            content_array=["https://x/1", "https://x/2", "https://x/3"],
            external_id_array=["e1", "e2", "e3"],
        )
    assert len(result["asset_ids"]) == 1
    assert sorted(by_external_id(kili, project_id)) == ["e1", "e2", "e3"]


def test_an_import_over_several_batches_returns_the_ids_in_the_order_given(
    kili: Kili, project_id: str
) -> None:
    count = 230
    external_ids = [f"e{i:03d}" for i in range(count)]
    result = kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://x/{i}" for i in range(count)],
        external_id_array=external_ids,
    )
    by_external_id = {row["externalId"]: row["id"] for row in kili.assets(project_id)}
    assert result["asset_ids"] == [by_external_id[external_id] for external_id in external_ids]


def test_an_import_one_batch_at_a_time_creates_the_assets_in_the_order_given(
    emulator_server: EmulatorServer, project_id: str
) -> None:
    count = 230
    with Kili(
        api_key=emulator_server.api_key,
        api_endpoint=emulator_server.endpoint,
        disable_tqdm=True,
        max_concurrency=1,
    ) as sequential:
        result = sequential.append_many_to_dataset(
            project_id,
            content_array=[f"https://x/{i}" for i in range(count)],
            external_id_array=[f"e{i:03d}" for i in range(count)],
        )
        rows = sequential.assets(project_id, fields=["id", "externalId"])
    assert [row["id"] for row in rows] == result["asset_ids"]
    assert [row["externalId"] for row in rows] == [f"e{i:03d}" for i in range(count)]


def test_bad_imports_are_refused_and_write_nothing(
    kili: Kili, project_id: str, tmp_path: Path
) -> None:
    with pytest.raises(InvalidArgumentError, match="external_id_array has 1"):
        kili.append_many_to_dataset(
            project_id, content_array=["https://x/1", "https://x/2"], external_id_array=["a"]
        )
    with pytest.raises(InvalidArgumentError, match=r"nothere\.png"):
        kili.append_many_to_dataset(
            project_id, content_array=["https://x/1", str(tmp_path / "nothere.png")]
        )
    with pytest.raises(MissingArgumentError):
        kili.append_many_to_dataset(project_id)
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("text\nhello\n")
    with pytest.raises(InvalidArgumentError, match="externalId"):
        kili.append_many_to_dataset(project_id, from_csv=str(csv_file))
    with pytest.warns(UserWarning, match="did nothing"):
        assert kili.append_many_to_dataset(project_id, content_array=[])["asset_ids"] == []
    assert kili.count_assets(project_id) == 0


def test_status_array_is_deprecated_and_ignored(kili: Kili, project_id: str) -> None:
    with pytest.warns(DeprecationWarning, match="status_array"):
        kili.append_many_to_dataset(
            project_id, content_array=["https://x/1"], status_array=["LABELED"]
        )
    assert kili.assets(project_id, fields=["status"]) == [{"status": "TODO"}]


# --- update_properties_in_assets and change_asset_external_ids --------------------------


def test_every_property_can_be_updated(kili: Kili, project_id: str) -> None:
    kili.append_many_to_dataset(
        project_id, content_array=["https://x/1", "https://x/2"], external_id_array=["a", "b"]
    )
    result = kili.update_properties_in_assets(
        external_ids=["a", "b"],
        project_id=project_id,
        priorities=[5, None],
        json_metadatas=[{"k": "v"}, None],
        consensus_marks=[0.3, None],
        honeypot_marks=[None, 0.6],
        to_be_labeled_by_array=[[ADMIN_EMAIL], None],
        contents=["https://x/new", None],
        json_contents=[None, '{"0": "https://x/f.jpg"}'],
        is_used_for_consensus_array=[True, None],
        is_honeypot_array=[None, True],
        resolution_array=[{"width": 640, "height": 480}, None],
        page_resolutions_array=[None, [PageResolution(100, 200, 1, rotation=90)]],
    )
    assets = by_external_id(
        kili,
        project_id,
        [
            "id", "externalId", "priority", "jsonMetadata", "consensusMark", "honeypotMark",
            "toBeLabeledBy.user.email", "content", "jsonContent", "isUsedForConsensus",
            "isHoneypot", "resolution.width", "resolution.height", "pageResolutions.width",
            "pageResolutions.height", "pageResolutions.pageNumber", "pageResolutions.rotation",
        ],
    )  # fmt: skip
    a, b = assets["a"], assets["b"]
    assert result == [{"id": a["id"]}, {"id": b["id"]}]
    assert (a["priority"], b["priority"]) == (5, 0)
    assert a["jsonMetadata"] == {"k": "v"}
    assert (a["consensusMark"], b["honeypotMark"]) == (0.3, 0.6)
    assert a["toBeLabeledBy"] == [{"user": {"email": ADMIN_EMAIL}}]
    assert a["content"] == "https://x/new"
    assert b["content"] == "https://x/2"
    assert b["jsonContent"] == {"0": "https://x/f.jpg"}
    assert (a["isUsedForConsensus"], b["isHoneypot"]) == (True, True)
    assert a["resolution"] == {"width": 640, "height": 480}
    assert b["pageResolutions"] == [{"width": 100, "height": 200, "pageNumber": 1, "rotation": 90}]


def test_unknown_external_ids_are_listed(kili: Kili, project_id: str) -> None:
    kili.append_many_to_dataset(project_id, content_array=["https://x/1"], external_id_array=["a"])
    with pytest.raises(NotFound, match="'ghost'"):
        kili.update_properties_in_assets(
            external_ids=["a", "ghost"], project_id=project_id, priorities=[1, 2]
        )
    assert kili.assets(project_id, fields=["priority"]) == [{"priority": 0}]


def test_external_ids_can_be_changed(kili: Kili, project_id: str) -> None:
    result = kili.append_many_to_dataset(
        project_id, content_array=["https://x/1", "https://x/2"], external_id_array=["a", "b"]
    )
    kili.change_asset_external_ids(["a2"], external_ids=["a"], project_id=project_id)
    kili.change_asset_external_ids(["b2"], asset_ids=[result["asset_ids"][1]])
    assert sorted(by_external_id(kili, project_id)) == ["a2", "b2"]


def test_conflicting_designations_are_refused(kili: Kili, project_id: str) -> None:
    with pytest.raises(IncompatibleArgumentsError):
        kili.delete_many_from_dataset(asset_ids=["x"], external_ids=["y"], project_id=project_id)
    with pytest.raises(MissingArgumentError, match="project_id"):
        kili.send_back_to_queue(external_ids=["y"])


# --- delete_many_from_dataset, add_to_review, send_back_to_queue -----------------------


def test_assets_are_deleted_by_id_or_external_id(kili: Kili, project_id: str) -> None:
    result = kili.append_many_to_dataset(
        project_id,
        content_array=["https://x/1", "https://x/2", "https://x/3"],
        external_id_array=["a", "b", "c"],
    )
    assert kili.delete_many_from_dataset(asset_ids=result["asset_ids"][:1]) == {"id": project_id}
    assert kili.delete_many_from_dataset(external_ids=["b"], project_id=project_id) == {
        "id": project_id
    }
    assert sorted(by_external_id(kili, project_id)) == ["c"]


def test_review_and_queue_moves_report_the_assets_moved(kili: Kili, project_id: str) -> None:
    result = kili.append_many_to_dataset(
        project_id, content_array=["https://x/1", "https://x/2"], external_id_array=["a", "b"]
    )
    labeled, unlabeled = result["asset_ids"]
    kili.append_labels(asset_id_array=[labeled], json_response_array=[CLASS_A])

    moved = kili.add_to_review(external_ids=["a", "b"], project_id=project_id)
    assert moved == {"id": project_id, "asset_ids": [labeled]}
    assert kili.add_to_review(asset_ids=[labeled]) is None, "already to review: nothing moves"

    back = kili.send_back_to_queue(asset_ids=[labeled, unlabeled])
    assert back is not None
    assert back["id"] == project_id
    assert sorted(back["asset_ids"]) == sorted([labeled, unlabeled])
    statuses = {
        row["externalId"]: row["status"]
        for row in kili.assets(project_id, fields=["externalId", "status"])
    }
    assert statuses == {"a": "ONGOING", "b": "TODO"}


def test_json_metadata_round_trips_as_objects(kili: Kili, project_id: str) -> None:
    metadata = {"nested": {"list": [1, 2.5, "x"]}, "flag": True}
    kili.append_many_to_dataset(
        project_id, content_array=["https://x/1"], json_metadata_array=[metadata]
    )
    (asset,) = kili.assets(project_id, fields=["jsonMetadata"])
    assert asset["jsonMetadata"] == json.loads(json.dumps(metadata))
