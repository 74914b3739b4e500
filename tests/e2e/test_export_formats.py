"""YOLO, Pascal VOC and GeoJSON exports through `export_labels`, over the emulator.

The projects hold more than two pages of assets plus a partial one (250 labeled assets,
pages of 100), so every page boundary of the streamed export is crossed. The archives
are then read by maintained readers: PyYAML, globox and pycocotools.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import globox
import pytest
import yaml
from pycocotools.coco import COCO

from kili.client import Kili
from kili.exceptions import NotCompatibleInputType, NotCompatibleOptions, NotExportableAssetError
from tests.e2e.export_format_projects import (
    NO_BOX_INTERFACE,
    PAGE_SIZES,
    build_geospatial_project,
    build_no_box_project,
    build_pdf_project,
    build_video_project,
)
from tests.e2e.export_project import build_export_project, json_response

COUNT = 250


@pytest.fixture(scope="module")
def remote_project(kili: Kili) -> str:
    """An image project of 250 labeled assets whose media stay remote."""
    return build_export_project(kili, COUNT, title="formats, remote media")


@pytest.fixture(scope="module")
def local_project(kili: Kili, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A project of 24 labeled assets whose PNG media the emulator serves."""
    return build_export_project(
        kili, 24, media_dir=tmp_path_factory.mktemp("media"), title="formats, local media"
    )


def box_count(index: int) -> int:
    """Boxes of the `BOXES` job in the label of asset `index`."""
    return len(json_response(index)["BOXES"]["annotations"])


def external_id(index: int) -> str:
    """External id of asset `index` in the export project."""
    return f"image {index}" if index % 4 == 1 else f"image-{index}"


