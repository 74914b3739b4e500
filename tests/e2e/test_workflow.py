"""Project workflows end to end: steps changed by every step method, assets moved through."""

from __future__ import annotations

import uuid
import warnings
from typing import Any

import pytest

from kili.client import Kili
from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError, MissingArgumentError

ANSWER = {"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}
STEP_FIELDS = ("steps.id", "steps.name", "steps.type", "steps.stepCoverage")


def member(kili: Kili, project_id: str, role: str) -> str:
    email = f"{role.lower()}-{uuid.uuid4().hex[:8]}@example.com"
    kili.create_user(email=email, password="pass-word", organization_role="USER")
    kili.append_to_roles(project_id, email, role)  # type: ignore[arg-type]
    return email


def names(kili: Kili, project_id: str) -> list[str]:
    return [step["name"] for step in kili.get_steps(project_id, fields=["steps.name"])]


def positions(kili: Kili, project_id: str) -> dict[str, tuple[str, str]]:
    assets = kili.assets(
        project_id, fields=["externalId", "currentStep.name", "currentStep.status"]
    )
    return {
        asset["externalId"]: (asset["currentStep"]["name"], asset["currentStep"]["status"])
        for asset in assets
    }


def add_assets(kili: Kili, project_id: str, count: int) -> list[str]:
    external_ids = [f"x{index}" for index in range(count)]
    kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{name}.png" for name in external_ids],
        external_id_array=external_ids,
    )
    return external_ids


def label(kili: Kili, project_id: str, external_ids: list[str], label_type: str) -> None:
    kili.append_labels(
        project_id=project_id,
        asset_external_id_array=external_ids,
        json_response_array=[ANSWER] * len(external_ids),
        label_type=label_type,  # type: ignore[arg-type]
    )


def test_labels_and_reviews_move_assets_through_a_labeling_and_two_review_steps(
    kili: Kili, project_id: str
) -> None:
    reviewer = member(kili, project_id, "REVIEWER")
    added = kili.add_review_step(project_id, "Final", [reviewer], step_coverage=100)
    assert added["name"] == "Final"
    assert names(kili, project_id) == ["Labeling", "Review", "Final"]
    add_assets(kili, project_id, 4)
    assert set(positions(kili, project_id).values()) == {("Labeling", "TO_DO")}
    label(kili, project_id, ["x0", "x1", "x2"], "DEFAULT")
    label(kili, project_id, ["x0", "x1"], "REVIEW")
    label(kili, project_id, ["x0"], "REVIEW")
    assert positions(kili, project_id) == {
        "x0": ("Final", "DONE"),
        "x1": ("Final", "TO_DO"),
        "x2": ("Review", "TO_DO"),
        "x3": ("Labeling", "TO_DO"),
    }
    kili.send_back_to_queue(project_id=project_id, external_ids=["x1"])
    assert positions(kili, project_id)["x1"] == ("Labeling", "REDO")


def test_update_project_workflow_creates_updates_and_deletes_steps_by_name(
    kili: Kili, project_id: str
) -> None:
    answer = kili.update_project_workflow(
        project_id,
        enforce_step_separation=True,
        create_steps=[
            {"name": "QA", "type": "REVIEW", "assignees": [], "step_coverage": 40},
            {"name": "Audit", "type": "REVIEW", "assignees": []},
        ],
        update_steps=[{"name": "Review", "step_coverage": 10}],
    )
    assert answer["enforceStepSeparation"] is True
    assert len(answer["steps"]) == 4
    steps = kili.get_steps(project_id, fields=STEP_FIELDS)
    assert [(step["name"], step["stepCoverage"]) for step in steps] == [
        ("Labeling", None),
        ("Review", 10),
        ("QA", 40),
        ("Audit", None),
    ]
    qa_id = steps[2]["id"]
    kili.update_project_workflow(
        project_id, update_steps=[{"id": qa_id, "name": "Quality"}], delete_steps=["Audit"]
    )
    kili.update_project_workflow(project_id, delete_steps=[{"name": "Quality"}])
    assert names(kili, project_id) == ["Labeling", "Review"]


def test_step_methods_rename_tune_and_delete_steps(kili: Kili, project_id: str) -> None:
    reviewer = member(kili, project_id, "REVIEWER")
    kili.add_review_step(project_id, "QA", [reviewer], send_back_to_step="Review")
    renamed = kili.rename_step(project_id, step_name="QA", new_name="Quality")
    assert renamed["name"] == "Quality"
    kili.update_labeling_step_properties(
        project_id,
        step_name="Labeling",
        consensus_coverage=30,
        number_of_expected_labels_for_consensus=2,
    )
    kili.update_review_step_properties(
        project_id, step_id=renamed["id"], step_coverage=25, send_back_to_step="Labeling"
    )
    steps = kili.get_steps(
        project_id,
        fields=[
            "steps.name",
            "steps.consensusCoverage",
            "steps.numberOfExpectedLabelsForConsensus",
            "steps.stepCoverage",
            "steps.sendBackStepId",
        ],
    )
    assert steps[0]["consensusCoverage"] == 30
    assert steps[0]["numberOfExpectedLabelsForConsensus"] == 2
    assert steps[2]["stepCoverage"] == 25
    labeling_id = kili.get_steps(project_id, fields=["steps.id"])[0]["id"]
    assert steps[2]["sendBackStepId"] == labeling_id
    remaining = kili.delete_last_step(project_id)
    assert [step["name"] for step in remaining["steps"]] == ["Labeling", "Review"]
    with pytest.raises(InvalidArgumentError, match="only one review step"):
        kili.delete_last_step(project_id)


