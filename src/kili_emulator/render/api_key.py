"""Render API keys as the ApiKey type; the key itself shows only at creation."""

from __future__ import annotations

from typing import Any

from kili_emulator.render.common import bools
from kili_emulator.storage import Row
from kili_emulator.store.api_keys import MASKED_KEY


def api_key_to_graphql(row: Row) -> dict[str, Any]:
    """Map an `api_keys` row to the ApiKey type.

    Only a row that was just created carries its plain ``key``; any other shows a mask.
    """
    return {
        "id": row["id"],
        "name": row["name"],
        "key": row.get("key") or MASKED_KEY,
        "createdAt": row["created_at"],
        "expiryDate": row["expiry_date"],
        "userId": row["user_id"],
        **bools(row, "revoked"),
    }
