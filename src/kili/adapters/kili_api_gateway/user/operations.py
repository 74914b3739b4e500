"""GraphQL documents of the user domain."""

from kili.adapters.kili_api_gateway.documents import PaginatedQuery

USERS = PaginatedQuery(field="users", where_type="UserWhere", count_field="countUsers")


def viewer_document(selection: str) -> str:
    """Return the document reading the current user with `selection`."""
    return f"query viewer {{ data: viewer {selection} }}"


CREATE_USER = """
mutation createUser($data: CreateUserData!) {
  data: createUser(data: $data) { id }
}
"""

UPDATE_USER = """
mutation updatePropertiesInUser($data: UserData!, $where: UserWhere!) {
  data: updatePropertiesInUser(data: $data, where: $where) { id }
}
"""

UPDATE_PASSWORD = """
mutation updatePassword($data: UpdatePasswordData!, $where: UserWhere!) {
  data: updatePassword(data: $data, where: $where) { id }
}
"""
