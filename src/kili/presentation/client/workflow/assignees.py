"""Client methods assigning reviewers and labelers to workflow steps."""

from __future__ import annotations

from kili.domain.project import ProjectId
from kili.presentation.client.arguments import checked
from kili.presentation.client.base import ClientBase
from kili.presentation.client.workflow.arguments import required, step_designation
from kili.use_cases.workflow_assignees import StepAssignees


class WorkflowAssigneeMethods(ClientBase):
    """Methods of `Kili` changing who works in a step."""

    def _change_assignees(
        self,
        method: str,
        project_id: str,
        designation: tuple[str | None, str | None, str | None],
        emails: list[str] | None,
        *,
        adding: bool,
        reviewers: bool,
    ) -> list[str]:
        required(emails, "emails", method)
        step = step_designation(method, *designation)
        assignees = StepAssignees(self.kili_api_gateway)
        change = assignees.add if adding else assignees.remove
        return change(ProjectId(project_id), step, emails or [], reviewers=reviewers)

    @checked
    def add_reviewers_to_step(
        self,
        project_id: str,
        step_name: str | None = None,
        emails: list[str] | None = None,
        group_name: str | None = None,
        step_id: str | None = None,
    ) -> list[str]:
        """Assign members as reviewers of a review step.

        Idempotent: the step's reviewers are set to the current ones plus these, so a
        retry or a re-run leaves them the same.

        Args:
            project_id: Id of the project.
            step_name: Name of the review step. Exclusive with `step_id`.
            emails: Emails of the members to add; non-members and LABELERs are skipped
                with a warning.
            group_name: Group of the step named `step_name`, in the multi-group workflow.
            step_id: Id of the step. Exclusive with `step_name` and `group_name`.

        Returns:
            The emails added.

        Raises:
            MissingArgumentError: `emails` is missing, or no step is designated.
            IncompatibleArgumentsError: Both `step_name` and `step_id` are given.
            InvalidArgumentError: The step is not found, or is the labeling step.
        """
        return self._change_assignees(
            "add_reviewers_to_step",
            project_id,
            (step_name, group_name, step_id),
            emails,
            adding=True,
            reviewers=True,
        )

    @checked
    def remove_reviewers_from_step(
        self,
        project_id: str,
        step_name: str | None = None,
        emails: list[str] | None = None,
        group_name: str | None = None,
        step_id: str | None = None,
    ) -> list[str]:
        """Unassign reviewers from a review step.

        Idempotent: the step's reviewers are set to the current ones without these, so a
        retry leaves them the same; a re-run warns that they are not assigned.

        Args:
            project_id: Id of the project.
            step_name: Name of the review step. Exclusive with `step_id`.
            emails: Emails of the reviewers to remove; emails of users not assigned to the
                step are named in a warning.
            group_name: Group of the step named `step_name`, in the multi-group workflow.
            step_id: Id of the step. Exclusive with `step_name` and `group_name`.

        Returns:
            The emails removed.

        Raises:
            MissingArgumentError: `emails` is missing, or no step is designated.
            IncompatibleArgumentsError: Both `step_name` and `step_id` are given.
            InvalidArgumentError: The step is not found, is the labeling step, or would
                be left without reviewers.
        """
        return self._change_assignees(
            "remove_reviewers_from_step",
            project_id,
            (step_name, group_name, step_id),
            emails,
            adding=False,
            reviewers=True,
        )

    @checked
    def add_labelers_to_step(
        self,
        project_id: str,
        step_name: str | None = None,
        emails: list[str] | None = None,
        group_name: str | None = None,
        step_id: str | None = None,
    ) -> list[str]:
        """Assign members as labelers of a labeling step, in the multi-group workflow.

        Idempotent: the step's labelers are set to the current ones plus these.

        Args:
            project_id: Id of the project.
            step_name: Name of the labeling step. Exclusive with `step_id`.
            emails: Emails of the members to add; non-members are skipped with a warning.
            group_name: Group of the step named `step_name`.
            step_id: Id of the step. Exclusive with `step_name` and `group_name`.

        Returns:
            The emails added.

        Raises:
            MissingArgumentError: `emails` is missing, or no step is designated.
            IncompatibleArgumentsError: Both `step_name` and `step_id` are given.
            InvalidArgumentError: The project does not use the multi-group workflow, or
                the step is not found or is a review step.
        """
        return self._change_assignees(
            "add_labelers_to_step",
            project_id,
            (step_name, group_name, step_id),
            emails,
            adding=True,
            reviewers=False,
        )

    @checked
    def remove_labelers_from_step(
        self,
        project_id: str,
        step_name: str | None = None,
        emails: list[str] | None = None,
        group_name: str | None = None,
        step_id: str | None = None,
    ) -> list[str]:
        """Unassign labelers from a labeling step, in the multi-group workflow.

        Idempotent: the step's labelers are set to the current ones without these.

        Args:
            project_id: Id of the project.
            step_name: Name of the labeling step. Exclusive with `step_id`.
            emails: Emails of the labelers to remove; others are named in a warning.
            group_name: Group of the step named `step_name`.
            step_id: Id of the step. Exclusive with `step_name` and `group_name`.

        Returns:
            The emails removed.

        Raises:
            MissingArgumentError: `emails` is missing, or no step is designated.
            IncompatibleArgumentsError: Both `step_name` and `step_id` are given.
            InvalidArgumentError: The project does not use the multi-group workflow, the
                step is not found or is a review step, or it would be left without labelers.
        """
        return self._change_assignees(
            "remove_labelers_from_step",
            project_id,
            (step_name, group_name, step_id),
            emails,
            adding=False,
            reviewers=False,
        )
