"""Translation of user filters into the API's `UserWhere`."""

from __future__ import annotations

from typing import Any

from kili.adapters.kili_api_gateway.variables import without_none
from kili.domain.user import UserFilters, UserToCreate, UserUpdate


def user_where(filters: UserFilters) -> dict[str, Any]:
    """Build the `UserWhere` variable for `filters`."""
    where: dict[str, Any] = {
        "id": filters.id,
        "email": filters.email,
        "activated": filters.activated,
        "apiKey": filters.api_key,
    }
    if filters.organization_id is not None:
        where["organization"] = {"id": filters.organization_id}
    return without_none(where)


def create_user_data(user: UserToCreate) -> dict[str, Any]:
    """Build the `CreateUserData` variable for `user`."""
    data = {
        "email": user.email,
        "password": user.password,
        "organizationRole": user.organization_role,
        "firstname": user.firstname,
        "lastname": user.lastname,
    }
    return without_none(data)


def user_data(update: UserUpdate) -> dict[str, Any]:
    """Build the `UserData` variable for `update`: only the properties it changes."""
    data = {
        "firstname": update.firstname,
        "lastname": update.lastname,
        "organizationId": update.organization_id,
        "organizationRole": update.organization_role,
        "activated": update.activated,
    }
    return without_none(data)
