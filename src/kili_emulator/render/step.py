"""Render workflow steps as the Step type."""

from __future__ import annotations

from typing import Any

from kili_emulator.storage import Row


def step_to_graphql(row: Row, assignee_ids: list[str]) -> dict[str, Any]:
    """Map a `steps` row to the Step type; `assignees` resolves from `assigneeIds`."""
    return {
        "id": row["id"],
        "name": row["name"],
        "type": row["type"],
        "consensusCoverage": row["consensus_coverage"],
        "numberOfExpectedLabelsForConsensus": row["number_of_expected_labels_for_consensus"],
        "stepCoverage": row["step_coverage"],
        "sendBackStepId": row["send_back_step_id"],
        "useHoneypot": bool(row["use_honeypot"]),
        "stepGroupId": None,
        "assigneeIds": assignee_ids,
    }
