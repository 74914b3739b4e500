"""Label figures: importing labels with `append_labels`, and listing them with `labels`.

`run` builds its own project on the endpoint it is given, so it can run on a fresh
emulator; the figures count the client and the server together.
"""

from __future__ import annotations

from typing import Any

from benchmarks.client import counted_client, timed

LABELS_TO_IMPORT = 10_000
LABELS_TO_LIST = 20_000

INTERFACE = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "required": 1,
            "isChild": False,
            "instruction": "Topic",
            "content": {
                "input": "radio",
                "categories": {"SPORT": {"name": "Sport"}, "POLITICS": {"name": "Politics"}},
            },
        }
    }
}


def _answer(index: int) -> dict[str, Any]:
    category = "SPORT" if index % 2 else "POLITICS"
    return {"CLASSIFICATION_JOB": {"categories": [{"name": category}]}}


def run(endpoint: str, api_key: str) -> list[str]:
    """Import 10,000 labels, then list 20,000, and return the figures as printable lines."""
    kili, counter = counted_client(endpoint, api_key)
    with kili:
        project_id = kili.create_project(
            title="labels benchmark", input_type="TEXT", json_interface=INTERFACE
        )["id"]
        external_ids = [f"text-{i}" for i in range(LABELS_TO_IMPORT)]
        kili.append_many_to_dataset(
            project_id,
            content_array=[f"Text number {i}." for i in range(LABELS_TO_IMPORT)],
            external_id_array=external_ids,
        )
        asset_ids = [row["id"] for row in kili.assets(project_id, fields=["id"])]
        answers = [_answer(i) for i in range(len(asset_ids))]
        _, seconds, requests = timed(
            lambda: kili.append_labels(asset_id_array=asset_ids, json_response_array=answers),
            counter,
        )
        lines = [
            f"append_labels, {len(asset_ids):,} labels: {len(asset_ids) / seconds:,.0f} labels/s "
            f"({seconds:.2f} s, {requests} HTTP requests)"
        ]

        kili.append_labels(
            asset_id_array=asset_ids, json_response_array=answers, label_type="REVIEW"
        )
        labels, seconds, requests = timed(
            lambda: kili.labels(project_id, fields=["id", "jsonResponse", "labelType"]),
            counter,
        )
        assert len(labels) == LABELS_TO_LIST, f"listed {len(labels)} labels"
        lines.append(
            f"labels, listing {len(labels):,} labels: {len(labels) / seconds:,.0f} labels/s "
            f"({seconds:.2f} s, {requests} HTTP requests)"
        )
        return lines
