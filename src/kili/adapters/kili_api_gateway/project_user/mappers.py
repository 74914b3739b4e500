"""Translation of member filters and designations into the API's `ProjectUserWhere`."""

from __future__ import annotations

from typing import Any

from kili.adapters.kili_api_gateway.variables import without_none
from kili.domain.project_user import MemberDesignation, ProjectUserFilters


def project_user_where(filters: ProjectUserFilters) -> dict[str, Any]:
    """Build the `ProjectUserWhere` variable for `filters`; removed members never match."""
    user: dict[str, Any] = without_none({"email": filters.email})
    if filters.organization_id is not None:
        user["organization"] = {"id": filters.organization_id}
    where: dict[str, Any] = {
        "deleted": False,
        "id": filters.id,
        "status": filters.status,
        "project": {"id": filters.project_id},
        "user": user or None,
    }
    return without_none(where)


def member_where(member: MemberDesignation) -> dict[str, Any]:
    """Build the `ProjectUserWhere` naming one membership."""
    if member.project_user_id is not None:
        return {"id": member.project_user_id}
    user = without_none({"email": member.email, "id": member.user_id})
    return {"project": {"id": member.project_id}, "user": user}
