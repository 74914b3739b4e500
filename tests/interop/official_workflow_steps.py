"""Steps of `official_client.py` for project workflows: the official SDK's step methods.

Executed in the official SDK's environment on a project of their own, so that the
steps before (which label and review assets of the main project) do not constrain them.
"""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Callable
from typing import Any

Check = Callable[[str], Callable[[Callable[[], None]], None]]

ANSWER = {"CLASSIFICATION_JOB": {"categories": [{"name": "CAT"}]}}


def run(check: Check, state: dict[str, Any]) -> None:
    """Run every workflow step in order; each records whether it passed."""
    kili = state["kili"]
    project_id = kili.create_project(
        title="interop workflow", input_type="IMAGE", json_interface=state["interface"]
    )["id"]

    def names() -> list[str]:
        return [step["name"] for step in kili.get_steps(project_id, fields=["steps.name"])]

    def member(role: str) -> str:
        email = f"{role.lower()}-{uuid.uuid4().hex[:8]}@example.com"
        kili.create_user(email=email, password="not-used-1", organization_role="USER")
        kili.append_to_roles(project_id, email, role=role)
        return email

    reviewer = member("REVIEWER")

    @check("workflow: get_steps reads the labeling and review steps")
    def get_steps() -> None:
        steps = kili.get_steps(project_id)
        assert [(step["name"], step["type"]) for step in steps] == [
            ("Labeling", "DEFAULT"),
            ("Review", "REVIEW"),
        ], steps
        assert all(step["stepGroupId"] is None for step in steps), steps

    @check("workflow: add_review_step, rename_step")
    def add_and_rename() -> None:
        added = kili.add_review_step(project_id, "QA", [reviewer], step_coverage=100)
        assert added["name"] == "QA", added
        renamed = kili.rename_step(project_id, step_name="QA", new_name="Quality")
        assert renamed == {"id": added["id"], "name": "Quality"}, renamed
        assert names() == ["Labeling", "Review", "Quality"]

    @check("workflow: update_project_workflow creates, updates and deletes by name")
    def update_workflow() -> None:
        answer = kili.update_project_workflow(
            project_id,
            enforce_step_separation=True,
            create_steps=[{"name": "Audit", "type": "REVIEW", "assignees": []}],
            update_steps=[{"name": "Review", "step_coverage": 50}],
        )
        assert answer["enforceStepSeparation"] is True, answer
        kili.update_project_workflow(project_id, delete_steps=["Audit"])
        coverage = kili.get_steps(project_id, fields=["steps.name", "steps.stepCoverage"])
        assert coverage[1] == {"name": "Review", "stepCoverage": 50}, coverage
        assert names() == ["Labeling", "Review", "Quality"]

    @check("workflow: update_labeling_step_properties, update_review_step_properties")
    def properties() -> None:
        kili.update_labeling_step_properties(project_id, step_name="Labeling", use_honeypot=True)
        review_id = kili.get_steps(project_id, fields=["steps.id"])[1]["id"]
        kili.update_review_step_properties(
            project_id, step_name="Quality", step_coverage=30, send_back_to_step=review_id
        )
        quality = kili.get_steps(project_id, fields=["steps.stepCoverage", "steps.sendBackStepId"])[
            2
        ]
        assert quality == {"stepCoverage": 30, "sendBackStepId": review_id}, quality

    @check("workflow: add_reviewers_to_step, remove_reviewers_from_step")
    def reviewers() -> None:
        other = member("REVIEWER")
        assert kili.add_reviewers_to_step(project_id, "Quality", [other]) == [other]
        assignees = kili.get_steps(project_id)[2]["assignees"]
        assert {assignee["email"] for assignee in assignees} == {reviewer, other}, assignees
        assert kili.remove_reviewers_from_step(project_id, "Quality", [other]) == [other]

    @check("workflow: labelers of a step need the multi-group workflow")
    def labelers() -> None:
        refusal = ""
        try:
            kili.add_labelers_to_step(project_id, "Labeling", [reviewer])
        except ValueError as refused:
            refusal = str(refused)
        assert "multi-group" in refusal, f"add_labelers_to_step: {refusal!r}"

    @check("workflow: labels and reviews move assets through the steps")
    def moves() -> None:
        moving = kili.create_project(
            title="interop workflow moves", input_type="IMAGE", json_interface=state["interface"]
        )["id"]
        kili.append_many_to_dataset(
            project_id=moving,
            content_array=["https://example.com/w0.png", "https://example.com/w1.png"],
            external_id_array=["w0", "w1"],
        )
        kili.append_labels(
            project_id=moving,
            asset_external_id_array=["w0", "w1"],
            json_response_array=[ANSWER, ANSWER],
        )
        kili.append_labels(
            project_id=moving,
            asset_external_id_array=["w0"],
            json_response_array=[ANSWER],
            label_type="REVIEW",
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assets = kili.assets(
                moving, fields=["externalId", "currentStep.name", "currentStep.status"]
            )
        steps = {asset["externalId"]: asset["currentStep"] for asset in assets}
        assert steps == {
            "w0": {"name": "Review", "status": "DONE"},
            "w1": {"name": "Review", "status": "TO_DO"},
        }, steps

    @check("workflow: copy_workflow_from_project, delete_last_step")
    def copy_and_delete() -> None:
        destination = kili.create_project(
            title="interop workflow copy", input_type="IMAGE", json_interface=state["interface"]
        )["id"]
        kili.copy_workflow_from_project(destination, project_id)
        copied = kili.get_steps(destination, fields=["steps.name", "steps.stepCoverage"])
        assert copied == [
            {"name": "Labeling", "stepCoverage": None},
            {"name": "Review", "stepCoverage": 50},
            {"name": "Quality", "stepCoverage": 30},
        ], copied
        remaining = kili.delete_last_step(destination)
        assert [step["name"] for step in remaining["steps"]] == ["Labeling", "Review"]
