"""Client methods about organizations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any, Literal, overload

from kili.domain.organization import (
    OrganizationFilters,
    OrganizationId,
    OrganizationMetricsFilters,
)
from kili.domain.query import ListOrTuple
from kili.presentation.client.arguments import checked, rows_or_list
from kili.presentation.client.base import ClientBase
from kili.use_cases.organization import OrganizationUseCases

DEFAULT_ORGANIZATION_FIELDS = ("id", "name")
DEFAULT_METRICS_FIELDS = ("numberOfAnnotations", "numberOfHours", "numberOfLabeledAssets")


class OrganizationClientMethods(ClientBase):
    """Methods of `Kili` about organizations."""

    @overload
    def organizations(
        self,
        email: str | None = None,
        organization_id: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_ORGANIZATION_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: Literal[True],
    ) -> Iterator[dict[str, Any]]: ...

    @overload
    def organizations(
        self,
        email: str | None = None,
        organization_id: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_ORGANIZATION_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: Literal[False] = False,
    ) -> list[dict[str, Any]]: ...

    @checked
    def organizations(
        self,
        email: str | None = None,
        organization_id: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_ORGANIZATION_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: bool = False,
    ) -> Iterator[dict[str, Any]] | list[dict[str, Any]]:
        """Get the organizations that match the criteria: yours, as a user sees no other.

        Args:
            email: Only the organization of the user with this email address.
            organization_id: Only this organization.
            fields: Fields of each organization to return, as dotted paths
                (`users.email`, `numberOfHours`, ...).
            first: Maximum number of organizations to return.
            skip: Number of organizations to pass over first.
            disable_tqdm: Hide the progress bar.
            as_generator: Return a generator instead of a list.

        Returns:
            The organizations, as dicts with the chosen fields.

        Example:
            ```python
            kili.organizations(fields=["id", "name", "users.email"])
            ```
        """
        filters = _organization_filters(email, organization_id)
        options = self._query_options(first, skip, disable_tqdm, as_generator)
        rows = OrganizationUseCases(self.kili_api_gateway).list_organizations(
            filters, fields, options
        )
        return rows_or_list(rows, as_generator)  # type: ignore[no-any-return]

    @checked
    def count_organizations(
        self, email: str | None = None, organization_id: str | None = None
    ) -> int:
        """Count the organizations that match the criteria.

        Args:
            email: Only the organization of the user with this email address.
            organization_id: Only this organization.

        Returns:
            The number of matching organizations (0 or 1).
        """
        filters = _organization_filters(email, organization_id)
        return OrganizationUseCases(self.kili_api_gateway).count_organizations(filters)

    @checked
    def organization_metrics(
        self,
        organization_id: str,
        start_date: datetime | None = None,
        end_date: datetime | None = None,
        fields: ListOrTuple[str] = DEFAULT_METRICS_FIELDS,
    ) -> dict[str, Any]:
        """Get the usage of an organization over a period.

        The labels made in the period count: `numberOfAnnotations` (their annotations),
        `numberOfHours` (their labeling time) and `numberOfLabeledAssets` (the assets
        they label).

        Args:
            organization_id: Id of the organization.
            start_date: Beginning of the period; now by default. A naive datetime is
                taken as UTC.
            end_date: End of the period; now by default.
            fields: Metrics to return.

        Returns:
            A dict with the chosen metrics.

        Raises:
            InvalidArgumentError: `end_date` is before `start_date`.
        """
        now = datetime.now(tz=timezone.utc)
        filters = OrganizationMetricsFilters(
            organization_id=OrganizationId(organization_id),
            start=start_date if start_date is not None else now,
            end=end_date if end_date is not None else now,
        )
        return OrganizationUseCases(self.kili_api_gateway).get_organization_metrics(filters, fields)


def _organization_filters(email: str | None, organization_id: str | None) -> OrganizationFilters:
    return OrganizationFilters(
        email=email,
        organization_id=OrganizationId(organization_id) if organization_id else None,
    )
