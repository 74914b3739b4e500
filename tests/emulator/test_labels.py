"""Label queries and mutations of the emulator, over HTTP."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from kili_emulator.events import open_label_stream
from tests.emulator.helpers import Client, new_member

LABEL_FIELDS = "id labelType jsonResponse modelName secondsToLabel author { id } assetId"
APPEND = (
    "mutation($data: AppendManyLabelsData!, $where: AssetWhere!) {"
    f" appendManyLabels(data: $data, where: $where) {{ {LABEL_FIELDS} }} }}"
)
LABELS = (
    "query($where: LabelWhere!, $first: PageSize!, $skip: Int!) {"
    f" labels(where: $where, first: $first, skip: $skip) {{ {LABEL_FIELDS} isLatestLabelForUser"
    " honeypotMark numberOfAnnotations } }"
)
COUNT = "query($where: LabelWhere!) { countLabels(where: $where) }"
A = {"CLASSIF": {"categories": [{"name": "A"}]}}
B = {"CLASSIF": {"categories": [{"name": "B"}]}}


INTERFACE = {
    "jobs": {
        "CLASSIF": {
            "mlTask": "CLASSIFICATION",
            "content": {"input": "checkbox", "categories": {"A": {}, "B": {}}},
        }
    }
}


@pytest.fixture
def project_id(admin: Client, request: pytest.FixtureRequest) -> str:
    """A fresh project whose interface has the job the tests' answers name."""
    project_id = admin.create_project(title=request.node.name)
    admin.execute(
        "mutation($data: ProjectData!, $where: ProjectWhere!) {"
        " updatePropertiesInProject(data: $data, where: $where) { id } }",
        {"data": {"jsonInterface": json.dumps(INTERFACE)}, "where": {"id": project_id}},
    )
    return project_id


def code_of(errors: list[dict[str, Any]]) -> str:
    return str(errors[0]["extensions"]["code"])


@pytest.fixture
def assets(admin: Client, project_id: str) -> list[str]:
    """Three assets x0, x1, x2 in the test's project."""
    created = admin.import_assets(
        project_id, contentArray=["a", "b", "c"], externalIDArray=["x0", "x1", "x2"]
    )
    return [asset["id"] for asset in created]


def append(
    client: Client,
    asset_ids: list[str],
    answers: list[dict[str, Any]],
    label_type: str = "DEFAULT",
    **extra: Any,
) -> list[dict[str, Any]]:
    data = {
        "labelType": label_type,
        "labelsData": [
            {"assetID": asset_id, "jsonResponse": json.dumps(answer), **extra}
            for asset_id, answer in zip(asset_ids, answers, strict=True)
        ],
    }
    result: list[dict[str, Any]] = client.execute(
        APPEND, {"data": data, "where": {"idIn": asset_ids}}
    )["appendManyLabels"]
    return result


def labels(client: Client, where: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.execute(LABELS, {"where": where, "first": 500, "skip": 0})[
        "labels"
    ]
    assert client.execute(COUNT, {"where": where})["countLabels"] == len(found)
    return found


def statuses(client: Client, project_id: str) -> dict[str, str]:
    data = client.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 100, skip: 0) { externalId status } }",
        {"w": {"project": {"id": project_id}}},
    )
    return {asset["externalId"]: asset["status"] for asset in data["assets"]}


def test_append_many_labels_returns_the_labels_in_order(
    admin: Client, project_id: str, assets: list[str]
) -> None:
    created = append(admin, [assets[2], assets[0]], [A, B], secondsToLabel=4)
    assert [label["assetId"] for label in created] == [assets[2], assets[0]]
    assert [json.loads(label["jsonResponse"]) for label in created] == [A, B]
    assert {label["secondsToLabel"] for label in created} == {4}
    viewer = admin.execute("query { viewer { id } }")["viewer"]["id"]
    assert {label["author"]["id"] for label in created} == {viewer}
    listed = labels(admin, {"project": {"id": project_id}})
    assert [label["id"] for label in listed] == [label["id"] for label in created]


def test_each_label_type_moves_the_asset_its_own_way(
    admin: Client, project_id: str, assets: list[str]
) -> None:
    append(admin, [assets[0]], [A])
    append(admin, [assets[1]], [A], label_type="AUTOSAVE")
    append(admin, [assets[2]], [A], label_type="PREDICTION", modelName="m")
    assert statuses(admin, project_id) == {"x0": "LABELED", "x1": "ONGOING", "x2": "TODO"}
    append(admin, [assets[0], assets[2]], [B, B], label_type="REVIEW")
    append(admin, [assets[1]], [A], label_type="INFERENCE", modelName="m")
    assert statuses(admin, project_id) == {"x0": "REVIEWED", "x1": "ONGOING", "x2": "REVIEWED"}
    append(admin, [assets[1]], [A], label_type="AUTOSAVE")
    assert statuses(admin, project_id)["x1"] == "ONGOING"


