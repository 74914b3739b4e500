"""YOLO, Pascal VOC and GeoJSON archives, written page by page and read by others' code."""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

import globox
import pytest
import yaml

from kili.domain.label_export import ExportOptions
from kili.exceptions import (
    MissingExtraError,
    NoCompatibleJobError,
    NotCompatibleInputType,
    NotCompatibleOptions,
    NotExportableAssetError,
)
from kili.use_cases.label_export.formats import FORMAT_WRITERS
from tests.unit.use_cases.label_formats_archives import box_assets, png, project, write_archive
from tests.unit.use_cases.label_formats_samples import JOBS

PAGES = (100, 100, 50)


def paged(assets: list[dict], sizes: tuple[int, ...] = PAGES) -> list[list[dict]]:
    """Cut `assets` into pages of `sizes`: two full pages and a partial one."""
    pages, start = [], 0
    for size in sizes:
        pages.append(assets[start : start + size])
        start += size
    return pages


@pytest.mark.parametrize("fmt", ["yolo_v4", "yolo_v5", "yolo_v7", "yolo_v8"])
@pytest.mark.parametrize("layout", ["split", "merged"])
def test_yolo_archive_has_a_label_file_per_asset_and_a_class_file(
    tmp_path: Path, fmt: str, layout: str
) -> None:
    assets = box_assets(250, None)
    options = ExportOptions(fmt=fmt, layout=layout, with_assets=False)  # type: ignore[arg-type]
    archive = zipfile.ZipFile(write_archive(tmp_path / "x.zip", project(), options, paged(assets)))
    names = set(archive.namelist())
    folders = ["BOXES", "SHAPES"] if layout == "split" else [""]
    for folder in folders:
        prefix = f"{folder}/" if folder else ""
        labels = {n for n in names if n.startswith(f"{prefix}labels/") and n.endswith(".txt")}
        assert labels == {f"{prefix}labels/image-{i:04d}.txt" for i in range(250)}
        class_file = archive.read(f"{prefix}{'classes.txt' if fmt == 'yolo_v4' else 'data.yaml'}")
        if fmt != "yolo_v4":
            names_in_yaml = yaml.safe_load(class_file)["names"]
            count = len(names_in_yaml)
            assert count == (2 if layout == "split" else 4)
    boxes_folder = "BOXES/" if layout == "split" else ""
    total = sum(
        len(archive.read(f"{boxes_folder}labels/image-{i:04d}.txt").splitlines())
        for i in range(250)
    )
    assert total == sum(
        len(a["latestLabel"]["jsonResponse"]["BOXES"]["annotations"]) for a in assets
    )
    rows = list(csv.reader(io.StringIO(archive.read("images/remote_assets.csv").decode())))
    assert rows[0] == ["external id", "url", "label file"]
    assert rows[1:] == [
        [a["externalId"], a["content"], a["externalId"][:-4] + ".txt"] for a in assets
    ]


