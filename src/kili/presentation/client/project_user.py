"""Client methods about project members and their roles."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal, overload

from kili.domain.project import ProjectId, ProjectRole
from kili.domain.project_user import (
    MemberDesignation,
    ProjectUserFilters,
    ProjectUserId,
    ProjectUserStatus,
)
from kili.domain.query import ListOrTuple
from kili.domain.user import OrganizationId
from kili.exceptions import MissingArgumentError
from kili.presentation.client.arguments import checked, rows_or_list
from kili.presentation.client.base import ClientBase
from kili.use_cases.project_user import ProjectUserUseCases
from kili.user_warnings import warn_deprecated

DEFAULT_PROJECT_USER_FIELDS = (
    "activated",
    "id",
    "role",
    "starred",
    "user.email",
    "user.id",
    "status",
)
ALL_STATUSES: tuple[ProjectUserStatus, ...] = ("ACTIVATED", "ORG_ADMIN", "ORG_SUSPENDED")
ROLE_FIELDS = ("id", "role", "user.id", "user.email", "project.id")


class ProjectUserClientMethods(ClientBase):
    """Methods of `Kili` about project members."""

    @overload
    def project_users(
        self,
        project_id: str,
        email: str | None = None,
        id: str | None = None,
        organization_id: str | None = None,
        status_in: Sequence[ProjectUserStatus] | None = ALL_STATUSES,
        fields: ListOrTuple[str] = DEFAULT_PROJECT_USER_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: Literal[True],
    ) -> Iterator[dict[str, Any]]: ...

    @overload
    def project_users(
        self,
        project_id: str,
        email: str | None = None,
        id: str | None = None,
        organization_id: str | None = None,
        status_in: Sequence[ProjectUserStatus] | None = ALL_STATUSES,
        fields: ListOrTuple[str] = DEFAULT_PROJECT_USER_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: Literal[False] = False,
    ) -> list[dict[str, Any]]: ...

    @checked
    def project_users(
        self,
        project_id: str,
        email: str | None = None,
        id: str | None = None,
        organization_id: str | None = None,
        status_in: Sequence[ProjectUserStatus] | None = ALL_STATUSES,
        fields: ListOrTuple[str] = DEFAULT_PROJECT_USER_FIELDS,
        first: int | None = None,
        skip: int = 0,
        disable_tqdm: bool | None = None,
        *,
        as_generator: bool = False,
    ) -> Iterator[dict[str, Any]] | list[dict[str, Any]]:
        """Get the members of a project that match the criteria.

        Args:
            project_id: Id of the project.
            email: Only the member with this email.
            id: Only this membership (the id of the project user, not of the user).
            organization_id: Only members of this organization.
            status_in: Only members with one of these statuses (`ACTIVATED`,
                `ORG_ADMIN`, `ORG_SUSPENDED`); `None` for all. When set, `status` is
                returned with the other fields.
            fields: Fields of each member to return, as dotted paths.
            first: Maximum number of members to return.
            skip: Number of members to pass over first.
            disable_tqdm: Hide the progress bar.
            as_generator: Return a generator instead of a list.

        Returns:
            The members, as dicts with the chosen fields.

        Raises:
            InvalidFieldError: A field is unknown; nothing is sent.
        """
        filters = self._member_filters(project_id, email, id, organization_id)
        options = self._query_options(first, skip, disable_tqdm, as_generator)
        rows = ProjectUserUseCases(self.kili_api_gateway).list_project_users(
            filters, fields, options, status_in
        )
        return rows_or_list(rows, as_generator)  # type: ignore[no-any-return]

    @checked
    def count_project_users(
        self,
        project_id: str,
        email: str | None = None,
        id: str | None = None,
        organization_id: str | None = None,
        status_in: Sequence[ProjectUserStatus] | None = ALL_STATUSES,
    ) -> int:
        """Count the members of a project that match the criteria.

        Args:
            project_id: Id of the project.
            email: Only the member with this email.
            id: Only this membership (the id of the project user, not of the user).
            organization_id: Only members of this organization.
            status_in: Only members with one of these statuses; `None` for all.

        Returns:
            The number of matching members.
        """
        filters = self._member_filters(project_id, email, id, organization_id)
        return ProjectUserUseCases(self.kili_api_gateway).count_project_users(filters, status_in)

    @staticmethod
    def _member_filters(
        project_id: str, email: str | None, id: str | None, organization_id: str | None
    ) -> ProjectUserFilters:
        return ProjectUserFilters(
            project_id=ProjectId(project_id),
            email=email.strip().lower() if email else None,
            id=ProjectUserId(id) if id else None,
            organization_id=OrganizationId(organization_id) if organization_id else None,
        )

    @checked
    def append_to_roles(
        self, project_id: str, user_email: str, role: ProjectRole = "LABELER"
    ) -> dict[str, Any]:
        """Add a user to a project with a role, or change the role of a member.

        A user unknown to your organization is invited: created in it, and added.

        Idempotent: the membership is set, never added twice, so the SDK retries it after
        a dropped connection, and a re-run changes nothing.

        Args:
            project_id: Id of the project.
            user_email: Email of the user.
            role: `ADMIN`, `TEAM_MANAGER`, `REVIEWER` or `LABELER`.

        Returns:
            The membership: `id`, `role`, `activated` and `user` (`id`, `email`).

        Raises:
            NotFound: The project does not exist or is not visible to you.
            PermissionDenied: Your role may not manage members, or not grant `role`.
        """
        return ProjectUserUseCases(self.kili_api_gateway).append_to_roles(
            ProjectId(project_id), user_email, role
        )

    @checked
    def update_properties_in_project_user(
        self, project_id: str, user_email: str, role: ProjectRole
    ) -> dict[str, Any]:
        """Change the role of a member of a project.

        Idempotent: the SDK retries it after a dropped connection, and a re-run changes
        nothing.

        Args:
            project_id: Id of the project.
            user_email: Email of the member.
            role: `ADMIN`, `TEAM_MANAGER`, `REVIEWER` or `LABELER`.

        Returns:
            The membership: `id`, `role`, `user` (`id`, `email`) and `project.id`.

        Raises:
            NotFound: The user is not a member of the project, or the project is not
                visible to you.
            PermissionDenied: Your role may not manage members, or not grant `role`.
        """
        member = MemberDesignation(
            project_id=ProjectId(project_id), email=user_email.strip().lower()
        )
        return ProjectUserUseCases(self.kili_api_gateway).update_member_role(
            member, role, ROLE_FIELDS
        )

    @checked
    def update_properties_in_role(
        self, role_id: str, project_id: str, user_id: str, role: ProjectRole
    ) -> dict[str, Any]:
        """Change the role of a membership given by its id; deprecated.

        Deprecated: use `update_properties_in_project_user`.

        Idempotent: the SDK retries it after a dropped connection, and a re-run changes
        nothing.

        Args:
            role_id: Id of the membership (the project user).
            project_id: Id of the project.
            user_id: Id of the member.
            role: `ADMIN`, `TEAM_MANAGER`, `REVIEWER` or `LABELER`.

        Returns:
            The membership: `id`, `role`, `user` (`id`, `email`) and `project.id`.

        Raises:
            NotFound: No such membership visible to you.
            PermissionDenied: Your role may not manage members, or not grant `role`.
        """
        warn_deprecated(
            "update_properties_in_role() is deprecated: use update_properties_in_project_user()."
        )
        member = MemberDesignation(project_user_id=ProjectUserId(role_id))
        return ProjectUserUseCases(self.kili_api_gateway).update_member_role(
            member, role, ROLE_FIELDS, deprecated_ids=(project_id, user_id)
        )

    @checked
    def delete_from_roles(
        self,
        role_id: str | None = None,
        user_email: str | None = None,
        project_id: str | None = None,
    ) -> dict[Literal["id"], str]:
        """Remove a member from a project.

        Verified, not idempotent: a second removal is refused as `NotFound`. If the
        connection drops after sending, the SDK checks whether the membership is still
        there and sends the removal again only then; a re-run after success raises
        `NotFound`.

        Args:
            role_id: Id of the membership (the project user, not the user). If not
                given, `user_email` and `project_id` are required.
            user_email: Email of the member, with `project_id`.
            project_id: Id of the project, with `user_email`.

        Returns:
            A dict with the id of the project.

        Raises:
            MissingArgumentError: Neither `role_id` nor both `user_email` and
                `project_id`; nothing is sent.
            NotFound: No such membership visible to you; nothing is sent.
            PermissionDenied: Your role may not remove this member.
            UncertainBatchWriteError: The server stayed unreachable.
        """
        if role_id:
            member = MemberDesignation(project_user_id=ProjectUserId(role_id))
        elif user_email is None or project_id is None:
            raise MissingArgumentError(
                "delete_from_roles() needs `role_id`, or both `user_email` and `project_id`."
            )
        else:
            member = MemberDesignation(
                project_id=ProjectId(project_id), email=user_email.strip().lower()
            )
        removed = ProjectUserUseCases(self.kili_api_gateway).delete_member(member)
        return {"id": removed}


__all__ = ["ProjectUserClientMethods"]
