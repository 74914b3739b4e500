"""Project member use cases: listing, roles, removal."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from kili.domain.project import ProjectId, ProjectRole
from kili.domain.project_user import (
    MemberDesignation,
    ProjectUserFilters,
    ProjectUserStatus,
)
from kili.domain.query import FieldPaths, QueryOptions
from kili.exceptions import InternalError, NotFound
from kili.use_cases.verified_write import write_in_verified_batches

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway


MEMBER_FIELDS = ("id", "role", "activated", "user.id", "user.email")
"""What `append_to_roles` returns of the membership, as the official SDK does."""


class ProjectUserUseCases:
    """Reads and writes of project memberships."""

    def __init__(self, gateway: KiliAPIGateway) -> None:
        self._gateway = gateway

    def list_project_users(
        self,
        filters: ProjectUserFilters,
        fields: FieldPaths,
        options: QueryOptions,
        statuses: Sequence[ProjectUserStatus] | None,
    ) -> Iterator[dict[str, Any]]:
        """Stream the memberships matching `filters` whose status is one of `statuses`.

        `status` is read with the other fields when a status filter applies, and kept in
        the rows (as the official SDK does).
        """
        if statuses is None:
            return self._gateway.list_project_users(filters, fields, options)
        wanted = set(statuses)
        fields = fields if "status" in fields else (*fields, "status")
        rows = self._gateway.list_project_users(filters, fields, options)
        return (row for row in rows if row["status"] in wanted)

    def count_project_users(
        self, filters: ProjectUserFilters, statuses: Sequence[ProjectUserStatus] | None
    ) -> int:
        """Count the memberships matching `filters` whose status is one of `statuses`."""
        if statuses is None:
            return self._gateway.count_project_users(filters)
        return sum(
            self._gateway.count_project_users(dataclasses.replace(filters, status=status))
            for status in set(statuses)
        )

    def append_to_roles(
        self, project_id: ProjectId, email: str, role: ProjectRole
    ) -> dict[str, Any]:
        """Make the user with `email` a member with `role`, and return the membership.

        Idempotent: the API sets the membership, it does not add a second one.

        Raises:
            InternalError: The API answered without the membership asked for.
        """
        email = email.strip().lower()
        self._gateway.append_to_roles(project_id, email, role)
        member = self._gateway.find_member(
            MemberDesignation(project_id=project_id, email=email), MEMBER_FIELDS
        )
        if member is None or member["role"] != role:
            raise InternalError(
                f"The project {project_id} does not list {email} as {role} after adding it."
            )
        return member

    def update_member_role(
        self,
        member: MemberDesignation,
        role: ProjectRole,
        fields: FieldPaths,
        *,
        deprecated_ids: tuple[str, str] | None = None,
    ) -> dict[str, Any]:
        """Give the designated member `role`; idempotent."""
        return self._gateway.update_member_role(member, role, fields, deprecated_ids=deprecated_ids)

    def delete_member(self, member: MemberDesignation) -> ProjectId:
        """Remove a member; after an uncertain attempt, resend only if it is still there.

        Raises:
            NotFound: No such membership visible to you.
            UncertainBatchWriteError: The server stayed unreachable.
        """
        project_id = self._project_of(member)
        (removed,) = write_in_verified_batches(
            [member],
            1,
            lambda _: [self._gateway.delete_member(member)],
            lambda _items, _sent_after, _known: (
                {} if self._still_member(member) else {0: project_id}
            ),
            description=f"Removing {member.describe()}",
            disable_tqdm=True,
            name_item=lambda item: item.describe(),
        )
        return removed

    def _project_of(self, member: MemberDesignation) -> ProjectId:
        """Read the membership's project before the removal, which makes it unreadable.

        Raises:
            NotFound: No such membership visible to you; nothing is sent.
        """
        found = self._gateway.find_member(member, ("id", "project.id"))
        if found is None:
            raise NotFound(f"No membership matches {member.describe()}, or it is not visible.")
        return ProjectId(found["project"]["id"])

    def _still_member(self, member: MemberDesignation) -> bool:
        return self._gateway.find_member(member, ("id",)) is not None
