"""User use cases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kili.domain.query import FieldPaths, QueryOptions
from kili.domain.user import UserFilters, UserId, UserToCreate, UserUpdate
from kili.exceptions import InvalidArgumentError
from kili.use_cases.verified_write import write_in_verified_batches

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway


class UserUseCases:
    """Reads and writes of users."""

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

    def create_user(self, user: UserToCreate) -> UserId:
        """Create a user; after an uncertain attempt, look the email up before resending.

        Raises:
            UncertainBatchWriteError: The server stayed unreachable.
        """
        (user_id,) = write_in_verified_batches(
            [user],
            1,
            lambda _: [self._gateway.create_user(user)],
            lambda items, _sent_after, _known: self._created(items[0]),
            description=f"Creating the user {user.email}",
            disable_tqdm=True,
            name_item=lambda item: f"the user {item.email}",
        )
        return user_id

    def _created(self, user: UserToCreate) -> dict[int, UserId]:
        options = QueryOptions(first=1, disable_tqdm=True)
        for row in self._gateway.list_users(UserFilters(email=user.email), ("id",), options):
            return {0: UserId(row["id"])}
        return {}

    def update_user(self, email: str, update: UserUpdate) -> UserId:
        """Change the properties of the user with `email`; idempotent."""
        return self._gateway.update_user(email, update)

    def update_password(
        self, email: str, old_password: str, new_password_1: str, new_password_2: str
    ) -> UserId:
        """Change a password, sent once: no read-back can tell whether it changed.

        Raises:
            InvalidArgumentError: The two new passwords differ, or are empty; nothing
                is sent.
            UncertainWriteError: The connection dropped after sending; the password is
                either the old or the new one.
        """
        if new_password_1 != new_password_2:
            raise InvalidArgumentError("`new_password_1` and `new_password_2` differ.")
        if not new_password_1:
            raise InvalidArgumentError("`new_password_1` must not be empty.")
        return self._gateway.update_password(email, old_password, new_password_1, new_password_2)
