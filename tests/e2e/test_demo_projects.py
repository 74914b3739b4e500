"""Projects made from the emulator's demo templates: interface, assets, labels, offline."""

from __future__ import annotations

import httpx
import pytest

from kili.client import Kili
from kili_emulator.server import EmulatorServer


@pytest.mark.parametrize(
    ("demo", "input_type", "jobs"),
    [
        (
            "DEMO_COMPUTER_VISION_TUTORIAL",
            "IMAGE",
            {"CLASSIFICATION_JOB", "OBJECT_DETECTION_JOB"},
        ),
        ("DEMO_TEXT_TUTORIAL", "TEXT", {"CLASSIFICATION_JOB"}),
        ("DEMO_NER", "TEXT", {"NAMED_ENTITIES_RECOGNITION_JOB"}),
    ],
)
def test_a_demo_project_comes_with_interface_assets_and_labels(
    kili: Kili, demo: str, input_type: str, jobs: set[str]
) -> None:
    project_id = kili.create_project(title=f"from {demo}", from_demo_project=demo)["id"]
    (project,) = kili.projects(
        project_id=project_id, fields=["title", "inputType", "jsonInterface"]
    )
    assert project["title"] == f"from {demo}"
    assert project["inputType"] == input_type
    assert set(project["jsonInterface"]["jobs"]) == jobs
    assert kili.count_assets(project_id) == 3
    assert kili.count_assets(project_id, status_in=["LABELED"]) == 2
    labels = kili.labels(project_id, fields=["jsonResponse", "labelOf.externalId"])
    assert len(labels) == 2
    assert {job for label in labels for job in label["jsonResponse"]} <= jobs


def test_demo_images_are_drawn_and_served_by_the_emulator(
    kili: Kili, emulator_server: EmulatorServer
) -> None:
    project_id = kili.create_project(
        title="vision", from_demo_project="DEMO_COMPUTER_VISION_TUTORIAL"
    )["id"]
    (asset,) = kili.assets(project_id, external_id_strictly_in=["red"], fields=["content"])
    assert asset["content"].startswith(emulator_server.base_url)
    response = httpx.get(
        asset["content"], headers={"Authorization": f"X-API-Key: {emulator_server.api_key}"}
    )
    assert response.status_code == 200
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_demo_ner_labels_point_at_the_text(kili: Kili) -> None:
    project_id = kili.create_project(title="ner", from_demo_project="DEMO_NER")["id"]
    labels = kili.labels(project_id, fields=["jsonResponse", "labelOf.content"])
    for label in labels:
        text = label["labelOf"]["content"]
        for entity in label["jsonResponse"]["NAMED_ENTITIES_RECOGNITION_JOB"]["annotations"]:
            assert text[entity["beginOffset"] : entity["endOffset"]] == entity["content"]


def test_demo_labels_parse_against_their_interface(kili: Kili) -> None:
    project_id = kili.create_project(
        title="parsed", from_demo_project="DEMO_COMPUTER_VISION_TUTORIAL"
    )["id"]
    labels = kili.labels(project_id, output_format="parsed_label")
    assert len(labels) == 2
    for label in labels:
        (box,) = label.jobs["OBJECT_DETECTION_JOB"].annotations
        assert box.category.name == "SQUARE"
        assert label.jobs["CLASSIFICATION_JOB"].category.name in {"RED", "GREEN"}
