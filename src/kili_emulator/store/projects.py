"""Projects: visibility-scoped listing, creation with the author as ADMIN, copies, deletion."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from kili_emulator.storage import Database, Row, new_id, utc_now
from kili_emulator.store import files
from kili_emulator.store.asset_filters import asset_conditions
from kili_emulator.store.conditions import Conditions, add_date_range, is_empty, reject_unsupported
from kili_emulator.store.paging import Listing
from kili_emulator.store.scope import Scope
from kili_emulator.store.visibility import visible_projects_sql

PROJECT_WHERE_FIELDS = (
    "id",
    "idNotIn",
    "searchQuery",
    "archived",
    "starred",
    "organizationId",
    "deleted",
    "createdAtGte",
    "createdAtLte",
    "updatedAtGte",
    "updatedAtLte",
    "onlyAcceptedProjects",
    "asset",
    "tagIds",
)

STARRED_SQL = (
    "SELECT COALESCE(MAX(pu.starred), 0) FROM project_users pu "
    "WHERE pu.project_id = p.id AND pu.user_id = ?"
)


def project_conditions(scope: Scope, where: Mapping[str, Any]) -> Conditions:
    """Build conditions on a `projects` row aliased ``p``, limited to visible projects."""
    reject_unsupported(where, "ProjectWhere", PROJECT_WHERE_FIELDS)
    conds = Conditions()
    visible, params = visible_projects_sql(scope)
    conds.add(visible, *params)
    if where.get("id") is not None:
        conds.add("p.id = ?", where["id"])
    if where.get("idNotIn") is not None:
        conds.add_in("p.id", where["idNotIn"], negate=True)
    if where.get("searchQuery"):
        # As Kili: an ILIKE pattern found anywhere in the title (`%` and `_` are wildcards).
        conds.add("p.title LIKE '%' || ? || '%'", where["searchQuery"])
    if where.get("archived") is not None:
        conds.add("p.archived = ?", int(where["archived"]))
    if where.get("starred") is not None:
        conds.add(f"({STARRED_SQL}) = ?", scope.viewer_id, int(where["starred"]))
    if where.get("organizationId") is not None:
        conds.add("p.organization_id = ?", where["organizationId"])
    if where.get("deleted"):
        conds.add("0")  # deletion is immediate: no deleted project remains to list
    if where.get("tagIds") is not None:
        conds.add(
            "EXISTS (SELECT 1 FROM project_tags pt WHERE pt.project_id = p.id AND "
            f"pt.tag_id IN ({', '.join('?' for _ in where['tagIds'])}))",
            *where["tagIds"],
        )
    add_date_range(conds, where, "createdAt", "p.created_at")
    add_date_range(conds, where, "updatedAt", "p.updated_at")
    asset = where.get("asset")
    if asset is not None and not is_empty(asset):
        inner = asset_conditions(scope, asset, alias="pa")
        conds.add(
            f"EXISTS (SELECT 1 FROM assets pa WHERE pa.project_id = p.id AND {inner.sql})",
            *inner.params,
        )
    return conds


PROJECTS: Listing = Listing(
    select="SELECT p.* FROM projects p",
    count_from="projects p",
    order=f"({STARRED_SQL}) DESC, p.rowid",
    order_params=lambda scope: [scope.viewer_id],
    conditions=project_conditions,
    resource="Project",
)
"""Visible projects, the viewer's starred ones first, then in creation order."""

LATEST_UPDATED_PROJECTS: Listing = Listing(
    select=PROJECTS.select,
    count_from=PROJECTS.count_from,
    order="p.updated_at DESC, p.rowid DESC",
    conditions=project_conditions,
    resource="Project",
)
"""Visible projects, most recently updated first."""


def project_row(db: Database, project_id: str | None) -> Row | None:
    """Return the project with this id, whoever may see it (the rights come after)."""
    if not project_id:
        return None
    return db.fetch_one("SELECT * FROM projects WHERE id = ?", (project_id,))


def insert_project(db: Database, organization_id: str, author_id: str, **columns: Any) -> str:
    """Create a project whose author becomes its first ADMIN member; return its id."""
    now, project_id = utc_now(), new_id()
    db.insert(
        "projects",
        {
            **columns,
            "id": project_id,
            "organization_id": organization_id,
            "author_id": author_id,
            "archived": 0,
            "created_at": now,
            "updated_at": now,
        },
    )
    db.insert(
        "project_users",
        {
            "id": new_id(),
            "project_id": project_id,
            "user_id": author_id,
            "role": "ADMIN",
            "activated": 1,
            "is_author": 1,
            "starred": 0,
            "invitation_status": "ACCEPTED",
            "created_at": now,
            "updated_at": now,
        },
    )
    return project_id


def update_project(db: Database, project_id: str, values: Mapping[str, Any]) -> None:
    """Set columns of a project and stamp the change."""
    db.update("projects", project_id, {**values, "updated_at": utc_now()})


