"""GraphQL documents of the tag domain."""

CHECK_TAG = """
mutation checkTag($data: CheckedTagData!) {
  data: checkTag(data: $data) { id }
}
"""


def tags_of_organization_document(selection: str) -> str:
    """Return the document listing the organization's tags with `selection`."""
    return f"query listTagsByOrg {{ data: listTagsByOrg {selection} }}"


def tags_of_project_document(selection: str) -> str:
    """Return the document listing the tags attached to a project with `selection`."""
    return (
        "query listTagsByProject($projectId: ID!) "
        f"{{ data: listTagsByProject(projectId: $projectId) {selection} }}"
    )
