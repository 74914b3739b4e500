"""The workflow part of the gateway: the operations and variables it sends, as 26.2.4 does."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from graphql import parse

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.adapters.transport import GraphQLTransport
from kili.config import ApiKey, RetryPolicy
from kili.domain.project import ProjectId
from kili.domain.workflow import (
    LABELING_STEP,
    REVIEW_STEP,
    ReviewStepToAdd,
    StepId,
    StepProperties,
    StepSettings,
    StepUpdate,
    WorkflowChanges,
)
from kili.exceptions import ServerError, UncertainWriteError

Sent = list[tuple[str, dict[str, Any]]]
STEPS = [{"id": "s1", "name": "Labeling"}, {"id": "s2", "name": "Review"}]
P = ProjectId("p1")


@pytest.fixture
def sent() -> Sent:
    return []


def gateway_answering(sent: Sent, data: Callable[[str], Any], status: int = 200) -> KiliAPIGateway:
    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        operation = parse(body["query"]).definitions[0]
        sent.append((operation.name.value, body.get("variables") or {}))  # type: ignore[attr-defined]
        if status != 200:
            return httpx.Response(status)
        return httpx.Response(200, json={"data": {"data": data(operation.name.value)}})  # type: ignore[attr-defined]

    http = httpx.Client(transport=httpx.MockTransport(handle))
    retry = RetryPolicy(max_attempts=3, initial_backoff=0.0, max_backoff=0.0)
    return KiliAPIGateway(
        GraphQLTransport("https://kili.test/graphql", ApiKey("key"), http_client=http, retry=retry)
    )


def test_read_workflow_reads_one_project_with_the_fields(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _: [{"steps": STEPS}])
    assert gateway.read_workflow(P, ("steps.id", "steps.name")) == {"steps": STEPS}
    assert sent == [("getSteps", {"where": {"id": "p1"}, "first": 1, "skip": 0})]


def test_read_workflow_answers_none_for_an_unknown_project(sent: Sent) -> None:
    assert gateway_answering(sent, lambda _: []).read_workflow(P, ("steps.id",)) is None


def test_edit_workflow_sends_creates_updates_deletes_and_cleared_settings(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _: {"enforceStepSeparation": True, "steps": []})
    changes = WorkflowChanges(
        enforce_step_separation=True,
        creates=(
            StepSettings(name="QA", step_type=REVIEW_STEP, assignees=("u1",), step_coverage=5),
        ),
        updates=(
            StepUpdate(
                StepId("s1"),
                StepSettings(name="Label", cleared=frozenset({"consensus_coverage"})),
            ),
        ),
        deletes=(StepId("s2"),),
    )
    gateway.edit_workflow(P, changes)
    assert sent == [
        (
            "editProjectWorkflowSettings",
            {
                "input": {
                    "projectId": "p1",
                    "enforceStepSeparation": True,
                    "steps": {
                        "creates": [
                            {"name": "QA", "type": "REVIEW", "assignees": ["u1"], "stepCoverage": 5}
                        ],
                        "updates": [{"id": "s1", "name": "Label", "consensusCoverage": None}],
                        "deletes": ["s2"],
                    },
                }
            },
        )
    ]


def test_an_edit_that_creates_is_not_resent_after_an_uncertain_failure(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _: None, status=502)
    creating = WorkflowChanges(creates=(StepSettings(name="QA", step_type=REVIEW_STEP),))
    with pytest.raises(UncertainWriteError):
        gateway.edit_workflow(P, creating)
    assert len(sent) == 1


def test_an_edit_that_only_sets_values_is_retried(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _: None, status=502)
    setting = WorkflowChanges(updates=(StepUpdate(StepId("s1"), StepSettings(name="L")),))
    with pytest.raises(ServerError):
        gateway.edit_workflow(P, setting)
    assert len(sent) == 3


def test_dedicated_step_mutations_send_their_inputs(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _: {"steps": STEPS})
    added = gateway.add_review_step(
        P, ReviewStepToAdd("Review", ("u1",), 50, True, StepId("s1"), None)
    )
    assert added == STEPS
    gateway.update_step_properties(
        P, LABELING_STEP, StepProperties(StepId("s1"), consensus_coverage=10)
    )
    gateway.update_step_properties(
        P, REVIEW_STEP, StepProperties(StepId("s2"), assignee_ids=("u2",), step_coverage=0)
    )
    gateway.rename_step(P, StepId("s2"), "QA")
    gateway.delete_step(P, StepId("s2"))
    assert sent == [
        (
            "addReviewStep",
            {
                "input": {
                    "projectId": "p1",
                    "name": "Review",
                    "assignees": ["u1"],
                    "stepCoverage": 50,
                    "useHoneypot": True,
                    "sendBackStepId": "s1",
                }
            },
        ),
        (
            "updateLabelingStepProperties",
            {"input": {"projectId": "p1", "stepId": "s1", "consensusCoverage": 10}},
        ),
        (
            "updateReviewStepProperties",
            {
                "input": {
                    "projectId": "p1",
                    "stepId": "s2",
                    "assignees": ["u2"],
                    "stepCoverage": 0,
                }
            },
        ),
        ("renameStep", {"input": {"projectId": "p1", "stepId": "s2", "newName": "QA"}}),
        ("deleteStep", {"input": {"projectId": "p1", "stepId": "s2"}}),
    ]
