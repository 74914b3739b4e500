"""Who may see and do what: organization scoping and project roles.

Kili scopes everything to the caller's organization and grants project rights by
role. An organization admin acts as a project ADMIN on every project of its
organization. Objects outside what a user can see answer NOT_FOUND rather than
FORBIDDEN, so ids of other organizations leak nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from kili_emulator.context import RequestContext
from kili_emulator.errors import ForbiddenError, NotFoundError
from kili_emulator.storage import Row
from kili_emulator.store.project_users import active_role
from kili_emulator.store.projects import project_row
from kili_emulator.store.users import PROJECT_ROLES


@dataclass(frozen=True)
class ProjectRight:
    """A named project right and the weakest role that holds it."""

    name: str
    minimum_role: str

    def held_by(self, role: str | None) -> bool:
        """Whether `role` (None: not a member) holds this right."""
        if role is None:
            return False
        return PROJECT_ROLES.index(role) >= PROJECT_ROLES.index(self.minimum_role)


READ_PROJECT = ProjectRight("READ_PROJECT", "LABELER")
LABEL_ASSETS = ProjectRight("LABEL_ASSETS", "LABELER")
REVIEW_ASSETS = ProjectRight("REVIEW_ASSETS", "REVIEWER")
EDIT_ASSETS = ProjectRight("EDIT_ASSETS", "TEAM_MANAGER")
EDIT_PROJECT_SETTINGS = ProjectRight("EDIT_PROJECT_SETTINGS", "TEAM_MANAGER")
MANAGE_PROJECT_MEMBERS = ProjectRight("MANAGE_PROJECT_MEMBERS", "TEAM_MANAGER")
SET_QUALITY_MARKS = ProjectRight("SET_QUALITY_MARKS", "ADMIN")
DELETE_PROJECT = ProjectRight("DELETE_PROJECT", "ADMIN")


def project_role(ctx: RequestContext, project: Row) -> str | None:
    """Return the viewer's effective role on `project`, None if it is not a member."""
    if project["organization_id"] != ctx.organization_id:
        return None
    if ctx.is_org_admin:
        return "ADMIN"
    return active_role(ctx.db, project["id"], ctx.viewer_id)


def require_project(ctx: RequestContext, project_id: str | None, right: ProjectRight) -> Row:
    """Return the project row if the viewer holds `right` on it.

    Raises:
        NotFoundError: No project with this id is visible to the viewer.
        ForbiddenError: The project is visible but the viewer's role lacks `right`.
    """
    project = project_row(ctx.db, project_id)
    role = project_role(ctx, project) if project is not None else None
    if project is None or role is None:
        raise NotFoundError(f"Project {project_id!r} not found", resource="Project")
    if not right.held_by(role):
        raise ForbiddenError(
            f"Missing right {right.name} on project {project_id}: the role {role} of "
            f"{ctx.viewer['email']} does not grant it (requires {right.minimum_role} or above)",
            right=right.name,
        )
    return project


def require_org_admin(ctx: RequestContext, action: str) -> None:
    """Refuse `action` unless the viewer administers its organization.

    Raises:
        ForbiddenError: The viewer's organization role is not ADMIN.
    """
    if not ctx.is_org_admin:
        raise ForbiddenError(
            f"Missing right MANAGE_ORGANIZATION to {action}: {ctx.viewer['email']} is not an "
            "organization ADMIN",
            right="MANAGE_ORGANIZATION",
        )


def require_role_to_grant(ctx: RequestContext, project: Row, role: str, action: str) -> None:
    """Refuse to grant, or take away, a project role stronger than the viewer's own.

    A TEAM_MANAGER manages members, but may not make anyone (itself included) ADMIN,
    nor change or remove an ADMIN: no role change ends with more rights than the
    viewer holds.

    Raises:
        ForbiddenError: `role` is above the viewer's effective role on `project`.
    """
    held = project_role(ctx, project)
    if held is not None and PROJECT_ROLES.index(role) <= PROJECT_ROLES.index(held):
        return
    raise ForbiddenError(
        f"Missing right to {action} the role {role} on project {project['id']}: the role "
        f"{held} of {ctx.viewer['email']} is weaker (a role change needs a role at least as "
        "high as the role granted)",
        right=MANAGE_PROJECT_MEMBERS.name,
    )
