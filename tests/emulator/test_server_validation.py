"""The emulator refuses invalid interfaces and label answers, as Kili does, storing nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.emulator.helpers import Client

JOBS = {
    "CLASSIFICATION_JOB": {
        "mlTask": "CLASSIFICATION",
        "content": {"input": "radio", "categories": {"A": {"name": "A"}, "B": {"name": "B"}}},
    },
    "DETECTION_JOB": {
        "mlTask": "OBJECT_DETECTION",
        "tools": ["rectangle", "polygon"],
        "content": {"input": "checkbox", "categories": {"CAR": {"name": "CAR"}}},
    },
    "TRANSCRIPTION_JOB": {"mlTask": "TRANSCRIPTION", "content": {"input": "textField"}},
}
CREATE = "mutation($data: CreateProjectData!) { createProject(data: $data) { id jsonInterface } }"
UPDATE = (
    "mutation($data: ProjectData!, $where: ProjectWhere!) {"
    " updatePropertiesInProject(data: $data, where: $where) { id } }"
)
APPEND = (
    "mutation($data: AppendManyLabelsData!, $where: AssetWhere!) {"
    " appendManyLabels(data: $data, where: $where) { id } }"
)

BAD_INTERFACES = {
    "jobs-not-a-mapping": {"jobs": [{"mlTask": "CLASSIFICATION"}]},
    "job-not-a-mapping": {"jobs": {"JOB": "CLASSIFICATION"}},
    "unknown-ml-task": {"jobs": {"JOB": {"mlTask": "CLASSIFY"}}},
    "no-ml-task": {"jobs": {"JOB": {"content": {}}}},
    "categories-not-a-mapping": {
        "jobs": {"JOB": {"mlTask": "CLASSIFICATION", "content": {"categories": ["A", "B"]}}}
    },
    "unknown-tool": {"jobs": {"JOB": {"mlTask": "OBJECT_DETECTION", "tools": ["lasso"]}}},
    "unknown-input": {
        "jobs": {"JOB": {"mlTask": "CLASSIFICATION", "content": {"input": "slider"}}}
    },
}


def create_project(client: Client, title: str, interface: Any, input_type: str = "IMAGE") -> Any:
    return client.post(
        CREATE,
        {
            "data": {
                "title": title,
                "description": "",
                "inputType": input_type,
                "jsonInterface": json.dumps(interface),
            }
        },
    ).json()


def count_titled(client: Client, title: str) -> int:
    projects = client.execute("query { projects(where: {}, first: 500, skip: 0) { title } }")[
        "projects"
    ]
    return sum(project["title"] == title for project in projects)


def refusal(body: Any) -> str:
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    message: str = error["message"]
    return message


@pytest.mark.parametrize("interface", BAD_INTERFACES.values(), ids=BAD_INTERFACES.keys())
def test_an_invalid_interface_creates_no_project(admin: Client, interface: Any) -> None:
    title = f"invalid interface {json.dumps(interface)}"

    message = refusal(create_project(admin, title, interface))

    assert message.startswith("Invalid jsonInterface")
    assert count_titled(admin, title) == 0


@pytest.mark.parametrize("interface", BAD_INTERFACES.values(), ids=BAD_INTERFACES.keys())
def test_an_invalid_interface_leaves_the_project_unchanged(admin: Client, interface: Any) -> None:
    project = create_project(admin, "kept interface", {"jobs": JOBS})["data"]["createProject"]

    body = admin.post(
        UPDATE, {"data": {"jsonInterface": json.dumps(interface)}, "where": {"id": project["id"]}}
    ).json()

    assert refusal(body).startswith("Invalid jsonInterface")
    stored = admin.execute(
        "query($w: ProjectWhere!) { projects(where: $w, first: 1, skip: 0) { jsonInterface } }",
        {"w": {"id": project["id"]}},
    )["projects"][0]["jsonInterface"]
    assert json.loads(stored) == {"jobs": JOBS}


def test_valid_and_empty_interfaces_are_accepted(admin: Client) -> None:
    for interface in ({"jobs": JOBS}, {}, {"jobs": {}}):
        body = create_project(admin, "valid interface", interface)

        assert json.loads(body["data"]["createProject"]["jsonInterface"]) == interface


@pytest.fixture
def asset_id(admin: Client) -> str:
    project_id = create_project(admin, "labels", {"jobs": JOBS})["data"]["createProject"]["id"]
    [asset] = admin.import_assets(project_id, contentArray=["https://example.com/a.jpg"])
    return str(asset["id"])


def append(client: Client, asset_id: str, *responses: dict[str, Any]) -> Any:
    labels = [{"assetID": asset_id, "jsonResponse": json.dumps(r)} for r in responses]
    return client.post(
        APPEND,
        {"data": {"labelType": "DEFAULT", "labelsData": labels}, "where": {"idIn": [asset_id]}},
    ).json()


def count_labels(client: Client, asset_id: str) -> int:
    count: int = client.execute(
        "query($w: LabelWhere!) { countLabels(where: $w) }", {"w": {"asset": {"id": asset_id}}}
    )["countLabels"]
    return count


GOOD = {
    "CLASSIFICATION_JOB": {"categories": [{"name": "A", "confidence": 100}]},
    "DETECTION_JOB": {"annotations": [{"categories": [{"name": "CAR"}], "type": "rectangle"}]},
    "TRANSCRIPTION_JOB": {"text": "free text"},
}
BAD_RESPONSES = {
    "unknown-job": ({"OTHER_JOB": {"categories": [{"name": "A"}]}}, "job 'OTHER_JOB'"),
    "unknown-category": (
        {"CLASSIFICATION_JOB": {"categories": [{"name": "C"}]}},
        "no category 'C'",
    ),
    "unknown-annotation-category": (
        {"DETECTION_JOB": {"annotations": [{"categories": [{"name": "BUS"}]}]}},
        "no category 'BUS'",
    ),
    "two-categories-on-radio": (
        {"CLASSIFICATION_JOB": {"categories": [{"name": "A"}, {"name": "B"}]}},
        "single category",
    ),
}


@pytest.mark.parametrize(("response", "reason"), BAD_RESPONSES.values(), ids=BAD_RESPONSES.keys())
def test_an_invalid_answer_stores_no_label_of_its_batch(
    admin: Client, asset_id: str, response: dict[str, Any], reason: str
) -> None:
    message = refusal(append(admin, asset_id, GOOD, response))

    assert message.startswith("Invalid jsonResponse")
    assert reason in message
    assert count_labels(admin, asset_id) == 0


def test_valid_answers_are_stored(admin: Client, asset_id: str) -> None:
    body = append(admin, asset_id, GOOD, {"ANNOTATION_JOB_COUNTER": {}}, {})

    assert "errors" not in body, body
    assert count_labels(admin, asset_id) == 3


def test_video_answers_may_be_keyed_by_frame(admin: Client) -> None:
    created = create_project(admin, "video", {"jobs": JOBS}, input_type="VIDEO")
    project_id = created["data"]["createProject"]["id"]
    [asset] = admin.import_assets(project_id, contentArray=["https://example.com/v.mp4"])
    bad_frame = {"1": {"CLASSIFICATION_JOB": {"categories": [{"name": "Z"}]}}}

    assert "errors" not in append(admin, asset["id"], {"0": GOOD})
    assert "frame 1" in refusal(append(admin, asset["id"], bad_frame))
    assert count_labels(admin, asset["id"]) == 1


def test_updates_and_honeypots_are_checked_too(admin: Client, asset_id: str) -> None:
    [label] = append(admin, asset_id, GOOD)["data"]["appendManyLabels"]
    unknown = json.dumps({"OTHER_JOB": {}})

    update = admin.post(
        "mutation($data: LabelData!, $where: LabelWhere!) {"
        " updatePropertiesInLabel(data: $data, where: $where) { id } }",
        {"data": {"jsonResponse": unknown}, "where": {"id": label["id"]}},
    ).json()
    honeypot = admin.post(
        "mutation($data: CreateHoneypotData!, $where: AssetWhere!) {"
        " createHoneypot(data: $data, where: $where) { id } }",
        {"data": {"jsonResponse": unknown}, "where": {"id": asset_id}},
    ).json()

    assert "job 'OTHER_JOB'" in refusal(update)
    assert "job 'OTHER_JOB'" in refusal(honeypot)
    stored = admin.execute(
        "query($w: LabelWhere!) { labels(where: $w, first: 10, skip: 0) { jsonResponse } }",
        {"w": {"asset": {"id": asset_id}}},
    )["labels"]
    assert [json.loads(label["jsonResponse"]) for label in stored] == [GOOD]
