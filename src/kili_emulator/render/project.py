"""Render projects as the Project type, settings spread with Kili's defaults."""

from __future__ import annotations

from typing import Any

from kili_emulator.render.common import load_json
from kili_emulator.storage import Row

SETTINGS_DEFAULTS: dict[str, Any] = {
    "canNavigateBetweenAssets": True,
    "canSkipAsset": True,
    "complianceTags": [],
    "consensusMark": None,
    "consensusTotCoverage": 0,
    "enforceStepSeparation": False,
    "honeypotMark": None,
    "metadataProperties": {},
    "metadataTypes": {},
    "minConsensusSize": 1,
    "reviewCoverage": 100,
    "shouldAutoAssign": True,
    "useHoneyPot": False,
}
"""Project settings kept as a JSON document, with Kili's defaults."""

QUALITY_MARK_FIELDS = ("consensusMark", "honeypotMark")
"""Marks kept with the settings as given: only a project ADMIN sets them, copies drop them."""


def project_to_graphql(row: Row) -> dict[str, Any]:
    """Map a `projects` row to the Project type (counters are resolved separately)."""
    settings = {**SETTINGS_DEFAULTS, **load_json(row["settings"], {})}
    return {
        **settings,
        "id": row["id"],
        "title": row["title"],
        "description": row["description"],
        "inputType": row["input_type"],
        "jsonInterface": row["json_interface"],
        "interface": load_json(row["json_interface"], {}),
        "instructions": row["instructions"],
        "archived": bool(row["archived"]),
        "organizationId": row["organization_id"],
        "authorId": row["author_id"],
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
        "consensusMarkPerCategory": None,
        "shouldRelaunchKpiComputation": False,
        "workflowVersion": "V2",
    }
