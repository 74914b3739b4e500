"""Label figures: importing labels with `append_labels`, and listing them with `labels`.

`run` builds its own project on the endpoint it is given, so it can run on a fresh
emulator; the figures count the client and the server together.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from kili.client import Kili

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


class RequestCounter:
    """Count the HTTP requests a client sends, through an httpx event hook."""

    def __init__(self, kili: Kili) -> None:
        self.count = 0
        hooks: list[Callable[[httpx.Request], None]] = (
            kili.kili_api_gateway.transport.http.event_hooks["request"]
        )
        hooks.append(self._seen)

    def _seen(self, _request: httpx.Request) -> None:
        self.count += 1


def _timed(action: Callable[[], Any], counter: RequestCounter) -> tuple[Any, float, int]:
    before = counter.count
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started, counter.count - before


def run(endpoint: str, api_key: str) -> list[str]:
    """Import 10,000 labels, then list 20,000, and return the figures as printable lines."""
    with Kili(api_key=api_key, api_endpoint=endpoint, disable_tqdm=True) as kili:
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
        counter = RequestCounter(kili)

        _, seconds, requests = _timed(
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
        labels, seconds, requests = _timed(
            lambda: kili.labels(project_id, fields=["id", "jsonResponse", "labelType"]),
            counter,
        )
        assert len(labels) == LABELS_TO_LIST, f"listed {len(labels)} labels"
        lines.append(
            f"labels, listing {len(labels):,} labels: {len(labels) / seconds:,.0f} labels/s "
            f"({seconds:.2f} s, {requests} HTTP requests)"
        )
        return lines
