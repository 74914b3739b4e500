"""Render users as the User type."""

from __future__ import annotations

from typing import Any

from kili_emulator.render.common import bools
from kili_emulator.storage import Row

USER_RIGHTS = [
    "CAN_LABEL",
    "CREATE_AUDIO",
    "CREATE_FRAME",
    "CREATE_IMAGE",
    "CREATE_PDF",
    "CREATE_TEXT",
    "CREATE_TIMESERIES",
    "CREATE_VIDEO",
    "UPLOAD_CLOUD_DATA",
    "USE_API",
    "USE_API_PRIORITY",
]


def user_to_graphql(row: Row) -> dict[str, Any]:
    """Map a `users` row to the User type (relations are resolved separately)."""
    return {
        "id": row["id"],
        "email": row["email"],
        "firstname": row["firstname"],
        "lastname": row["lastname"],
        "organizationId": row["organization_id"],
        "organizationRole": row["organization_role"],
        "hubspotSubscriptionStatus": row["hubspot_subscription_status"],
        "acceptedTermsAndConditionsVersion": row["accepted_terms_version"],
        "auth0Id": None,
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
        "rights": USER_RIGHTS,
        **bools(row, "activated"),
    }