@pytest.mark.parametrize("fmt", ["yolo_v4", "yolo_v5", "yolo_v7", "yolo_v8"])
def test_yolo_split_writes_each_job_apart(
    kili: Kili, remote_project: str, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / "yolo.zip"
    kili.export_labels(remote_project, str(target), fmt, with_assets=False)  # type: ignore[arg-type]
    archive = zipfile.ZipFile(target)
    names = set(archive.namelist())
    for job, categories in (("BOXES", ["CAR", "PERSON"]), ("AREAS", ["ROAD", "ALLEY"])):
        assert {n for n in names if n.startswith(f"{job}/labels/") and n.endswith(".txt")} == {
            f"{job}/labels/{external_id(i)}.txt" for i in range(COUNT)
        }
        class_file = "classes.txt" if fmt == "yolo_v4" else "data.yaml"
        data = archive.read(f"{job}/{class_file}")
        if fmt == "yolo_v4":
            assert data.decode().splitlines() == [f"{i} {c}" for i, c in enumerate(categories)]
        else:
            names_in_yaml = yaml.safe_load(data)["names"]
            assert (
                list(
                    dict(enumerate(names_in_yaml)).values()
                    if isinstance(names_in_yaml, list)
                    else names_in_yaml.values()
                )
                == categories
            )
    assert not any(n.startswith("CLASSIFICATION_JOB/") for n in names)
    for index in range(COUNT):
        lines = archive.read(f"BOXES/labels/{external_id(index)}.txt").decode().splitlines()
        assert len(lines) == box_count(index)
        areas = archive.read(f"AREAS/labels/{external_id(index)}.txt").decode().splitlines()
        assert len(areas) == (1 if index % 3 == 0 else 0)
    rows = list(csv.reader(io.StringIO(archive.read("images/remote_assets.csv").decode())))
    assert len(rows) == COUNT + 1
    assert "README.kili.txt" in names


def test_yolo_merged_numbers_every_category_once(
    kili: Kili, remote_project: str, tmp_path: Path
) -> None:
    target = tmp_path / "yolo.zip"
    kili.export_labels(remote_project, str(target), "yolo_v8", layout="merged", with_assets=False)
    archive = zipfile.ZipFile(target)
    assert yaml.safe_load(archive.read("data.yaml")) == {
        "nc": 4,
        "names": ["BOXES/CAR", "BOXES/PERSON", "AREAS/ROAD", "AREAS/ALLEY"],
    }
    for index in (0, 1, 5, 99, 100, 199, 200, 249):
        lines = archive.read(f"labels/{external_id(index)}.txt").decode().splitlines()
        boxes = [line for line in lines if len(line.split()) == 5]
        polygons = [line for line in lines if len(line.split()) > 5]
        assert len(boxes) == box_count(index)
        assert len(polygons) == (1 if index % 3 == 0 else 0)
        for line in lines:
            class_id, *numbers = line.split()
            assert 0 <= int(class_id) < 4
            assert all(0.0 <= float(n) <= 1.0 for n in numbers)
    rotated = archive.read(f"labels/{external_id(5)}.txt").decode().split()
    # Asset 5's label is rotated by 90 degrees: its first box (x 0..0.2, y 0.1..0.45 in the
    # rotated frame) is written in the image's own frame.
    assert [float(n) for n in rotated[1:5]] == pytest.approx([0.275, 0.9, 0.35, 0.2])


def test_pascal_voc_writes_one_xml_per_image(
    kili: Kili, remote_project: str, tmp_path: Path
) -> None:
    target = tmp_path / "voc.zip"
    kili.export_labels(
        remote_project, str(target), "pascal_voc", layout="merged", with_assets=False
    )
    archive = zipfile.ZipFile(target)
    xml_files = [n for n in archive.namelist() if n.endswith(".xml")]
    assert sorted(xml_files) == sorted(f"labels/{external_id(i)}.xml" for i in range(COUNT))
    extracted = tmp_path / "voc"
    archive.extractall(extracted)
    dataset = globox.AnnotationSet.from_pascal_voc(extracted / "labels")
    assert dataset.nb_boxes() == sum(box_count(i) for i in range(COUNT))
    assert dataset[external_id(3)].image_size == (643, 480)


def test_refusals_come_before_any_file(kili: Kili, remote_project: str, tmp_path: Path) -> None:
    target = tmp_path / "refused.zip"
    with pytest.raises(NotCompatibleOptions, match="merged"):
        kili.export_labels(remote_project, str(target), "pascal_voc")
    with pytest.raises(NotCompatibleOptions, match="single file"):
        kili.export_labels(remote_project, str(target), "yolo_v5", single_file=True)
    with pytest.raises(NotCompatibleOptions, match="lat/long"):
        kili.export_labels(
            remote_project, str(target), "geojson", layout="merged", normalized_coordinates=True
        )
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_project_without_box_job_is_refused_naming_its_jobs(
    kili: Kili, make_project: Any, tmp_path: Path
) -> None:
    project_id = build_no_box_project(kili)
    target = tmp_path / "none.zip"
    with pytest.warns(UserWarning, match=r"EYES \(its tools \['marker'\]") as caught:
        assert kili.export_labels(project_id, str(target), "yolo_v4") is None
    assert "WEATHER (its task is CLASSIFICATION" in str(caught[0].message)
    assert not target.exists()
    text_project = make_project(input_type="TEXT", json_interface=NO_BOX_INTERFACE)
    with pytest.raises(NotCompatibleInputType, match="'TEXT'"):
        kili.export_labels(text_project, str(target), "pascal_voc", layout="merged")


def test_globox_reads_the_same_boxes_in_coco_yolo_and_pascal_voc(
    kili: Kili, local_project: str, tmp_path: Path
) -> None:
    for fmt, layout in (("coco", "split"), ("yolo_v5", "split"), ("pascal_voc", "merged")):
        target = tmp_path / f"{fmt}.zip"
        kili.export_labels(local_project, str(target), fmt, layout=layout)  # type: ignore[arg-type]
        zipfile.ZipFile(target).extractall(tmp_path / fmt)
    coco_file = tmp_path / "coco" / "BOXES" / "labels.json"
    coco = COCO(str(coco_file))
    expected = sum(box_count(i) for i in range(24))
    assert len(coco.getAnnIds()) == expected
    from_coco = globox.AnnotationSet.from_coco(coco_file)
    from_voc = globox.AnnotationSet.from_pascal_voc(tmp_path / "pascal_voc" / "labels")
    # YOLO readers pair `labels/<stem>.txt` with `images/<stem>.<ext>`: the archive's
    # media keep the external id as their stem, as the official archive's do.
    images = tmp_path / "yolo_v5" / "images"
    media_of = {
        path.stem: ElementTree.parse(path).findtext("filename")
        for path in (tmp_path / "pascal_voc" / "labels").glob("*.xml")
    }
    assert all(media == f"{stem}.png" for stem, media in media_of.items())
    from_yolo = globox.AnnotationSet.from_yolo_v7(
        tmp_path / "yolo_v5" / "BOXES" / "labels", image_folder=images, image_extension=".png"
    )
    classes = yaml.safe_load((tmp_path / "yolo_v5" / "BOXES" / "data.yaml").read_text())["names"]
    assert from_coco.nb_boxes() == from_yolo.nb_boxes() == from_voc.nb_boxes() == expected
    by_media = {Path(a.image_id).name: a for a in from_coco}
    for stem, media in media_of.items():
        voc = next(a for a in from_voc if a.image_id == media)
        yolo = from_yolo[f"{stem}.png"]
        coco_boxes = sorted((b.label, *b.ltrb) for b in by_media[str(media)].boxes)
        voc_boxes = sorted((b.label, *b.ltrb) for b in voc.boxes)
        yolo_boxes = sorted((classes[int(b.label)], *b.ltrb) for b in yolo.boxes)
        assert len(coco_boxes) == len(voc_boxes) == len(yolo_boxes) > 0
        for c, v, y in zip(coco_boxes, voc_boxes, yolo_boxes, strict=True):
            assert c[0] == v[0] == y[0]
            # COCO and Pascal VOC round corners to whole pixels; YOLO keeps fractions.
            assert c[1:] == pytest.approx(y[1:], abs=0.51)
            assert v[1:] == pytest.approx(y[1:], abs=0.51)
            assert c[1:] == v[1:]


def test_geojson_of_an_image_project_skips_plain_images(
    kili: Kili, remote_project: str, tmp_path: Path
) -> None:
    target = tmp_path / "geo.zip"
    kili.export_labels(remote_project, str(target), "geojson", layout="merged", with_assets=False)
    names = zipfile.ZipFile(target).namelist()
    assert not [n for n in names if n.endswith(".geojson")]
    assert "README.kili.txt" in names


def test_yolo_writes_a_video_frame_by_frame(kili: Kili, tmp_path: Path) -> None:
    project_id = build_video_project(kili)
    target = tmp_path / "video.zip"
    kili.export_labels(project_id, str(target), "yolo_v4", with_assets=False)
    archive = zipfile.ZipFile(target)
    labels = sorted(n for n in archive.namelist() if n.endswith(".txt") and "/labels/" in n)
    assert labels == [f"BOXES/labels/clip_{n}.txt" for n in ("01", "04", "11")]
    frames = {"clip": ["clip_01", "clip_04", "clip_11"]}
    assert json.loads(archive.read("BOXES/video_meta.json")) == frames
    lines = archive.read("BOXES/labels/clip_04.txt").decode().splitlines()
    assert [[float(n) for n in line.split()] for line in lines] == [
        pytest.approx([0, 0.2, 0.15, 0.2, 0.1]),
        pytest.approx([1, 0.6, 0.15, 0.2, 0.1]),
    ]
    with pytest.raises(NotExportableAssetError, match="clip"):
        kili.export_labels(
            project_id, str(tmp_path / "voc.zip"), "pascal_voc", layout="merged", with_assets=False
        )


def test_geojson_writes_a_feature_collection_per_tile(kili: Kili, tmp_path: Path) -> None:
    project_id = build_geospatial_project(kili, 3)
    target = tmp_path / "geo.zip"
    kili.export_labels(project_id, str(target), "geojson", layout="merged", with_assets=False)
    archive = zipfile.ZipFile(target)
    files = sorted(n for n in archive.namelist() if n.endswith(".geojson"))
    assert files == [f"labels/tile-{index}.geojson" for index in range(3)]
    collection = json.loads(archive.read("labels/tile-1.geojson"))
    assert collection["type"] == "FeatureCollection"
    geometries = [
        feature["geometry"] and feature["geometry"]["type"] for feature in collection["features"]
    ]
    assert geometries == ["Polygon", "Point", "Polygon", "LineString", None]
    assert collection["features"][1]["geometry"]["coordinates"] == pytest.approx([2.31, 48.85])
    assert collection["properties"]["kili"]["assetId"]
    with pytest.raises(NotCompatibleInputType, match="GEOSPATIAL"):
        kili.export_labels(project_id, str(tmp_path / "y.zip"), "yolo_v4", with_assets=False)


def test_pdf_entities_get_pixel_vertices_of_their_own_page(kili: Kili, tmp_path: Path) -> None:
    project_id = build_pdf_project(kili)
    target = tmp_path / "pdf.zip"
    kili.export_labels(project_id, str(target), "kili", with_assets=False)
    asset = json.loads(zipfile.ZipFile(target).read("labels/paper.json"))
    first, second = asset["latestLabel"]["jsonResponse"]["ENTITIES"]["annotations"]
    for entity, (width, height) in zip((first, second), PAGE_SIZES, strict=True):
        (part,) = entity["annotations"]
        for key in ("boundingPoly", "polys"):
            (shape,) = part[key]
            assert shape["vertices"] == [
                pytest.approx({"x": v["x"] * width, "y": v["y"] * height})
                for v in shape["normalizedVertices"]
            ]
    assert second["annotations"][0]["polys"][0]["vertices"][0] == pytest.approx({"x": 600, "y": 90})
    for fmt, layout in (("yolo_v4", "split"), ("pascal_voc", "merged")):
        with pytest.raises(NotCompatibleInputType, match="'PDF'"):
            kili.export_labels(project_id, str(tmp_path / "x.zip"), fmt, layout=layout)  # type: ignore[arg-type]
