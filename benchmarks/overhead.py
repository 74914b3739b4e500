"""Client overhead: CPU per listed asset, this SDK against a bare httpx page loop.

Both run at 0 ms latency against an emulator in another process. The SDK lists 20,000
assets (default fields) while an httpx event hook records every request it sends; the
bare loop then sends those same documents, one after the other, and decodes each JSON
answer; a second pass also decodes the JSON-string fields (`jsonResponse`,
`jsonMetadata`), as both SDKs hand them back as objects. The ratios of their CPU times
are what the SDK adds over the least a client must do.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx

from benchmarks.client import counted_client
from benchmarks.server import Emulator

RUNS = 3
HEADERS_KEPT = ("authorization", "content-type", "content-encoding", "accept", "user-agent")


def _sdk_listing(emulator: Emulator, project_id: str) -> tuple[float, int, list[httpx.Request]]:
    requests: list[httpx.Request] = []
    kili, _ = counted_client(emulator.endpoint, emulator.api_key, requests.append)
    with kili:
        kili.count_assets(project_id)  # warm-up
        requests.clear()
        started = time.process_time()
        listed = len(kili.assets(project_id, disable_tqdm=True))
        return time.process_time() - started, listed, requests


def _decode_json_strings(value: Any) -> None:
    """Decode, in place, every string field whose name starts with `json`."""
    if isinstance(value, list):
        for item in value:
            _decode_json_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key.startswith("json") and isinstance(item, str) and item:
                value[key] = json.loads(item)
            else:
                _decode_json_strings(item)


def _bare_loop(emulator: Emulator, requests: list[httpx.Request], fields: bool) -> float:
    sent = [
        (bytes(request.content), {k: v for k, v in request.headers.items() if k in HEADERS_KEPT})
        for request in requests
    ]
    with httpx.Client(timeout=60.0) as http:
        http.post(emulator.endpoint, content=sent[0][0], headers=sent[0][1]).json()  # warm-up
        started = time.process_time()
        for content, headers in sent:
            answer = http.post(emulator.endpoint, content=content, headers=headers).json()
            if fields:
                _decode_json_strings(answer)
        return time.process_time() - started


def run(emulator: Emulator, project_id: str) -> Iterator[str]:
    """Yield the CPU per asset of the SDK and of the bare loop (best of 3), and their ratio."""
    best_sdk = best_bare = best_fields = float("inf")
    listed = pages = 0
    for _ in range(RUNS):
        seconds, listed, requests = _sdk_listing(emulator, project_id)
        best_sdk = min(best_sdk, seconds)
        best_bare = min(best_bare, _bare_loop(emulator, requests, fields=False))
        best_fields = min(best_fields, _bare_loop(emulator, requests, fields=True))
        pages = len(requests)

    def per_asset(seconds: float) -> str:
        return f"{seconds / listed * 1e6:,.1f} µs CPU per asset"

    yield f"this SDK, listing {listed:,} assets: {per_asset(best_sdk)} ({pages} requests)"
    yield f"bare httpx loop, same documents: {per_asset(best_bare)}"
    yield f"bare httpx loop decoding the JSON-string fields too: {per_asset(best_fields)}"
    yield (
        f"SDK overhead: {best_sdk / best_bare:.2f} x the bare loop, "
        f"{best_sdk / best_fields:.2f} x the bare loop with the same decoding"
    )
