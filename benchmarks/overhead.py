"""Client overhead: CPU per listed asset, this SDK against a bare httpx page loop.

Both run at 0 ms latency against an emulator in another process. The SDK lists 20,000
assets (default fields), one page at a time, while an httpx event hook records every
request it sends (it is also timed with its default pages in flight, for the cost of its
threads); the bare loop then sends those same documents, one after the other, decodes each JSON
answer and keeps its rows, as the SDK hands back every asset in one list. A second pass
also decodes the JSON-string fields the SDK decodes for these fields (`jsonMetadata`,
`labels.jsonResponse`), with `json.loads` at their known paths; a third does the same
with Python's cyclic garbage collector paused while each answer is decoded, as the SDK
does, so that the last ratio is what the SDK adds over the least a client must do done
well.
"""

from __future__ import annotations

import gc
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from benchmarks import side_by_side
from benchmarks.client import counted_client
from benchmarks.server import Emulator, emulator_process
from kili.config import DEFAULT_MAX_CONCURRENCY

RUNS = 3
HEADERS_KEPT = ("authorization", "content-type", "content-encoding", "accept", "user-agent")


def _sdk_listing(
    emulator: Emulator, project_id: str, concurrency: int = 1
) -> tuple[float, int, list[httpx.Request]]:
    requests: list[httpx.Request] = []
    kili, _ = counted_client(emulator.endpoint, emulator.api_key, requests.append)
    kili.kili_api_gateway.max_concurrency = concurrency
    with kili:
        kili.count_assets(project_id)  # warm-up
        requests.clear()
        started = time.process_time()
        assets = kili.assets(project_id, disable_tqdm=True)
        seconds = time.process_time() - started  # before the rows are freed, as in the loop
        return seconds, len(assets), requests


def _decode_json_strings(rows: list[dict[str, Any]]) -> None:
    """Decode, in place, the JSON-string fields of assets listed with the default fields."""
    for row in rows:
        metadata = row["jsonMetadata"]
        row["jsonMetadata"] = json.loads(metadata) if metadata else {}
        for label in row["labels"]:
            response = label["jsonResponse"]
            label["jsonResponse"] = json.loads(response) if response else {}


def _bare_loop(
    emulator: Emulator, requests: list[httpx.Request], fields: bool, paused: bool = False
) -> float:
    sent = [
        (bytes(request.content), {k: v for k, v in request.headers.items() if k in HEADERS_KEPT})
        for request in requests
    ]
    kept: list[dict[str, Any]] = []
    with httpx.Client(timeout=60.0) as http:
        http.post(emulator.endpoint, content=sent[0][0], headers=sent[0][1]).json()  # warm-up
        started = time.process_time()
        for content, headers in sent:
            response = http.post(emulator.endpoint, content=content, headers=headers)
            if paused:
                gc.disable()
            rows = response.json()["data"]["data"]
            if fields:
                _decode_json_strings(rows)
            if paused:
                gc.enable()
            kept.extend(rows)
        return time.process_time() - started


def run(emulator: Emulator, project_id: str) -> Iterator[str]:
    """Yield the CPU per asset of the SDK and of the bare loop (best of 3), and their ratio."""
    best_sdk = best_concurrent = best_bare = best_fields = best_paused = float("inf")
    listed = pages = 0
    for _ in range(RUNS):
        seconds, listed, requests = _sdk_listing(emulator, project_id)
        best_sdk = min(best_sdk, seconds)
        concurrent = _sdk_listing(emulator, project_id, DEFAULT_MAX_CONCURRENCY)[0]
        best_concurrent = min(best_concurrent, concurrent)
        best_bare = min(best_bare, _bare_loop(emulator, requests, fields=False))
        best_fields = min(best_fields, _bare_loop(emulator, requests, fields=True))
        best_paused = min(best_paused, _bare_loop(emulator, requests, fields=True, paused=True))
        pages = len(requests)

    def per_asset(seconds: float) -> str:
        return f"{seconds / listed * 1e6:,.1f} µs CPU per asset"

    yield f"this SDK, listing {listed:,} assets: {per_asset(best_sdk)} ({pages} requests)"
    yield (
        f"this SDK, {DEFAULT_MAX_CONCURRENCY} pages in flight (its default): "
        f"{per_asset(best_concurrent)}"
    )
    yield f"bare httpx loop, same documents, rows kept: {per_asset(best_bare)}"
    yield f"bare httpx loop decoding the JSON-string fields too: {per_asset(best_fields)}"
    yield f"the same, collector paused while decoding: {per_asset(best_paused)}"
    yield (
        f"SDK overhead: {best_sdk / best_bare:.2f} x the bare loop, "
        f"{best_sdk / best_fields:.2f} x the bare loop with the same decoding, "
        f"{best_sdk / best_paused:.2f} x that loop with the collector paused"
    )


def main() -> None:
    """Seed the projects of `make bench` and print only these figures.

    `python -m benchmarks.overhead`; `KILI_BENCH_SCALE` shrinks the listing as for `make bench`.
    """
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        with emulator_process(database) as server:
            projects = side_by_side.seed(server)
        with emulator_process(database) as server:
            for line in run(server, projects["labeled"]):
                print(line, flush=True)


if __name__ == "__main__":
    main()
