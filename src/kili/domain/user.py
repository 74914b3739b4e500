"""Users and organizations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NewType

UserId = NewType("UserId", str)
OrganizationId = NewType("OrganizationId", str)

OrganizationRole = Literal["ADMIN", "USER"]


@dataclass(frozen=True)
class UserFilters:
    """Which users to read.

    Attributes:
        id: A single user id.
        email: A user's email address.
        organization_id: The organization the users belong to.
        activated: Only activated (or deactivated) users.
        api_key: The user owning this API key.
    """

    id: UserId | None = None
    email: str | None = None
    organization_id: OrganizationId | None = None
    activated: bool | None = None
    api_key: str | None = None


@dataclass(frozen=True)
class UserToCreate:
    """A user an organization admin adds to the organization.

    Attributes:
        email: Email address, the user's identifier, lower case.
        password: First password of the user.
        organization_role: `ADMIN` or `USER`.
        firstname: First name.
        lastname: Last name.
    """

    email: str
    password: str
    organization_role: OrganizationRole
    firstname: str | None = None
    lastname: str | None = None


@dataclass(frozen=True)
class UserUpdate:
    """New properties of a user; `None` leaves a property unchanged.

    Attributes:
        firstname: First name.
        lastname: Last name.
        organization_id: The organization the user belongs to.
        organization_role: `ADMIN` or `USER`.
        activated: Whether the user may sign in.
    """

    firstname: str | None = None
    lastname: str | None = None
    organization_id: OrganizationId | None = None
    organization_role: OrganizationRole | None = None
    activated: bool | None = None