def test_latest_flags_follow_the_newest_label(admin: Client, assets: list[str]) -> None:
    first = append(admin, [assets[0]], [A])[0]["id"]
    second = append(admin, [assets[0]], [B], label_type="REVIEW")[0]["id"]
    flags = {
        label["id"]: label["isLatestLabelForUser"] for label in labels(admin, {"id": first})
    } | {label["id"]: label["isLatestLabelForUser"] for label in labels(admin, {"id": second})}
    assert flags == {first: False, second: True}
    latest = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 1, skip: 0) { latestLabel { id } } }",
        {"w": {"id": assets[0]}},
    )["assets"][0]["latestLabel"]
    assert latest == {"id": second}


def test_bad_labels_are_refused_and_nothing_is_written(
    admin: Client, project_id: str, assets: list[str]
) -> None:
    attempts = [
        ({"labelType": "PREDICTION", "labelsData": [{"assetID": assets[0], "jsonResponse": "{}"}]},
         {"idIn": [assets[0]]}, "BAD_USER_INPUT"),
        ({"labelType": "DEFAULT", "labelsData": [{"assetID": assets[0], "jsonResponse": "[1]"}]},
         {"idIn": [assets[0]]}, "BAD_USER_INPUT"),
        ({"labelType": "DEFAULT", "labelsData": [{"assetID": assets[1], "jsonResponse": "{}"}]},
         {"idIn": [assets[0]]}, "NOT_FOUND"),
        ({"labelType": "DEFAULT", "labelsData": [
            {"assetID": assets[0], "jsonResponse": "{}"},
            {"assetID": assets[1], "jsonResponse": "{", "authorID": "nobody"}]},
         {"idIn": assets[:2]}, "NOT_FOUND"),
        ({"labelType": "DEFAULT", "stepName": "Review",
          "labelsData": [{"assetID": assets[0], "jsonResponse": "{}"}]},
         {"idIn": [assets[0]]}, "BAD_USER_INPUT"),
    ]  # fmt: skip
    for data, where, code in attempts:
        errors = admin.errors(APPEND, {"data": data, "where": where})
        assert code_of(errors) == code, errors
    assert labels(admin, {"project": {"id": project_id}}) == []
    assert set(statuses(admin, project_id).values()) == {"TODO"}


def test_overwrite_replaces_the_same_model_labels(admin: Client, assets: list[str]) -> None:
    append(admin, [assets[0]], [A], label_type="PREDICTION", modelName="v1")
    kept = append(admin, [assets[0]], [A], label_type="PREDICTION", modelName="v2")[0]["id"]
    data = {
        "labelType": "PREDICTION",
        "overwrite": True,
        "labelsData": [{"assetID": assets[0], "jsonResponse": json.dumps(B), "modelName": "v1"}],
    }
    new = admin.execute(APPEND, {"data": data, "where": {"idIn": [assets[0]]}})
    remaining = labels(admin, {"asset": {"id": assets[0]}})
    assert {label["id"] for label in remaining} == {kept, new["appendManyLabels"][0]["id"]}


def test_roles_decide_who_labels_and_who_reviews(
    admin: Client, project_id: str, assets: list[str]
) -> None:
    labeler, labeler_id = new_member(admin, project_id, "LABELER")
    reviewer, _ = new_member(admin, project_id, "REVIEWER")
    outsider, _ = new_member(admin, None, "LABELER")
    created = append(labeler, [assets[0]], [A])
    assert created[0]["author"]["id"] == labeler_id
    data = {"labelType": "REVIEW", "labelsData": [{"assetID": assets[1], "jsonResponse": "{}"}]}
    assert code_of(labeler.errors(APPEND, {"data": data, "where": {"idIn": [assets[1]]}})) == (
        "FORBIDDEN"
    )
    assert append(reviewer, [assets[1]], [B], label_type="REVIEW")[0]["labelType"] == "REVIEW"
    other_author = {
        "labelType": "DEFAULT",
        "labelsData": [{"assetID": assets[2], "jsonResponse": "{}", "authorID": labeler_id}],
    }
    errors = reviewer.errors(APPEND, {"data": other_author, "where": {"idIn": [assets[2]]}})
    assert code_of(errors) == "FORBIDDEN"
    on_behalf = admin.execute(APPEND, {"data": other_author, "where": {"idIn": [assets[2]]}})
    assert on_behalf["appendManyLabels"][0]["author"]["id"] == labeler_id
    errors = outsider.errors(
        APPEND,
        {
            "data": {"labelType": "DEFAULT", "labelsData": []},
            "where": {"project": {"id": project_id}},
        },
    )
    assert code_of(errors) == "NOT_FOUND"
    assert outsider.execute(COUNT, {"where": {"project": {"id": project_id}}}) == {"countLabels": 0}
    assert statuses(admin, project_id) == {"x0": "LABELED", "x1": "REVIEWED", "x2": "LABELED"}


