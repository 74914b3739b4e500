"""User part of the gateway."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.adapters.kili_api_gateway.selection import selection_set
from kili.adapters.kili_api_gateway.user.mappers import create_user_data, user_data, user_where
from kili.adapters.kili_api_gateway.user.operations import (
    CREATE_USER,
    UPDATE_PASSWORD,
    UPDATE_USER,
    USERS,
    viewer_document,
)
from kili.domain.query import FieldPaths, QueryOptions
from kili.domain.user import UserFilters, UserId, UserToCreate, UserUpdate


class UserGateway(GatewayBase):
    """Reads and writes of users, the current one included."""

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

    def create_user(self, user: UserToCreate) -> UserId:
        """Create `user` and return its id; not resent: the API refuses a taken email."""
        answer = self.transport.execute(
            checked_document(CREATE_USER), {"data": create_user_data(user)}, idempotent=False
        )
        return UserId(answer["data"]["id"])

    def update_user(self, email: str, update: UserUpdate) -> UserId:
        """Apply `update` to the user with `email` and return its id; idempotent."""
        variables = {"data": user_data(update), "where": {"email": email}}
        answer = self.transport.execute(checked_document(UPDATE_USER), variables)
        return UserId(answer["data"]["id"])

    def update_password(
        self, email: str, old_password: str, new_password_1: str, new_password_2: str
    ) -> UserId:
        """Change the password of the user with `email`.

        Not resent: once applied, the old password no longer matches.
        """
        data = {
            "oldPassword": old_password,
            "newPassword1": new_password_1,
            "newPassword2": new_password_2,
        }
        answer = self.transport.execute(
            checked_document(UPDATE_PASSWORD),
            {"data": data, "where": {"email": email}},
            idempotent=False,
        )
        return UserId(answer["data"]["id"])
