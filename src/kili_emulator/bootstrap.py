"""First-start data: one organization, its ADMIN user, and the configured API key."""

from __future__ import annotations

from kili_emulator.settings import API_KEY_LIFETIME_DAYS, DEFAULT_ADMIN_EMAIL
from kili_emulator.storage import Database, new_id, utc_in, utc_now

ORGANIZATION_NAME = "Kili Emulator"


def ensure_seed(db: Database, api_key: str, admin_email: str = DEFAULT_ADMIN_EMAIL) -> None:
    """Create the organization and admin on an empty database, and make `api_key` usable.

    On every start the configured key is made valid again (created for the first
    organization admin if unknown, un-revoked if revoked), so the key the CLI prints
    always works, whatever was done to it through the API before a restart.
    """
    with db.transaction():
        if db.scalar("SELECT COUNT(*) FROM organizations") == 0:
            _create_organization(db, admin_email)
        if db.scalar("SELECT 1 FROM api_keys WHERE key = ?", (api_key,)):
            db.execute("UPDATE api_keys SET revoked = 0 WHERE key = ?", (api_key,))
            return
        admin_id = db.scalar(
            "SELECT id FROM users WHERE organization_role = 'ADMIN' AND activated = 1 "
            "ORDER BY rowid LIMIT 1"
        )
        db.insert(
            "api_keys",
            {
                "id": new_id(),
                "user_id": admin_id,
                "name": "kili-emulator development key",
                "key": api_key,
                "expiry_date": utc_in(API_KEY_LIFETIME_DAYS),
                "created_at": utc_now(),
            },
        )


def _create_organization(db: Database, admin_email: str) -> None:
    now, organization_id = utc_now(), new_id()
    db.insert(
        "organizations",
        {"id": organization_id, "name": ORGANIZATION_NAME, "created_at": now, "updated_at": now},
    )
    db.insert(
        "users",
        {
            "id": new_id(),
            "email": admin_email,
            "firstname": "Admin",
            "lastname": "Emulator",
            "organization_id": organization_id,
            "organization_role": "ADMIN",
            "created_at": now,
            "updated_at": now,
        },
    )
