"""GraphQL documents of the project member domain."""

from kili.adapters.kili_api_gateway.documents import PaginatedQuery

PROJECT_USERS = PaginatedQuery(
    field="projectUsers", where_type="ProjectUserWhere", count_field="countProjectUsers"
)

APPEND_TO_ROLES = """
mutation appendToRoles($data: AppendToRolesData!, $where: ProjectWhere!) {
  data: appendToRoles(data: $data, where: $where) { id }
}
"""


def update_role_document(selection: str) -> str:
    """Return the mutation changing a member's role, answering with `selection`."""
    return f"""
mutation updatePropertiesInRole($data: RoleData!, $where: ProjectUserWhere!) {{
  data: updatePropertiesInRole(data: $data, where: $where) {selection}
}}
"""


DELETE_FROM_ROLES = """
mutation deleteFromRoles($where: ProjectUserWhere!) {
  data: deleteFromRoles(where: $where) { id }
}
"""
