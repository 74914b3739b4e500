"""YOLO conversions, checked against kili-formats (what the official exporter calls)."""

from __future__ import annotations

import random

import pytest
import yaml
from kili_formats import convert_from_kili_to_yolo_format
from kili_formats.types import JobCategory

from kili.use_cases.label_export.formats.yolo_files import (
    YoloClassGroup,
    yolo_asset_files,
    yolo_class_file,
    yolo_class_groups,
    yolo_job_refusal,
    yolo_lines,
)
from tests.unit.use_cases.label_formats_samples import JOBS, json_response


def official_lines(response: dict, group: YoloClassGroup) -> bytes:
    """Write the lines the official exporter writes, from kili-formats' shapes."""
    category_ids = {
        key: JobCategory(category_name=item.category, id=item.class_id, job_id=item.job_name)
        for key, item in group.classes.items()
    }
    text = ""
    for job_name in group.job_names:
        for class_id, *points in convert_from_kili_to_yolo_format(
            job_name, {"jsonResponse": response}, category_ids
        ):
            text += f"{class_id} {' '.join(str(point) for point in points)}\n"
    return text.encode()


@pytest.mark.parametrize("merged", [False, True])
@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_lines_equal_kili_formats_for_boxes_polygons_and_segmentations(
    merged: bool, rotation: int
) -> None:
    rng = random.Random(rotation * 2 + merged)
    groups = yolo_class_groups(JOBS, merged=merged)
    written = 0
    for _ in range(50):
        response = json_response(rng, rotation)
        for group in groups:
            ours = yolo_lines(response, group)
            assert ours == official_lines(response, group)
            written += ours.count(b"\n")
    assert written > 100


def test_box_is_centre_and_size_and_polygon_keeps_every_vertex() -> None:
    group = yolo_class_groups(JOBS, merged=True)[0]
    box = [{"x": 0.1, "y": 0.2}, {"x": 0.5, "y": 0.2}, {"x": 0.5, "y": 0.6}, {"x": 0.1, "y": 0.6}]
    response = {
        "BOXES": {
            "annotations": [
                {
                    "categories": [{"name": "BUS"}],
                    "type": "rectangle",
                    "boundingPoly": [{"normalizedVertices": box}],
                }
            ]
        },
        "SHAPES": {
            "annotations": [
                {
                    "categories": [{"name": "TREE"}],
                    "type": "polygon",
                    "boundingPoly": [{"normalizedVertices": box[:3]}],
                }
            ]
        },
        "POINTS": {
            "annotations": [{"categories": [{"name": "EYE"}], "type": "marker", "point": box[0]}]
        },
    }
    lines = yolo_lines(response, group).decode().splitlines()
    assert len(lines) == 2
    class_id, *numbers = lines[0].split()
    assert class_id == "1"
    assert [float(n) for n in numbers] == pytest.approx([0.3, 0.4, 0.4, 0.4])
    assert lines[1] == "3 0.1 0.2 0.5 0.2 0.5 0.6"


def test_refusals_name_what_the_job_lacks() -> None:
    assert yolo_job_refusal(JOBS["BOXES"]) is None
    assert yolo_job_refusal(JOBS["SHAPES"]) is None
    assert "marker" in str(yolo_job_refusal(JOBS["POINTS"]))
    assert "CLASSIFICATION" in str(yolo_job_refusal(JOBS["WEATHER"]))
    assert [group.folder for group in yolo_class_groups(JOBS, merged=False)] == ["BOXES", "SHAPES"]


def test_class_files_of_each_version() -> None:
    split = yolo_class_groups(JOBS, merged=False)[0]
    merged = yolo_class_groups(JOBS, merged=True)[0]
    assert yolo_class_file("yolo_v4", split, False) == ("classes.txt", b"0 CAR\n1 BUS\n")
    assert yolo_class_file("yolo_v4", merged, True)[1].decode().splitlines() == [
        "0 BOXES/CAR",
        "1 BOXES/BUS",
        "2 SHAPES/ROAD",
        "3 SHAPES/TREE",
    ]
    assert yolo_class_file("yolo_v5", split, False) == (
        "data.yaml",
        b"names:\n  0: CAR\n  1: BUS\n",
    )
    for fmt in ("yolo_v7", "yolo_v8"):
        _, data = yolo_class_file(fmt, merged, True)
        assert data == b"nc: 4\nnames: ['BOXES/CAR', 'BOXES/BUS', 'SHAPES/ROAD', 'SHAPES/TREE']\n"
        assert yaml.safe_load(data) == {
            "nc": 4,
            "names": ["BOXES/CAR", "BOXES/BUS", "SHAPES/ROAD", "SHAPES/TREE"],
        }
    assert yaml.safe_load(yolo_class_file("yolo_v5", merged, True)[1])["names"][3] == "SHAPES/TREE"


def test_video_frames_get_one_file_per_annotated_frame() -> None:
    rng = random.Random(7)
    group = yolo_class_groups(JOBS, merged=False)[0]
    frames = {str(index): json_response(rng) for index in range(12)}
    frames["3"] = {}
    asset = {
        "externalId": "clip",
        "jsonContent": [f"https://x/{i}.jpg" for i in range(12)],
        "latestLabel": {"jsonResponse": frames},
    }
    files = yolo_asset_files(asset, group, remote_media=True)
    annotated = [i for i in range(12) if frames[str(i)].get("BOXES", {}).get("annotations")]
    assert [path for path, _ in files.labels] == [
        f"BOXES/labels/clip_{i + 1:02d}.txt" for i in annotated
    ]
    assert files.video_frames == [f"clip_{i + 1:02d}" for i in annotated]
    assert [row[1] for row in files.remote_rows] == [f"https://x/{i}.jpg" for i in annotated]


def test_several_labels_get_numbered_files_and_images_lose_their_extension() -> None:
    group = yolo_class_groups(JOBS, merged=True)[0]
    rng = random.Random(3)
    asset = {
        "externalId": "photo.jpg",
        "content": "https://x/photo.jpg",
        "jsonContent": "",
        "latestLabels": [
            {"jsonResponse": json_response(rng)},
            None,
            {"jsonResponse": json_response(rng)},
        ],
    }
    files = yolo_asset_files(asset, group, remote_media=False)
    assert [path for path, _ in files.labels] == [
        "labels/photo.jpg_label1.txt",
        "labels/photo.jpg_label2.txt",
    ]
    single = yolo_asset_files({**asset, "latestLabels": asset["latestLabels"][:1]}, group, False)
    assert [path for path, _ in single.labels] == ["labels/photo.txt"]
    assert files.remote_rows == []
