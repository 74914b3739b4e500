"""GraphQL documents of the project version domain."""

from kili.adapters.kili_api_gateway.documents import PaginatedQuery

PROJECT_VERSIONS = PaginatedQuery(
    field="projectVersions", where_type="ProjectVersionWhere", count_field="countProjectVersions"
)

UPDATE_PROJECT_VERSION = """
mutation updatePropertiesInProjectVersion($id: ID!, $content: String) {
  data: updatePropertiesInProjectVersion(where: {id: $id}, data: {content: $content}) {
    content id name projectId
  }
}
"""
