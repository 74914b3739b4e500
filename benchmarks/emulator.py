"""Emulator figure: requests per second for asset pages read by concurrent clients.

Threads read pages of 100 assets (the SDK's default fields, each asset with its label)
from one emulator process over loopback HTTP, with the document the SDK sends, and no
simulated latency. The figure is what the emulator serves when clients read in
parallel, client work included (the clients run on the same machine).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx

from benchmarks.client import counted_client
from benchmarks.server import Emulator

PAGE = 100
THREADS = (1, 4, 8)
SECONDS = 3.0


def page_document(emulator: Emulator, project_id: str) -> str:
    """Return the query the SDK sends for a page of assets with the default fields."""
    documents: list[bytes] = []
    kili, _ = counted_client(
        emulator.endpoint, emulator.api_key, lambda r: documents.append(r.read())
    )
    with kili:
        kili.assets(project_id, first=PAGE, disable_tqdm=True)
    return str(next(json.loads(doc)["query"] for doc in documents if b"assets(" in doc))


def _reader(emulator: Emulator, body: dict[str, Any], stop: float, done: list[int]) -> None:
    headers = {"Authorization": f"X-API-Key: {emulator.api_key}"}
    count = skip = 0
    with httpx.Client(timeout=60.0) as http:
        while time.perf_counter() < stop:
            variables = {**body["variables"], "skip": skip}
            payload = {"query": body["query"], "variables": variables}
            response = http.post(emulator.endpoint, json=payload, headers=headers)
            response.raise_for_status()
            count += 1
            skip = (skip + PAGE) % body["size"]
    done.append(count)


def requests_per_second(
    emulator: Emulator, body: dict[str, Any], threads: int
) -> tuple[float, float]:
    """Read pages from `threads` threads for a few seconds.

    Returns:
        The pages served per second, and the emulator's CPU seconds per page.
    """
    done: list[int] = []
    cpu_started = emulator.cpu_seconds()
    started = time.perf_counter()
    stop = started + SECONDS
    workers = [
        threading.Thread(target=_reader, args=(emulator, body, stop, done)) for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    return sum(done) / seconds, (emulator.cpu_seconds() - cpu_started) / sum(done)


def run(emulator: Emulator, project_id: str, size: int) -> Iterator[str]:
    """Yield the page reads per second the emulator serves to 1, 4 and 8 threads."""
    body = {
        "query": page_document(emulator, project_id),
        "variables": {"where": {"project": {"id": project_id}}, "first": PAGE},
        "size": size,
    }
    requests_per_second(emulator, body, 1)  # warm-up
    for threads in THREADS:
        rate, cpu = requests_per_second(emulator, body, threads)
        yield (
            f"{threads} client thread(s), pages of {PAGE} assets with their labels: "
            f"{rate:,.0f} requests/s ({rate * PAGE:,.0f} assets/s), "
            f"emulator CPU {cpu * 1000:.1f} ms per page"
        )
