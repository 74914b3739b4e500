"""Translation of user filters into the API's `UserWhere`."""

from __future__ import annotations

from typing import Any

from kili.adapters.kili_api_gateway.variables import without_none
from kili.domain.user import UserFilters


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
