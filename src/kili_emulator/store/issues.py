"""Issues and questions on assets; people are named by membership id on read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kili_emulator.storage import Database, Row, new_id, utc_now
from kili_emulator.store.asset_filters import asset_conditions
from kili_emulator.store.conditions import Conditions, is_empty, reject_unsupported
from kili_emulator.store.paging import Listing
from kili_emulator.store.project_users import project_user_conditions
from kili_emulator.store.projects import project_conditions
from kili_emulator.store.scope import Scope
from kili_emulator.store.visibility import in_visible_projects


def member_id_sql(project_column: str, user_column: str) -> str:
    """SQL subquery: the membership id of the user in `user_column` in `project_column`."""
    return (
        f"(SELECT m.id FROM project_users m WHERE m.project_id = {project_column} "
        f"AND m.user_id = {user_column})"
    )


ISSUE_WHERE_FIELDS = (
    "asset",
    "assetIn",
    "assignee",
    "assigneeIdsIn",
    "author",
    "id",
    "project",
    "status",
    "type",
)


def issue_conditions(scope: Scope, where: Mapping[str, Any], alias: str = "i") -> Conditions:
    """Build the conditions on an `issues` row aliased `alias` for an IssueWhere.

    Only issues of projects visible to the viewer match. People are designated as
    ProjectUserWhere (author, assignee) or by membership or user id (assigneeIdsIn).

    Raises:
        UnsupportedError: A set field of the filter is not implemented.
    """
    reject_unsupported(where, "IssueWhere", ISSUE_WHERE_FIELDS)
    conds = Conditions()
    visible, params = in_visible_projects(scope, f"{alias}.project_id")
    conds.add(visible, *params)
    for field, column in (("id", "id"), ("status", "status"), ("type", "type")):
        if where.get(field) is not None:
            conds.add(f"{alias}.{column} = ?", where[field])
    if where.get("assetIn") is not None:
        conds.add_in(f"{alias}.asset_id", where["assetIn"])
    project = where.get("project")
    if project is not None and not is_empty(project):
        conds.add_in_subquery(
            f"{alias}.project_id", "projects", "p", project_conditions(scope, project)
        )
    asset = where.get("asset")
    if asset is not None and not is_empty(asset):
        inner = asset_conditions(scope, asset, alias=f"{alias}_asset")
        conds.add_in_subquery(f"{alias}.asset_id", "assets", f"{alias}_asset", inner)
    _add_people(scope, conds, where, alias)
    return conds


def _add_people(scope: Scope, conds: Conditions, where: Mapping[str, Any], alias: str) -> None:
    for field, column in (("author", "author_id"), ("assignee", "assignee_id")):
        person = where.get(field)
        if person is None or is_empty(person):
            continue
        inner = project_user_conditions(scope, person)
        conds.add(
            f"EXISTS (SELECT 1 FROM project_users pu WHERE pu.project_id = {alias}.project_id "
            f"AND pu.user_id = {alias}.{column} AND {inner.sql})",
            *inner.params,
        )
    designations = where.get("assigneeIdsIn")
    if designations is not None:
        ids = [designation for designation in designations if designation is not None]
        marks = ", ".join("?" for _ in ids) or "NULL"
        conds.add(
            f"{alias}.assignee_id IN ({marks}) OR "
            f"{member_id_sql(f'{alias}.project_id', f'{alias}.assignee_id')} IN ({marks})",
            *ids,
            *ids,
        )


ISSUE_SELECT = (
    f"SELECT i.*, {member_id_sql('i.project_id', 'i.author_id')} AS author_member_id, "
    f"{member_id_sql('i.project_id', 'i.assignee_id')} AS assignee_member_id FROM issues i"
)
"""Select issues aliased ``i`` with the membership ids of their author and assignee."""

ISSUES: Listing = Listing(
    select=ISSUE_SELECT,
    count_from="issues i",
    order="i.rowid",
    conditions=issue_conditions,
    resource="Issue",
)
"""Visible issues, in creation order."""


def issues_of_asset(db: Database, asset_id: str) -> list[Row]:
    """List the issues and questions of an asset, oldest first."""
    return db.fetch_all(f"{ISSUE_SELECT} WHERE i.asset_id = ? ORDER BY i.rowid", (asset_id,))


def insert_issue(db: Database, asset: Row, author_id: str, **columns: Any) -> str:
    """Open an issue on an asset with the next number of its project; return its id."""
    number = db.scalar(
        "SELECT COALESCE(MAX(issue_number), 0) + 1 FROM issues WHERE project_id = ?",
        (asset["project_id"],),
    )
    now, issue_id = utc_now(), new_id()
    db.insert(
        "issues",
        {
            "id": issue_id,
            "asset_id": asset["id"],
            "project_id": asset["project_id"],
            "author_id": author_id,
            "assignee_id": None,
            "label_id": None,
            "object_mid": None,
            "issue_number": int(number),
            "type": "ISSUE",
            "status": "OPEN",
            "has_been_seen": 0,
            "created_at": now,
            "updated_at": now,
            **columns,
        },
    )
    return issue_id


def update_issue(db: Database, issue_id: str, values: Mapping[str, Any]) -> None:
    """Set columns of an issue and stamp the change."""
    db.update("issues", issue_id, {**values, "updated_at": utc_now()})


def mark_activity(db: Database, issue_id: str, by_user_id: str, when: str) -> None:
    """Record activity on an issue: unseen by its author unless the author acted."""
    db.execute(
        "UPDATE issues SET updated_at = ?, "
        "has_been_seen = CASE WHEN author_id = ? THEN has_been_seen ELSE 0 END WHERE id = ?",
        (when, by_user_id, issue_id),
    )
