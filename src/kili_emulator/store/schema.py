"""The tables of the store, created if missing on every start."""

from __future__ import annotations

# Every entity table has `seq INTEGER PRIMARY KEY`: an alias of SQLite's rowid that
# VACUUM never renumbers, so ORDER BY rowid is a stable creation order for paging.

SCHEMA_VERSION = 1

_NEW_STEP_ID = "'c' || lower(hex(randomblob(12)))"
"""SQL giving a new 25-character step id, in the shape of the other ids."""

_DEFAULT_STEPS = (
    "SELECT 0 AS position, 'Labeling' AS name, 'DEFAULT' AS type, 0 AS consensus_coverage,"
    " NULL AS expected_labels, NULL AS step_coverage"
    " UNION ALL SELECT 1, 'Review', 'REVIEW', NULL, NULL, 100"
)
"""The workflow of a new project: a labeling step, then a review step of every asset.

Consensus is off (coverage 0, no number of labels expected), as on a new Kili project.

The review step's coverage is the project's default `reviewCoverage` (100).
"""

_INSERT_DEFAULT_STEPS = (
    "INSERT INTO steps (id, project_id, position, name, type, consensus_coverage,"
    " number_of_expected_labels_for_consensus, step_coverage, created_at, updated_at)"
    f" SELECT {_NEW_STEP_ID}, p.id, d.position, d.name, d.type, d.consensus_coverage,"
    f" d.expected_labels, d.step_coverage, p.created_at, p.created_at FROM ({_DEFAULT_STEPS}) d"
)

_INSERT_FIRST_STEP = (
    "INSERT INTO asset_steps (asset_id, step_id, status, updated_at)"
    " SELECT a.id, (SELECT s.id FROM steps s WHERE s.project_id = a.project_id"
    " ORDER BY s.position LIMIT 1), 'TO_DO', a.created_at"
)

WORKFLOW_DDL: tuple[str, ...] = (
    # A project's steps, in `position` order: one labeling step (type DEFAULT) first,
    # then review steps (type REVIEW). Coverages are percentages (0-100).
    """CREATE TABLE IF NOT EXISTS steps (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
        consensus_coverage INTEGER, number_of_expected_labels_for_consensus INTEGER,
        step_coverage INTEGER,
        send_back_step_id TEXT REFERENCES steps(id) ON DELETE SET NULL,
        use_honeypot INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (project_id, name))""",
    "CREATE INDEX IF NOT EXISTS steps_project ON steps(project_id, position)",
    """CREATE TABLE IF NOT EXISTS step_assignees (
        step_id TEXT NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id), PRIMARY KEY (step_id, user_id))""",
    # Apart from `assets`, so that a database made before workflows existed gains it.
    # The step reference is checked at commit: a project deleted with its assets and
    # steps in one statement never sees a dangling row.
    """CREATE TABLE IF NOT EXISTS asset_steps (
        asset_id TEXT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
        step_id TEXT NOT NULL REFERENCES steps(id) DEFERRABLE INITIALLY DEFERRED,
        status TEXT NOT NULL DEFAULT 'TO_DO', updated_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS asset_steps_step ON asset_steps(step_id, status)",
    # Every project has a workflow, whoever inserts it. Assets get their step from
    # `store.assets.insert_assets`, in one statement per batch (`FIRST_STEP_OF_NEW_ASSETS`):
    # a trigger per row made imports several times slower.
    f"""CREATE TRIGGER IF NOT EXISTS projects_default_workflow AFTER INSERT ON projects
        BEGIN {_INSERT_DEFAULT_STEPS.replace("p.", "NEW.")}; END""",
    "DROP TRIGGER IF EXISTS assets_enter_workflow",
    # Databases made before workflows existed: give their projects and assets one.
    f"{_INSERT_DEFAULT_STEPS}, projects p"
    " WHERE NOT EXISTS (SELECT 1 FROM steps s WHERE s.project_id = p.id)",
    f"{_INSERT_FIRST_STEP} FROM assets a"
    " WHERE NOT EXISTS (SELECT 1 FROM asset_steps w WHERE w.asset_id = a.id)",
)
"""The workflow's tables, the trigger giving new projects their steps."""

FIRST_STEP_OF_NEW_ASSETS = f"{_INSERT_FIRST_STEP} FROM assets a WHERE a.rowid > ?"
"""Put the assets inserted after a rowid (the parameter) in their project's first step."""

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
    *WORKFLOW_DDL,
)
"""Tables and indexes, in creation order."""