def test_append_to_labels_creates_one_label(admin: Client, assets: list[str]) -> None:
    viewer = admin.execute("query { viewer { id } }")["viewer"]["id"]
    label = admin.execute(
        "mutation($data: AppendToLabelsData!, $where: AssetWhere!) {"
        " appendToLabels(data: $data, where: $where) { id labelType assetId } }",
        {
            "data": {"authorID": viewer, "jsonResponse": json.dumps(A), "labelType": "DEFAULT"},
            "where": {"id": assets[1]},
        },
    )["appendToLabels"]
    assert (label["labelType"], label["assetId"]) == ("DEFAULT", assets[1])


UPDATE = (
    "mutation($data: LabelData!, $where: LabelWhere!) {"
    " updatePropertiesInLabel(data: $data, where: $where) { id jsonResponse modelName"
    " secondsToLabel } }"
)


def test_update_properties_in_label(admin: Client, project_id: str, assets: list[str]) -> None:
    labeler, _ = new_member(admin, project_id, "LABELER")
    mine = append(labeler, [assets[0]], [A])[0]["id"]
    others = append(admin, [assets[1]], [A])[0]["id"]
    updated = labeler.execute(
        UPDATE,
        {"data": {"jsonResponse": json.dumps(B), "secondsToLabel": 7}, "where": {"id": mine}},
    )["updatePropertiesInLabel"]
    assert json.loads(updated["jsonResponse"]) == B
    assert updated["secondsToLabel"] == 7
    errors = labeler.errors(UPDATE, {"data": {"secondsToLabel": 1}, "where": {"id": others}})
    assert code_of(errors) == "FORBIDDEN"
    errors = admin.errors(UPDATE, {"data": {"secondsToLabel": 1}, "where": {"id": "missing"}})
    assert code_of(errors) == "NOT_FOUND"


HONEYPOT = (
    "mutation($data: CreateHoneypotData!, $where: AssetWhere!) {"
    " createHoneypot(data: $data, where: $where) { id labelType } }"
)


def test_honeypot_marks_measure_agreement_with_the_reference(
    admin: Client, project_id: str, assets: list[str]
) -> None:
    before = append(admin, [assets[0]], [B])[0]["id"]
    honeypot = admin.execute(
        HONEYPOT, {"data": {"jsonResponse": json.dumps(A)}, "where": {"id": assets[0]}}
    )["createHoneypot"]
    assert honeypot["labelType"] == "REVIEW"
    agree = append(admin, [assets[0]], [A])[0]["id"]
    marks = {
        label["id"]: label["honeypotMark"]
        for label in labels(admin, {"asset": {"id": assets[0]}, "typeIn": ["DEFAULT"]})
    }
    assert marks == {before: 0.0, agree: 1.0}
    asset = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 1, skip: 0) {"
        " isHoneypot honeypotMark status } }",
        {"w": {"id": assets[0]}},
    )["assets"][0]
    # The asset's mark averages the latest label of each labeler: here one, `agree`.
    assert asset == {"isHoneypot": True, "honeypotMark": 1.0, "status": "LABELED"}
    assert [label["id"] for label in labels(admin, {"honeypotMarkGte": 0.9})] == [agree]


DELETE = "mutation($ids: [ID!]!) { deleteLabels(ids: $ids) }"


def test_only_model_labels_can_be_deleted(admin: Client, assets: list[str]) -> None:
    human = append(admin, [assets[0]], [A])[0]["id"]
    model = append(admin, [assets[1]], [A], label_type="INFERENCE", modelName="m")[0]["id"]
    assert code_of(admin.errors(DELETE, {"ids": [human, model]})) == "BAD_USER_INPUT"
    assert admin.execute(DELETE, {"ids": [model]}) == {"deleteLabels": [model]}
    assert admin.execute(DELETE, {"ids": [model]}) == {"deleteLabels": []}
    assert [label["id"] for label in labels(admin, {"asset": {"id": assets[0]}})] == [human]


