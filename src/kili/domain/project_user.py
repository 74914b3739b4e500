"""Project members: the membership of a user in a project, with a role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NewType

from kili.domain.project import ProjectId
from kili.domain.user import OrganizationId, UserId

ProjectUserId = NewType("ProjectUserId", str)
"""Id of a membership, not of the user."""

ProjectUserStatus = Literal["ACTIVATED", "ORG_ADMIN", "ORG_SUSPENDED"]


@dataclass(frozen=True)
class ProjectUserFilters:
    """Which memberships of a project to read.

    Attributes:
        project_id: The project.
        email: Only the membership of the user with this email.
        id: Only this membership.
        organization_id: Only members of this organization.
        status: Only members with this status.
    """

    project_id: ProjectId
    email: str | None = None
    id: ProjectUserId | None = None
    organization_id: OrganizationId | None = None
    status: ProjectUserStatus | None = None


@dataclass(frozen=True)
class MemberDesignation:
    """One membership: by its id, or by its project and the user's email.

    Attributes:
        project_user_id: Id of the membership.
        project_id: The project, with `email`.
        email: Email of the member, with `project_id`.
        user_id: Id of the member, with `project_id` (the deprecated designation).
    """

    project_user_id: ProjectUserId | None = None
    project_id: ProjectId | None = None
    email: str | None = None
    user_id: UserId | None = None

    def describe(self) -> str:
        """Name the membership for an error message."""
        if self.project_user_id is not None:
            return f"the project user {self.project_user_id}"
        who = self.email if self.email is not None else self.user_id
        return f"the member {who} of the project {self.project_id}"
