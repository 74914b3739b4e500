"""GraphQL documents of the organization domain."""

from kili.adapters.kili_api_gateway.documents import PaginatedQuery

ORGANIZATIONS = PaginatedQuery(
    field="organizations", where_type="OrganizationWhere", count_field="countOrganizations"
)


def organization_metrics_document(selection: str) -> str:
    """Return the document reading an organization's usage metrics with `selection`."""
    return (
        "query organizationMetrics($where: OrganizationMetricsWhere!) "
        f"{{ data: organizationMetrics(where: $where) {selection} }}"
    )
