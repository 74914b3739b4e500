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
