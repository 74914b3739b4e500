"""GraphQL documents of the workflow domain, as the official SDK 26.2.4 sends them."""


def workflow_document(selection: str) -> str:
    """Return the document reading one project's workflow fields with `selection`."""
    return (
        "query getSteps($where: ProjectWhere!, $first: PageSize!, $skip: Int!) "
        f"{{ data: projects(where: $where, first: $first, skip: $skip) {selection} }}"
    )


EDIT_PROJECT_WORKFLOW = """
mutation editProjectWorkflowSettings($input: EditProjectWorkflowSettingsInput!) {
  data: editProjectWorkflowSettings(input: $input) { enforceStepSeparation steps { id } }
}
"""

ADD_REVIEW_STEP = """
mutation addReviewStep($input: AddReviewStepInput!) {
  data: addReviewStep(input: $input) { steps { id name stepGroupId } }
}
"""

UPDATE_LABELING_STEP_PROPERTIES = """
mutation updateLabelingStepProperties($input: UpdateLabelingStepPropertiesInput!) {
  data: updateLabelingStepProperties(input: $input) { steps { id name } }
}
"""

UPDATE_REVIEW_STEP_PROPERTIES = """
mutation updateReviewStepProperties($input: UpdateReviewStepPropertiesInput!) {
  data: updateReviewStepProperties(input: $input) { steps { id name } }
}
"""

DELETE_STEP = """
mutation deleteStep($input: DeleteStepInput!) {
  data: deleteStep(input: $input) { steps { id name } }
}
"""

RENAME_STEP = """
mutation renameStep($input: RenameStepInput!) {
  data: renameStep(input: $input) { steps { id name } }
}
"""