def test_every_label_filter(admin: Client, project_id: str, assets: list[str]) -> None:
    labeler, labeler_id = new_member(admin, project_id, "LABELER")
    by_labeler = append(labeler, [assets[0]], [A])[0]["id"]
    review = append(admin, [assets[1]], [B], label_type="REVIEW")[0]["id"]
    prediction = append(admin, [assets[2]], [A], label_type="PREDICTION", modelName="m")[0]["id"]
    project = {"project": {"id": project_id}}

    def ids(**where: Any) -> set[str]:
        return {label["id"] for label in labels(admin, {**project, **where})}

    assert ids() == {by_labeler, review, prediction}
    assert ids(id=review) == {review}
    assert ids(idIn=[review, prediction]) == {review, prediction}
    assert ids(typeIn=["PREDICTION", "DEFAULT"]) == {prediction, by_labeler}
    assert ids(user={"id": labeler_id}) == {by_labeler}
    assert ids(authorIn=[labeler_id]) == {by_labeler}
    assert ids(asset={"externalIdStrictlyIn": ["x1", "x2"]}) == {review, prediction}
    assert ids(asset={"statusIn": ["LABELED"]}) == {by_labeler}
    assert ids(search="CLASSIF.B.count == 1") == {review}
    assert ids(search="CLASSIF.A.count > 0 AND CLASSIF.B.count < 1") == {by_labeler, prediction}
    assert ids(createdAtGte="2000-01-01", createdAtLte="2999-12-31") == {
        by_labeler,
        review,
        prediction,
    }
    assert ids(createdAtLte="2000-01-01") == set()
    assert ids(jsonResponseContains=['"B"']) == {review}


def test_a_bad_search_is_refused_with_its_position(admin: Client, project_id: str) -> None:
    errors = admin.errors(
        COUNT, {"where": {"project": {"id": project_id}, "search": "J.A.cnt > 1"}}
    )
    assert code_of(errors) == "BAD_USER_INPUT"
    assert errors[0]["extensions"]["position"] == 4


def test_assets_are_filtered_by_their_labels_search(
    admin: Client, project_id: str, assets: list[str]
) -> None:
    append(admin, [assets[0], assets[1]], [A, B])
    found = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 10, skip: 0) { externalId } }",
        {"w": {"project": {"id": project_id}, "label": {"search": "CLASSIF.B.count >= 1"}}},
    )["assets"]
    assert found == [{"externalId": "x1"}]


def test_each_label_written_is_published(admin: Client, project_id: str, assets: list[str]) -> None:
    async def scenario() -> list[str]:
        stream = open_label_stream(project_id)
        created = await asyncio.to_thread(append, admin, assets[:2], [A, B])
        honeypot = await asyncio.to_thread(
            admin.execute,
            HONEYPOT,
            {"data": {"jsonResponse": "{}"}, "where": {"id": assets[2]}},
        )
        received = [(await asyncio.wait_for(anext(stream), 5))["id"] for _ in range(3)]
        await stream.aclose()
        expected = [label["id"] for label in created] + [honeypot["createHoneypot"]["id"]]
        assert received == expected
        return received

    assert len(asyncio.run(scenario())) == 3


CONSENSUS = (
    "mutation($projectId: ID!, $assetId: ID, $isConsensus: Boolean!) {"
    " setAssetConsensus(projectId: $projectId, assetId: $assetId, isConsensus: $isConsensus) }"
)
ASSET_MARKS = (
    "query($w: AssetWhere!) { assets(where: $w, first: 1, skip: 0) {"
    " consensusMark inferenceMark } }"
)


def test_marks_follow_consensus_flags_and_label_edits(
    admin: Client, project_id: str, assets: list[str]
) -> None:
    first, second = (new_member(admin, project_id, "LABELER")[1] for _ in range(2))
    append(admin, [assets[0]], [A], authorID=first)
    mine = append(
        admin,
        [assets[0]],
        [{"CLASSIF": {"categories": [{"name": "A"}, {"name": "B"}]}}],
        authorID=second,
    )[0]["id"]
    marks = admin.execute(ASSET_MARKS, {"w": {"id": assets[0]}})["assets"][0]
    assert marks == {"consensusMark": None, "inferenceMark": None}
    admin.execute(CONSENSUS, {"projectId": project_id, "assetId": assets[0], "isConsensus": True})
    marks = admin.execute(ASSET_MARKS, {"w": {"id": assets[0]}})["assets"][0]
    assert marks["consensusMark"] == 0.5
    admin.execute(
        "mutation($data: LabelData!, $where: LabelWhere!) {"
        " updatePropertiesInLabel(data: $data, where: $where) { id } }",
        {"data": {"jsonResponse": json.dumps(A)}, "where": {"id": mine}},
    )
    marks = admin.execute(ASSET_MARKS, {"w": {"id": assets[0]}})["assets"][0]
    assert marks["consensusMark"] == 1.0
