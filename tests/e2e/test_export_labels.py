"""`export_labels` against the emulator, over real HTTP: archives read back as users read them."""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pycocotools.coco import COCO

from kili.client import Kili
from kili.exceptions import (
    ExportDestinationError,
    NotCompatibleInputType,
    NotCompatibleOptions,
    NothingToExportError,
)

from .export_project import build_export_project

LABELED = 250  # pages of 100 assets: two full pages and a partial one


@pytest.fixture(scope="module")
def big_project(kili: Kili) -> str:
    """An image project of 250 labeled assets, one autosave-only and one unlabeled."""
    return build_export_project(kili, LABELED)


@pytest.fixture(scope="module")
def media_project(kili: Kili, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An image project of 5 labeled local PNGs (no resolution set)."""
    return build_export_project(kili, 5, media_dir=tmp_path_factory.mktemp("media"))


def members(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [name for name in archive.namelist() if not name.endswith("/")]


def read_json(path: Path, member: str) -> Any:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(member))


def test_kili_format_writes_one_file_per_labeled_asset(
    kili: Kili, big_project: str, tmp_path: Path
) -> None:
    target = tmp_path / "export.zip"
    assert kili.export_labels(big_project, str(target), "kili", with_assets=False) is None
    names = members(target)
    assert "README.kili.txt" in names
    label_files = sorted(n for n in names if n.startswith("labels/"))
    expected = sorted(
        f"labels/{'image_' + str(i) if i % 4 == 1 else 'image-' + str(i)}.json"
        for i in range(LABELED)
    )
    assert label_files == expected
    rotated = read_json(target, "labels/image_5.json")
    response = rotated["latestLabel"]["jsonResponse"]
    assert "ROTATION_JOB" not in response
    box = response["BOXES"]["annotations"][0]["boundingPoly"][0]
    # rotated by 90: x' = y, y' = 1 - x, then in pixels of 640 x 480
    first = box["normalizedVertices"][0]
    assert first == {"x": 0.45, "y": pytest.approx(1.0)}
    assert box["vertices"][0] == {"x": pytest.approx(0.45 * 640), "y": pytest.approx(480.0)}
    assert rotated["latestLabel"]["author"]["name"]


def test_single_file_streams_every_asset_into_data_json(
    kili: Kili, big_project: str, tmp_path: Path
) -> None:
    target = tmp_path / "export.zip"
    kili.export_labels(big_project, str(target), "raw", single_file=True, with_assets=False)
    assert members(target) == ["data.json", "README.kili.txt"]
    assets = read_json(target, "data.json")
    assert len(assets) == LABELED
    assert len({asset["id"] for asset in assets}) == LABELED
    by_external_id = {asset["externalId"]: asset for asset in assets}
    expected = {
        row["externalId"]: row["latestLabel"]["jsonResponse"]
        for row in kili.assets(big_project, fields=["externalId", "latestLabel.jsonResponse"])
        if row["latestLabel"]
    }
    for external_id, asset in by_external_id.items():
        categories = asset["latestLabel"]["jsonResponse"]["CLASSIFICATION_JOB"]["categories"]
        assert categories == expected[external_id]["CLASSIFICATION_JOB"]["categories"]


@pytest.mark.parametrize("layout", ["split", "merged"])
def test_coco_files_load_in_pycocotools_with_every_annotation(
    kili: Kili, big_project: str, tmp_path: Path, layout: str
) -> None:
    target = tmp_path / "coco.zip"
    kili.export_labels(big_project, str(target), "coco", layout=layout, with_assets=False)
    files = ["BOXES/labels.json", "AREAS/labels.json"] if layout == "split" else ["labels.json"]
    assert sorted(n for n in members(target) if n.endswith(".json")) == sorted(files)
    boxes = sum(1 + i % 3 for i in range(LABELED))
    areas = sum(1 for i in range(LABELED) if i % 3 == 0)
    counts = []
    for member in files:
        with zipfile.ZipFile(target) as archive:
            archive.extract(member, tmp_path)
        coco = COCO(str(tmp_path / member))
        assert len(coco.getImgIds()) == LABELED
        annotation_ids = coco.getAnnIds()
        counts.append(len(annotation_ids))
        for annotation in coco.loadAnns(annotation_ids):
            assert annotation["area"] > 0
            assert coco.annToMask(annotation).sum() > 0
    assert sum(counts) == boxes + areas


def test_coco_annotation_modifier_is_applied(kili: Kili, big_project: str, tmp_path: Path) -> None:
    seen: list[str] = []

    def tag(annotation: dict[str, Any], image: dict[str, Any], kili_annotation: dict[str, Any]):
        seen.append(kili_annotation["type"])
        return {**annotation, "attributes": {"image": image["file_name"]}}

    target = tmp_path / "coco.zip"
    kili.export_labels(
        big_project, str(target), "coco", layout="merged", with_assets=False,
        asset_ids=None, external_ids=["image-0", "image-2"], annotation_modifier=tag,
    )  # fmt: skip
    coco = read_json(target, "labels.json")
    assert [image["file_name"] for image in coco["images"]] == ["data/image-0", "data/image-2"]
    assert all(a["attributes"]["image"].startswith("data/") for a in coco["annotations"])
    assert sorted(seen) == ["rectangle", "rectangle", "rectangle", "rectangle", "semantic"]


def test_with_assets_puts_the_media_in_the_archive(
    kili: Kili, media_project: str, tmp_path: Path
) -> None:
    target = tmp_path / "coco.zip"
    kili.export_labels(media_project, str(target), "coco", layout="merged")
    names = members(target)
    coco = read_json(target, "labels.json")
    for image in coco["images"]:
        assert image["file_name"] in names
        index = int(image["file_name"].split("-")[-1].split(" ")[-1].removesuffix(".png"))
        assert (image["width"], image["height"]) == (40 + index % 3, 30 + index % 2)
    assert "data/image 1.png" in names
    kili_target = tmp_path / "kili.zip"
    kili.export_labels(media_project, str(kili_target), "kili")
    exported = read_json(kili_target, "labels/image_1.json")
    assert exported["content"] == "assets/image 1.png"
    assert "assets/image 1.png" in members(kili_target)


def test_asset_filter_kwargs_select_the_assets(
    kili: Kili, big_project: str, tmp_path: Path
) -> None:
    target = tmp_path / "export.zip"
    kili.export_labels(
        big_project, str(target), "kili", single_file=True, with_assets=False,
        asset_filter_kwargs={"external_id_strictly_in": ["image-2", "image-3", "image-1000"]},
    )  # fmt: skip
    assert sorted(a["externalId"] for a in read_json(target, "data.json")) == [
        "image-2",
        "image-3",
    ]


def test_refusals_are_raised_before_writing_anything(
    kili: Kili, big_project: str, make_project: Any, tmp_path: Path
) -> None:
    with pytest.raises(ExportDestinationError, match="does not exist"):
        kili.export_labels(big_project, str(tmp_path / "missing" / "a.zip"), "kili")
    with pytest.raises(NotCompatibleOptions, match="normalized coordinates"):
        kili.export_labels(
            big_project, str(tmp_path / "a.zip"), "coco", normalized_coordinates=True
        )
    text_project = make_project(input_type="TEXT")
    with pytest.raises(NotCompatibleInputType, match="'TEXT' not compatible with COCO"):
        kili.export_labels(text_project, str(tmp_path / "a.zip"), "coco", with_assets=False)
    empty = make_project()
    with pytest.raises(NothingToExportError):
        kili.export_labels(empty, str(tmp_path / "a.zip"), "kili", with_assets=False)
    assert list(tmp_path.iterdir()) == []


def test_no_compatible_job_warns_and_returns_none(
    kili: Kili, make_project: Any, tmp_path: Path
) -> None:
    classification_only = make_project(
        json_interface={"jobs": {"CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION", "required": 0, "isChild": False,
            "content": {"input": "radio", "categories": {"A": {"name": "A"}}},
        }}}
    )  # fmt: skip
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = kili.export_labels(classification_only, str(tmp_path / "a.zip"), "coco")
    assert result is None
    assert any("OBJECT_DETECTION" in str(w.message) for w in caught)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_midway_leaves_no_file(kili: Kili, big_project: str, tmp_path: Path) -> None:
    calls = 0

    def fail_late(annotation: dict[str, Any], *_: Any) -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls == 300:
            raise RuntimeError("modifier failed")
        return annotation

    target = tmp_path / "coco.zip"
    target.write_bytes(b"previous export")
    with pytest.raises(RuntimeError, match="modifier failed"):
        kili.export_labels(
            big_project, str(target), "coco", with_assets=False, annotation_modifier=fail_late
        )
    assert [p.name for p in tmp_path.iterdir()] == ["coco.zip"]
    assert target.read_bytes() == b"previous export"
