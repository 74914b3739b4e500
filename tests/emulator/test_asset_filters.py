"""Every AssetWhere filter family, on one project seeded through the API and the database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from kili_emulator import EmulatorServer
from tests.emulator.helpers import (
    Client,
    insert_issue,
    insert_label,
    new_member,
    seeding,
    set_asset,
)

EXTERNAL_IDS = ["cat-001", "cat-002", "dog-001", "dog-002", "bird", "fish", "ant"]
METADATA = [
    {"color": "red", "size": 3},
    {"color": "blue", "size": "12"},
    {"color": "green", "size": 7, "tags": ["x", "y"]},
    {},
    {"color": "red"},
    {"size": 10.5},
    {"color": "Red"},
]


@dataclass
class Seeded:
    project_id: str
    ids: dict[str, str]
    labeler_email: str
    labeler_id: str
    reviewer_email: str
    other_labeler_id: str


@pytest.fixture(scope="module")
def seeded(admin: Client, server: EmulatorServer) -> Seeded:
    project_id = admin.create_project("filters")
    assets = admin.import_assets(
        project_id,
        contentArray=[f"https://x/{e}.png" for e in EXTERNAL_IDS],
        externalIDArray=EXTERNAL_IDS,
        jsonMetadataArray=[json.dumps(m) for m in METADATA],
    )
    ids = {asset["externalId"]: asset["id"] for asset in assets}
    labeler, labeler_id = new_member(admin, project_id, "LABELER")
    reviewer, reviewer_id = new_member(admin, project_id, "REVIEWER")
    _, other_labeler_id = new_member(admin, project_id, "LABELER")
    labeler_email = labeler.execute("{ viewer { email } }")["viewer"]["email"]
    reviewer_email = reviewer.execute("{ viewer { email } }")["viewer"]["email"]
    admin.execute(
        "mutation($where: [AssetWhere!]!, $data: [AssetData!]!) {"
        " updatePropertiesInAssets(where: $where, data: $data) { id } }",
        {
            "where": [{"id": ids["cat-001"]}, {"id": ids["cat-002"]}, {"id": ids["ant"]}],
            "data": [
                {"consensusMark": 0.2, "honeypotMark": 0.9},
                {"consensusMark": 0.8, "honeypotMark": 0.1},
                {"toBeLabeledBy": [labeler_email]},
            ],
        },
    )
    with seeding(server) as db:
        for external_id, created, updated in (
            ("cat-001", "2023-05-01T10:00:00.000Z", "2023-05-02T00:00:00.000Z"),
            ("cat-002", "2023-06-15T23:59:59.000Z", "2023-07-01T00:00:00.000Z"),
        ):
            set_asset(db, ids[external_id], created_at=created, updated_at=updated)
        set_asset(db, ids["dog-001"], inference_mark=0.6)
        set_asset(db, ids["dog-002"], skipped=1)
        insert_label(
            db,
            ids["bird"],
            labeler_id,
            "DEFAULT",
            consensus_mark=0.5,
            honeypot_mark=0.4,
            created_at="2024-01-10T08:00:00.000Z",
            json_response='{"JOB": {"A": 1}}',
        )
        insert_label(db, ids["bird"], reviewer_id, "REVIEW", created_at="2024-01-11T08:00:00.000Z")
        insert_label(
            db,
            ids["fish"],
            other_labeler_id,
            "DEFAULT",
            skipped=1,
            created_at="2024-02-01T08:00:00.000Z",
        )
        insert_label(
            db,
            ids["fish"],
            other_labeler_id,
            "PREDICTION",
            model_name="m",
            created_at="2024-02-02T08:00:00.000Z",
        )
        insert_issue(db, ids["fish"], labeler_id, type="QUESTION", status="OPEN")
        insert_issue(db, ids["ant"], labeler_id, type="ISSUE", status="SOLVED")
        for external_id in ("bird", "fish"):
            set_asset(db, ids[external_id], status="LABELED")
    return Seeded(project_id, ids, labeler_email, labeler_id, reviewer_email, other_labeler_id)


def matching(admin: Client, seeded: Seeded, where: dict[str, Any]) -> set[str]:
    scoped = {"project": {"id": seeded.project_id}, **where}
    found = set(admin.external_ids(scoped))
    assert admin.count_assets(scoped) == len(found)
    return found


def test_identity_filters(admin: Client, seeded: Seeded) -> None:
    ids = seeded.ids
    assert matching(admin, seeded, {"id": ids["bird"]}) == {"bird"}
    assert matching(admin, seeded, {"idIn": [ids["bird"], ids["ant"]]}) == {"bird", "ant"}
    rest = set(EXTERNAL_IDS) - {"bird", "ant"}
    assert matching(admin, seeded, {"idNotIn": [ids["bird"], ids["ant"]]}) == rest
    assert matching(admin, seeded, {"idIn": []}) == set()


def test_external_id_filters(admin: Client, seeded: Seeded) -> None:
    assert matching(admin, seeded, {"externalId": "cat-001"}) == {"cat-001"}
    assert matching(admin, seeded, {"externalIdStrictlyIn": ["cat", "bird"]}) == {"bird"}
    assert matching(admin, seeded, {"externalIdIn": ["cat"]}) == {"cat-001", "cat-002"}
    assert matching(admin, seeded, {"externalIdIn": ["-00", "ird"]}) == {
        "cat-001",
        "cat-002",
        "dog-001",
        "dog-002",
        "bird",
    }


def test_status_filter(admin: Client, seeded: Seeded) -> None:
    assert matching(admin, seeded, {"statusIn": ["LABELED"]}) == {"bird", "fish"}
    assert len(matching(admin, seeded, {"statusIn": ["TODO", "LABELED"]})) == len(EXTERNAL_IDS)


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"consensusMarkGte": 0.5}, {"cat-002"}),
        ({"consensusMarkLte": 0.5}, {"cat-001"}),
        ({"consensusMarkGte": 0.1, "consensusMarkLte": 0.9}, {"cat-001", "cat-002"}),
        ({"honeypotMarkGte": 0.9}, {"cat-001"}),
        ({"honeypotMarkLte": 0.5}, {"cat-002"}),
        ({"inferenceMarkGte": 0.5}, {"dog-001"}),
        ({"inferenceMarkLte": 0.5}, set()),
    ],
)
def test_mark_ranges(
    admin: Client, seeded: Seeded, where: dict[str, Any], expected: set[str]
) -> None:
    assert matching(admin, seeded, where) == expected


def test_date_ranges(admin: Client, seeded: Seeded) -> None:
    assert matching(admin, seeded, {"createdAtLte": "2023-06-15"}) == {"cat-001", "cat-002"}
    assert matching(admin, seeded, {"createdAtLte": "2023-06-15T00:00:00Z"}) == {"cat-001"}
    assert matching(
        admin, seeded, {"createdAtGte": "2023-05-02", "createdAtLte": "2023-12-31"}
    ) == {"cat-002"}
    assert "cat-001" not in matching(admin, seeded, {"createdAtGte": "2024-01-01"})
    assert matching(admin, seeded, {"updatedAtLte": "2023-05-02"}) == {"cat-001"}
    assert matching(
        admin, seeded, {"updatedAtGte": "2023-06-01", "updatedAtLte": "2023-12-31"}
    ) == {"cat-002"}
    errors = admin.errors(
        "query($w: AssetWhere!) { countAssets(where: $w) }", {"w": {"createdAtGte": "yesterday"}}
    )
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ({"color": "red"}, {"cat-001", "bird"}),
        ({"color": ["red", "blue"]}, {"cat-001", "cat-002", "bird"}),
        ({"size": [3, 10]}, {"cat-001", "dog-001"}),
        ({"size": {"min": 10}}, {"cat-002", "fish"}),
        ({"size": {"min": 4, "max": 11}}, {"dog-001", "fish"}),
        ({"size": 12}, {"cat-002"}),
        ({"color": "red", "size": 3}, {"cat-001"}),
        ({"tags": "y"}, {"dog-001"}),
        ({"missing": "x"}, set()),
    ],
)
def test_metadata_filter(
    admin: Client, seeded: Seeded, metadata: dict[str, Any], expected: set[str]
) -> None:
    assert matching(admin, seeded, {"metadata": metadata}) == expected


def test_malformed_metadata_filter_is_refused(admin: Client, seeded: Seeded) -> None:
    errors = admin.errors(
        "query($w: AssetWhere!) { countAssets(where: $w) }",
        {"w": {"metadata": {"size": {"between": 1}}}},
    )
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_skipped_filter(admin: Client, seeded: Seeded) -> None:
    assert matching(admin, seeded, {"skipped": True}) == {"dog-002"}
    assert "dog-002" not in matching(admin, seeded, {"skipped": False})


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ({"typeIn": ["REVIEW"]}, {"bird"}),
        ({"typeIn": ["DEFAULT", "PREDICTION"]}, {"bird", "fish"}),
        ({"consensusMarkGte": 0.4, "consensusMarkLte": 0.6}, {"bird"}),
        ({"honeypotMarkLte": 0.5}, {"bird"}),
        ({"createdAt": "2024-01-10"}, {"bird"}),
        ({"createdAtGte": "2024-01-11", "createdAtLte": "2024-01-31"}, {"bird"}),
        ({"createdAtGte": "2024-02-01"}, {"fish"}),
        ({"skipped": True}, {"fish"}),
        ({"jsonResponseContains": ['"JOB"']}, {"bird"}),
        ({"typeIn": ["REVIEW"], "skipped": True}, set()),
        ({"typeIn": None, "authorIn": None, "search": None}, set(EXTERNAL_IDS)),
    ],
)
def test_label_filters(
    admin: Client, seeded: Seeded, label: dict[str, Any], expected: set[str]
) -> None:
    assert matching(admin, seeded, {"label": label}) == expected


def test_label_people_filters(admin: Client, seeded: Seeded) -> None:
    labeler = seeded.labeler_email
    assert matching(admin, seeded, {"label": {"authorIn": [labeler]}}) == {"bird"}
    first_name = labeler.split("@")[0]
    assert matching(admin, seeded, {"label": {"authorIn": [first_name]}}) == {"bird"}
    assert matching(admin, seeded, {"label": {"authorIn": [f"{first_name} Tester"]}}) == {"bird"}
    assert matching(admin, seeded, {"label": {"labelerIn": [labeler]}}) == {"bird"}
    assert matching(admin, seeded, {"label": {"labelerIn": [seeded.labeler_id]}}) == {"bird"}
    assert matching(admin, seeded, {"label": {"labelerNotIn": [labeler]}}) == {"fish"}
    assert matching(admin, seeded, {"label": {"reviewerIn": [seeded.reviewer_email]}}) == {"bird"}
    assert matching(admin, seeded, {"label": {"reviewerNotIn": [seeded.reviewer_email]}}) == set()
    assert matching(admin, seeded, {"label": {"reviewerIn": [labeler]}}) == set()


def test_latest_label_filter(admin: Client, seeded: Seeded) -> None:
    assert matching(admin, seeded, {"latestLabel": {"typeIn": ["REVIEW"]}}) == {"bird"}
    assert matching(admin, seeded, {"latestLabel": {"typeIn": ["DEFAULT"]}}) == {"fish"}
    latest = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 1, skip: 0) {"
        " latestLabel { labelType author { email } } labels { labelType isLatestLabelForUser } } }",
        {"w": {"id": seeded.ids["fish"]}},
    )["assets"][0]
    assert latest["latestLabel"]["labelType"] == "DEFAULT"
    assert [label["labelType"] for label in latest["labels"]] == ["DEFAULT", "PREDICTION"]
    assert [label["isLatestLabelForUser"] for label in latest["labels"]] == [False, True]


def test_issue_filters(admin: Client, seeded: Seeded) -> None:
    assert matching(admin, seeded, {"issue": {"type": "QUESTION"}}) == {"fish"}
    assert matching(admin, seeded, {"issue": {"status": "SOLVED"}}) == {"ant"}
    assert matching(admin, seeded, {"issue": {"type": "ISSUE", "status": "OPEN"}}) == set()
    issues = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 1, skip: 0) {"
        " issues { type status author { user { email } } } } }",
        {"w": {"id": seeded.ids["ant"]}},
    )["assets"][0]["issues"]
    assert issues == [
        {"type": "ISSUE", "status": "SOLVED", "author": {"user": {"email": seeded.labeler_email}}}
    ]


def test_assignee_filters(admin: Client, seeded: Seeded) -> None:
    assert matching(admin, seeded, {"assigneeIn": [seeded.labeler_email]}) == {"ant"}
    assert matching(admin, seeded, {"assigneeIn": [seeded.labeler_id]}) == {"ant"}
    assert matching(admin, seeded, {"assigneeNotIn": [seeded.labeler_email]}) == (
        set(EXTERNAL_IDS) - {"ant"}
    )
    assigned = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 1, skip: 0) {"
        " isToBeLabeledBy toBeLabeledBy { role user { email } } } }",
        {"w": {"id": seeded.ids["ant"]}},
    )["assets"][0]
    assert assigned["isToBeLabeledBy"] is True
    assert assigned["toBeLabeledBy"] == [
        {"role": "LABELER", "user": {"email": seeded.labeler_email}}
    ]


def test_filters_combine_and_stay_in_the_project(admin: Client, seeded: Seeded) -> None:
    where = {"externalIdIn": ["cat"], "consensusMarkGte": 0.5, "metadata": {"color": "blue"}}
    assert matching(admin, seeded, where) == {"cat-002"}
    other = admin.create_project("other")
    admin.import_assets(other, contentArray=["x"], externalIDArray=["cat-001"])
    assert matching(admin, seeded, {"externalId": "cat-001"}) == {"cat-001"}
    assert admin.count_assets({"externalId": "cat-001"}) >= 2


def test_unimplemented_filters_are_refused_by_name(admin: Client, seeded: Seeded) -> None:
    errors = admin.errors(
        "query($w: AssetWhere!) { countAssets(where: $w) }",
        {"w": {"project": {"id": seeded.project_id}, "sort": "createdAt"}},
    )
    assert errors[0]["message"] == "AssetWhere.sort is not supported by kili-emulator"
