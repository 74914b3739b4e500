"""User use cases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kili.domain.query import FieldPaths, QueryOptions
from kili.domain.user import UserFilters

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway


class UserUseCases:
    """Reads of users."""

    def __init__(self, gateway: KiliAPIGateway) -> None:
        self._gateway = gateway

    def get_current_user(self, fields: FieldPaths) -> dict[str, Any]:
        """Return the user owning the API key."""
        return self._gateway.get_current_user(fields)

    def list_users(
        self, filters: UserFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Stream the users matching `filters`."""
        return self._gateway.list_users(filters, fields, options)

    def count_users(self, filters: UserFilters) -> int:
        """Count the users matching `filters`."""
        return self._gateway.count_users(filters)
