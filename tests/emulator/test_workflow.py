"""Project workflows in the emulator: steps, their changes, and assets moving through them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kili_emulator.store.workflow import samples
from tests.emulator.helpers import Client, new_member

STEPS = (
    "query($w: ProjectWhere!) { projects(where: $w, first: 1, skip: 0) {"
    " enforceStepSeparation stepGroups { id } steps { id name type consensusCoverage"
    " numberOfExpectedLabelsForConsensus stepCoverage sendBackStepId stepGroupId useHoneypot"
    " assignees { id } } } }"
)
EDIT = (
    "mutation($input: EditProjectWorkflowSettingsInput!) {"
    " editProjectWorkflowSettings(input: $input) { id steps { id name } } }"
)
CURRENT = (
    "query($w: AssetWhere!) { assets(where: $w, first: 500, skip: 0)"
    " { externalId currentStep { name status } } }"
)
APPEND = (
    "mutation($data: AppendManyLabelsData!, $where: AssetWhere!) {"
    " appendManyLabels(data: $data, where: $where) { id } }"
)


def steps(client: Client, project_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.execute(STEPS, {"w": {"id": project_id}})["projects"][0][
        "steps"
    ]
    return found


def edit(client: Client, project_id: str, **changes: Any) -> dict[str, Any]:
    answer: dict[str, Any] = client.execute(
        EDIT, {"input": {"projectId": project_id, "steps": changes}}
    )["editProjectWorkflowSettings"]
    return answer


def edit_errors(client: Client, project_id: str, **changes: Any) -> list[dict[str, Any]]:
    return client.errors(EDIT, {"input": {"projectId": project_id, "steps": changes}})


def where_am_i(client: Client, project_id: str) -> dict[str, tuple[str, str]]:
    assets = client.execute(CURRENT, {"w": {"project": {"id": project_id}}})["assets"]
    return {
        asset["externalId"]: (asset["currentStep"]["name"], asset["currentStep"]["status"])
        for asset in assets
    }


def label(client: Client, asset_ids: list[str], label_type: str = "DEFAULT") -> None:
    model = {"modelName": "model"} if label_type == "PREDICTION" else {}
    client.execute(
        APPEND,
        {
            "data": {
                "labelType": label_type,
                "labelsData": [
                    {"assetID": asset_id, "jsonResponse": json.dumps({}), **model}
                    for asset_id in asset_ids
                ],
            },
            "where": {"idIn": asset_ids},
        },
    )


@pytest.fixture
def asset_ids(admin: Client, project_id: str) -> list[str]:
    created = admin.import_assets(
        project_id, contentArray=["a", "b", "c"], externalIDArray=["x0", "x1", "x2"]
    )
    return [asset["id"] for asset in created]


def test_a_new_project_has_a_labeling_then_a_review_step(admin: Client, project_id: str) -> None:
    project = admin.execute(STEPS, {"w": {"id": project_id}})["projects"][0]
    assert project["enforceStepSeparation"] is False
    assert project["stepGroups"] == []
    labeling, review = project["steps"]
    assert (labeling["name"], labeling["type"], labeling["consensusCoverage"]) == (
        "Labeling",
        "DEFAULT",
        0,
    )
    assert (review["name"], review["type"], review["stepCoverage"]) == ("Review", "REVIEW", 100)
    assert review["sendBackStepId"] is None
    assert review["assignees"] == []


def test_assets_move_from_labeling_through_two_reviews_to_done(
    admin: Client, project_id: str, asset_ids: list[str]
) -> None:
    edit(admin, project_id, creates=[{"name": "Final", "type": "REVIEW", "assignees": []}])
    assert [step["name"] for step in steps(admin, project_id)] == ["Labeling", "Review", "Final"]
    assert set(where_am_i(admin, project_id).values()) == {("Labeling", "TO_DO")}
    label(admin, asset_ids[:2])
    label(admin, asset_ids[:1], "AUTOSAVE")
    label(admin, asset_ids[2:], "AUTOSAVE")
    assert where_am_i(admin, project_id) == {
        "x0": ("Review", "DOING"),
        "x1": ("Review", "TO_DO"),
        "x2": ("Labeling", "DOING"),
    }
    label(admin, asset_ids[:1], "REVIEW")
    assert where_am_i(admin, project_id)["x0"] == ("Final", "TO_DO")
    label(admin, asset_ids[:1], "REVIEW")
    label(admin, asset_ids[1:2], "PREDICTION")
    assert where_am_i(admin, project_id) == {
        "x0": ("Final", "DONE"),
        "x1": ("Review", "TO_DO"),
        "x2": ("Labeling", "DOING"),
    }


def test_review_coverage_decides_which_steps_an_asset_goes_through(
    admin: Client, project_id: str, asset_ids: list[str]
) -> None:
    review = steps(admin, project_id)[1]
    edit(
        admin,
        project_id,
        updates=[{"id": review["id"], "stepCoverage": 0}],
        creates=[{"name": "Audit", "type": "REVIEW", "assignees": [], "stepCoverage": 100}],
    )
    label(admin, asset_ids[:1])
    assert where_am_i(admin, project_id)["x0"] == ("Audit", "TO_DO")
    edit(admin, project_id, updates=[{"id": steps(admin, project_id)[2]["id"], "stepCoverage": 0}])
    label(admin, asset_ids[1:2])
    assert where_am_i(admin, project_id)["x1"] == ("Labeling", "DONE")


def test_consensus_keeps_an_asset_partially_done_until_enough_labelers(
    admin: Client, project_id: str, asset_ids: list[str]
) -> None:
    labeling = steps(admin, project_id)[0]
    edit(
        admin,
        project_id,
        updates=[
            {
                "id": labeling["id"],
                "consensusCoverage": 100,
                "numberOfExpectedLabelsForConsensus": 2,
            }
        ],
    )
    labeler, _ = new_member(admin, project_id, "LABELER")
    label(admin, asset_ids[:1])
    assert where_am_i(admin, project_id)["x0"] == ("Labeling", "PARTIALLY_DONE")
    label(labeler, asset_ids[:1])
    assert where_am_i(admin, project_id)["x0"] == ("Review", "TO_DO")


def test_send_back_goes_to_the_send_back_step_as_redo(
    admin: Client, project_id: str, asset_ids: list[str]
) -> None:
    review = steps(admin, project_id)[1]
    final_id = edit(
        admin,
        project_id,
        creates=[{"name": "Final", "type": "REVIEW", "assignees": []}],
    )["steps"][2]["id"]
    edit(admin, project_id, updates=[{"id": final_id, "sendBackStepId": review["id"]}])
    label(admin, asset_ids[:2])
    label(admin, asset_ids[:1], "REVIEW")
    send_back = "mutation($where: AssetWhere!) { sendBackAssetsToQueue(where: $where) { id } }"
    admin.execute(send_back, {"where": {"idIn": asset_ids}})
    assert where_am_i(admin, project_id) == {
        "x0": ("Review", "REDO"),
        "x1": ("Labeling", "REDO"),
        "x2": ("Labeling", "TO_DO"),
    }
    to_review = (
        "mutation($where: AssetWhere!) { addAllLabeledAssetsToReview(where: $where) { id } }"
    )
    admin.execute(to_review, {"where": {"idIn": asset_ids[1:2]}})
    assert where_am_i(admin, project_id)["x1"] == ("Review", "TO_DO")


def test_dedicated_step_mutations_change_the_workflow(admin: Client, project_id: str) -> None:
    reviewer, reviewer_id = new_member(admin, project_id, "REVIEWER")
    del reviewer
    added = admin.execute(
        "mutation($input: AddReviewStepInput!) { addReviewStep(input: $input)"
        " { steps { id name } } }",
        {
            "input": {
                "projectId": project_id,
                "name": "QA",
                "assignees": [reviewer_id],
                "stepCoverage": 50,
                "useHoneypot": True,
            }
        },
    )["addReviewStep"]["steps"]
    labeling_id, review_id, qa_id = (step["id"] for step in added)
    admin.execute(
        "mutation($input: RenameStepInput!) { renameStep(input: $input) { id } }",
        {"input": {"projectId": project_id, "stepId": qa_id, "newName": "Quality"}},
    )
    admin.execute(
        "mutation($input: UpdateReviewStepPropertiesInput!) {"
        " updateReviewStepProperties(input: $input) { id } }",
        {"input": {"projectId": project_id, "stepId": qa_id, "sendBackStepId": review_id}},
    )
    admin.execute(
        "mutation($input: UpdateLabelingStepPropertiesInput!) {"
        " updateLabelingStepProperties(input: $input) { id } }",
        {"input": {"projectId": project_id, "stepId": labeling_id, "consensusCoverage": 20}},
    )
    labeling, _, quality = steps(admin, project_id)
    assert labeling["consensusCoverage"] == 20
    assert (quality["name"], quality["stepCoverage"], quality["useHoneypot"]) == (
        "Quality",
        50,
        True,
    )
    assert quality["sendBackStepId"] == review_id
    assert quality["assignees"] == [{"id": reviewer_id}]
    remaining = admin.execute(
        "mutation($input: DeleteStepInput!) { deleteStep(input: $input) { steps { name } } }",
        {"input": {"projectId": project_id, "stepId": qa_id}},
    )["deleteStep"]["steps"]
    assert remaining == [{"name": "Labeling"}, {"name": "Review"}]


def test_workflow_changes_are_checked_before_anything_changes(
    admin: Client, project_id: str, asset_ids: list[str]
) -> None:
    labeling, review = steps(admin, project_id)
    labeler, labeler_id = new_member(admin, project_id, "LABELER")
    refused = [
        {"deletes": ["no-such-step"]},
        {"deletes": [labeling["id"]]},
        {"updates": [{"id": review["id"], "name": "Labeling"}]},
        {"creates": [{"name": "Review", "type": "REVIEW", "assignees": []}]},
        {"creates": [{"name": "Second", "type": "DEFAULT", "assignees": []}]},
        {"creates": [{"name": "R2", "type": "REVIEW", "assignees": [], "stepCoverage": 101}]},
        {"creates": [{"name": "R2", "type": "REVIEW", "assignees": [labeler_id]}]},
        {"updates": [{"id": labeling["id"], "stepCoverage": 10}]},
        {"updates": [{"id": review["id"], "sendBackStepId": review["id"]}]},
        {
            "creates": [{"name": "R2", "type": "REVIEW", "assignees": []}],
            "updates": [{"id": review["id"], "name": " "}],
        },
        {
            "updates": [{"id": review["id"], "stepCoverage": 5}],
            "creates": [{"name": "Labeling", "type": "REVIEW", "assignees": []}],
        },
    ]
    for changes in refused:
        errors = edit_errors(admin, project_id, **changes)
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", (changes, errors)
    assert steps(admin, project_id) == [labeling, review]
    label(admin, asset_ids[:1])
    errors = edit_errors(admin, project_id, deletes=[review["id"]])
    assert "1 asset(s) are in it" in errors[0]["message"]
    forbidden = labeler.errors(EDIT, {"input": {"projectId": project_id, "steps": {}}})
    assert forbidden[0]["extensions"]["code"] == "FORBIDDEN"


def test_enforce_step_separation_is_kept(admin: Client, project_id: str) -> None:
    admin.execute(EDIT, {"input": {"projectId": project_id, "enforceStepSeparation": True}})
    project = admin.execute(STEPS, {"w": {"id": project_id}})["projects"][0]
    assert project["enforceStepSeparation"] is True


def test_a_project_is_deleted_with_its_steps_and_the_assets_in_them(
    admin: Client, project_id: str, asset_ids: list[str]
) -> None:
    label(admin, asset_ids[:2])
    assert where_am_i(admin, project_id)["x0"] == ("Review", "TO_DO")
    admin.execute(
        "mutation($w: ProjectWhere!) { deleteProject(where: $w) { id } }", {"w": {"id": project_id}}
    )
    assert admin.count_assets({"project": {"id": project_id}}) == 0


def test_a_partial_coverage_samples_a_stable_share_of_the_assets() -> None:
    step = {"id": "step-under-test"}
    asset_ids = [f"asset-{index}" for index in range(1000)]
    taken = [asset_id for asset_id in asset_ids if samples(asset_id, step, 30)]
    assert 240 <= len(taken) <= 360
    assert taken == [asset_id for asset_id in asset_ids if samples(asset_id, step, 30)]
    other_step = [a for a in asset_ids if samples(a, {"id": "another-step"}, 30)]
    assert other_step != taken
    assert all(samples(asset_id, step, 100) for asset_id in asset_ids)
    assert not any(samples(asset_id, step, 0) for asset_id in asset_ids)
