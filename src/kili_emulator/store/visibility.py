"""Which projects a viewer sees: the SQL condition every scoped read starts from."""

from __future__ import annotations

from kili_emulator.store.scope import Scope


def visible_projects_sql(scope: Scope) -> tuple[str, list[str]]:
    """Return an SQL condition on a `projects` row aliased ``p``: visible to the viewer.

    An organization admin sees every project of its organization; anyone else sees
    the projects of its organization it is an active member of.
    """
    if scope.is_org_admin:
        return "p.organization_id = ?", [scope.organization_id]
    return (
        "p.organization_id = ? AND EXISTS (SELECT 1 FROM project_users pu "
        "WHERE pu.project_id = p.id AND pu.user_id = ? AND pu.activated = 1)",
        [scope.organization_id, scope.viewer_id],
    )


def in_visible_projects(scope: Scope, column: str) -> tuple[str, list[str]]:
    """Return an SQL condition: the project id in `column` is of a visible project."""
    visible, params = visible_projects_sql(scope)
    return f"+{column} IN (SELECT p.id FROM projects p WHERE {visible})", params
