"""User part of the gateway."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.adapters.kili_api_gateway.selection import selection_set
from kili.adapters.kili_api_gateway.user.mappers import user_where
from kili.adapters.kili_api_gateway.user.operations import USERS, viewer_document
from kili.domain.query import FieldPaths, QueryOptions
from kili.domain.user import UserFilters


class UserGateway(GatewayBase):
    """Reads of users, the current one included."""

    def get_current_user(self, fields: FieldPaths) -> dict[str, Any]:
        """Return the user owning the API key, with `fields`."""
        document = checked_document(viewer_document(selection_set("User", fields)))
        user: dict[str, Any] = self.transport.execute(document)["data"]
        return user

    def list_users(
        self, filters: UserFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the users matching `filters`."""
        return self._list(USERS, user_where(filters), fields, options)

    def count_users(self, filters: UserFilters) -> int:
        """Count the users matching `filters`."""
        return self._count(USERS, user_where(filters))
