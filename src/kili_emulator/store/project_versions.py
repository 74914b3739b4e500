"""Project versions: named snapshots of a project's labels, with a download link."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kili_emulator.storage import Database, new_id, utc_now
from kili_emulator.store.conditions import Conditions, reject_unsupported
from kili_emulator.store.paging import Listing
from kili_emulator.store.scope import Scope
from kili_emulator.store.visibility import in_visible_projects


def project_version_conditions(scope: Scope, where: Mapping[str, Any]) -> Conditions:
    """Build the conditions on a version row aliased ``v``, in projects the viewer sees."""
    reject_unsupported(where, "ProjectVersionWhere", ("id", "projectId"))
    conds = Conditions()
    visible, params = in_visible_projects(scope, "v.project_id")
    conds.add(visible, *params)
    if where.get("id") is not None:
        conds.add("v.id = ?", where["id"])
    if where.get("projectId") is not None:
        conds.add("v.project_id = ?", where["projectId"])
    return conds


PROJECT_VERSIONS: Listing = Listing(
    select="SELECT v.* FROM project_versions v",
    count_from="project_versions v",
    order="v.rowid",
    conditions=project_version_conditions,
    resource="ProjectVersion",
)
"""Visible project versions, oldest first."""


def insert_project_version(
    db: Database, project_id: str, name: str, content: str | None = None
) -> str:
    """Record a version of a project; return its id."""
    now, version_id = utc_now(), new_id()
    db.insert(
        "project_versions",
        {
            "id": version_id,
            "project_id": project_id,
            "name": name,
            "content": content,
            "created_at": now,
            "updated_at": now,
        },
    )
    return version_id


def set_content(db: Database, version_id: str, content: str | None) -> None:
    """Set (or clear) the download link of a version."""
    db.update("project_versions", version_id, {"content": content, "updated_at": utc_now()})
