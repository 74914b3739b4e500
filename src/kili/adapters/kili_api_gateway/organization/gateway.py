"""Organization part of the gateway."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.organization.mappers import (
    organization_metrics_where,
    organization_where,
)
from kili.adapters.kili_api_gateway.organization.operations import (
    ORGANIZATIONS,
    organization_metrics_document,
)
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.adapters.kili_api_gateway.selection import selection_set
from kili.domain.organization import OrganizationFilters, OrganizationMetricsFilters
from kili.domain.query import FieldPaths, QueryOptions


class OrganizationGateway(GatewayBase):
    """Reads of organizations and of their usage metrics."""

    def list_organizations(
        self, filters: OrganizationFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the organizations matching `filters`."""
        return self._list(ORGANIZATIONS, organization_where(filters), fields, options)

    def count_organizations(self, filters: OrganizationFilters) -> int:
        """Count the organizations matching `filters`."""
        return self._count(ORGANIZATIONS, organization_where(filters))

    def get_organization_metrics(
        self, filters: OrganizationMetricsFilters, fields: FieldPaths
    ) -> dict[str, Any]:
        """Return the usage metrics of an organization over a period, with `fields`."""
        selection = selection_set("OrganizationMetrics", fields)
        document = checked_document(organization_metrics_document(selection))
        variables = {"where": organization_metrics_where(filters)}
        metrics: dict[str, Any] = self.transport.execute(document, variables)["data"]
        return metrics
