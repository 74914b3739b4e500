"""Workflow use cases on an in-memory port: look-ups, verified changes, assignees, copies."""

from __future__ import annotations

import inspect

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.domain.project import ProjectId
from kili.domain.workflow import (
    LABELING_STEP,
    StepDesignation,
    StepId,
    StepProperties,
    StepSettings,
)
from kili.exceptions import InvalidArgumentError, NotFound, UncertainBatchWriteError
from kili.use_cases import verified_write
from kili.use_cases.port import WorkflowGateway
from kili.use_cases.workflow import WorkflowUseCases
from kili.use_cases.workflow_assignees import StepAssignees
from kili.use_cases.workflow_copy import WorkflowCopy
from tests.unit.use_cases.fake_workflow_gateway import InMemoryWorkflowGateway, as_port
from tests.unit.use_cases.faults import LOST_AFTER, LOST_BEFORE, REFUSED_CONNECTION

PORT_METHODS = sorted(name for name in dir(WorkflowGateway) if not name.startswith("_"))
P = ProjectId("p")
REVIEW = StepDesignation(name="Review")


@pytest.fixture(autouse=True)
def no_resend_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verified_write, "RESEND_BACKOFF_SECONDS", 0.0)


@pytest.fixture
def gateway() -> InMemoryWorkflowGateway:
    fake = InMemoryWorkflowGateway()
    fake.store("p", "Review")
    return fake


def flows(gateway: InMemoryWorkflowGateway) -> WorkflowUseCases:
    return WorkflowUseCases(as_port(gateway))


@pytest.mark.parametrize("method", PORT_METHODS)
def test_the_fake_and_the_real_gateway_take_the_ports_arguments(method: str) -> None:
    port = inspect.signature(getattr(WorkflowGateway, method)).parameters
    for implementation in (KiliAPIGateway, InMemoryWorkflowGateway):
        assert list(inspect.signature(getattr(implementation, method)).parameters) == list(port)


def test_the_port_lists_every_gateway_method_the_workflow_methods_call(
    gateway: InMemoryWorkflowGateway,
) -> None:
    destination = gateway.store("d", "Review")
    gateway.join(P, "r@x.io")
    flows(gateway).add_review_step(P, "QA", ["r@x.io"], 50, None, "Review", None)
    flows(gateway).update_step_properties(
        P, StepDesignation(name="Labeling"), LABELING_STEP, StepProperties(StepId(""), 1, 2)
    )
    flows(gateway).rename_step(P, StepDesignation(name="QA"), "Quality")
    gateway.join(destination, "a@x.io", "LABELER")
    gateway.join(destination, "b@x.io", "LABELER")
    WorkflowCopy(as_port(gateway)).copy(P, destination)
    flows(gateway).delete_last_step(P)
    assert sorted(gateway.methods_called()) == PORT_METHODS


def test_steps_given_by_name_are_sent_by_id(gateway: InMemoryWorkflowGateway) -> None:
    flows(gateway).update_project_workflow(
        P,
        True,
        creates=[StepSettings(name="QA", step_type="REVIEW")],
        updates=[(REVIEW, StepSettings(step_coverage=20))],
        deletes=[],
    )
    qa_id = gateway.step(P, "QA")["id"]
    flows(gateway).update_project_workflow(
        P, None, creates=[], updates=[], deletes=[qa_id, "Review", StepDesignation(name="QA")]
    )
    (changes,) = gateway.sent("edit_workflow")[-1]
    assert changes.deletes == (StepId(qa_id), StepId("step-2"))
    assert gateway.names(P) == ["Labeling"]
    assert gateway.projects[P]["enforceStepSeparation"] is True


def test_an_unknown_step_is_refused_before_anything_is_sent(
    gateway: InMemoryWorkflowGateway,
) -> None:
    with pytest.raises(InvalidArgumentError, match="'Nope' not found"):
        flows(gateway).update_project_workflow(P, None, [], [], ["Nope"])
    with pytest.raises(InvalidArgumentError, match="multi-group"):
        flows(gateway).rename_step(P, StepDesignation(name="Review", group_name="G"), "R")
    assert "edit_workflow" not in gateway.methods_called()
    assert "rename_step" not in gateway.methods_called()


