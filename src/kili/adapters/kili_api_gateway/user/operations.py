"""GraphQL documents of the user domain."""

from kili.adapters.kili_api_gateway.documents import PaginatedQuery

USERS = PaginatedQuery(field="users", where_type="UserWhere", count_field="countUsers")


def viewer_document(selection: str) -> str:
    """Return the document reading the current user with `selection`."""
    return f"query viewer {{ data: viewer {selection} }}"
