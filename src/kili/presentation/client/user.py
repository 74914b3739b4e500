"""Client methods about users."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, overload

from kili.domain.query import ListOrTuple
from kili.domain.user import (
    OrganizationId,
    OrganizationRole,
    UserFilters,
    UserToCreate,
    UserUpdate,
)
from kili.exceptions import InvalidArgumentError
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
            email=email.strip().lower() if email else None,
            organization_id=OrganizationId(organization_id) if organization_id else None,
        )
        options = self._query_options(first, skip, disable_tqdm, as_generator)
        rows = UserUseCases(self.kili_api_gateway).list_users(filters, fields, options)
        return rows_or_list(rows, as_generator)  # type: ignore[no-any-return]

    @checked
    def count_users(self, organization_id: str | None = None, email: str | None = None) -> int:
        """Count the users of the organization that match the criteria.

        Args:
            organization_id: Only the users of this organization.
            email: Only the user with this email address.

        Returns:
            The number of matching users.
        """
        filters = UserFilters(
            email=email.strip().lower() if email else None,
            organization_id=OrganizationId(organization_id) if organization_id else None,
        )
        return UserUseCases(self.kili_api_gateway).count_users(filters)

    @checked
    def create_user(
        self,
        email: str,
        password: str,
        organization_role: OrganizationRole,
        firstname: str | None = None,
        lastname: str | None = None,
    ) -> dict[Literal["id"], str]:
        """Add a user to your organization; you must be an organization ADMIN.

        Verified, not idempotent: if the connection drops after sending, the SDK looks
        the email up in the organization and sends the creation again only if it is not
        there. A re-run with the same email brings the user back with the given role.

        Args:
            email: Email of the new user, its identifier (stored lower case).
            password: First password of the user; not empty.
            organization_role: `ADMIN` or `USER`.
            firstname: First name.
            lastname: Last name.

        Returns:
            A dict with the id of the new user.

        Raises:
            InvalidArgumentError: `email` is not an email address, or `password` is
                empty; nothing is sent.
            PermissionDenied: You are not an organization ADMIN.
            UncertainBatchWriteError: The server stayed unreachable.
        """
        user = UserToCreate(
            email=checked_email(email, "email"),
            password=password,
            organization_role=organization_role,
            firstname=firstname,
            lastname=lastname,
        )
        if not password:
            raise InvalidArgumentError("`password` must not be empty.")
        return {"id": UserUseCases(self.kili_api_gateway).create_user(user)}

    @checked
    def update_properties_in_user(
        self,
        email: str,
        firstname: str | None = None,
        lastname: str | None = None,
        organization_id: str | None = None,
        organization_role: OrganizationRole | None = None,
        activated: bool | None = None,
    ) -> dict[Literal["id"], str]:
        """Change properties of a user; the arguments left to `None` are not changed.

        Anyone may change their own names; an organization ADMIN may change anyone's,
        their organization role and whether they are activated.

        Idempotent: every property is set to a value, so the SDK retries it after a
        dropped connection, and a re-run changes nothing more. All the properties are
        sent in one request: the API applies all of them or none.

        Args:
            email: Email of the user to change, its identifier.
            firstname: New first name.
            lastname: New last name.
            organization_id: Id of the organization the user belongs to.
            organization_role: `ADMIN` or `USER`.
            activated: `False` to deactivate the user while keeping it.

        Returns:
            A dict with the id of the user.

        Raises:
            NotFound: No user of your organization has this email.
            PermissionDenied: You may not change this user, or these properties.
        """
        update = UserUpdate(
            firstname=firstname,
            lastname=lastname,
            organization_id=OrganizationId(organization_id) if organization_id else None,
            organization_role=organization_role,
            activated=activated,
        )
        email = checked_email(email, "email")
        return {"id": UserUseCases(self.kili_api_gateway).update_user(email, update)}

    @checked
    def update_password(
        self, email: str, old_password: str, new_password_1: str, new_password_2: str
    ) -> dict[Literal["id"], str]:
        """Change your password (on-premise installations signing in with passwords).

        Verified, not idempotent, and not verifiable: no read can tell which password
        holds, so the change is sent once, never resent. If the connection drops after
        sending, `UncertainWriteError` says so: the password is either the old or the
        new one; a re-run with the old one fails if the change was applied.

        Args:
            email: Your email.
            old_password: Your current password.
            new_password_1: The new password; not empty.
            new_password_2: The new password again, to confirm it.

        Returns:
            A dict with your user id.

        Raises:
            InvalidArgumentError: The new passwords differ or are empty; nothing is sent.
            PermissionDenied: `email` is not yours, or `old_password` is wrong.
            UncertainWriteError: The connection dropped after sending.
        """
        user_id = UserUseCases(self.kili_api_gateway).update_password(
            checked_email(email, "email"), old_password, new_password_1, new_password_2
        )
        return {"id": user_id}


def checked_email(email: str, argument: str) -> str:
    """Return `email` trimmed and lower case; refuse what cannot be an email address.

    Raises:
        InvalidArgumentError: `email` has no `@` with text on both sides.
    """
    normalised = email.strip().lower()
    local, _, domain = normalised.partition("@")
    if not local or not domain or " " in normalised:
        raise InvalidArgumentError(f"`{argument}` must be an email address, not {email!r}.")
    return normalised
