"""Organizations: a viewer sees its own only; usage figures over its projects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kili_emulator.storage import Database, Row, new_id, utc_now
from kili_emulator.store.conditions import Conditions, reject_unsupported
from kili_emulator.store.paging import Listing
from kili_emulator.store.scope import Scope


def organization_conditions(scope: Scope, where: Mapping[str, Any]) -> Conditions:
    """Build conditions on an `organizations` row aliased ``o``: the viewer's only."""
    reject_unsupported(where, "OrganizationWhere", ("id", "user"))
    conds = Conditions()
    conds.add("o.id = ?", scope.organization_id)
    if where.get("id") is not None:
        conds.add("o.id = ?", where["id"])
    user = where.get("user") or {}
    reject_unsupported(user, "UserWhere", ("id", "email"))
    if user.get("id") is not None:
        conds.add("o.id IN (SELECT organization_id FROM users WHERE id = ?)", user["id"])
    if user.get("email") is not None:
        conds.add(
            "o.id IN (SELECT organization_id FROM users WHERE email = ?)", user["email"].lower()
        )
    return conds


ORGANIZATIONS: Listing = Listing(
    select="SELECT o.* FROM organizations o",
    count_from="organizations o",
    order="o.rowid",
    conditions=organization_conditions,
    resource="Organization",
)
"""The organizations matching a where among the viewer's (at most one)."""


def get_organization(scope: Scope, organization_id: str) -> Row | None:
    """Return the organization if it is the viewer's, else None."""
    if organization_id != scope.organization_id:
        return None
    return scope.db.fetch_one("SELECT * FROM organizations WHERE id = ?", (organization_id,))


def emails_in_organizations(scope: Scope, where: Mapping[str, Any]) -> list[str]:
    """List the emails of the users of the matching organizations, alphabetically."""
    conds = organization_conditions(scope, where)
    rows = scope.db.fetch_all(
        "SELECT u.email FROM users u JOIN organizations o ON o.id = u.organization_id "
        f"WHERE {conds.sql} ORDER BY u.email",
        conds.params,
    )
    return [row["email"] for row in rows]


def insert_organization(db: Database, name: str) -> str:
    """Create an organization and return its id."""
    now, organization_id = utc_now(), new_id()
    db.insert(
        "organizations", {"id": organization_id, "name": name, "created_at": now, "updated_at": now}
    )
    return organization_id


def update_organization(db: Database, organization_id: str, values: Mapping[str, Any]) -> None:
    """Set columns of an organization and stamp the change."""
    db.update("organizations", organization_id, {**values, "updated_at": utc_now()})


def count_labeled_assets(db: Database, organization_id: str) -> int:
    """Count the organization's assets that have at least one human label."""
    return int(
        db.scalar(
            "SELECT COUNT(*) FROM assets a JOIN projects p ON p.id = a.project_id "
            "WHERE p.organization_id = ? AND EXISTS (SELECT 1 FROM labels l "
            "WHERE l.asset_id = a.id AND l.label_type IN ('DEFAULT', 'REVIEW'))",
            (organization_id,),
        )
    )


def labeling_seconds(db: Database, organization_id: str) -> float:
    """Sum the labeling time of the organization's labels, in seconds."""
    return float(
        db.scalar(
            "SELECT COALESCE(SUM(l.seconds_to_label), 0) FROM labels l "
            "JOIN projects p ON p.id = l.project_id WHERE p.organization_id = ?",
            (organization_id,),
        )
    )


def has_organizations(db: Database) -> bool:
    """Whether any organization exists (a new database has none)."""
    return bool(db.scalar("SELECT 1 FROM organizations LIMIT 1"))


def labels_made_between(db: Database, organization_id: str, start: str, end: str) -> list[Row]:
    """Return the human labels of the organization made between `start` and `end`.

    Args:
        db: The database.
        organization_id: The organization whose projects hold the labels.
        start: Earliest creation time, formatted as stored (`format_timestamp`).
        end: Latest creation time, formatted the same way; inclusive.

    Returns:
        Rows with the label's `asset_id`, `json_response` and `seconds_to_label`.
    """
    return db.fetch_all(
        "SELECT l.asset_id, l.json_response, l.seconds_to_label FROM labels l "
        "JOIN projects p ON p.id = l.project_id WHERE p.organization_id = ? "
        "AND l.label_type IN ('DEFAULT', 'REVIEW') AND l.created_at >= ? AND l.created_at <= ?",
        (organization_id, start, end),
    )
