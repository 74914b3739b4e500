"""Workflow changes -> GraphQL input variables."""

from __future__ import annotations

from typing import Any

from kili.adapters.kili_api_gateway.variables import listed, without_none
from kili.domain.project import ProjectId
from kili.domain.workflow import (
    ReviewStepToAdd,
    StepProperties,
    StepSettings,
    WorkflowChanges,
)

_SETTING_FIELDS = {
    "consensus_coverage": "consensusCoverage",
    "number_of_expected_labels_for_consensus": "numberOfExpectedLabelsForConsensus",
    "step_coverage": "stepCoverage",
    "send_back_step_id": "sendBackStepId",
}


def step_input(settings: StepSettings, step_id: str | None = None) -> dict[str, Any]:
    """Map step settings to a `WorkflowStepInput`; cleared settings are sent as null."""
    values = without_none(
        {
            "id": step_id,
            "name": settings.name,
            "type": settings.step_type,
            "assignees": listed(settings.assignees),
            "stepGroupId": settings.step_group_id,
            **{field: getattr(settings, name) for name, field in _SETTING_FIELDS.items()},
        }
    )
    values.update({_SETTING_FIELDS[name]: None for name in settings.cleared})
    return values


def workflow_input(project_id: ProjectId, changes: WorkflowChanges) -> dict[str, Any]:
    """Map workflow changes to an `EditProjectWorkflowSettingsInput`."""
    return without_none(
        {
            "projectId": project_id,
            "enforceStepSeparation": changes.enforce_step_separation,
            "steps": {
                "creates": [step_input(settings) for settings in changes.creates],
                "updates": [
                    step_input(update.settings, update.step_id) for update in changes.updates
                ],
                "deletes": list(changes.deletes),
            },
        }
    )


def add_review_step_input(project_id: ProjectId, step: ReviewStepToAdd) -> dict[str, Any]:
    """Map a review step to add to an `AddReviewStepInput`."""
    return without_none(
        {
            "projectId": project_id,
            "name": step.name,
            "assignees": list(step.assignee_ids),
            "stepCoverage": step.step_coverage,
            "useHoneypot": step.use_honeypot,
            "sendBackStepId": step.send_back_step_id,
            "stepGroupId": step.step_group_id,
        }
    )


def step_properties_input(project_id: ProjectId, properties: StepProperties) -> dict[str, Any]:
    """Map step properties to an `Update{Labeling,Review}StepPropertiesInput`."""
    return without_none(
        {
            "projectId": project_id,
            "stepId": properties.step_id,
            "consensusCoverage": properties.consensus_coverage,
            "numberOfExpectedLabelsForConsensus": (
                properties.number_of_expected_labels_for_consensus
            ),
            "useHoneypot": properties.use_honeypot,
            "assignees": listed(properties.assignee_ids),
            "stepCoverage": properties.step_coverage,
            "sendBackStepId": properties.send_back_step_id,
        }
    )
