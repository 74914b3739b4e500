"""Organizations: filters of the listing and the period of the usage metrics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kili.domain.user import OrganizationId

__all__ = ["OrganizationFilters", "OrganizationId", "OrganizationMetricsFilters"]


@dataclass(frozen=True)
class OrganizationFilters:
    """Which organizations to read (a user sees its own only).

    Attributes:
        email: The organization of the user with this email address.
        organization_id: This organization only.
    """

    email: str | None = None
    organization_id: OrganizationId | None = None


@dataclass(frozen=True)
class OrganizationMetricsFilters:
    """The organization and the period its usage metrics cover.

    Attributes:
        organization_id: The organization measured.
        start: Beginning of the period (labels made at or after it count).
        end: End of the period (labels made at or before it count).
    """

    organization_id: OrganizationId
    start: datetime
    end: datetime
