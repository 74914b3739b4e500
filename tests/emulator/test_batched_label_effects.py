"""One batch of labels moves assets and sets marks as the same labels sent one by one would.

The emulator computes statuses, workflow moves and quality marks once per batch; two
twin projects, whose assets start in the same mixed states (consensus, honeypot,
inference labels, drafts, two labels on one asset), receive the same labels: one in a
single `appendManyLabels`, the other one label per request. Everything visible must
be equal.
"""

from __future__ import annotations

import json
from typing import Any

from kili_emulator import EmulatorServer
from tests.emulator.helpers import Client, insert_label, new_member, seeding, set_asset
from tests.emulator.test_workflow import edit, steps

INTERFACE = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "required": 1,
            "isChild": False,
            "instruction": "Topic",
            "content": {
                "input": "radio",
                "categories": {"A": {"name": "A"}, "B": {"name": "B"}},
            },
        }
    }
}
APPEND = (
    "mutation($data: AppendManyLabelsData!, $where: AssetWhere!) {"
    " appendManyLabels(data: $data, where: $where) { id } }"
)
STATE = (
    "query($w: AssetWhere!) { assets(where: $w, first: 500, skip: 0) {"
    " externalId status inferenceMark honeypotMark consensusMark currentStep { name status }"
    " labels { labelType inferenceMark honeypotMark } } }"
)
EXTERNAL_IDS = ["plain", "consensus", "consensus-done", "inference", "honeypot", "draft"]


def answer(category: str) -> str:
    return json.dumps({"CLASSIFICATION_JOB": {"categories": [{"name": category}]}})


def mixed_project(
    admin: Client, server: EmulatorServer, title: str, labeler_id: str
) -> dict[str, str]:
    """Create a project whose assets start in mixed states; return their ids by external id."""
    project_id: str = admin.execute(
        "mutation($data: CreateProjectData!) { createProject(data: $data) { id } }",
        {
            "data": {
                "title": title,
                "description": "",
                "inputType": "TEXT",
                "jsonInterface": json.dumps(INTERFACE),
            }
        },
    )["createProject"]["id"]
    admin.add_member(project_id, labeler_id, "LABELER")
    labeling, review = steps(admin, project_id)[:2]
    edit(
        admin,
        project_id,
        updates=[
            {"id": labeling["id"], "numberOfExpectedLabelsForConsensus": 2},
            {"id": review["id"], "stepCoverage": 0},
        ],
        creates=[{"name": "Audit", "type": "REVIEW", "assignees": [], "stepCoverage": 100}],
    )
    created = admin.import_assets(
        project_id, contentArray=EXTERNAL_IDS, externalIDArray=EXTERNAL_IDS
    )
    ids = {row["externalId"]: row["id"] for row in created}
    viewer_id = admin.execute("query { viewer { id } }")["viewer"]["id"]
    with seeding(server) as db:
        for external_id in ("consensus", "consensus-done"):
            set_asset(db, ids[external_id], is_used_for_consensus=1)
        set_asset(db, ids["honeypot"], is_honeypot=1)
        # a ground truth the labels disagree with: no mark above 0 leaks into other tests
        insert_label(db, ids["honeypot"], viewer_id, "REVIEW", json_response=answer("B"))
        insert_label(db, ids["inference"], viewer_id, "INFERENCE", json_response=answer("B"))
        insert_label(db, ids["consensus-done"], viewer_id, "DEFAULT", json_response=answer("A"))
    admin.execute(
        APPEND,
        {
            "data": {
                "labelType": "AUTOSAVE",
                "labelsData": [{"assetID": ids["draft"], "jsonResponse": answer("A")}],
            },
            "where": {"idIn": [ids["draft"]]},
        },
    )
    return ids


def labels_data(ids: dict[str, str], labeler_id: str) -> list[dict[str, Any]]:
    """The labels both projects receive; the consensus asset gets two, by two authors."""
    data = [
        {"assetID": ids[external_id], "jsonResponse": answer("A")} for external_id in EXTERNAL_IDS
    ]
    data.append({"assetID": ids["consensus"], "jsonResponse": answer("B"), "authorID": labeler_id})
    data[2]["authorID"] = labeler_id  # consensus-done: a second labeler completes it
    return data


def state(admin: Client, ids: dict[str, str]) -> dict[str, Any]:
    rows = admin.execute(STATE, {"w": {"idIn": list(ids.values())}})["assets"]
    return {row.pop("externalId"): row for row in rows}


def test_one_batch_of_labels_has_the_effects_of_the_labels_sent_one_by_one(
    admin: Client, server: EmulatorServer
) -> None:
    _, labeler_id = new_member(admin, None, "LABELER")
    labeler_email = admin.execute(
        "query($w: UserWhere!) { users(where: $w, first: 1, skip: 0) { email } }",
        {"w": {"id": labeler_id}},
    )["users"][0]["email"]
    batched = mixed_project(admin, server, "batched", labeler_email)
    one_by_one = mixed_project(admin, server, "one by one", labeler_email)

    admin.execute(
        APPEND,
        {
            "data": {"labelType": "DEFAULT", "labelsData": labels_data(batched, labeler_id)},
            "where": {"idIn": list(batched.values())},
        },
    )
    for data in labels_data(one_by_one, labeler_id):
        admin.execute(
            APPEND,
            {
                "data": {"labelType": "DEFAULT", "labelsData": [data]},
                "where": {"idIn": [data["assetID"]]},
            },
        )

    found = state(admin, batched)
    assert found == state(admin, one_by_one)
    assert found["plain"]["currentStep"] == {"name": "Audit", "status": "TO_DO"}
    assert found["consensus"]["currentStep"] == {"name": "Audit", "status": "TO_DO"}
    assert found["consensus-done"]["currentStep"] == {"name": "Audit", "status": "TO_DO"}
    assert found["draft"]["currentStep"] == {"name": "Audit", "status": "TO_DO"}
    assert found["inference"]["inferenceMark"] is not None
    assert found["honeypot"]["honeypotMark"] is not None
    assert found["consensus"]["consensusMark"] is not None
    assert found["plain"]["inferenceMark"] is None
    assert {row["status"] for row in found.values()} == {"LABELED"}
