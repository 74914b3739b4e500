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


UNCHECK_TAG = """
mutation uncheckTag($projectId: ID!, $tagId: ID!) {
  data: uncheckTag(projectId: $projectId, tagId: $tagId) { id }
}
"""

CREATE_TAG = """
mutation createTag($data: TagData!) {
  data: createTag(data: $data) { id color label }
}
"""

UPDATE_TAG = """
mutation updateTag($tagId: ID!, $data: UpdateTagData!) {
  data: updateTag(tagId: $tagId, data: $data) { affectedRows updatedTag { id label } }
}
"""

DELETE_TAG = """
mutation deleteTag($tagId: ID!) {
  data: deleteTag(tagId: $tagId)
}
"""
