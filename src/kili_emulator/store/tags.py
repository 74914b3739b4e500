"""Tags: defined per organization, attached to projects."""

from __future__ import annotations

from kili_emulator.storage import Database, Row, new_id, utc_now
from kili_emulator.store.scope import Scope
from kili_emulator.store.visibility import visible_projects_sql


def tags_of_organization(db: Database, organization_id: str) -> list[Row]:
    """List the tags of an organization, in creation order."""
    return db.fetch_all(
        "SELECT * FROM tags WHERE organization_id = ? ORDER BY rowid", (organization_id,)
    )


def tags_of_project(db: Database, project_id: str) -> list[Row]:
    """List the tags attached to a project, in attachment order."""
    return db.fetch_all(
        "SELECT t.* FROM project_tags pt JOIN tags t ON t.id = pt.tag_id "
        "WHERE pt.project_id = ? ORDER BY pt.created_at, t.rowid",
        (project_id,),
    )


def tagged_project_ids(scope: Scope, tag_id: str) -> list[str]:
    """List the projects carrying a tag, among those the viewer may see."""
    visible, params = visible_projects_sql(scope)
    rows = scope.db.fetch_all(
        "SELECT p.id FROM project_tags pt JOIN projects p ON p.id = pt.project_id "
        f"WHERE pt.tag_id = ? AND {visible} ORDER BY pt.created_at, p.rowid",
        [tag_id, *params],
    )
    return [row["id"] for row in rows]


def tag_of_organization(db: Database, organization_id: str, tag_id: str) -> Row | None:
    """Return a tag of an organization, None if it has none with this id."""
    return db.fetch_one(
        "SELECT * FROM tags WHERE id = ? AND organization_id = ?", (tag_id, organization_id)
    )


def insert_tag(db: Database, organization_id: str, label: str, color: str | None) -> Row:
    """Create a tag and return its row."""
    now = utc_now()
    row = {
        "id": new_id(),
        "organization_id": organization_id,
        "label": label,
        "color": color,
        "created_at": now,
        "updated_at": now,
    }
    db.insert("tags", row)
    return row


def rename_tag(db: Database, tag_id: str, label: str) -> None:
    """Change the label of a tag."""
    db.update("tags", tag_id, {"label": label, "updated_at": utc_now()})


def delete_tag(db: Database, tag_id: str) -> None:
    """Delete a tag, detaching it from every project."""
    db.execute("DELETE FROM tags WHERE id = ?", (tag_id,))


def attach_tag(db: Database, project_id: str, tag_id: str) -> None:
    """Attach a tag to a project (again: no change)."""
    db.execute(
        "INSERT OR IGNORE INTO project_tags(project_id, tag_id, created_at) VALUES (?, ?, ?)",
        (project_id, tag_id, utc_now()),
    )


def detach_tag(db: Database, project_id: str, tag_id: str) -> bool:
    """Detach a tag from a project; return whether it was attached."""
    removed = db.execute(
        "DELETE FROM project_tags WHERE project_id = ? AND tag_id = ?", (project_id, tag_id)
    )
    return removed > 0
