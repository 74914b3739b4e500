"""Workflow part of the gateway: a project's steps, and the changes to them."""

from __future__ import annotations

from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.adapters.kili_api_gateway.selection import selection_set
from kili.adapters.kili_api_gateway.workflow.mappers import (
    add_review_step_input,
    step_properties_input,
    workflow_input,
)
from kili.adapters.kili_api_gateway.workflow.operations import (
    ADD_REVIEW_STEP,
    DELETE_STEP,
    EDIT_PROJECT_WORKFLOW,
    RENAME_STEP,
    UPDATE_LABELING_STEP_PROPERTIES,
    UPDATE_REVIEW_STEP_PROPERTIES,
    workflow_document,
)
from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths
from kili.domain.workflow import (
    LABELING_STEP,
    ReviewStepToAdd,
    StepId,
    StepProperties,
    StepType,
    WorkflowChanges,
)


class WorkflowGateway(GatewayBase):
    """Reads and changes of project workflows."""

    def read_workflow(self, project_id: ProjectId, fields: FieldPaths) -> dict[str, Any] | None:
        """Return the project's fields `fields` (`steps.*`, `workflowVersion`...), None if none.

        Fields are paths on Project, such as `steps.id` or `stepGroups.name`.
        """
        document = checked_document(workflow_document(selection_set("Project", fields)))
        variables = {"where": {"id": project_id}, "first": 1, "skip": 0}
        projects: list[dict[str, Any]] = self.transport.execute(document, variables)["data"]
        return projects[0] if projects else None

    def edit_workflow(self, project_id: ProjectId, changes: WorkflowChanges) -> dict[str, Any]:
        """Apply `changes` in one request; return `enforceStepSeparation` and `steps { id }`.

        Changes that only set values are retried. Those that create or delete steps are
        not retried blindly: a step created twice would clash, a step deleted twice is
        unknown the second time; the use case reads the workflow back instead.
        """
        data = self.transport.execute(
            checked_document(EDIT_PROJECT_WORKFLOW),
            {"input": workflow_input(project_id, changes)},
            idempotent=not (changes.creates or changes.deletes),
        )
        answer: dict[str, Any] = data["data"]
        return answer

    def add_review_step(self, project_id: ProjectId, step: ReviewStepToAdd) -> list[dict[str, Any]]:
        """Add a review step at the end; return the steps (`id`, `name`, `stepGroupId`).

        Not retried blindly: a second attempt would clash with the step the first made.
        """
        data = self.transport.execute(
            checked_document(ADD_REVIEW_STEP),
            {"input": add_review_step_input(project_id, step)},
            idempotent=False,
        )
        steps: list[dict[str, Any]] = data["data"]["steps"]
        return steps

    def update_step_properties(
        self, project_id: ProjectId, step_type: StepType, properties: StepProperties
    ) -> list[dict[str, Any]]:
        """Set properties of a labeling or review step; return the steps (`id`, `name`).

        Idempotent: the values are set, so a retry sets them again.
        """
        document = (
            UPDATE_LABELING_STEP_PROPERTIES
            if step_type == LABELING_STEP
            else UPDATE_REVIEW_STEP_PROPERTIES
        )
        data = self.transport.execute(
            checked_document(document), {"input": step_properties_input(project_id, properties)}
        )
        steps: list[dict[str, Any]] = data["data"]["steps"]
        return steps

    def rename_step(
        self, project_id: ProjectId, step_id: StepId, new_name: str
    ) -> list[dict[str, Any]]:
        """Rename a step; return the steps (`id`, `name`). Idempotent."""
        variables = {"input": {"projectId": project_id, "stepId": step_id, "newName": new_name}}
        steps: list[dict[str, Any]] = self.transport.execute(
            checked_document(RENAME_STEP), variables
        )["data"]["steps"]
        return steps

    def delete_step(self, project_id: ProjectId, step_id: StepId) -> list[dict[str, Any]]:
        """Delete a step; return the remaining steps (`id`, `name`).

        Not retried blindly: the step is unknown to a second attempt.
        """
        data = self.transport.execute(
            checked_document(DELETE_STEP),
            {"input": {"projectId": project_id, "stepId": step_id}},
            idempotent=False,
        )
        steps: list[dict[str, Any]] = data["data"]["steps"]
        return steps
