"""Client methods changing the properties of one labeling or review step."""

from __future__ import annotations

from typing import Any

from kili.domain.project import ProjectId
from kili.domain.workflow import LABELING_STEP, StepId, StepProperties
from kili.presentation.client.arguments import checked
from kili.presentation.client.base import ClientBase
from kili.presentation.client.workflow.arguments import step_designation
from kili.use_cases.workflow import WorkflowUseCases, check_percentage

_ANY_STEP = StepId("")
"""Placeholder id: the use case targets the step the designation names."""


class WorkflowStepPropertyMethods(ClientBase):
    """Methods of `Kili` changing the settings of a step."""

    @checked
    def update_labeling_step_properties(
        self,
        project_id: str,
        step_name: str | None = None,
        consensus_coverage: int | None = None,
        number_of_expected_labels_for_consensus: int | None = None,
        use_honeypot: bool | None = None,
        group_name: str | None = None,
        step_id: str | None = None,
    ) -> dict[str, Any]:
        """Change the consensus and honeypot settings of a labeling step.

        Idempotent: the values are set, so a retry or a re-run sets them again.

        Args:
            project_id: Id of the project.
            step_name: Name of the labeling step. Exclusive with `step_id`.
            consensus_coverage: Percentage of assets labeled by several labelers (0-100).
            number_of_expected_labels_for_consensus: Labelers per asset in consensus.
            use_honeypot: Whether honeypots are used in this step.
            group_name: Group of the step named `step_name`, in the multi-group workflow.
            step_id: Id of the step. Exclusive with `step_name` and `group_name`.

        Returns:
            The step's `id` and `name`.

        Raises:
            InvalidArgumentError: `consensus_coverage` is outside 0-100, or the step is
                not found or is not a labeling step.
            MissingArgumentError: Neither `step_name` nor `step_id` is given.
            IncompatibleArgumentsError: Both are given.
        """
        check_percentage(consensus_coverage, "consensus_coverage")
        designation = step_designation(
            "update_labeling_step_properties", step_name, group_name, step_id
        )
        properties = StepProperties(
            _ANY_STEP,
            consensus_coverage=consensus_coverage,
            number_of_expected_labels_for_consensus=number_of_expected_labels_for_consensus,
            use_honeypot=use_honeypot,
        )
        return WorkflowUseCases(self.kili_api_gateway).update_step_properties(
            ProjectId(project_id), designation, LABELING_STEP, properties
        )

    @checked
    def update_review_step_properties(
        self,
        project_id: str,
        step_name: str | None = None,
        assignees: list[str] | None = None,
        step_coverage: int | None = None,
        send_back_to_step: str | None = None,
        use_honeypot: bool | None = None,
        group_name: str | None = None,
        step_id: str | None = None,
    ) -> dict[str, Any]:
        """Change the reviewers, coverage, send-back step or honeypot of a review step.

        Idempotent: the values are set (the reviewers replace the current ones), so a
        retry or a re-run sets them again.

        Args:
            project_id: Id of the project.
            step_name: Name of the review step. Exclusive with `step_id`.
            assignees: Emails of the members reviewing in the step, replacing the current
                reviewers; non-members and LABELERs are skipped with a warning.
            step_coverage: Percentage of assets reviewed in this step (0-100).
            send_back_to_step: The step rejected assets go back to, by id or by name.
            use_honeypot: Whether honeypots are used in this step.
            group_name: Group of the step named `step_name`, in the multi-group workflow.
            step_id: Id of the step. Exclusive with `step_name` and `group_name`.

        Returns:
            The step's `id` and `name`.

        Raises:
            InvalidArgumentError: `step_coverage` is outside 0-100, or a step is not
                found, or the step is not a review step.
            MissingArgumentError: Neither `step_name` nor `step_id` is given.
            IncompatibleArgumentsError: Both are given.
        """
        check_percentage(step_coverage, "step_coverage")
        designation = step_designation(
            "update_review_step_properties", step_name, group_name, step_id
        )
        properties = StepProperties(
            _ANY_STEP, use_honeypot=use_honeypot, step_coverage=step_coverage
        )
        return WorkflowUseCases(self.kili_api_gateway).update_review_step(
            ProjectId(project_id), designation, properties, assignees, send_back_to_step
        )
