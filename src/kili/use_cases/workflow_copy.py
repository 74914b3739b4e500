"""Copying the workflow of one project onto another, with the destination's own members.

The destination must use the multi-step workflow and have no labels. Its first step is
kept (a workflow cannot lose its labeling step) and takes the source's first step's
settings; its other steps are deleted and the source's other steps created in one change,
verified by reading back; the send-back targets, which name steps by id, are set last.
Assignees are not copied: the destination's activated members are assigned (reviewers
of review steps: every member but the LABELERs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kili.domain.label import LabelFilters
from kili.domain.project import ProjectId
from kili.domain.project_user import ProjectUserFilters
from kili.domain.workflow import (
    LABELING_STEP,
    StepId,
    StepSettings,
    StepUpdate,
    WorkflowChanges,
)
from kili.exceptions import InvalidArgumentError
from kili.use_cases.workflow import WorkflowUseCases

if TYPE_CHECKING:
    from kili.use_cases.port import WorkflowGateway

SOURCE_STEP_FIELDS = (
    "steps.id",
    "steps.name",
    "steps.type",
    "steps.consensusCoverage",
    "steps.numberOfExpectedLabelsForConsensus",
    "steps.stepCoverage",
    "steps.sendBackStepId",
    "steps.stepGroupId",
)


class WorkflowCopy:
    """Copy a workflow from a source project to a destination project."""

    def __init__(self, gateway: WorkflowGateway) -> None:
        self._gateway = gateway
        self._workflows = WorkflowUseCases(gateway)

    def copy(self, source_id: ProjectId, destination_id: ProjectId) -> dict[str, Any]:
        """Copy the workflow; return the answer of the last change (`steps { id }`).

        Raises:
            InvalidArgumentError: The projects are the same, the source has no steps, several
                groups or duplicate step names, the destination does not use the multi-step
                workflow, has labels, or has fewer activated members than the source's
                consensus needs. Nothing is changed then.
            NotFound: A project does not exist.
        """
        if source_id == destination_id:
            raise InvalidArgumentError(
                "Source and destination project IDs must be different."
                f" Got the same ID: {source_id}"
            )
        source = self._source_steps(source_id)
        self._check_destination(destination_id, source)
        separation = self._workflows.workflow(source_id, ("enforceStepSeparation",)).get(
            "enforceStepSeparation"
        )
        existing = self._workflows.get_steps(destination_id, ("steps.id", "steps.name"))
        members = self._workflows.active_members(destination_id)
        labelers = tuple(member["user"]["id"] for member in members)
        reviewers = tuple(m["user"]["id"] for m in members if m.get("role") != "LABELER")
        first, *others = source
        changes = WorkflowChanges(
            enforce_step_separation=separation,
            updates=(StepUpdate(StepId(existing[0]["id"]), _first_step_settings(first)),),
            deletes=tuple(StepId(step["id"]) for step in existing[1:]),
            creates=tuple(
                _created(step, labelers if step["type"] == LABELING_STEP else reviewers)
                for step in others
            ),
        )
        result = self._workflows.edit_verified(destination_id, changes)
        return self._copy_send_back_targets(source, destination_id) or result

    def _source_steps(self, source_id: ProjectId) -> list[dict[str, Any]]:
        steps = self._workflows.get_steps(source_id, SOURCE_STEP_FIELDS)
        groups = {step.get("stepGroupId") for step in steps}
        if len(groups) > 1:
            raise InvalidArgumentError(
                f"Source project {source_id} has {len(groups)} step groups:"
                " only a workflow with a single group can be copied."
            )
        names = [step["name"] for step in steps]
        if len(names) != len(set(names)):
            raise InvalidArgumentError(
                f"Source project {source_id} has duplicate step names."
                " Cannot reliably copy workflow with duplicate step names."
            )
        return steps

    def _check_destination(self, destination_id: ProjectId, source: list[dict[str, Any]]) -> None:
        version = self._workflows.workflow(destination_id, ("workflowVersion",)).get(
            "workflowVersion"
        )
        if version != "V2":
            raise InvalidArgumentError(
                f"Destination project {destination_id} does not use the multi-step"
                " workflow, the only one a workflow can be copied to."
            )
        labels = self._gateway.count_labels(LabelFilters(project_id=destination_id))
        if labels:
            raise InvalidArgumentError(
                f"Destination project {destination_id} already has {labels} label(s). Cannot"
                " copy workflow to a project that has already been labeled."
            )
        required = max(
            (step.get("numberOfExpectedLabelsForConsensus") or 0 for step in source), default=0
        )
        if required:
            active = self._gateway.count_project_users(
                ProjectUserFilters(project_id=destination_id, status="ACTIVATED")
            )
            if active < required:
                raise InvalidArgumentError(
                    f"Destination project {destination_id} has {active} activated labeler(s),"
                    f" but the source workflow requires {required} for consensus. Add more"
                    " labelers before copying the workflow."
                )

    def _copy_send_back_targets(
        self, source: list[dict[str, Any]], destination_id: ProjectId
    ) -> dict[str, Any] | None:
        """Point each copied step at the copy of its source's send-back step (idempotent)."""
        name_of = {step["id"]: step["name"] for step in source}
        sending = [step for step in source if step.get("sendBackStepId") in name_of]
        if not sending:
            return None
        copied = self._workflows.get_steps(destination_id, ("steps.id", "steps.name"))
        id_of = {step["name"]: step["id"] for step in copied}
        updates = tuple(
            StepUpdate(
                StepId(id_of[step["name"]]),
                StepSettings(send_back_step_id=StepId(id_of[name_of[step["sendBackStepId"]]])),
            )
            for step in sending
        )
        return self._gateway.edit_workflow(destination_id, WorkflowChanges(updates=updates))


def _first_step_settings(step: dict[str, Any]) -> StepSettings:
    """The source's first step's name and consensus, null ones cleared on the destination's."""
    consensus = {
        "consensus_coverage": step.get("consensusCoverage"),
        "number_of_expected_labels_for_consensus": step.get("numberOfExpectedLabelsForConsensus"),
    }
    return StepSettings(
        name=step["name"],
        cleared=frozenset(name for name, value in consensus.items() if value is None),
        **consensus,
    )


def _created(step: dict[str, Any], assignees: tuple[str, ...]) -> StepSettings:
    return StepSettings(
        name=step["name"],
        step_type=step["type"],
        assignees=assignees,
        consensus_coverage=step.get("consensusCoverage"),
        number_of_expected_labels_for_consensus=step.get("numberOfExpectedLabelsForConsensus"),
        step_coverage=step.get("stepCoverage"),
    )
