"""Client methods about project workflows: steps, their settings, their assignees."""

from kili.presentation.client.workflow.assignees import WorkflowAssigneeMethods
from kili.presentation.client.workflow.step_properties import WorkflowStepPropertyMethods
from kili.presentation.client.workflow.steps import DEFAULT_STEP_FIELDS, WorkflowStepMethods


class WorkflowClientMethods(
    WorkflowStepMethods, WorkflowStepPropertyMethods, WorkflowAssigneeMethods
):
    """Methods of `Kili` about project workflows."""


__all__ = ["DEFAULT_STEP_FIELDS", "WorkflowClientMethods"]
