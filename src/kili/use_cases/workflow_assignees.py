"""Who works in which step: reviewers of review steps, labelers of labeling steps.

The assignees of a step are set as a whole (the current ones merged with those added,
or without those removed), so a change is idempotent and simply retried.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kili.domain.project import ProjectId
from kili.domain.workflow import (
    LABELING_STEP,
    StepDesignation,
    StepId,
    StepSettings,
    StepUpdate,
    WorkflowChanges,
)
from kili.exceptions import InvalidArgumentError
from kili.use_cases.step_resolution import find_step
from kili.use_cases.workflow import WorkflowUseCases, member_ids
from kili.user_warnings import warn_user

if TYPE_CHECKING:
    from kili.use_cases.port import WorkflowGateway


class StepAssignees:
    """Add and remove the users assigned to a step."""

    def __init__(self, gateway: WorkflowGateway) -> None:
        self._gateway = gateway
        self._workflows = WorkflowUseCases(gateway)

    def add(
        self,
        project_id: ProjectId,
        designation: StepDesignation,
        emails: Sequence[str],
        *,
        reviewers: bool,
    ) -> list[str]:
        """Assign the members with `emails` to the step; return the emails assigned.

        Reviewers go to a review step and exclude LABELER members; labelers go to a
        labeling step of a multi-group workflow. Emails that cannot be assigned are
        named in a warning.

        Raises:
            InvalidArgumentError: The step is not found or is of the other kind, or
                labelers are assigned outside the multi-group workflow.
        """
        workflow = self._workflows.workflow(project_id)
        if not reviewers:
            _require_multi_group(workflow)
        step = self._step_of_kind(workflow, designation, reviewers=reviewers, action="add")
        members = self._workflows.active_members(project_id)
        ids, added = member_ids(
            members,
            emails,
            can_review=reviewers,
            warning=(
                "These emails were not added (not found or can not review): "
                if reviewers
                else "These emails were not added (not project members): "
            ),
        )
        current = [assignee["id"] for assignee in step.get("assignees") or []]
        self._set(project_id, step, list(dict.fromkeys(current + ids)))
        return added

    def remove(
        self,
        project_id: ProjectId,
        designation: StepDesignation,
        emails: Sequence[str],
        *,
        reviewers: bool,
    ) -> list[str]:
        """Unassign the users with `emails` from the step; return the emails removed.

        Emails of users not assigned to the step are named in a warning.

        Raises:
            InvalidArgumentError: The step is not found or is of the other kind, labelers
                are removed outside the multi-group workflow, or no assignee would be left.
        """
        workflow = self._workflows.workflow(project_id)
        if not reviewers:
            _require_multi_group(workflow)
        step = self._step_of_kind(workflow, designation, reviewers=reviewers, action="remove")
        assignees = step.get("assignees") or []
        assigned = {assignee["email"]: assignee["id"] for assignee in assignees}
        removed = [email for email in emails if email in assigned]
        not_removed = [email for email in emails if email not in assigned]
        if removed:
            gone = {assigned[email] for email in removed}
            kept = [assignee["id"] for assignee in assignees if assignee["id"] not in gone]
            if not kept:
                raise InvalidArgumentError(
                    "Cannot remove all assignees from a step; a step must keep at least one"
                    " assignee"
                )
            self._set(project_id, step, kept)
        if not_removed:
            warn_user(
                "These emails were not removed because they are not assigned to this step: "
                + ", ".join(not_removed)
            )
        return removed

    @staticmethod
    def _step_of_kind(
        workflow: dict[str, Any], designation: StepDesignation, *, reviewers: bool, action: str
    ) -> dict[str, Any]:
        step = find_step(workflow, designation)
        is_labeling = step.get("type") == LABELING_STEP
        if reviewers and is_labeling:
            preposition = "to" if action == "add" else "from"
            raise InvalidArgumentError(
                f"The step must be a review step, can't {action} reviewers {preposition} a"
                " label step"
            )
        if not reviewers and not is_labeling:
            preposition = "to" if action == "add" else "from"
            raise InvalidArgumentError(
                f"The step must be a labeling step, can't {action} labelers {preposition} a"
                " review step"
            )
        return step

    def _set(self, project_id: ProjectId, step: dict[str, Any], user_ids: list[str]) -> None:
        update = StepUpdate(StepId(step["id"]), StepSettings(assignees=tuple(user_ids)))
        self._gateway.edit_workflow(project_id, WorkflowChanges(updates=(update,)))


def _require_multi_group(workflow: dict[str, Any]) -> None:
    if workflow.get("workflowVersion") != "V3":
        raise InvalidArgumentError("Assigning labelers to a step requires the multi-group workflow")
