"""Client methods reading and changing the steps of a project workflow."""

from __future__ import annotations

from typing import Any

from kili.domain.project import ProjectId
from kili.domain.query import ListOrTuple
from kili.domain.workflow import WorkflowStepCreate, WorkflowStepDesignation, WorkflowStepUpdate
from kili.exceptions import InvalidArgumentError
from kili.presentation.client.arguments import checked
from kili.presentation.client.base import ClientBase
from kili.presentation.client.workflow.arguments import (
    required,
    step_designation,
    steps_to_create,
    steps_to_delete,
    steps_to_update,
)
from kili.use_cases.workflow import WorkflowUseCases
from kili.use_cases.workflow_copy import WorkflowCopy

DEFAULT_STEP_FIELDS = (
    "steps.type",
    "steps.name",
    "steps.id",
    "steps.stepGroupId",
    "steps.assignees.email",
    "steps.assignees.id",
)


class WorkflowStepMethods(ClientBase):
    """Methods of `Kili` reading and changing workflow steps."""

    @checked
    def get_steps(
        self, project_id: str, fields: ListOrTuple[str] = DEFAULT_STEP_FIELDS
    ) -> list[dict[str, Any]]:
        """Get the steps of a project workflow, in order: the labeling step, then reviews.

        Args:
            project_id: Id of the project.
            fields: Fields of the project to read, as dotted paths under `steps`, such as
                `steps.stepCoverage` or `steps.assignees.email`.

        Returns:
            The steps, as dicts with the chosen fields.

        Raises:
            InvalidArgumentError: A path of `fields` is not under `steps`.
            NotFound: The project does not exist, or uses the legacy workflow (no steps).
        """
        outside = [path for path in fields if not path.startswith("steps.")]
        if outside or not fields:
            raise InvalidArgumentError(
                f"get_steps(): fields are paths under `steps`, such as `steps.name`; got {outside}"
            )
        return WorkflowUseCases(self.kili_api_gateway).get_steps(ProjectId(project_id), fields)

    @checked
    def update_project_workflow(
        self,
        project_id: str,
        enforce_step_separation: bool | None = None,
        create_steps: list[WorkflowStepCreate] | None = None,
        update_steps: list[WorkflowStepUpdate] | None = None,
        delete_steps: list[str | WorkflowStepDesignation] | None = None,
    ) -> dict[str, Any]:
        """Change a project workflow: its steps and whether they are kept apart.

        Verified, not idempotent: the change goes in one request, which the API applies
        whole or not at all. After an answer that is lost, the workflow is read back:
        when the steps to delete are gone and the steps to create are there, the change
        is taken as made; otherwise it is sent again. A re-run after the call returned
        fails: the created steps' names are taken, the deleted steps unknown.

        Args:
            project_id: Id of the project.
            enforce_step_separation: Keep a user from working on the same asset in two
                steps, so that labeling and reviews stay independent.
            create_steps: Steps to add at the end of the workflow: `name`, `type`
                (`DEFAULT` or `REVIEW`), `assignees` (user ids), and the coverages.
            update_steps: Steps to change, each given by its `id` (then `name` is its new
                name), or by its `name` with `group_name` when several groups use it.
            delete_steps: Steps to delete, each given by its id, by its name, or as
                `{"name": ..., "group_name": ...}`.

        Returns:
            The project's `enforceStepSeparation` and `steps` (their ids).

        Raises:
            InvalidArgumentError: A coverage is outside 0-100, or a step given by name
                does not exist (checked before anything is sent).
            MissingArgumentError: A step to update has neither `id` nor `name`.
            IncompatibleArgumentsError: A step to update has both `id` and `group_name`.
        """
        return WorkflowUseCases(self.kili_api_gateway).update_project_workflow(
            ProjectId(project_id),
            enforce_step_separation,
            steps_to_create(create_steps),
            steps_to_update(update_steps),
            steps_to_delete(delete_steps),
        )

    @checked
    def add_review_step(
        self,
        project_id: str,
        step_name: str,
        assignees: list[str],
        step_coverage: int | None = None,
        use_honeypot: bool | None = None,
        send_back_to_step: str | None = None,
        group_name: str | None = None,
    ) -> dict[str, Any]:
        """Add a review step at the end of a project workflow (of its group).

        Verified, not idempotent: after an answer that is lost, the steps are read back,
        and the step is added again only if no step has its name. A re-run after the call
        returned fails: the name is taken.

        Args:
            project_id: Id of the project.
            step_name: Name of the new review step.
            assignees: Emails of the members reviewing in it; emails of users who are not
                members, or are LABELERs, are skipped with a warning.
            step_coverage: Percentage of assets reviewed in this step (0-100).
            use_honeypot: Whether honeypots are used in this step.
            send_back_to_step: Name of the step rejected assets are sent back to.
            group_name: Group to add the step to, in the multi-group workflow.

        Returns:
            The new step's `id`, `name` and `stepGroupId`.

        Raises:
            InvalidArgumentError: `step_coverage` is outside 0-100, `send_back_to_step`
                names no step, or `group_name` is given outside the multi-group workflow.
        """
        return WorkflowUseCases(self.kili_api_gateway).add_review_step(
            ProjectId(project_id),
            step_name,
            assignees,
            step_coverage,
            use_honeypot,
            send_back_to_step,
            group_name,
        )

    @checked
    def delete_last_step(self, project_id: str) -> dict[str, Any]:
        """Delete the last review step of a project workflow.

        Verified, not idempotent: after an answer that is lost, the steps are read back
        and the deletion is sent again only if the step is still there. A re-run after
        the call returned deletes the next last step.

        Args:
            project_id: Id of the project.

        Returns:
            A dict with the remaining `steps` (`id`, `name`).

        Raises:
            InvalidArgumentError: Only one review step is left.
        """
        return WorkflowUseCases(self.kili_api_gateway).delete_last_step(ProjectId(project_id))

    @checked
    def rename_step(
        self,
        project_id: str,
        step_name: str | None = None,
        new_name: str | None = None,
        group_name: str | None = None,
        step_id: str | None = None,
    ) -> dict[str, Any]:
        """Rename a step of a project workflow.

        Idempotent: renaming a step to the name it has changes nothing, so a retry is
        harmless. A re-run after the call returned no longer finds `step_name` and raises
        `InvalidArgumentError`.

        Args:
            project_id: Id of the project.
            step_name: Name of the step. Exclusive with `step_id`.
            new_name: New name of the step.
            group_name: Group of the step named `step_name`, in the multi-group workflow.
            step_id: Id of the step. Exclusive with `step_name` and `group_name`.

        Returns:
            The renamed step's `id` and `name`.

        Raises:
            MissingArgumentError: `new_name` is missing, or neither `step_name` nor
                `step_id` is given.
            IncompatibleArgumentsError: Both `step_name` and `step_id` are given.
            InvalidArgumentError: No step matches, or `new_name` is blank.
        """
        required(new_name, "new_name", "rename_step")
        designation = step_designation("rename_step", step_name, group_name, step_id)
        return WorkflowUseCases(self.kili_api_gateway).rename_step(
            ProjectId(project_id), designation, str(new_name)
        )

    @checked
    def copy_workflow_from_project(
        self, destination_project_id: str, source_project_id: str
    ) -> dict[str, Any]:
        """Copy the workflow of a source project onto a destination project.

        The steps and their settings (consensus, coverage, send-back step) are copied;
        the assignees are not: the destination's activated members are assigned. The
        destination must have no labels; its steps are replaced.

        Verified, not idempotent: the steps are replaced in one change, read back after
        an answer that is lost (it is sent again only if it did not land); the send-back
        steps are then set by an idempotent change.

        Args:
            destination_project_id: Id of the project to copy the workflow to.
            source_project_id: Id of the project to copy the workflow from.

        Returns:
            The answer of the last change: the destination's `steps` (their ids).

        Raises:
            InvalidArgumentError: The projects are the same, the source has no steps or
                duplicate step names, or the destination has labels or too few members
                for the source's consensus (a `ValueError`, as in the official SDK).
        """
        return WorkflowCopy(self.kili_api_gateway).copy(
            ProjectId(source_project_id), ProjectId(destination_project_id)
        )
