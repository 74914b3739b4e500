"""Translation of organization filters into the API's where inputs."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from kili.adapters.kili_api_gateway.variables import nested, without_none
from kili.domain.organization import OrganizationFilters, OrganizationMetricsFilters


def organization_where(filters: OrganizationFilters) -> dict[str, Any]:
    """Build the `OrganizationWhere` variable for `filters`."""
    return without_none({"id": filters.organization_id, "user": nested({"email": filters.email})})


def organization_metrics_where(filters: OrganizationMetricsFilters) -> dict[str, Any]:
    """Build the `OrganizationMetricsWhere` variable, dates in UTC as the API reads them."""
    return {
        "organizationId": filters.organization_id,
        "startDate": _utc_text(filters.start),
        "endDate": _utc_text(filters.end),
    }


def _utc_text(moment: datetime) -> str:
    """Write `moment` in UTC; a naive datetime is taken as UTC, as the official SDK does."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
