"""Workflow use cases: a project's steps read, found by name or id, changed and staffed.

Steps are sent to the API by id; a step given by name (with its group, in a multi-group
workflow) is looked up first. Changes that create or delete steps are verified by
reading the workflow back after an uncertain attempt (the API applies a workflow change
whole or not at all); the others set values and are simply retried.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kili.domain.project import ProjectId
from kili.domain.project_user import ProjectUserFilters
from kili.domain.query import FieldPaths, QueryOptions
from kili.domain.workflow import (
    REVIEW_STEP,
    ReviewStepToAdd,
    StepDesignation,
    StepId,
    StepProperties,
    StepSettings,
    StepType,
    StepUpdate,
    WorkflowChanges,
)
from kili.exceptions import InvalidArgumentError, NotFound
from kili.use_cases.step_resolution import by_name, find_step, group_of
from kili.use_cases.verified_write import write_in_verified_batches
from kili.user_warnings import warn_user

if TYPE_CHECKING:
    from kili.use_cases.port import WorkflowGateway

CONTEXT_FIELDS = (
    "workflowVersion",
    "steps.id",
    "steps.name",
    "steps.type",
    "steps.stepGroupId",
    "steps.assignees.id",
    "steps.assignees.email",
    "stepGroups.id",
    "stepGroups.name",
)
"""What finding a step and changing its assignees reads of the project."""

MEMBER_FIELDS = ("role", "user.id", "user.email")


def check_percentage(value: int | None, name: str) -> None:
    """Refuse a coverage outside 0-100 before anything is sent.

    Raises:
        InvalidArgumentError: The value is outside 0-100.
    """
    if value is not None and not 0 <= value <= 100:
        raise InvalidArgumentError(f"The parameter {name} must be between 0 and 100 (included).")


class WorkflowUseCases:
    """Steps of a project workflow: reads, look-ups, changes and assignees."""

    def __init__(self, gateway: WorkflowGateway) -> None:
        self._gateway = gateway

    def workflow(
        self, project_id: ProjectId, fields: FieldPaths = CONTEXT_FIELDS
    ) -> dict[str, Any]:
        """Return the project's workflow `fields`.

        Raises:
            NotFound: The project does not exist, or has no steps (legacy workflow).
        """
        project = self._gateway.read_workflow(project_id, fields)
        if project is None:
            raise NotFound(f"project ID: {project_id}. The project does not exist.")
        if any(path.startswith("steps.") for path in fields) and not project.get("steps"):
            raise NotFound(
                f"project ID: {project_id}. The project uses the legacy workflow, which has no"
                " steps."
            )
        return project

    def get_steps(self, project_id: ProjectId, fields: FieldPaths) -> list[dict[str, Any]]:
        """Return the steps of the project's workflow, in order, with `fields`."""
        steps: list[dict[str, Any]] = self.workflow(project_id, fields)["steps"]
        return steps

    def find_step(self, project_id: ProjectId, designation: StepDesignation) -> dict[str, Any]:
        """Return the designated step (`id`, `name`, `type`, `stepGroupId`, assignees)."""
        return find_step(self.workflow(project_id), designation)

    def edit_verified(self, project_id: ProjectId, changes: WorkflowChanges) -> dict[str, Any]:
        """Apply `changes`; after an uncertain attempt, resend only if they did not land.

        The changes landed when the steps to delete are gone and the steps to create are
        there (names are unique in a workflow).
        """
        answers: list[dict[str, Any]] = []
        created = {settings.name for settings in changes.creates}

        def send(_: Sequence[ProjectId]) -> list[ProjectId]:
            answers.append(self._gateway.edit_workflow(project_id, changes))
            return [project_id]

        def read_back(items: Sequence[ProjectId], *_: object) -> dict[int, ProjectId]:
            steps = self.get_steps(project_id, ("steps.id", "steps.name"))
            names, ids = {step["name"] for step in steps}, {step["id"] for step in steps}
            landed = created <= names and not ids & set(changes.deletes)
            return {0: items[0]} if landed and (created or changes.deletes) else {}

        write_in_verified_batches(
            [project_id],
            1,
            send,
            read_back,
            description=f"Changing the workflow of project {project_id}",
            disable_tqdm=True,
            name_item=lambda project: f"the workflow of project {project}",
        )
        if answers:
            return answers[-1]
        return self.workflow(project_id, ("enforceStepSeparation", "steps.id"))

    def _add_verified(self, project_id: ProjectId, step: ReviewStepToAdd) -> dict[str, Any]:
        """Add a review step; after an uncertain attempt, resend only if it is not there."""
        found: list[dict[str, Any]] = []

        def pick(steps: Sequence[dict[str, Any]]) -> StepId | None:
            for candidate in steps:
                if candidate["name"] == step.name:
                    found.append({key: candidate.get(key) for key in ("id", "name", "stepGroupId")})
                    return StepId(candidate["id"])
            return None

        def send(_: Sequence[str]) -> list[StepId]:
            step_id = pick(self._gateway.add_review_step(project_id, step))
            if step_id is None:
                raise NotFound(f"Could not find the stepId of the step {step.name}.")
            return [step_id]

        def read_back(_items: Sequence[str], *_: object) -> dict[int, StepId]:
            step_id = pick(self.get_steps(project_id, ("steps.id", "steps.name")))
            return {0: step_id} if step_id is not None else {}

        write_in_verified_batches(
            [step.name],
            1,
            send,
            read_back,
            description=f"Adding the review step {step.name!r}",
            disable_tqdm=True,
            name_item=lambda name: f"the step {name!r}",
        )
        return found[-1]

    def update_project_workflow(
        self,
        project_id: ProjectId,
        enforce_step_separation: bool | None,
        creates: Sequence[StepSettings],
        updates: Sequence[tuple[StepDesignation, StepSettings]],
        deletes: Sequence[str | StepDesignation],
    ) -> dict[str, Any]:
        """Apply workflow changes, steps given by name resolved to ids first.

        A string in `deletes` is a step id when a step has it, else a step name.
        """
        workflow = self.workflow(project_id) if updates or deletes else {"steps": []}
        ids = {step["id"] for step in workflow["steps"]}
        deleted = [
            StepId(item)
            if isinstance(item, str) and item in ids
            else StepId(find_step(workflow, by_name(item))["id"])
            for item in deletes
        ]
        changes = WorkflowChanges(
            enforce_step_separation=enforce_step_separation,
            creates=tuple(creates),
            updates=tuple(
                StepUpdate(StepId(find_step(workflow, designation)["id"]), settings)
                for designation, settings in updates
            ),
            deletes=tuple(dict.fromkeys(deleted)),
        )
        return self.edit_verified(project_id, changes)

    def add_review_step(
        self,
        project_id: ProjectId,
        name: str,
        assignee_emails: Sequence[str],
        step_coverage: int | None,
        use_honeypot: bool | None,
        send_back_to_step: str | None,
        group_name: str | None,
    ) -> dict[str, Any]:
        """Add a review step at the end of the workflow (of the group `group_name`).

        Returns:
            The new step's `id`, `name` and `stepGroupId`.
        """
        check_percentage(step_coverage, "step_coverage")
        assignees = self.reviewer_ids(project_id, assignee_emails)
        workflow = self.workflow(project_id)
        group_id = group_of(workflow, group_name)["id"] if group_name is not None else None
        send_back = (
            StepId(find_step(workflow, StepDesignation(None, send_back_to_step, group_name))["id"])
            if send_back_to_step is not None
            else None
        )
        step = ReviewStepToAdd(
            name, tuple(assignees), step_coverage, use_honeypot, send_back, group_id
        )
        return self._add_verified(project_id, step)

    def update_review_step(
        self,
        project_id: ProjectId,
        designation: StepDesignation,
        properties: StepProperties,
        assignee_emails: Sequence[str] | None,
        send_back_to_step: str | None,
    ) -> dict[str, Any]:
        """Set properties of a review step; assignees by email, send-back step by id or name."""
        check_percentage(properties.step_coverage, "step_coverage")
        if assignee_emails is not None:
            assignees = tuple(self.reviewer_ids(project_id, assignee_emails))
            properties = replace(properties, assignee_ids=assignees)
        if send_back_to_step is not None:
            workflow = self.workflow(project_id)
            ids = {step["id"] for step in workflow["steps"]}
            target = (
                send_back_to_step
                if send_back_to_step in ids
                else find_step(workflow, StepDesignation(None, send_back_to_step))["id"]
            )
            properties = replace(properties, send_back_step_id=StepId(target))
        return self.update_step_properties(project_id, designation, REVIEW_STEP, properties)

    def update_step_properties(
        self,
        project_id: ProjectId,
        designation: StepDesignation,
        step_type: StepType,
        properties: StepProperties,
    ) -> dict[str, Any]:
        """Set properties of a step of `step_type` (idempotent); return its `id` and `name`.

        `properties.step_id` is ignored: the step is the one `designation` names.

        Raises:
            InvalidArgumentError: The step is not found, or is not of `step_type`.
        """
        step = self.find_step(project_id, designation)
        if step["type"] != step_type:
            kind = "a review" if step_type == REVIEW_STEP else "a labeling"
            raise InvalidArgumentError(f"Step '{step['name']}' is not {kind} step")
        targeted = replace(properties, step_id=StepId(step["id"]))
        steps = self._gateway.update_step_properties(project_id, step_type, targeted)
        return _the_step(steps, step["id"])

    def rename_step(
        self, project_id: ProjectId, designation: StepDesignation, new_name: str
    ) -> dict[str, Any]:
        """Rename a step (idempotent); return its `id` and `name`."""
        if not new_name.strip():
            raise InvalidArgumentError("new_name must not be blank")
        step = self.find_step(project_id, designation)
        return _the_step(self._gateway.rename_step(project_id, step["id"], new_name), step["id"])

    def delete_last_step(self, project_id: ProjectId) -> dict[str, Any]:
        """Delete the last review step, unless it is the only one; return the steps left."""
        steps = self.get_steps(project_id, ("steps.id", "steps.name"))
        if len(steps) <= 2:
            raise InvalidArgumentError(
                "Cannot delete the last review step if only one review step is remaining."
            )
        last = StepId(steps[-1]["id"])
        remaining: list[list[dict[str, Any]]] = []

        def send(_: Sequence[StepId]) -> list[StepId]:
            remaining.append(self._gateway.delete_step(project_id, last))
            return [last]

        def read_back(items: Sequence[StepId], *_: object) -> dict[int, StepId]:
            now = self.get_steps(project_id, ("steps.id", "steps.name"))
            if any(step["id"] == last for step in now):
                return {}
            remaining.append(now)
            return {0: items[0]}

        write_in_verified_batches(
            [last],
            1,
            send,
            read_back,
            description=f"Deleting the step {steps[-1]['name']!r}",
            disable_tqdm=True,
            name_item=lambda step_id: f"the step {step_id}",
        )
        return {"steps": remaining[-1]}

    def active_members(self, project_id: ProjectId) -> list[dict[str, Any]]:
        """Return the activated members of a project: `role`, `user.id`, `user.email`."""
        filters = ProjectUserFilters(project_id=project_id, status="ACTIVATED")
        options = QueryOptions(disable_tqdm=True)
        return list(self._gateway.list_project_users(filters, MEMBER_FIELDS, options))

    def reviewer_ids(self, project_id: ProjectId, emails: Sequence[str]) -> list[str]:
        """Return the user ids of the members who may review among `emails`, warning of others."""
        return member_ids(
            self.active_members(project_id),
            emails,
            can_review=True,
            warning="These emails were not added (not found or can not review): ",
        )[0]


def member_ids(
    members: Sequence[dict[str, Any]], emails: Sequence[str], *, can_review: bool, warning: str
) -> tuple[list[str], list[str]]:
    """Return the user ids and the emails of the `emails` that can be assigned.

    A member can be assigned to a review step unless a LABELER; `warning` prefixes the
    emails that cannot.
    """
    by_email = {member["user"]["email"]: member for member in members}
    ids, added, refused = [], [], []
    for email in emails:
        member = by_email.get(email)
        if member is not None and not (can_review and member.get("role") == "LABELER"):
            ids.append(member["user"]["id"])
            added.append(email)
        else:
            refused.append(email)
    if refused:
        warn_user(warning + ", ".join(refused))
    return ids, added


def _the_step(steps: Sequence[dict[str, Any]], step_id: str) -> dict[str, Any]:
    for step in steps:
        if step["id"] == step_id:
            return dict(step)
    raise NotFound(f"Could not find the step with id {step_id}.")
