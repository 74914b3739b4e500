"""API keys, stored as SHA-256 digests: the plain key exists only in its holder's hands.

A key is shown once, in the answer of the mutation that creates it; afterwards the
API shows a mask. Keys are long random strings, so an unsalted digest is enough to
make a stolen database file useless for authenticating, as for GitHub's tokens.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from kili_emulator.settings import API_KEY_LIFETIME_DAYS
from kili_emulator.storage import Database, Row, new_id, utc_in, utc_now
from kili_emulator.store.conditions import Conditions, reject_unsupported
from kili_emulator.store.paging import Listing
from kili_emulator.store.scope import Scope

MASKED_KEY = "********"
"""What the API shows of a stored key: the key itself is not kept."""


def key_digest(key: str) -> str:
    """Return the stored form of a key."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def api_key_conditions(scope: Scope, where: Mapping[str, Any]) -> Conditions:
    """Build conditions on an `api_keys` row aliased ``k``, limited to what the viewer manages."""
    reject_unsupported(where, "ApiKeyWhere", ("id", "key", "user"))
    conds = Conditions()
    if scope.is_org_admin:
        conds.add(
            "k.user_id IN (SELECT id FROM users WHERE organization_id = ?)", scope.organization_id
        )
    else:
        conds.add("k.user_id = ?", scope.viewer_id)
    if where.get("id") is not None:
        conds.add("k.id = ?", where["id"])
    if where.get("key") is not None:
        conds.add("k.key_hash = ?", key_digest(where["key"]))
    user = where.get("user") or {}
    reject_unsupported(user, "UserWhere", ("id", "email"))
    if user.get("id") is not None:
        conds.add("k.user_id = ?", user["id"])
    if user.get("email") is not None:
        conds.add("k.user_id IN (SELECT id FROM users WHERE email = ?)", user["email"].lower())
    return conds


API_KEYS: Listing = Listing(
    select="SELECT k.* FROM api_keys k",
    count_from="api_keys k",
    order="k.rowid",
    conditions=api_key_conditions,
    resource="ApiKey",
)
"""The API keys the viewer manages, in creation order."""


def key_in_use(db: Database, key: str) -> bool:
    """Whether some stored key has this value."""
    return bool(db.scalar("SELECT 1 FROM api_keys WHERE key_hash = ?", (key_digest(key),)))


def insert_api_key(db: Database, user_id: str, name: str, key: str) -> Row:
    """Store a new key of `user_id` valid for the default lifetime; return its row."""
    row = {
        "id": new_id(),
        "user_id": user_id,
        "name": name,
        "key_hash": key_digest(key),
        "revoked": 0,
        "expiry_date": utc_in(API_KEY_LIFETIME_DAYS),
        "created_at": utc_now(),
    }
    db.insert("api_keys", row)
    return row


def set_revoked(db: Database, key_id: str, revoked: bool) -> None:
    """Revoke or restore a key."""
    db.update("api_keys", key_id, {"revoked": int(revoked)})


def owner_of_valid_key(db: Database, key: str) -> Row | None:
    """Return the active user owning an unrevoked, unexpired key, None if there is none."""
    return db.fetch_one(
        "SELECT u.* FROM api_keys k JOIN users u ON u.id = k.user_id "
        "WHERE k.key_hash = ? AND k.revoked = 0 AND u.activated = 1 "
        "AND (k.expiry_date IS NULL OR k.expiry_date > strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        (key_digest(key),),
    )


def restore_key(db: Database, key: str) -> bool:
    """Un-revoke a stored key; return whether it exists."""
    return db.execute("UPDATE api_keys SET revoked = 0 WHERE key_hash = ?", (key_digest(key),)) > 0


def hash_plain_keys(db: Database) -> None:
    """Replace plain keys of a database written by an older emulator by their digests.

    Secure delete zeroes the space the plain keys leave, so they do not linger in the file.
    """
    columns = {row["name"] for row in db.fetch_all("PRAGMA table_info(api_keys)")}
    if "key" not in columns:
        return
    db.execute("PRAGMA secure_delete = ON")
    try:
        with db.transaction():
            db.execute("ALTER TABLE api_keys RENAME COLUMN key TO key_hash")
            for row in db.fetch_all("SELECT id, key_hash FROM api_keys"):
                db.update("api_keys", row["id"], {"key_hash": key_digest(row["key_hash"])})
    finally:
        db.execute("PRAGMA secure_delete = OFF")
