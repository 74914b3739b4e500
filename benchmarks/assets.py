"""Asset figures: importing URL assets and listing them with the default fields.

`run(endpoint, api_key)` measures against any Kili-compatible endpoint (`make bench` passes
a local emulator) and returns printable lines. HTTP requests are counted with an httpx
event hook (see `benchmarks.client`).
"""

from __future__ import annotations

import uuid

from benchmarks.client import counted_client, timed
from kili.client import Kili

IMPORTED = 10_000
LISTED = 20_000
OFFICIAL_PAGE_SIZE = 100
"""Assets per page of the official SDK's `assets()`, for comparison."""


def import_urls(kili: Kili, project_id: str, start: int, count: int) -> list[str]:
    """Import `count` URL assets with external ids numbered from `start`."""
    result = kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://images.example/{i}.jpg" for i in range(start, start + count)],
        external_id_array=[f"asset-{i:06d}" for i in range(start, start + count)],
    )
    return list(result["asset_ids"])


def run(endpoint: str, api_key: str) -> list[str]:
    """Measure the import of 10,000 URL assets and the listing of 20,000 assets."""
    kili, counter = counted_client(endpoint, api_key)
    with kili:
        project_id = kili.create_project(
            title=f"benchmark {uuid.uuid4().hex[:8]}",
            input_type="IMAGE",
            json_interface={"jobs": {}},
        )["id"]

        ids, seconds, requests = timed(lambda: import_urls(kili, project_id, 0, IMPORTED), counter)
        lines = [
            f"import of {len(ids):,} URL assets: {seconds:.2f} s, "
            f"{len(ids) / seconds:,.0f} assets/s, {requests} HTTP requests "
            "(batches of 100, existence pre-check, read-back of the last batch)"
        ]

        import_urls(kili, project_id, IMPORTED, LISTED - IMPORTED)
        rows, seconds, requests = timed(lambda: kili.assets(project_id), counter)
        lines.append(
            f"listing of {len(rows):,} assets, default fields: {seconds:.2f} s, "
            f"{len(rows) / seconds:,.0f} assets/s, {requests} HTTP requests "
            f"(pages of up to 500; the official SDK's pages of {OFFICIAL_PAGE_SIZE} "
            f"would take {-(-LISTED // OFFICIAL_PAGE_SIZE)} page requests)"
        )
    return lines


if __name__ == "__main__":
    from kili_emulator.server import EmulatorServer

    with EmulatorServer(db=":memory:") as server:
        for line in run(server.endpoint, server.api_key):
            print(line)
