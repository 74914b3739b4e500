"""Assets: ids, statuses and filters."""

from __future__ import annotations

from typing import Literal, NewType

AssetId = NewType("AssetId", str)
AssetExternalId = NewType("AssetExternalId", str)

AssetStatus = Literal["TODO", "ONGOING", "LABELED", "TO_REVIEW", "REVIEWED"]