def test_globox_finds_the_same_boxes_in_yolo_and_pascal_voc(tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir()
    assets = box_assets(230, media, seed=5)
    expected = sum(len(a["latestLabel"]["jsonResponse"]["BOXES"]["annotations"]) for a in assets)
    yolo = write_archive(
        tmp_path / "yolo.zip",
        project(),
        ExportOptions(fmt="yolo_v7", layout="split"),
        paged(box_assets(230, media, seed=5)),
    )
    voc = write_archive(
        tmp_path / "voc.zip",
        project(),
        ExportOptions(fmt="pascal_voc", layout="merged"),
        paged(assets),
    )
    zipfile.ZipFile(yolo).extractall(tmp_path / "yolo")
    zipfile.ZipFile(voc).extractall(tmp_path / "voc")
    from_yolo = globox.AnnotationSet.from_yolo_v7(
        tmp_path / "yolo" / "BOXES" / "labels",
        image_folder=tmp_path / "yolo" / "images",
        image_extension=".png",
    )
    from_voc = globox.AnnotationSet.from_pascal_voc(tmp_path / "voc" / "labels")
    classes = yaml.safe_load((tmp_path / "yolo" / "BOXES" / "data.yaml").read_text())["names"]
    assert from_yolo.nb_boxes() == from_voc.nb_boxes() == expected
    for annotation in from_voc:
        theirs = from_yolo[annotation.image_id]
        assert theirs.image_size == annotation.image_size
        voc_boxes = sorted((b.label, *b.ltrb) for b in annotation.boxes)
        yolo_boxes = sorted((classes[int(b.label)], *b.ltrb) for b in theirs.boxes)
        for ours, other in zip(voc_boxes, yolo_boxes, strict=True):
            assert ours[0] == other[0]
            assert ours[1:] == pytest.approx(other[1:], abs=0.51)


def test_pascal_voc_measures_downloaded_media_without_a_resolution(tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir()
    assets = box_assets(3, media)
    target = write_archive(
        tmp_path / "voc.zip", project(), ExportOptions(fmt="pascal_voc", layout="merged"), [assets]
    )
    archive = zipfile.ZipFile(target)
    assert "images/image-0000.png" in archive.namelist()
    xml = archive.read("labels/image-0000.png.xml").decode()
    assert "<filename>image-0000.png</filename>" in xml
    remote = box_assets(1, None)
    remote[0]["resolution"] = None
    with pytest.raises(NotExportableAssetError, match=r"image-0000\.png"):
        write_archive(
            tmp_path / "bad.zip",
            project(),
            ExportOptions(fmt="pascal_voc", layout="merged", with_assets=False),
            [remote],
        )
    assert not (tmp_path / "bad.zip").exists()


@pytest.mark.parametrize(
    ("fmt", "options", "message"),
    [
        ("yolo_v5", {"single_file": True}, "can not be exported into a single file"),
        ("yolo_v8", {"normalized_coordinates": False}, "does not support pixel coordinates"),
        ("pascal_voc", {"layout": "split"}, "only supports merged annotations"),
        (
            "pascal_voc",
            {"layout": "merged", "normalized_coordinates": True},
            "normalized coordinates",
        ),
        ("pascal_voc", {"layout": "merged", "single_file": True}, "single file"),
        ("geojson", {"layout": "merged", "normalized_coordinates": False}, "lat/long"),
        ("geojson", {"layout": "split"}, "only supports merged annotations"),
        ("geojson", {"layout": "merged", "single_file": True}, "single file"),
    ],
)
def test_options_a_format_refuses(fmt: str, options: dict, message: str) -> None:
    with pytest.raises(NotCompatibleOptions, match=message):
        FORMAT_WRITERS[fmt].check_options(ExportOptions(fmt=fmt, **options))  # type: ignore[arg-type]


def test_projects_without_a_job_the_format_expresses_are_refused_naming_each_job() -> None:
    jobs = {name: JOBS[name] for name in ("POINTS", "WEATHER")}
    for fmt, layout in (("yolo_v4", "split"), ("yolo_v8", "merged"), ("pascal_voc", "merged")):
        options = ExportOptions(fmt=fmt, layout=layout)  # type: ignore[arg-type]
        with pytest.raises(NoCompatibleJobError) as refusal:
            FORMAT_WRITERS[fmt].check_project(project(jobs=jobs), options)
        assert "POINTS (its tools ['marker']" in str(refusal.value)
        assert "WEATHER (its task is CLASSIFICATION" in str(refusal.value)
    empty = {"BOXES": {**JOBS["BOXES"], "content": {"categories": {}}}}
    with pytest.raises(NoCompatibleJobError, match="no category"):
        FORMAT_WRITERS["yolo_v5"].check_project(
            project(jobs=empty), ExportOptions(fmt="yolo_v5", layout="merged")
        )
    for fmt in ("yolo_v4", "pascal_voc", "geojson"):
        with pytest.raises(NotCompatibleInputType, match="'TEXT'"):
            FORMAT_WRITERS[fmt].check_project(
                project("TEXT"), ExportOptions(fmt=fmt, layout="merged")
            )  # type: ignore[arg-type]


def test_geotiff_assets_are_refused_by_yolo_and_voc(tmp_path: Path) -> None:
    assets = box_assets(2, None)
    assets[1]["jsonContent"] = [{"epsg": "EPSG4326", "useClassicCoordinates": False}]
    for fmt, layout in (("yolo_v4", "split"), ("pascal_voc", "merged")):
        options = ExportOptions(fmt=fmt, layout=layout, with_assets=False)  # type: ignore[arg-type]
        with pytest.raises(NotCompatibleOptions, match=r"image-0001\.png"):
            write_archive(tmp_path / f"{fmt}.zip", project(), options, [assets])
        assert not (tmp_path / f"{fmt}.zip").exists()


def test_videos_with_downloaded_frames_get_a_file_per_frame(tmp_path: Path) -> None:
    frames = []
    for index in range(10):
        frame = tmp_path / f"clip_{index + 1:02d}.png"
        frame.write_bytes(png(320, 240))
        frames.append(str(frame))
    vertices = [
        {"x": 0.1, "y": 0.2},
        {"x": 0.1, "y": 0.1},
        {"x": 0.3, "y": 0.1},
        {"x": 0.3, "y": 0.2},
    ]
    car = {
        "categories": [{"name": "CAR"}],
        "type": "rectangle",
        "boundingPoly": [{"normalizedVertices": vertices}],
    }
    response = {
        str(i): ({"BOXES": {"annotations": [car]}} if i in (2, 7) else {}) for i in range(10)
    }
    asset = {
        "id": "a",
        "externalId": "clip",
        "content": "",
        "jsonContent": frames,
        "resolution": None,
        "latestLabel": {"jsonResponse": response},
    }
    video = project("VIDEO")
    voc = zipfile.ZipFile(
        write_archive(
            tmp_path / "voc.zip",
            video,
            ExportOptions(fmt="pascal_voc", layout="merged"),
            [[dict(asset)]],
        )
    )
    xml_files = sorted(n for n in voc.namelist() if n.endswith(".xml"))
    assert xml_files == [f"labels/clip_{i:02d}.xml" for i in range(1, 11)]
    third = voc.read("labels/clip_03.xml").decode()
    assert "<filename>clip_03.png</filename>" in third
    assert "<width>320</width>" in third
    assert "<xmin>32</xmin>" in third
    assert "<object>" not in voc.read("labels/clip_01.xml").decode()
    yolo = zipfile.ZipFile(
        write_archive(
            tmp_path / "yolo.zip",
            video,
            ExportOptions(fmt="yolo_v8", layout="merged"),
            [[dict(asset)]],
        )
    )
    assert sorted(n for n in yolo.namelist() if n.startswith("labels/") and n.endswith(".txt")) == [
        "labels/clip_03.txt",
        "labels/clip_08.txt",
    ]
    assert (
        yolo.read("video_meta.json")
        == b'{\n    "clip": [\n        "clip_03",\n        "clip_08"\n    ]\n}'
    )
    uncut = {**asset, "jsonContent": "", "content": frames[0]}
    with pytest.raises(NotExportableAssetError, match="clip"):
        write_archive(tmp_path / "uncut.zip", video, ExportOptions(fmt="yolo_v4"), [[uncut]])


def test_geojson_without_its_extra_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "kili_formats.format.geojson", None)
    options = ExportOptions(fmt="geojson", layout="merged", with_assets=False)
    with pytest.raises(MissingExtraError, match=r"pip install 'kili\[geojson\]'"):
        write_archive(tmp_path / "geo.zip", project("GEOSPATIAL"), options, [box_assets(1, None)])
    assert not (tmp_path / "geo.zip").exists()