def delete_project(db: Database, project: Row) -> None:
    """Delete a project with its members, assets, labels, issues and files."""
    db.execute("DELETE FROM projects WHERE id = ?", (project["id"],))
    files.delete_files_under(db, project["organization_id"], f"projects/{project['id']}/")


COPIED_PROJECT_COLUMNS = (
    "title",
    "description",
    "input_type",
    "json_interface",
    "instructions",
    "settings",
)


def copy_project(db: Database, source: Row, author_id: str) -> str:
    """Create a copy of a project's settings, authored by `author_id`; return its id."""
    columns = {column: source[column] for column in COPIED_PROJECT_COLUMNS}
    return insert_project(db, source["organization_id"], author_id, **columns)


def copy_members(db: Database, source_id: str, project_id: str, except_user_id: str) -> None:
    """Give the copy the source's members (but `except_user_id`) with their roles."""
    now = utc_now()
    members = db.fetch_all(
        "SELECT user_id, role, activated, invitation_status FROM project_users "
        "WHERE project_id = ? AND user_id != ? ORDER BY rowid",
        (source_id, except_user_id),
    )
    db.insert_many(
        "project_users",
        [
            {
                **member,
                "id": new_id(),
                "project_id": project_id,
                "is_author": 0,
                "starred": 0,
                "created_at": now,
                "updated_at": now,
            }
            for member in members
        ],
    )


COPIED_ASSET_COLUMNS = (
    "external_id",
    "content",
    "json_content",
    "json_metadata",
    "is_honeypot",
    "priority",
    "resolution",
    "page_resolutions",
)


def copy_assets(db: Database, source: Row, project_id: str) -> None:
    """Copy the assets in order, their uploaded files moved under the new project's folder.

    The files are copied too, so deleting either project leaves the other one whole.
    """
    old_folder, new_folder = f"projects/{source['id']}/", f"projects/{project_id}/"
    files.copy_files_under(db, source["organization_id"], old_folder, new_folder)
    moves = [(old_folder, new_folder), (quote(old_folder, safe=""), quote(new_folder, safe=""))]

    def moved(text: str) -> str:
        for old, new in moves:
            text = text.replace(old, new)
        return text

    now = utc_now()
    assets = db.fetch_all(
        f"SELECT {', '.join(COPIED_ASSET_COLUMNS)} FROM assets WHERE project_id = ? ORDER BY rowid",
        (source["id"],),
    )
    db.insert_many(
        "assets",
        [
            {
                **asset,
                "content": moved(asset["content"]),
                "json_content": moved(asset["json_content"]),
                "id": new_id(),
                "project_id": project_id,
                "created_at": now,
                "updated_at": now,
            }
            for asset in assets
        ],
    )


ASSET_COUNTERS = {
    "numberOfAssets": "1",
    "numberOfRemainingAssets": "a.status IN ('TODO', 'ONGOING')",
    "numberOfReviewedAssets": "a.status = 'REVIEWED'",
    "numberOfSkippedAssets": "a.skipped = 1",
    "numberOfAssetsWithSkippedLabels": (
        "EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND l.skipped = 1)"
    ),
}
"""Project counters over its assets: field name to the condition an asset meets."""

ISSUE_COUNTERS = {
    "numberOfOpenIssues": ("ISSUE", "OPEN"),
    "numberOfSolvedIssues": ("ISSUE", "SOLVED"),
    "numberOfOpenQuestions": ("QUESTION", "OPEN"),
    "numberOfSolvedQuestions": ("QUESTION", "SOLVED"),
}
"""Project counters over its issues: field name to the issue type and status."""


def count_assets(db: Database, project_id: str, counter: str) -> int:
    """Count a project's assets for one of `ASSET_COUNTERS`."""
    return int(
        db.scalar(
            f"SELECT COUNT(*) FROM assets a WHERE a.project_id = ? AND {ASSET_COUNTERS[counter]}",
            (project_id,),
        )
    )


def count_issues(db: Database, project_id: str, counter: str) -> int:
    """Count a project's issues for one of `ISSUE_COUNTERS`."""
    issue_type, status = ISSUE_COUNTERS[counter]
    return int(
        db.scalar(
            "SELECT COUNT(*) FROM issues WHERE project_id = ? AND type = ? AND status = ?",
            (project_id, issue_type, status),
        )
    )


def priority_range(db: Database, project_id: str) -> Sequence[int]:
    """Return [min, max] of the assets' priorities, [0, 0] for an empty project."""
    row = db.fetch_one(
        "SELECT COALESCE(MIN(priority), 0) AS low, COALESCE(MAX(priority), 0) AS high "
        "FROM assets WHERE project_id = ?",
        (project_id,),
    )
    return [row["low"], row["high"]] if row else [0, 0]


def touch_project(db: Database, project_id: str) -> None:
    """Stamp a change in a project's content."""
    db.execute("UPDATE projects SET updated_at = ? WHERE id = ?", (utc_now(), project_id))