def test_a_name_shared_by_groups_needs_the_group(gateway: InMemoryWorkflowGateway) -> None:
    project = gateway.store("v3", "Review", version="V3")
    steps = gateway.projects[project]["steps"]
    steps.append({**steps[1], "id": "other", "stepGroupId": "g2"})
    steps[1]["stepGroupId"] = "g1"
    gateway.projects[project]["stepGroups"] = [{"id": "g1", "name": "A"}, {"id": "g2", "name": "B"}]
    with pytest.raises(InvalidArgumentError, match="Multiple steps"):
        flows(gateway).find_step(project, REVIEW)
    found = flows(gateway).find_step(project, StepDesignation(name="Review", group_name="B"))
    assert found["id"] == "other"


@pytest.mark.parametrize("fault", [LOST_AFTER, LOST_BEFORE])
def test_a_lost_workflow_change_is_read_back_and_made_once(
    gateway: InMemoryWorkflowGateway, fault: object
) -> None:
    gateway.fail("edit_workflow", fault)  # type: ignore[arg-type]
    answer = flows(gateway).update_project_workflow(
        P, None, [StepSettings(name="QA", step_type="REVIEW")], [], ["Review"]
    )
    assert gateway.names(P) == ["Labeling", "QA"]
    assert len(gateway.sent("edit_workflow")) == (1 if fault is LOST_AFTER else 2)
    assert [step["id"] for step in answer["steps"]] == [
        s["id"] for s in gateway.projects[P]["steps"]
    ]


def test_a_workflow_change_the_server_never_got_says_so(gateway: InMemoryWorkflowGateway) -> None:
    gateway.fail("edit_workflow", REFUSED_CONNECTION)
    with pytest.raises(Exception, match="connection refused"):
        flows(gateway).update_project_workflow(
            P, None, [StepSettings(name="QA", step_type="REVIEW")], [], []
        )
    gateway.go_down_after(1)
    gateway.fail("edit_workflow", LOST_BEFORE)
    with pytest.raises(UncertainBatchWriteError):
        flows(gateway).update_project_workflow(
            P, None, [StepSettings(name="QA", step_type="REVIEW")], [], []
        )
    assert gateway.names(P) == ["Labeling", "Review"]


def test_a_lost_review_step_is_found_by_name_not_added_twice(
    gateway: InMemoryWorkflowGateway,
) -> None:
    gateway.join(P, "r@x.io")
    gateway.join(P, "l@x.io", "LABELER")
    gateway.fail("add_review_step", LOST_AFTER)
    with pytest.warns(UserWarning, match="l@x.io"):
        added = flows(gateway).add_review_step(
            P, "QA", ["r@x.io", "l@x.io"], None, None, "Review", None
        )
    assert added == {"id": gateway.step(P, "QA")["id"], "name": "QA", "stepGroupId": None}
    assert len(gateway.sent("add_review_step")) == 1
    assert gateway.step(P, "QA")["assignees"] == [{"id": "user-r@x.io", "email": "r@x.io"}]
    assert gateway.step(P, "QA")["sendBackStepId"] == gateway.step(P, "Review")["id"]


def test_a_coverage_out_of_range_is_refused_before_any_request(
    gateway: InMemoryWorkflowGateway,
) -> None:
    with pytest.raises(InvalidArgumentError, match="step_coverage"):
        flows(gateway).add_review_step(P, "QA", [], 101, None, None, None)
    assert gateway.calls == []


@pytest.mark.parametrize("fault", [LOST_AFTER, LOST_BEFORE])
def test_a_lost_deletion_of_the_last_step_is_not_repeated(
    gateway: InMemoryWorkflowGateway, fault: object
) -> None:
    gateway.store("three", "Review", "Final")
    gateway.fail("delete_step", fault)  # type: ignore[arg-type]
    remaining = flows(gateway).delete_last_step(ProjectId("three"))
    assert [step["name"] for step in remaining["steps"]] == ["Labeling", "Review"]
    assert gateway.names(ProjectId("three")) == ["Labeling", "Review"]
    with pytest.raises(InvalidArgumentError, match="only one review step"):
        flows(gateway).delete_last_step(ProjectId("three"))


