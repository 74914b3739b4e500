"""The workflow methods keep the official 26.2.4 signatures and refuse bad input unsent."""

from __future__ import annotations

import inspect
from typing import Any
from unittest.mock import create_autospec

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.client import Kili
from kili.exceptions import (
    ArgumentTypeError,
    IncompatibleArgumentsError,
    InvalidArgumentError,
    MissingArgumentError,
)

EMPTY = inspect.Parameter.empty
DESIGNATION = [("group_name", None), ("step_id", None)]
EMAILS = [("project_id", EMPTY), ("step_name", None), ("emails", None), *DESIGNATION]

OFFICIAL: dict[str, list[tuple[str, Any]]] = {
    "get_steps": [
        ("project_id", EMPTY),
        (
            "fields",
            (
                "steps.type",
                "steps.name",
                "steps.id",
                "steps.stepGroupId",
                "steps.assignees.email",
                "steps.assignees.id",
            ),
        ),
    ],
    "update_project_workflow": [
        ("project_id", EMPTY),
        ("enforce_step_separation", None),
        ("create_steps", None),
        ("update_steps", None),
        ("delete_steps", None),
    ],
    "add_review_step": [
        ("project_id", EMPTY),
        ("step_name", EMPTY),
        ("assignees", EMPTY),
        ("step_coverage", None),
        ("use_honeypot", None),
        ("send_back_to_step", None),
        ("group_name", None),
    ],
    "delete_last_step": [("project_id", EMPTY)],
    "rename_step": [("project_id", EMPTY), ("step_name", None), ("new_name", None), *DESIGNATION],
    "add_reviewers_to_step": EMAILS,
    "remove_reviewers_from_step": EMAILS,
    "add_labelers_to_step": EMAILS,
    "remove_labelers_from_step": EMAILS,
    "update_labeling_step_properties": [
        ("project_id", EMPTY),
        ("step_name", None),
        ("consensus_coverage", None),
        ("number_of_expected_labels_for_consensus", None),
        ("use_honeypot", None),
        *DESIGNATION,
    ],
    "update_review_step_properties": [
        ("project_id", EMPTY),
        ("step_name", None),
        ("assignees", None),
        ("step_coverage", None),
        ("send_back_to_step", None),
        ("use_honeypot", None),
        *DESIGNATION,
    ],
    "copy_workflow_from_project": [("destination_project_id", EMPTY), ("source_project_id", EMPTY)],
}


@pytest.mark.parametrize("name", sorted(OFFICIAL))
def test_signature_is_the_official_one(name: str) -> None:
    parameters = list(inspect.signature(getattr(Kili, name)).parameters.values())[1:]
    assert [(p.name, p.default) for p in parameters] == OFFICIAL[name]
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in parameters)


@pytest.fixture
def offline() -> tuple[Kili, Any]:
    gateway = create_autospec(KiliAPIGateway, instance=True)
    return Kili.from_gateway(gateway), gateway


BAD_CALLS: list[tuple[type[Exception], str, dict[str, Any]]] = [
    (MissingArgumentError, "add_reviewers_to_step", {"step_name": "Review"}),
    (MissingArgumentError, "remove_labelers_from_step", {"emails": ["a@x.io"]}),
    (
        IncompatibleArgumentsError,
        "add_reviewers_to_step",
        {"step_name": "Review", "step_id": "s", "emails": []},
    ),
    (
        IncompatibleArgumentsError,
        "rename_step",
        {"step_id": "s", "group_name": "G", "new_name": "N"},
    ),
    (MissingArgumentError, "rename_step", {"step_name": "Review"}),
    (InvalidArgumentError, "get_steps", {"fields": ["id", "steps.name"]}),
    (
        InvalidArgumentError,
        "add_review_step",
        {"step_name": "R", "assignees": [], "step_coverage": 101},
    ),
    (
        InvalidArgumentError,
        "update_labeling_step_properties",
        {"step_name": "Labeling", "consensus_coverage": -1},
    ),
    (
        InvalidArgumentError,
        "update_review_step_properties",
        {"step_name": "Review", "step_coverage": 150},
    ),
    (
        InvalidArgumentError,
        "update_project_workflow",
        {"create_steps": [{"name": "R", "type": "REVIEW", "assignees": [], "step_coverage": 200}]},
    ),
    (
        MissingArgumentError,
        "update_project_workflow",
        {"update_steps": [{"step_coverage": 10}]},
    ),
    (
        IncompatibleArgumentsError,
        "update_project_workflow",
        {"update_steps": [{"id": "s", "group_name": "G"}]},
    ),
    (ArgumentTypeError, "add_review_step", {"step_name": "R", "assignees": "a@x.io"}),
    (
        InvalidArgumentError,
        "update_project_workflow",
        {"create_steps": [{"name": "R", "type": "LABEL", "assignees": []}]},
    ),
]


@pytest.mark.parametrize(("error", "method", "arguments"), BAD_CALLS)
def test_bad_arguments_are_refused_before_any_request(
    offline: tuple[Kili, Any], error: type[Exception], method: str, arguments: dict[str, Any]
) -> None:
    kili, gateway = offline
    with pytest.raises(error):
        getattr(kili, method)("p", **arguments)
    assert gateway.method_calls == []


def test_a_create_step_needs_its_name_type_and_assignees(offline: tuple[Kili, Any]) -> None:
    kili, gateway = offline
    with pytest.raises((ArgumentTypeError, InvalidArgumentError)):
        kili.update_project_workflow("p", create_steps=[{"name": "R", "type": "REVIEW"}])  # type: ignore[typeddict-item]
    assert gateway.method_calls == []
