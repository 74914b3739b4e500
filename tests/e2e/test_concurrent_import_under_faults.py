"""A large import, its batches in flight together, through an emulator failing 20% of requests.

Batches sent at once fail independently, before or after the server committed them; each
is read back by external id and only its missing assets are sent again. Whatever the
interleaving, every asset must exist exactly once and the ids come back in the order given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from kili.client import Kili
from kili.config import DEFAULT_MAX_CONCURRENCY
from kili.exceptions import UncertainWriteError
from kili_emulator.server import EmulatorServer

ASSETS = 5000


@pytest.fixture(scope="module")
def faulty_server() -> Iterator[EmulatorServer]:
    """An emulator failing 20% of GraphQL requests, before or after executing them."""
    with EmulatorServer(db=":memory:", fault_rate=0.2, seed=20261129) as server:
        yield server


def test_a_concurrent_import_under_faults_creates_each_asset_exactly_once(
    faulty_server: EmulatorServer,
) -> None:
    with Kili(
        api_key=faulty_server.api_key,
        api_endpoint=faulty_server.endpoint,
        disable_tqdm=True,
        rate_limit=None,
    ) as kili:
        assert kili.kili_api_gateway.max_concurrency == DEFAULT_MAX_CONCURRENCY > 1
        project_id = create_project(kili)
        external_ids = [f"e{index:05d}" for index in range(ASSETS)]
        result = kili.append_many_to_dataset(
            project_id,
            content_array=[f"https://example.com/{name}.png" for name in external_ids],
            external_id_array=external_ids,
        )
        rows = kili.assets(project_id, fields=["id", "externalId"])
    assert Counter(row["externalId"] for row in rows) == dict.fromkeys(external_ids, 1)
    by_external_id = {row["externalId"]: row["id"] for row in rows}
    assert result["asset_ids"] == [by_external_id[name] for name in external_ids]


def create_project(kili: Kili) -> str:
    """Create a project, trying again when the creation's outcome stays unknown."""
    for _ in range(10):
        try:
            return str(
                kili.create_project(
                    title="faults", input_type="IMAGE", json_interface={"jobs": {}}
                )["id"]
            )
        except UncertainWriteError:
            continue
    raise AssertionError("could not create a project through the faults")
