"""API-key authentication, as Kili does it: ``Authorization: X-API-Key: <key>``."""

from __future__ import annotations

from kili_emulator.errors import UnauthenticatedError
from kili_emulator.storage import Database, Row
from kili_emulator.store.api_keys import owner_of_valid_key

AUTH_SCHEME = "X-API-Key:"


def api_key_from_header(authorization: str | None) -> str | None:
    """Extract the key from an ``Authorization`` header value, None if absent or malformed."""
    if not authorization:
        return None
    value = authorization.strip()
    if not value.lower().startswith(AUTH_SCHEME.lower()):
        return None
    key = value[len(AUTH_SCHEME) :].strip()
    return key or None


def authenticate(db: Database, authorization: str | None) -> Row:
    """Return the row of the user owning the key of an ``Authorization`` header.

    Raises:
        UnauthenticatedError: No key, an unknown or revoked key, or a deactivated user.
    """
    key = api_key_from_header(authorization)
    if key is None:
        raise UnauthenticatedError(
            "Missing API key: send the header 'Authorization: X-API-Key: <your key>'"
        )
    with db.reading():  # a write in progress does not hold up the check
        user = owner_of_valid_key(db, key)
    if user is None:
        raise UnauthenticatedError("Invalid API key: it is unknown, revoked or expired")
    return user
