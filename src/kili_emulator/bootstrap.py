"""First-start data: one organization, its ADMIN user, and the configured API key."""

from __future__ import annotations

from kili_emulator.settings import DEFAULT_ADMIN_EMAIL
from kili_emulator.storage import Database
from kili_emulator.store import api_keys, files, organizations, users

ORGANIZATION_NAME = "Kili Emulator"
DEVELOPMENT_KEY_NAME = "kili-emulator development key"


def ensure_seed(db: Database, api_key: str, admin_email: str = DEFAULT_ADMIN_EMAIL) -> None:
    """Create the organization and admin on an empty database, and make `api_key` usable.

    On every start the configured key is made valid again (created for the first
    organization admin if unknown, un-revoked if revoked), so the key the CLI prints
    always works, whatever was done to it through the API before a restart. Data of
    an older emulator is brought up to date first: plain keys become digests, files
    move into their organization's namespace.
    """
    api_keys.hash_plain_keys(db)
    with db.transaction():
        if not organizations.has_organizations(db):
            organization_id = organizations.insert_organization(db, ORGANIZATION_NAME)
            user_id = users.insert_user(
                db, organization_id, admin_email, "ADMIN", firstname="Admin", lastname="Emulator"
            )
            api_keys.insert_api_key(db, user_id, DEVELOPMENT_KEY_NAME, api_key)
        files.namespace_legacy_files(db)
        if api_keys.restore_key(db, api_key):
            return
        api_keys.insert_api_key(db, users.first_active_admin_id(db), DEVELOPMENT_KEY_NAME, api_key)
