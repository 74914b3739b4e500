"""The tables of the store, created if missing on every start."""

from __future__ import annotations

# Every entity table has `seq INTEGER PRIMARY KEY`: an alias of SQLite's rowid that
# VACUUM never renumbers, so ORDER BY rowid is a stable creation order for paging.

SCHEMA_VERSION = 1

DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS organizations (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL, address TEXT NOT NULL DEFAULT '',
        city TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '',
        zip_code TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS users (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        firstname TEXT NOT NULL DEFAULT '', lastname TEXT NOT NULL DEFAULT '',
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        organization_role TEXT NOT NULL, activated INTEGER NOT NULL DEFAULT 1,
        hubspot_subscription_status TEXT, accepted_terms_version TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS users_organization ON users(organization_id)",
    # Apart from `users`, so that a database made before passwords existed gains them.
    """CREATE TABLE IF NOT EXISTS user_passwords (
        user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        salt TEXT NOT NULL, digest TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS api_keys (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id),
        name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, revoked INTEGER NOT NULL DEFAULT 0,
        expiry_date TEXT, created_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS api_keys_user ON api_keys(user_id)",
    """CREATE TABLE IF NOT EXISTS projects (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        author_id TEXT NOT NULL REFERENCES users(id), title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '', input_type TEXT NOT NULL,
        json_interface TEXT NOT NULL DEFAULT '{}', instructions TEXT,
        settings TEXT NOT NULL DEFAULT '{}', archived INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS projects_organization ON projects(organization_id)",
    """CREATE TABLE IF NOT EXISTS project_users (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id), role TEXT NOT NULL,
        activated INTEGER NOT NULL DEFAULT 1, is_author INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0, invitation_status TEXT NOT NULL DEFAULT 'ACCEPTED',
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (project_id, user_id))""",
    "CREATE INDEX IF NOT EXISTS project_users_user ON project_users(user_id)",
    """CREATE TABLE IF NOT EXISTS assets (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        external_id TEXT NOT NULL, content TEXT NOT NULL DEFAULT '',
        json_content TEXT NOT NULL DEFAULT '', json_metadata TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'TODO', is_honeypot INTEGER NOT NULL DEFAULT 0,
        is_used_for_consensus INTEGER NOT NULL DEFAULT 0, is_to_review INTEGER NOT NULL DEFAULT 0,
        priority INTEGER NOT NULL DEFAULT 0,
        consensus_mark REAL, honeypot_mark REAL, inference_mark REAL,
        skipped INTEGER NOT NULL DEFAULT 0, resolution TEXT, page_resolutions TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    # Paging walks a project's assets in insertion (rowid) order; filters hit these.
    "CREATE INDEX IF NOT EXISTS assets_project ON assets(project_id)",
    "CREATE INDEX IF NOT EXISTS assets_project_external ON assets(project_id, external_id)",
    "CREATE INDEX IF NOT EXISTS assets_project_status ON assets(project_id, status)",
    "CREATE INDEX IF NOT EXISTS assets_project_created ON assets(project_id, created_at)",
    "CREATE INDEX IF NOT EXISTS assets_project_updated ON assets(project_id, updated_at)",
    """CREATE TABLE IF NOT EXISTS asset_assignees (
        asset_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id), PRIMARY KEY (asset_id, user_id))""",
    "CREATE INDEX IF NOT EXISTS asset_assignees_user ON asset_assignees(user_id)",
    # The skip of an asset: who set it aside and why; the row goes when it is unskipped.
    """CREATE TABLE IF NOT EXISTS asset_skips (
        asset_id TEXT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
        reason TEXT NOT NULL, user_id TEXT NOT NULL, skipped_at TEXT NOT NULL)""",
    # "Latest label" flags are computed on read (see resolvers.label), not stored.
    """CREATE TABLE IF NOT EXISTS labels (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        asset_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        author_id TEXT NOT NULL REFERENCES users(id), label_type TEXT NOT NULL,
        json_response TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL, seconds_to_label REAL, model_name TEXT,
        is_sent_back_to_queue INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,
        consensus_mark REAL, honeypot_mark REAL, inference_mark REAL,
        reviewed_label_id TEXT, version INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX IF NOT EXISTS labels_asset ON labels(asset_id, created_at)",
    "CREATE INDEX IF NOT EXISTS labels_project ON labels(project_id, created_at)",
    "CREATE INDEX IF NOT EXISTS labels_author ON labels(author_id)",
    "CREATE INDEX IF NOT EXISTS labels_asset_author ON labels(asset_id, author_id, created_at)",
    """CREATE TABLE IF NOT EXISTS issues (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        asset_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        author_id TEXT NOT NULL REFERENCES users(id), assignee_id TEXT REFERENCES users(id),
        label_id TEXT, object_mid TEXT, issue_number INTEGER NOT NULL DEFAULT 0,
        type TEXT NOT NULL DEFAULT 'ISSUE', status TEXT NOT NULL DEFAULT 'OPEN',
        has_been_seen INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS issues_asset ON issues(asset_id, type, status)",
    "CREATE INDEX IF NOT EXISTS issues_project ON issues(project_id, type, status)",
    """CREATE TABLE IF NOT EXISTS uploads (
        path TEXT PRIMARY KEY, content_type TEXT NOT NULL, data BLOB NOT NULL,
        created_at TEXT NOT NULL)""",
    # Tags belong to an organization; labels may repeat, as in Kili.
    """CREATE TABLE IF NOT EXISTS tags (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        label TEXT NOT NULL, color TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS tags_organization ON tags(organization_id)",
    """CREATE TABLE IF NOT EXISTS project_tags (
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        tag_id TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL, PRIMARY KEY (project_id, tag_id))""",
    "CREATE INDEX IF NOT EXISTS project_tags_tag ON project_tags(tag_id)",
    # Comments die with their issue; notifications belong to one user.
    """CREATE TABLE IF NOT EXISTS comments (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        author_id TEXT NOT NULL REFERENCES users(id), text TEXT NOT NULL,
        in_review INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS comments_issue ON comments(issue_id)",
    """CREATE TABLE IF NOT EXISTS notifications (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        message TEXT NOT NULL, status TEXT NOT NULL, url TEXT NOT NULL DEFAULT '',
        progress INTEGER, has_been_seen INTEGER NOT NULL DEFAULT 0, task_id TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS notifications_user ON notifications(user_id)",
    """CREATE TABLE IF NOT EXISTS project_versions (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name TEXT NOT NULL, content TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        UNIQUE (project_id, name))""",
)
"""Tables and indexes, in creation order."""
