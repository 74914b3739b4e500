"""Users: lookups scoped to the viewer's organization, creation and updates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kili_emulator.errors import BadUserInputError, ConflictError, NotFoundError
from kili_emulator.storage import Database, Row, new_id, utc_now
from kili_emulator.store.api_keys import key_digest
from kili_emulator.store.conditions import Conditions, reject_unsupported
from kili_emulator.store.paging import Listing, chunks, placeholders
from kili_emulator.store.scope import Scope

PROJECT_ROLES = ("LABELER", "REVIEWER", "TEAM_MANAGER", "ADMIN")
"""Project roles, weakest first; a role holds every right of the roles before it."""


def user_conditions(scope: Scope, where: Mapping[str, Any]) -> Conditions:
    """Build conditions on a `users` row aliased ``u``, scoped to the viewer's organization."""
    reject_unsupported(
        where, "UserWhere", ("id", "idIn", "email", "activated", "apiKey", "organization")
    )
    conds = Conditions()
    conds.add("u.organization_id = ?", scope.organization_id)
    organization = where.get("organization") or {}
    reject_unsupported(organization, "OrganizationWhere", ("id",))
    if organization.get("id") is not None:
        conds.add("u.organization_id = ?", organization["id"])
    if where.get("id") is not None:
        conds.add("u.id = ?", where["id"])
    if where.get("idIn") is not None:
        conds.add_in("u.id", where["idIn"])
    if where.get("email") is not None:
        conds.add("u.email = ?", where["email"].lower())
    if where.get("activated") is not None:
        conds.add("u.activated = ?", int(where["activated"]))
    if where.get("apiKey") is not None:
        conds.add(
            "u.id IN (SELECT user_id FROM api_keys WHERE key_hash = ?)", key_digest(where["apiKey"])
        )
    return conds


USERS: Listing = Listing(
    select="SELECT u.* FROM users u",
    count_from="users u",
    order="u.rowid",
    conditions=user_conditions,
    resource="User",
)
"""Users of the viewer's organization, in creation order."""


def get_user(scope: Scope, user_id: str) -> Row | None:
    """Return a user of the viewer's organization, None if not visible."""
    return scope.db.fetch_one(
        "SELECT * FROM users WHERE id = ? AND organization_id = ?",
        (user_id, scope.organization_id),
    )


def visible_users(scope: Scope, user_ids: Sequence[str]) -> dict[str, Row]:
    """Return the users of the viewer's organization among `user_ids`, by id."""
    found: dict[str, Row] = {}
    for chunk in chunks(list(dict.fromkeys(user_ids))):
        rows = scope.db.fetch_all(
            f"SELECT * FROM users WHERE organization_id = ? AND id IN ({placeholders(chunk)})",
            [scope.organization_id, *chunk],
        )
        found.update((row["id"], row) for row in rows)
    return found


def find_user(scope: Scope, designation: str) -> Row:
    """Return a user of the viewer's organization designated by id or email.

    Raises:
        NotFoundError: No such user in the organization.
    """
    user = scope.db.fetch_one(
        "SELECT * FROM users WHERE organization_id = ? AND (id = ? OR email = ?)",
        (scope.organization_id, designation, designation.lower()),
    )
    if user is None:
        raise NotFoundError(f"User {designation!r} not found in your organization")
    return user


def single_user(scope: Scope, where: Mapping[str, Any]) -> Row:
    """Return the one user `where` names by id or email, in the viewer's organization.

    Raises:
        BadUserInputError: `where` names no user.
        NotFoundError: No such user.
    """
    if where.get("id") is None and where.get("email") is None:
        raise BadUserInputError("UserWhere must name the user by id or email")
    user = USERS.first(scope, where)
    if user is None:
        raise NotFoundError("User not found in your organization")
    return user


def users_of_organization(db: Database, organization_id: str) -> list[Row]:
    """List the users of an organization, in creation order."""
    return db.fetch_all(
        "SELECT * FROM users WHERE organization_id = ? ORDER BY rowid", (organization_id,)
    )


def email_unavailable(email: str) -> ConflictError:
    """Return the one refusal of an email already taken, wherever it is taken.

    The same words whether the email belongs to this organization or another, so
    that no answer tells an organization about another one's users.
    """
    return ConflictError(f"The email {email!r} cannot be used for this user: choose another one")


def user_by_email_in_organization(scope: Scope, email: str) -> Row | None:
    """Return the user of the viewer's organization with this email.

    Raises:
        ConflictError: The email belongs to a user of another organization.
    """
    user = scope.db.fetch_one("SELECT * FROM users WHERE email = ?", (email,))
    if user is not None and user["organization_id"] != scope.organization_id:
        raise email_unavailable(email)
    return user


def insert_user(
    db: Database,
    organization_id: str,
    email: str,
    organization_role: str,
    firstname: str = "",
    lastname: str = "",
) -> str:
    """Create an active user and return its id (the email is taken as given)."""
    now, user_id = utc_now(), new_id()
    db.insert(
        "users",
        {
            "id": user_id,
            "email": email,
            "firstname": firstname,
            "lastname": lastname,
            "organization_id": organization_id,
            "organization_role": organization_role,
            "activated": 1,
            "created_at": now,
            "updated_at": now,
        },
    )
    return user_id


def update_user(db: Database, user_id: str, values: Mapping[str, Any]) -> None:
    """Set columns of a user and stamp the change.

    Raises:
        ConflictError: A new email is already used by another user.
    """
    email = values.get("email")
    if email is not None and db.scalar(
        "SELECT 1 FROM users WHERE email = ? AND id != ?", (email, user_id)
    ):
        raise email_unavailable(email)
    db.update("users", user_id, {**values, "updated_at": utc_now()})


def count_other_active_admins(db: Database, organization_id: str, user_id: str) -> int:
    """Count the active admins of an organization other than `user_id`."""
    return int(
        db.scalar(
            "SELECT COUNT(*) FROM users WHERE organization_id = ? AND organization_role = 'ADMIN' "
            "AND activated = 1 AND id != ?",
            (organization_id, user_id),
        )
    )


def highest_project_role(db: Database, user_id: str) -> str:
    """Return the strongest project role of a user, NA if member of no project."""
    rows = db.fetch_all(
        "SELECT DISTINCT role FROM project_users WHERE user_id = ? AND activated = 1", (user_id,)
    )
    held = [row["role"] for row in rows if row["role"] in PROJECT_ROLES]
    return max(held, key=PROJECT_ROLES.index) if held else "NA"


def first_active_admin_id(db: Database) -> str:
    """Return the id of the oldest active organization admin."""
    return str(
        db.scalar(
            "SELECT id FROM users WHERE organization_role = 'ADMIN' AND activated = 1 "
            "ORDER BY rowid LIMIT 1"
        )
    )
