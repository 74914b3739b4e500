"""Project workflows: ordered steps, a labeling step then review steps, and their changes.

The user-facing shapes (`WorkflowStepCreate`, `WorkflowStepUpdate`,
`WorkflowStepDesignation`) are the dicts the official SDK 26.2.4 takes; the frozen
dataclasses are what the use cases hand to the gateway once steps are resolved to ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NewType

from typing_extensions import Required, TypedDict

StepId = NewType("StepId", str)

StepType = Literal["DEFAULT", "REVIEW"]
"""`DEFAULT` is the labeling step, `REVIEW` a review step."""

LABELING_STEP: StepType = "DEFAULT"
REVIEW_STEP: StepType = "REVIEW"

STEP_SETTINGS = (
    "consensus_coverage",
    "number_of_expected_labels_for_consensus",
    "step_coverage",
    "send_back_step_id",
)
"""Settings of a step a workflow change may set or clear, besides its name and assignees."""


class WorkflowStepCreate(TypedDict, total=False):
    """A step to create, as `update_project_workflow(create_steps=...)` takes it."""

    name: Required[str]
    consensus_coverage: int | None
    number_of_expected_labels_for_consensus: int | None
    step_coverage: int | None
    type: Required[StepType]
    assignees: Required[list[str]]
    send_back_step_id: str | None
    step_group_id: str | None


class WorkflowStepDesignation(TypedDict, total=False):
    """A step given by its name, with its group when several groups use that name."""

    name: Required[str]
    group_name: str | None


class WorkflowStepUpdate(TypedDict, total=False):
    """A step to change: by `id` (then `name` is its new name), or else by `name`."""

    id: str | None
    name: str | None
    consensus_coverage: int | None
    number_of_expected_labels_for_consensus: int | None
    step_coverage: int | None
    type: StepType | None
    assignees: list[str] | None
    send_back_step_id: str | None
    group_name: str | None


@dataclass(frozen=True)
class StepDesignation:
    """One step of a project: by id, or by name (with its group, in a multi-group workflow).

    Attributes:
        step_id: Id of the step.
        name: Name of the step, when not given by id.
        group_name: Group of the step named `name`.
    """

    step_id: StepId | None = None
    name: str | None = None
    group_name: str | None = None


@dataclass(frozen=True)
class StepSettings:
    """Values of a step to create or update; `None` leaves a value as it is.

    Attributes:
        name: Name (a new name, for an update).
        step_type: Type of a step to create.
        assignees: Ids of the users assigned to the step.
        consensus_coverage: Labeling step: percentage of assets labeled by several labelers.
        number_of_expected_labels_for_consensus: Labeling step: labelers per consensus asset.
        step_coverage: Review step: percentage of assets going through it.
        send_back_step_id: Review step: where sent-back assets go.
        step_group_id: Group of a step to create, in a multi-group workflow.
        cleared: Settings (among `STEP_SETTINGS`) to set to null.
    """

    name: str | None = None
    step_type: StepType | None = None
    assignees: tuple[str, ...] | None = None
    consensus_coverage: int | None = None
    number_of_expected_labels_for_consensus: int | None = None
    step_coverage: int | None = None
    send_back_step_id: StepId | None = None
    step_group_id: str | None = None
    cleared: frozenset[str] = frozenset()


@dataclass(frozen=True)
class StepUpdate:
    """New settings of the step `step_id`."""

    step_id: StepId
    settings: StepSettings


@dataclass(frozen=True)
class WorkflowChanges:
    """Changes to a workflow, applied by the API in one go: deletions, updates, creations.

    Attributes:
        enforce_step_separation: Keep a user from working on an asset in two steps.
        creates: Steps to add at the end of the workflow.
        updates: Steps to change.
        deletes: Ids of the steps to delete.
    """

    enforce_step_separation: bool | None = None
    creates: tuple[StepSettings, ...] = ()
    updates: tuple[StepUpdate, ...] = ()
    deletes: tuple[StepId, ...] = ()


@dataclass(frozen=True)
class ReviewStepToAdd:
    """A review step to add at the end of a workflow, its references resolved to ids."""

    name: str
    assignee_ids: tuple[str, ...]
    step_coverage: int | None = None
    use_honeypot: bool | None = None
    send_back_step_id: StepId | None = None
    step_group_id: str | None = None


@dataclass(frozen=True)
class StepProperties:
    """Properties of one step to change with a dedicated mutation; `None`: unchanged."""

    step_id: StepId
    consensus_coverage: int | None = None
    number_of_expected_labels_for_consensus: int | None = None
    use_honeypot: bool | None = None
    assignee_ids: tuple[str, ...] | None = None
    step_coverage: int | None = None
    send_back_step_id: StepId | None = None
