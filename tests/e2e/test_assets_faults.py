"""Asset writes against an emulator that fails 30% of requests, some after committing them.

Blindly resending a write that failed after the server applied it would duplicate it; these
tests prove that every asset exists exactly once however the faults fall.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from kili.client import Kili
from kili.exceptions import UncertainWriteError
from kili_emulator.server import EmulatorServer


@pytest.fixture(scope="module")
def faulty_kili() -> Iterator[Kili]:
    """A client of an emulator that fails 30% of GraphQL requests (seeded, so replayable)."""
    with (
        EmulatorServer(db=":memory:", fault_rate=0.3, seed=20240531) as server,
        Kili(api_key=server.api_key, api_endpoint=server.endpoint, disable_tqdm=True) as client,
    ):
        yield client


def create_project(kili: Kili, title: str) -> str:
    """Create a project, trying again when the creation's outcome is unknown.

    Each test gives its own title: the read-back of an uncertain creation looks for
    projects of that title made since a few seconds before the request.
    """
    for _ in range(10):
        try:
            return kili.create_project(
                title=title, input_type="IMAGE", json_interface={"jobs": {}}
            )["id"]
        except UncertainWriteError:
            continue
    raise AssertionError("could not create a project through the faults")


def test_an_import_under_faults_creates_each_asset_exactly_once(faulty_kili: Kili) -> None:
    project_id = create_project(faulty_kili, "import under faults")
    count = 700
    result = faulty_kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://x/{i}.png" for i in range(count)],
        external_id_array=[f"e{i}" for i in range(count)],
    )
    rows = faulty_kili.assets(project_id, fields=["id", "externalId"])
    assert Counter(row["externalId"] for row in rows) == {f"e{i}": 1 for i in range(count)}
    # ids come back in the order given; batches sent together may be created in any order
    by_external_id = {row["externalId"]: row["id"] for row in rows}
    assert result["asset_ids"] == [by_external_id[f"e{i}"] for i in range(count)]


def test_updates_and_deletions_under_faults_reach_their_final_state(faulty_kili: Kili) -> None:
    project_id = create_project(faulty_kili, "updates and deletions under faults")
    external_ids = [f"e{i}" for i in range(150)]
    faulty_kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://x/{i}.png" for i in range(150)],
        external_id_array=external_ids,
    )
    faulty_kili.update_properties_in_assets(
        external_ids=external_ids, project_id=project_id, priorities=list(range(150))
    )
    faulty_kili.delete_many_from_dataset(external_ids=external_ids[100:], project_id=project_id)
    rows = faulty_kili.assets(project_id, fields=["externalId", "priority"])
    assert {row["externalId"]: row["priority"] for row in rows} == {f"e{i}": i for i in range(100)}
