"""Pascal VOC conversions, checked against kili-formats (what the official exporter calls)."""

from __future__ import annotations

import random
from xml.etree import ElementTree

import pytest
from kili_formats import convert_from_kili_to_voc_format

from kili.use_cases.label_export.formats.pascal_voc_files import (
    voc_image_files,
    voc_job_refusal,
    voc_video_files,
    voc_xml,
)
from tests.unit.use_cases.label_formats_samples import JOBS, json_response

BOX_JOBS = [name for name, job in JOBS.items() if voc_job_refusal(job) is None]


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_xml_equals_kili_formats_byte_for_byte(rotation: int) -> None:
    rng = random.Random(rotation)
    boxes = 0
    for _ in range(40):
        response = json_response(rng, rotation)
        response.pop("SHAPES")  # a job without a rectangle tool is not written
        width, height = rng.randrange(1, 4000), rng.randrange(1, 4000)
        ours = voc_xml(response, width, height, "a.png", BOX_JOBS)
        official = convert_from_kili_to_voc_format(
            response, width, height, {"filename": "a.png"}, BOX_JOBS
        )
        assert ours == f"{official}\n".encode()
        boxes += len(ElementTree.fromstring(ours).findall("object"))
    assert boxes > 20


def test_boxes_are_pixels_rounded_and_each_category_is_an_object() -> None:
    box = [
        {"x": 0.1, "y": 0.25},
        {"x": 0.5, "y": 0.25},
        {"x": 0.5, "y": 0.75},
        {"x": 0.1, "y": 0.75},
    ]
    response = {
        "BOXES": {
            "annotations": [
                {
                    "categories": [{"name": "CAR"}, {"name": "BUS"}],
                    "type": "rectangle",
                    "boundingPoly": [{"normalizedVertices": box}],
                }
            ]
        },
        "POINTS": {
            "annotations": [{"categories": [{"name": "EYE"}], "type": "marker", "point": box[0]}]
        },
    }
    root = ElementTree.fromstring(voc_xml(response, 200, 100, "car.jpg", BOX_JOBS))
    assert root.findtext("filename") == "car.jpg"
    assert (
        root.findtext("size/width"),
        root.findtext("size/height"),
        root.findtext("size/depth"),
    ) == ("200", "100", "3")
    objects = root.findall("object")
    assert [item.findtext("name") for item in objects] == ["CAR", "BUS"]
    assert [objects[0].findtext(f"bndbox/{tag}") for tag in ("xmin", "ymin", "xmax", "ymax")] == [
        "20",
        "25",
        "100",
        "75",
    ]
    assert objects[0].findtext("job_name") == "BOXES"


def test_refusal_names_the_missing_rectangle() -> None:
    assert "rectangle" in str(voc_job_refusal(JOBS["SHAPES"]))
    assert "CLASSIFICATION" in str(voc_job_refusal(JOBS["WEATHER"]))
    assert BOX_JOBS == ["BOXES"]


def test_image_and_video_file_names() -> None:
    rng = random.Random(1)
    image = {"externalId": "photo", "latestLabel": {"jsonResponse": json_response(rng)}}
    [(path, data)] = voc_image_files(image, (10, 20), None, BOX_JOBS)
    assert path == "labels/photo.xml"
    assert ElementTree.fromstring(data).findtext("filename") == "photo"
    [(_, data)] = voc_image_files(image, (10, 20), "photo.png", BOX_JOBS)
    assert ElementTree.fromstring(data).findtext("filename") == "photo.png"
    frames = {str(index): json_response(rng) for index in range(10)}
    video = {
        "externalId": "clip",
        "latestLabels": [{"jsonResponse": frames}, {"jsonResponse": {"0": {}}}],
    }
    files = voc_video_files(video, (10, 20), ".jpg", BOX_JOBS)
    assert [path for path, _ in files][:2] == [
        "labels/clip_01_label1.xml",
        "labels/clip_02_label1.xml",
    ]
    assert files[-1][0] == "labels/clip_1_label2.xml"
    assert ElementTree.fromstring(files[0][1]).findtext("filename") == "clip_01_label1.jpg"
    assert len(files) == 11
