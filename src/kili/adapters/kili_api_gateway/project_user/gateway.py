"""Project member part of the gateway."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.project_user.mappers import member_where, project_user_where
from kili.adapters.kili_api_gateway.project_user.operations import (
    APPEND_TO_ROLES,
    DELETE_FROM_ROLES,
    PROJECT_USERS,
    update_role_document,
)
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.adapters.kili_api_gateway.selection import selection_set
from kili.domain.project import ProjectId, ProjectRole
from kili.domain.project_user import MemberDesignation, ProjectUserFilters
from kili.domain.query import FieldPaths, QueryOptions


class ProjectUserGateway(GatewayBase):
    """Reads and writes of project memberships."""

    def list_project_users(
        self, filters: ProjectUserFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the memberships matching `filters`."""
        return self._list(PROJECT_USERS, project_user_where(filters), fields, options)

    def count_project_users(self, filters: ProjectUserFilters) -> int:
        """Count the memberships matching `filters`."""
        return self._count(PROJECT_USERS, project_user_where(filters))

    def find_member(self, member: MemberDesignation, fields: FieldPaths) -> dict[str, Any] | None:
        """Return the designated membership with `fields`, None if there is none."""
        options = QueryOptions(first=1, disable_tqdm=True)
        for row in self._list(PROJECT_USERS, member_where(member), fields, options):
            return row
        return None

    def append_to_roles(self, project_id: ProjectId, email: str, role: ProjectRole) -> None:
        """Make `email` a member of `project_id` with `role`.

        Idempotent: the membership is set, not added twice. The answer holds only the
        project's id: asking for all its members would grow with the project.
        """
        variables = {"data": {"role": role, "userEmail": email}, "where": {"id": project_id}}
        self.transport.execute(checked_document(APPEND_TO_ROLES), variables)

    def update_member_role(
        self,
        member: MemberDesignation,
        role: ProjectRole,
        fields: FieldPaths,
        *,
        deprecated_ids: tuple[str, str] | None = None,
    ) -> dict[str, Any]:
        """Give `member` the role `role` and return the membership with `fields`.

        Idempotent. `deprecated_ids` (project id, user id) are sent in the `RoleData`,
        as the deprecated designation did.
        """
        data: dict[str, Any] = {"role": role}
        if deprecated_ids is not None:
            data["projectID"], data["userID"] = deprecated_ids
        document = checked_document(update_role_document(selection_set("ProjectUser", fields)))
        answer = self.transport.execute(document, {"data": data, "where": member_where(member)})
        membership: dict[str, Any] = answer["data"]
        return membership

    def delete_member(self, member: MemberDesignation) -> ProjectId:
        """Remove `member` from its project; not resent: a second removal is `NotFound`."""
        answer = self.transport.execute(
            checked_document(DELETE_FROM_ROLES), {"where": member_where(member)}, idempotent=False
        )
        return ProjectId(answer["data"]["id"])
