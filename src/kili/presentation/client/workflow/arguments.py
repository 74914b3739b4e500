"""Workflow arguments -> domain objects, with the checks that need no request."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kili.domain.workflow import (
    StepDesignation,
    StepId,
    StepSettings,
    WorkflowStepCreate,
    WorkflowStepDesignation,
    WorkflowStepUpdate,
)
from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError, MissingArgumentError
from kili.use_cases.workflow import check_percentage


def step_designation(
    method: str, step_name: str | None, group_name: str | None, step_id: str | None
) -> StepDesignation:
    """Return the step given by `step_id`, or else by `step_name` (and `group_name`).

    Raises:
        MissingArgumentError: Neither `step_id` nor `step_name` is given.
        IncompatibleArgumentsError: Both are, or `group_name` comes with `step_id`.
    """
    if step_id is not None and step_name is not None:
        raise IncompatibleArgumentsError(
            f"{method}(): provide either step_id, or step_name (with group_name when several"
            " groups use it), but not both"
        )
    if step_id is None and step_name is None:
        raise MissingArgumentError(f"{method}(): give `step_name` or `step_id`.")
    if step_id is not None and group_name is not None:
        raise IncompatibleArgumentsError(
            f"{method}(): group_name goes with step_name only, not with step_id"
        )
    return StepDesignation(StepId(step_id) if step_id else None, step_name, group_name)


def required(value: list[str] | str | None, name: str, method: str) -> None:
    """Refuse a missing argument that has a default only because the ones before it do.

    Raises:
        MissingArgumentError: `value` is None.
    """
    if value is None:
        raise MissingArgumentError(f"{method}(): {name} is required")


def steps_to_create(steps: Sequence[WorkflowStepCreate] | None) -> tuple[StepSettings, ...]:
    """Return the steps to create as domain settings, coverages checked."""
    created = []
    for step in steps or ():
        created.append(_settings(step, step_type=step["type"]))
        if not step["name"].strip():
            raise InvalidArgumentError("A step to create needs a name that is not blank")
    return tuple(created)


def steps_to_update(
    updates: Sequence[WorkflowStepUpdate] | None,
) -> list[tuple[StepDesignation, StepSettings]]:
    """Return each update with the step it designates.

    With an `id`, `name` is the step's new name; without one, `name` (with `group_name`)
    says which step it is.

    Raises:
        MissingArgumentError: An update has neither `id` nor `name`.
        IncompatibleArgumentsError: An update has both `id` and `group_name`.
    """
    resolved = []
    for update in updates or ():
        step_id, name, group_name = update.get("id"), update.get("name"), update.get("group_name")
        if step_id is None and name is None:
            raise MissingArgumentError("A step to update is given by its id, or by its name")
        if step_id is not None and group_name is not None:
            raise IncompatibleArgumentsError(
                "group_name goes with a step given by its name, not with one given by its id"
            )
        designation = StepDesignation(
            StepId(step_id) if step_id is not None else None,
            None if step_id is not None else name,
            group_name,
        )
        settings = _settings(update, step_type=update.get("type"))
        resolved.append((designation, settings if step_id is not None else _unnamed(settings)))
    return resolved


def steps_to_delete(
    deletes: Sequence[str | WorkflowStepDesignation] | None,
) -> list[str | StepDesignation]:
    """Return the steps to delete: ids or names as given, or names with their group."""
    return [
        item
        if isinstance(item, str)
        else StepDesignation(name=item["name"], group_name=item.get("group_name"))
        for item in deletes or ()
    ]


def _settings(step: WorkflowStepCreate | WorkflowStepUpdate, step_type: str | None) -> StepSettings:
    check_percentage(step.get("consensus_coverage"), "consensus_coverage")
    check_percentage(step.get("step_coverage"), "step_coverage")
    assignees = step.get("assignees")
    send_back = step.get("send_back_step_id")
    group_id = step.get("step_group_id")
    return StepSettings(
        name=step.get("name"),
        step_type="REVIEW" if step_type == "REVIEW" else ("DEFAULT" if step_type else None),
        assignees=tuple(assignees) if assignees is not None else None,
        consensus_coverage=step.get("consensus_coverage"),
        number_of_expected_labels_for_consensus=step.get("number_of_expected_labels_for_consensus"),
        step_coverage=step.get("step_coverage"),
        send_back_step_id=StepId(send_back) if send_back is not None else None,
        step_group_id=group_id if isinstance(group_id, str) else None,
    )


def _unnamed(settings: StepSettings) -> StepSettings:
    """The settings of a step found by its name: the name designates, it is not changed."""
    return replace(settings, name=None)
