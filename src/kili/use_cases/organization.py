"""Organization use cases: the viewer's organization and its usage metrics."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from kili.domain.organization import OrganizationFilters, OrganizationMetricsFilters
from kili.domain.query import FieldPaths, QueryOptions
from kili.exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from kili.use_cases.port import KiliGateway


class OrganizationUseCases:
    """Reads of organizations and of their metrics."""

    def __init__(self, gateway: KiliGateway) -> None:
        self._gateway = gateway

    def list_organizations(
        self, filters: OrganizationFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Stream the organizations matching `filters`."""
        return self._gateway.list_organizations(filters, fields, options)

    def count_organizations(self, filters: OrganizationFilters) -> int:
        """Count the organizations matching `filters`."""
        return self._gateway.count_organizations(filters)

    def get_organization_metrics(
        self, filters: OrganizationMetricsFilters, fields: FieldPaths
    ) -> dict[str, Any]:
        """Return the usage metrics of an organization over a period.

        Raises:
            InvalidArgumentError: The period ends before it starts.
        """
        if _comparable(filters.end) < _comparable(filters.start):
            raise InvalidArgumentError(
                f"end_date ({filters.end.isoformat()}) is before start_date "
                f"({filters.start.isoformat()})"
            )
        return self._gateway.get_organization_metrics(filters, fields)


def _comparable(moment: datetime) -> datetime:
    """Make naive datetimes comparable with aware ones: naive ones are taken as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
