"""Client methods about users."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, overload

from kili.domain.query import ListOrTuple
from kili.domain.user import OrganizationId, UserFilters, UserId
from kili.presentation.client.arguments import checked, rows_or_list
from kili.presentation.client.base import ClientBase
from kili.use_cases.user import UserUseCases

DEFAULT_USER_FIELDS = ("email", "id", "firstname", "lastname")


class UserClientMethods(ClientBase):
    """Methods of `Kili` about users."""

    @checked
    def get_current_user(self, fields: ListOrTuple[str] = DEFAULT_USER_FIELDS) -> dict[str, Any]:
        """Get the user owning the API key.

        Args:
            fields: Fields of the user to return, as dotted paths.

        Returns:
            A dict with the chosen fields.
        """
        return UserUseCases(self.kili_api_gateway).get_current_user(fields)

    @overload
    def users(
        self,
        api_key: str | None = None,
        email: str | None = None,
        organization_id: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_USER_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: Literal[True],
    ) -> Iterator[dict[str, Any]]: ...

    @overload
    def users(
        self,
        api_key: str | None = None,
        email: str | None = None,
        organization_id: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_USER_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: Literal[False] = False,
    ) -> list[dict[str, Any]]: ...

    @checked
    def users(
        self,
        api_key: str | None = None,
        email: str | None = None,
        organization_id: str | None = None,
        fields: ListOrTuple[str] = DEFAULT_USER_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: bool = False,
    ) -> Iterator[dict[str, Any]] | list[dict[str, Any]]:
        """Get the users of the organization that match the criteria.

        Args:
            api_key: Only the user owning this API key.
            email: Only the user with this email address.
            organization_id: Only the users of this organization.
            fields: Fields of each user to return, as dotted paths.
            first: Maximum number of users to return.
            skip: Number of users to pass over first.
            disable_tqdm: Hide the progress bar.
            as_generator: Return a generator instead of a list.

        Returns:
            The users, as dicts with the chosen fields.
        """
        filters = UserFilters(
            api_key=api_key,
            email=email,
            organization_id=OrganizationId(organization_id) if organization_id else None,
        )
        options = self._query_options(first, skip, disable_tqdm, as_generator)
        rows = UserUseCases(self.kili_api_gateway).list_users(filters, fields, options)
        return rows_or_list(rows, as_generator)  # type: ignore[no-any-return]

    @checked
    def count_users(self, organization_id: str | None = None, user_id: str | None = None) -> int:
        """Count the users of the organization that match the criteria.

        Args:
            organization_id: Only the users of this organization.
            user_id: Only this user.

        Returns:
            The number of matching users.
        """
        filters = UserFilters(
            id=UserId(user_id) if user_id else None,
            organization_id=OrganizationId(organization_id) if organization_id else None,
        )
        return UserUseCases(self.kili_api_gateway).count_users(filters)
