"""Uploaded files, kept per organization: each organization has its own namespace.

A file is stored under ``<organization id>/<path>``: the same client path in two
organizations names two files, so no organization can read or overwrite another's.
"""

from __future__ import annotations

from kili_emulator.storage import Database, Row, utc_now

NAMESPACED_META_KEY = "uploads_namespaced"


def stored_path(organization_id: str, path: str) -> str:
    """Return the key of `path` in an organization's namespace."""
    return f"{organization_id}/{path}"


def put_file(db: Database, organization_id: str, path: str, content_type: str, data: bytes) -> None:
    """Store (or replace) a file of an organization."""
    with db.transaction():
        db.execute(
            "INSERT INTO uploads(path, content_type, data, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET content_type = excluded.content_type, "
            "data = excluded.data, created_at = excluded.created_at",
            (stored_path(organization_id, path), content_type, data, utc_now()),
        )


def get_file(db: Database, organization_id: str, path: str) -> Row | None:
    """Return ``content_type`` and ``data`` of a file of an organization, None if absent."""
    return db.fetch_one(
        "SELECT content_type, data FROM uploads WHERE path = ?",
        (stored_path(organization_id, path),),
    )


def delete_files_under(db: Database, organization_id: str, folder: str) -> None:
    """Delete an organization's files whose path starts with `folder` (ending with '/')."""
    prefix = stored_path(organization_id, folder)
    db.execute("DELETE FROM uploads WHERE substr(path, 1, ?) = ?", (len(prefix), prefix))


def copy_files_under(db: Database, organization_id: str, source: str, target: str) -> None:
    """Copy an organization's files under folder `source` to folder `target`."""
    old, new = stored_path(organization_id, source), stored_path(organization_id, target)
    db.execute(
        "INSERT INTO uploads(path, content_type, data, created_at) "
        "SELECT ? || substr(path, ?), content_type, data, ? FROM uploads "
        "WHERE substr(path, 1, ?) = ?",
        (new, len(old) + 1, utc_now(), len(old), old),
    )


def namespace_legacy_files(db: Database) -> None:
    """Move files stored before namespaces existed into their organization's namespace.

    A file under ``projects/<id>/`` goes to the project's organization; any other file
    to the first organization, the only one most older databases have.
    """
    with db.transaction():
        if db.get_meta(NAMESPACED_META_KEY) is not None:
            return
        first = db.scalar("SELECT id FROM organizations ORDER BY rowid LIMIT 1")
        if first is not None:
            db.execute(
                "UPDATE uploads SET path = COALESCE((SELECT p.organization_id FROM projects p "
                "WHERE uploads.path LIKE 'projects/' || p.id || '/%'), ?) || '/' || path",
                (first,),
            )
        db.set_meta(NAMESPACED_META_KEY, "1")