def test_properties_go_to_a_step_of_the_right_type(gateway: InMemoryWorkflowGateway) -> None:
    with pytest.raises(InvalidArgumentError, match="not a labeling step"):
        flows(gateway).update_step_properties(
            P, REVIEW, LABELING_STEP, StepProperties(StepId(""), consensus_coverage=5)
        )
    gateway.join(P, "r@x.io")
    answer = flows(gateway).update_review_step(
        P, REVIEW, StepProperties(StepId(""), step_coverage=5), ["r@x.io"], "Labeling"
    )
    review = gateway.step(P, "Review")
    assert answer == {"id": review["id"], "name": "Review"}
    assert (review["stepCoverage"], review["sendBackStepId"]) == (5, "step-1")
    assert review["assignees"] == [{"id": "user-r@x.io", "email": "r@x.io"}]


def test_reviewers_are_merged_and_removed_and_never_all_removed(
    gateway: InMemoryWorkflowGateway,
) -> None:
    assignees = StepAssignees(as_port(gateway))
    gateway.join(P, "a@x.io")
    gateway.join(P, "b@x.io")
    assert assignees.add(P, REVIEW, ["a@x.io"], reviewers=True) == ["a@x.io"]
    with pytest.warns(UserWarning, match="ghost@x.io"):
        assert assignees.add(P, REVIEW, ["b@x.io", "a@x.io", "ghost@x.io"], reviewers=True) == [
            "b@x.io",
            "a@x.io",
        ]
    assert [a["email"] for a in gateway.step(P, "Review")["assignees"]] == ["a@x.io", "b@x.io"]
    assert assignees.remove(P, REVIEW, ["a@x.io"], reviewers=True) == ["a@x.io"]
    writes = len(gateway.sent("edit_workflow"))
    with pytest.raises(InvalidArgumentError, match="at least one"):
        assignees.remove(P, REVIEW, ["b@x.io"], reviewers=True)
    assert len(gateway.sent("edit_workflow")) == writes


def test_labelers_are_assigned_in_the_multi_group_workflow_only(
    gateway: InMemoryWorkflowGateway,
) -> None:
    assignees = StepAssignees(as_port(gateway))
    labeling = StepDesignation(name="Labeling")
    with pytest.raises(InvalidArgumentError, match="multi-group"):
        assignees.add(P, labeling, ["l@x.io"], reviewers=False)
    project = gateway.store("v3", "Review", version="V3")
    gateway.join(project, "l@x.io", "LABELER")
    assert assignees.add(project, labeling, ["l@x.io"], reviewers=False) == ["l@x.io"]
    with pytest.raises(InvalidArgumentError, match="labeling step"):
        assignees.add(project, REVIEW, ["l@x.io"], reviewers=False)


def test_a_copy_keeps_the_first_step_and_remaps_send_back_steps(
    gateway: InMemoryWorkflowGateway,
) -> None:
    source = gateway.store("source", "Review", "Final")
    gateway.step(source, "Labeling").update(consensusCoverage=None)
    gateway.step(source, "Final")["sendBackStepId"] = gateway.step(source, "Review")["id"]
    gateway.step(source, "Review")["stepCoverage"] = 40
    destination = gateway.store("destination", "Old review")
    kept = gateway.step(destination, "Labeling")["id"]
    reviewer = gateway.join(destination, "r@x.io")
    labeler = gateway.join(destination, "l@x.io", "LABELER")
    WorkflowCopy(as_port(gateway)).copy(source, destination)
    assert gateway.names(destination) == ["Labeling", "Review", "Final"]
    assert gateway.step(destination, "Labeling")["id"] == kept
    assert gateway.step(destination, "Review")["stepCoverage"] == 40
    final = gateway.step(destination, "Final")
    assert final["sendBackStepId"] == gateway.step(destination, "Review")["id"]
    assert [a["id"] for a in final["assignees"]] == [reviewer]
    assert labeler not in [a["id"] for a in final["assignees"]]


def test_a_copy_is_refused_before_any_change(gateway: InMemoryWorkflowGateway) -> None:
    copier = WorkflowCopy(as_port(gateway))
    destination = gateway.store("d", "Review")
    gateway.labels[destination] = 3
    with pytest.raises(InvalidArgumentError, match="already has 3 label"):
        copier.copy(P, destination)
    gateway.labels[destination] = 0
    gateway.step(P, "Labeling")["numberOfExpectedLabelsForConsensus"] = 2
    with pytest.raises(InvalidArgumentError, match="requires 2 for consensus"):
        copier.copy(P, destination)
    with pytest.raises(InvalidArgumentError, match="must be different"):
        copier.copy(P, P)
    with pytest.raises(NotFound):
        copier.copy(ProjectId("missing"), destination)
    assert "edit_workflow" not in gateway.methods_called()
