"""GraphQL documents of the project domain."""

from kili.adapters.kili_api_gateway.documents import PaginatedQuery

PROJECTS = PaginatedQuery(
    field="projects",
    where_type="ProjectWhere",
    count_field="countProjects",
    json_fields=("jsonInterface",),
)

CREATE_PROJECT = """
mutation createProject($data: CreateProjectData!) {
  data: createProject(data: $data) { id }
}
"""

UPDATE_PROJECT_INSTRUCTIONS = """
mutation updateProjectInstructions($data: ProjectData!, $where: ProjectWhere!) {
  data: updatePropertiesInProject(data: $data, where: $where) { id }
}
"""


def update_project_document(selection: str) -> str:
    """Return the mutation changing a project's settings, answering with `selection`."""
    return f"""
mutation updatePropertiesInProject($data: ProjectData!, $where: ProjectWhere!) {{
  data: updatePropertiesInProject(data: $data, where: $where) {selection}
}}
"""


COPY_PROJECT = """
mutation copyProject($data: CopyProjectData!) {
  data: copyProject(data: $data)
}
"""

DELETE_PROJECT = """
mutation deleteProjectAsynchronously($where: ProjectWhere!) {
  data: deleteProjectAsynchronously(where: $where)
}
"""

UPDATE_PROJECT_ANONYMIZATION = """
mutation updateProjectAnonymization($input: UpdateProjectAnonymizationInput!) {
  data: updateProjectAnonymization(input: $input) { id }
}
"""

COPY_LABELS = """
mutation copyLabels($data: CopyLabelsInput!) {
  data: copyLabels(data: $data)
}
"""
