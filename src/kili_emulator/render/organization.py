"""Render organizations as the Organization type, with an unrestricted license."""

from __future__ import annotations

from typing import Any

from kili_emulator.storage import Row

INPUT_TYPES = [
    "AUDIO",
    "FRAME",
    "IMAGE",
    "NA",
    "PDF",
    "TEXT",
    "TIME_SERIES",
    "VIDEO",
    "URL",
    "GEOSPATIAL",
    "LLM_INSTR_FOLLOWING",
    "LLM_RLHF",
    "LLM_STATIC",
    "VIDEO_LEGACY",
]


def organization_to_graphql(row: Row) -> dict[str, Any]:
    """Map an `organizations` row to the Organization type, with an unrestricted license."""
    return {
        "id": row["id"],
        "name": row["name"],
        "address": row["address"],
        "city": row["city"],
        "country": row["country"],
        "zipCode": row["zip_code"],
        "license": {
            "api": True,
            "apiPriority": True,
            "enableSmartTools": True,
            "expiryDate": None,
            "inputType": INPUT_TYPES,
            "maxNumberOfLabeledAssets": None,
            "organizationId": row["id"],
            "publicProject": False,
            "seats": None,
            "startDate": row["created_at"],
            "type": "PAID",
            "uploadCloudData": True,
            "uploadLocalData": True,
        },
    }
