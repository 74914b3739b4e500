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
