"""Asset reads against the emulator, over real HTTP: every filter family, fields, formats."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kili.client import Kili

ADMIN_EMAIL = "admin@kili-emulator.local"
CLASS_A = {"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}
CLASS_B = {"CLASSIFICATION_JOB": {"categories": [{"name": "B"}]}}


def import_images(kili: Kili, project_id: str, count: int, **arrays: Any) -> list[str]:
    result = kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://images.example/{i}.png" for i in range(count)],
        external_id_array=[f"img-{i}" for i in range(count)],
        **arrays,
    )
    return list(result["asset_ids"])


def external_ids(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(row["externalId"] for row in rows)


def check(kili: Kili, project_id: str, expected: list[str], **filters: Any) -> None:
    """`assets` and `count_assets` agree with `expected` (external ids) for `filters`."""
    rows = kili.assets(project_id, fields=["externalId"], **filters)
    assert external_ids(rows) == sorted(expected)
    assert kili.count_assets(project_id, **filters) == len(expected)


def test_default_fields_come_back_with_json_decoded(kili: Kili, project_id: str) -> None:
    (asset_id,) = import_images(kili, project_id, 1, json_metadata_array=[{"source": "web"}])
    kili.append_labels(asset_id_array=[asset_id], json_response_array=[CLASS_A])
    (asset,) = kili.assets(project_id)
    assert asset["id"] == asset_id
    assert asset["externalId"] == "img-0"
    assert asset["content"] == "https://images.example/0.png"
    assert asset["jsonMetadata"] == {"source": "web"}
    assert asset["isHoneypot"] is False
    assert asset["skipped"] is False
    assert asset["status"] == "LABELED"
    (label,) = asset["labels"]
    assert label["jsonResponse"] == CLASS_A
    assert label["author"]["email"] == ADMIN_EMAIL
    assert set(asset) == {
        "content", "createdAt", "externalId", "id", "isHoneypot", "jsonMetadata", "labels",
        "skipped", "status",
    }  # fmt: skip


def test_dotted_fields_select_nested_values(kili: Kili, project_id: str) -> None:
    (asset_id,) = import_images(kili, project_id, 1)
    kili.append_labels(asset_id_array=[asset_id], json_response_array=[CLASS_B])
    (asset,) = kili.assets(project_id, fields=["latestLabel.jsonResponse", "labels.author.email"])
    assert asset == {
        "latestLabel": {"jsonResponse": CLASS_B},
        "labels": [{"author": {"email": ADMIN_EMAIL}}],
    }


def test_first_skip_and_generator_page_through_assets(kili: Kili, project_id: str) -> None:
    import_images(kili, project_id, 7)
    page = kili.assets(project_id, fields=["externalId"], first=3, skip=2)
    assert [row["externalId"] for row in page] == ["img-2", "img-3", "img-4"]
    rows = kili.assets(project_id, fields=["externalId"], as_generator=True)
    assert not isinstance(rows, list)
    assert [row["externalId"] for row in rows] == [f"img-{i}" for i in range(7)]


def test_id_filters(kili: Kili, project_id: str) -> None:
    ids = import_images(kili, project_id, 4)
    check(kili, project_id, ["img-1"], asset_id=ids[1])
    check(kili, project_id, ["img-0", "img-3"], asset_id_in=[ids[0], ids[3]])
    check(kili, project_id, ["img-1", "img-2"], asset_id_not_in=[ids[0], ids[3]])


def test_external_id_filters(kili: Kili, project_id: str) -> None:
    kili.append_many_to_dataset(
        project_id,
        content_array=["https://x/1", "https://x/2", "https://x/3"],
        external_id_array=["cat-1", "cat-12", "dog-1"],
    )
    check(kili, project_id, ["cat-1"], external_id_strictly_in=["cat-1"])
    check(kili, project_id, ["cat-1", "cat-12"], external_id_in=["cat"])
    with pytest.warns(DeprecationWarning, match="external_id_contains"):
        check(kili, project_id, ["dog-1"], external_id_contains=["dog-1"])


def test_status_and_label_filters(kili: Kili, project_id: str) -> None:
    ids = import_images(kili, project_id, 3)
    kili.append_labels(asset_id_array=ids[:2], json_response_array=[CLASS_A, CLASS_B])
    today = datetime.date.today().isoformat()
    check(kili, project_id, ["img-0", "img-1"], status_in=["LABELED"])
    check(kili, project_id, ["img-2"], status_in=["TODO"])
    check(kili, project_id, ["img-0", "img-1"], label_type_in=["DEFAULT"])
    check(kili, project_id, [], label_type_in=["PREDICTION"])
    check(kili, project_id, ["img-0", "img-1"], label_author_in=["Admin"])
    check(kili, project_id, ["img-0", "img-1"], label_labeler_in=[ADMIN_EMAIL])
    check(kili, project_id, [], label_labeler_not_in=[ADMIN_EMAIL])
    check(kili, project_id, [], label_reviewer_in=[ADMIN_EMAIL])
    check(kili, project_id, ["img-0", "img-1"], label_created_at_gte=today)
    check(kili, project_id, [], label_created_at_lte="2000-01-01")
    check(kili, project_id, ["img-0"], label_category_search="CLASSIFICATION_JOB.A.count > 0")
    with pytest.warns(DeprecationWarning, match="label_created_at_gt"):
        check(kili, project_id, ["img-0", "img-1"], label_created_at_gt="2000-01-01")


def test_label_mark_filters_match_no_label_without_marks(kili: Kili, project_id: str) -> None:
    ids = import_images(kili, project_id, 1)
    kili.append_labels(asset_id_array=ids, json_response_array=[CLASS_A])
    check(kili, project_id, [], label_consensus_mark_gte=0.5)
    check(kili, project_id, [], label_honeypot_mark_lte=0.5)


def test_metadata_filters(kili: Kili, project_id: str) -> None:
    import_images(
        kili,
        project_id,
        3,
        json_metadata_array=[
            {"source": "web", "score": 1},
            {"source": "disk", "score": 5},
            {"source": "scan", "score": 9},
        ],
    )
    check(kili, project_id, ["img-0"], metadata_where={"source": "web"})
    check(kili, project_id, ["img-0", "img-2"], metadata_where={"source": ["web", "scan"]})
    check(kili, project_id, ["img-1", "img-2"], metadata_where={"score": [2, 10]})


def test_mark_filters(kili: Kili, project_id: str) -> None:
    ids = import_images(kili, project_id, 3)
    kili.update_properties_in_assets(
        asset_ids=ids, consensus_marks=[0.2, 0.5, 0.9], honeypot_marks=[0.9, 0.5, 0.2]
    )
    check(kili, project_id, ["img-1", "img-2"], consensus_mark_gte=0.5)
    check(kili, project_id, ["img-0", "img-1"], consensus_mark_lte=0.5)
    check(kili, project_id, ["img-0"], honeypot_mark_gte=0.6)
    check(kili, project_id, ["img-2"], honeypot_mark_lte=0.3)
    check(kili, project_id, [], inference_mark_gte=0.0)
    with pytest.warns(DeprecationWarning, match="'honeypot_mark_gt' is deprecated"):
        check(kili, project_id, ["img-0"], honeypot_mark_gt=0.6)


def test_date_and_skipped_filters(kili: Kili, project_id: str) -> None:
    import_images(kili, project_id, 2)
    today = datetime.date.today()
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    check(kili, project_id, ["img-0", "img-1"], created_at_gte=today.isoformat())
    check(kili, project_id, [], created_at_gte=tomorrow)
    check(kili, project_id, [], created_at_lte="2000-01-01")
    check(kili, project_id, ["img-0", "img-1"], updated_at_lte=tomorrow)
    check(kili, project_id, [], updated_at_gte=tomorrow)
    check(kili, project_id, ["img-0", "img-1"], skipped=False)
    check(kili, project_id, [], skipped=True)


def test_assignee_filters(kili: Kili, project_id: str) -> None:
    ids = import_images(kili, project_id, 2)
    kili.update_properties_in_assets(asset_ids=ids[:1], to_be_labeled_by_array=[[ADMIN_EMAIL]])
    check(kili, project_id, ["img-0"], assignee_in=[ADMIN_EMAIL])
    check(kili, project_id, ["img-1"], assignee_not_in=[ADMIN_EMAIL])


def test_issue_filters_match_nothing_without_issues(kili: Kili, project_id: str) -> None:
    import_images(kili, project_id, 1)
    check(kili, project_id, [], issue_type="QUESTION")
    check(kili, project_id, [], issue_status="OPEN")


def test_pandas_format(kili: Kili, project_id: str) -> None:
    import_images(kili, project_id, 2)
    frame = kili.assets(project_id, fields=["externalId", "content"], format="pandas")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["externalId"]) == ["img-0", "img-1"]


def test_media_of_uploaded_files_are_downloaded_once(
    kili: Kili, project_id: str, tmp_path: Path
) -> None:
    source = tmp_path / "photo.png"
    source.write_bytes(b"\x89PNG\r\n\x1a\n-bytes-")
    kili.append_many_to_dataset(
        project_id, content_array=[str(source)], external_id_array=["../../escape"]
    )
    media = tmp_path / "media"
    (asset,) = kili.assets(project_id, download_media=True, local_media_dir=str(media))
    local = Path(asset["content"])
    assert local.parent == media.resolve()
    assert local.read_bytes() == source.read_bytes()
    assert not (tmp_path / "escape").exists()
    local.write_bytes(b"kept")
    kili.assets(project_id, download_media=True, local_media_dir=str(media))
    assert local.read_bytes() == b"kept", "a file already there is not downloaded again"


def test_video_frames_are_downloaded_in_order(
    kili: Kili, make_project: Any, tmp_path: Path
) -> None:
    project_id = make_project(input_type="VIDEO")
    frames = []
    for index in range(3):
        frame = tmp_path / f"frame{index}.jpg"
        frame.write_bytes(f"frame-{index}".encode())
        frames.append(str(frame))
    kili.append_many_to_dataset(project_id, json_content_array=[frames], external_id_array=["v"])
    (asset,) = kili.assets(
        project_id, fields=["externalId", "content"], download_media=True,
        local_media_dir=str(tmp_path / "media"),
    )  # fmt: skip
    assert [Path(path).read_bytes() for path in asset["jsonContent"]] == [
        b"frame-0",
        b"frame-1",
        b"frame-2",
    ]
