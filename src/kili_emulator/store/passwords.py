"""Users' passwords, kept as salted PBKDF2 digests, never in clear."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from kili_emulator.storage import Database, utc_now

ITERATIONS = 60_000
"""PBKDF2-SHA256 rounds: slow enough for a local test server, quick enough for its tests."""


def _digest(password: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), ITERATIONS).hex()


def set_password(db: Database, user_id: str, password: str) -> None:
    """Store a new password of the user, replacing the former one."""
    salt = secrets.token_hex(16)
    db.execute(
        "INSERT INTO user_passwords (user_id, salt, digest, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(user_id) DO UPDATE SET salt = excluded.salt, digest = excluded.digest, "
        "updated_at = excluded.updated_at",
        (user_id, salt, _digest(password, salt), utc_now()),
    )


def password_matches(db: Database, user_id: str, password: str) -> bool:
    """Whether `password` is the user's; a user without a password matches none."""
    row = db.fetch_one("SELECT salt, digest FROM user_passwords WHERE user_id = ?", (user_id,))
    if row is None:
        return False
    return hmac.compare_digest(_digest(password, row["salt"]), row["digest"])