def test_reviewers_are_added_and_removed_by_email(kili: Kili, project_id: str) -> None:
    first, second = member(kili, project_id, "REVIEWER"), member(kili, project_id, "REVIEWER")
    labeler = member(kili, project_id, "LABELER")
    with pytest.warns(UserWarning, match=labeler):
        added = kili.add_reviewers_to_step(
            project_id, step_name="Review", emails=[first, second, labeler]
        )
    assert added == [first, second]
    fields = ["steps.assignees.email"]
    assert [a["email"] for a in kili.get_steps(project_id, fields=fields)[1]["assignees"]] == [
        first,
        second,
    ]
    with pytest.warns(UserWarning, match="not assigned"):
        removed = kili.remove_reviewers_from_step(
            project_id, step_name="Review", emails=[first, "nobody@example.com"]
        )
    assert removed == [first]
    with pytest.raises(InvalidArgumentError, match="at least one"):
        kili.remove_reviewers_from_step(project_id, step_name="Review", emails=[second])
    with pytest.raises(InvalidArgumentError, match="review step"):
        kili.add_reviewers_to_step(project_id, step_name="Labeling", emails=[first])


def test_labelers_of_a_step_need_the_multi_group_workflow(kili: Kili, project_id: str) -> None:
    labeler = member(kili, project_id, "LABELER")
    for method in (kili.add_labelers_to_step, kili.remove_labelers_from_step):
        with pytest.raises(InvalidArgumentError, match="multi-group"):
            method(project_id, step_name="Labeling", emails=[labeler])


def test_copy_workflow_from_project_replaces_the_destination_steps(
    kili: Kili, make_project: Any
) -> None:
    source, destination = make_project(), make_project()
    reviewer = member(kili, destination, "REVIEWER")
    kili.update_project_workflow(
        source,
        enforce_step_separation=True,
        create_steps=[{"name": "Second look", "type": "REVIEW", "assignees": []}],
        update_steps=[{"name": "Review", "step_coverage": 50}],
    )
    review_id = kili.get_steps(source, fields=["steps.id"])[1]["id"]
    kili.update_review_step_properties(source, step_name="Second look", send_back_to_step=review_id)
    kili.update_project_workflow(destination, delete_steps=["Review"])
    kili.copy_workflow_from_project(destination, source)
    copied = kili.get_steps(
        destination,
        fields=[*STEP_FIELDS, "steps.sendBackStepId", "steps.assignees.email"],
    )
    assert [(step["name"], step["stepCoverage"]) for step in copied] == [
        ("Labeling", None),
        ("Review", 50),
        ("Second look", None),
    ]
    assert copied[2]["sendBackStepId"] == copied[1]["id"]
    assert reviewer in [assignee["email"] for assignee in copied[1]["assignees"]]
    add_assets(kili, destination, 1)
    label(kili, destination, ["x0"], "DEFAULT")
    with pytest.raises(InvalidArgumentError, match="already has 1 label"):
        kili.copy_workflow_from_project(destination, source)
    with pytest.raises(InvalidArgumentError, match="must be different"):
        kili.copy_workflow_from_project(source, source)


def test_bad_step_arguments_are_refused_before_anything_changes(
    kili: Kili, project_id: str
) -> None:
    before = kili.get_steps(project_id, fields=STEP_FIELDS)
    refusals: list[tuple[type[Exception], Any]] = [
        (
            InvalidArgumentError,
            lambda: kili.add_review_step(project_id, "R", [], step_coverage=101),
        ),
        (InvalidArgumentError, lambda: kili.rename_step(project_id, "Nope", new_name="X")),
        (MissingArgumentError, lambda: kili.rename_step(project_id, "Review")),
        (
            IncompatibleArgumentsError,
            lambda: kili.rename_step(project_id, "Review", new_name="X", step_id="id"),
        ),
        (
            InvalidArgumentError,
            lambda: kili.update_labeling_step_properties(project_id, "Review", use_honeypot=True),
        ),
        (
            InvalidArgumentError,
            lambda: kili.update_project_workflow(project_id, delete_steps=["Nope"]),
        ),
        (
            MissingArgumentError,
            lambda: kili.update_project_workflow(project_id, update_steps=[{"step_coverage": 1}]),
        ),
        (
            InvalidArgumentError,
            lambda: kili.update_labeling_step_properties(
                project_id, "Labeling", consensus_coverage=-1
            ),
        ),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for error, call in refusals:
            with pytest.raises(error):
                call()
    assert kili.get_steps(project_id, fields=STEP_FIELDS) == before
