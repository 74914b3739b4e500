"""Label and project creations against an emulator that fails 30% of requests.

Some faults come after the server committed the write: resending blindly would
duplicate it. These tests count what the server holds after one call each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from kili import RetryPolicy
from kili.client import Kili
from kili_emulator.server import EmulatorServer

INTERFACE = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "content": {
                "input": "radio",
                "categories": {"A": {"name": "A"}, "B": {"name": "B"}},
            },
        }
    }
}


@pytest.fixture(scope="module")
def faulty_kili() -> Iterator[Kili]:
    """A client of an emulator that fails 30% of GraphQL requests (seeded, so replayable).

    Its retries wait milliseconds rather than the cloud's half seconds: the emulator
    has no load to spare, and the faults are what is tested, not the waits.
    """
    retry = RetryPolicy(max_attempts=10, initial_backoff=0.01, max_backoff=0.1)
    with (
        EmulatorServer(db=":memory:", fault_rate=0.3, seed=7031) as server,
        Kili(
            api_key=server.api_key,
            api_endpoint=server.endpoint,
            disable_tqdm=True,
            retry=retry,
            rate_limit=None,
        ) as client,
    ):
        yield client


def answer(index: int) -> dict[str, object]:
    return {"CLASSIFICATION_JOB": {"categories": [{"name": "AB"[index % 2]}]}}


def test_create_project_under_faults_makes_exactly_one_project_per_call(
    faulty_kili: Kili,
) -> None:
    titles = [f"exactly-once {index}" for index in range(12)]
    ids = [
        faulty_kili.create_project(title=title, input_type="TEXT", json_interface=INTERFACE)["id"]
        for title in titles
    ]
    rows = faulty_kili.projects(search_query="exactly-once", fields=["id", "title"])
    assert Counter(row["title"] for row in rows) == dict.fromkeys(titles, 1)
    assert sorted(ids) == sorted(row["id"] for row in rows)


def test_append_labels_under_faults_makes_exactly_one_label_per_item(faulty_kili: Kili) -> None:
    project_id = faulty_kili.create_project(
        title="labels under faults", input_type="TEXT", json_interface=INTERFACE
    )["id"]
    count = 1000
    external_ids = [f"e{index}" for index in range(count)]
    faulty_kili.append_many_to_dataset(
        project_id,
        content_array=[f"text {i}" for i in range(count)],
        external_id_array=external_ids,
    )
    created = faulty_kili.append_labels(
        project_id=project_id,
        asset_external_id_array=external_ids,
        json_response_array=[answer(index) for index in range(count)],
    )
    rows = list(
        faulty_kili.labels(
            project_id, fields=["id", "labelOf.externalId", "jsonResponse"], disable_tqdm=True
        )
    )
    assert Counter(row["labelOf"]["externalId"] for row in rows) == dict.fromkeys(external_ids, 1)
    by_asset = {row["labelOf"]["externalId"]: row for row in rows}
    assert [by_asset[external_id]["jsonResponse"] for external_id in external_ids] == [
        answer(index) for index in range(count)
    ]
    assert [label["id"] for label in created] == [by_asset[e]["id"] for e in external_ids]


def test_honeypots_and_predictions_under_faults_are_made_exactly_once(faulty_kili: Kili) -> None:
    project_id = faulty_kili.create_project(
        title="honeypots under faults", input_type="TEXT", json_interface=INTERFACE
    )["id"]
    count = 30
    external_ids = [f"h{index}" for index in range(count)]
    faulty_kili.append_many_to_dataset(
        project_id, content_array=["text"] * count, external_id_array=external_ids
    )
    for index, external_id in enumerate(external_ids):
        faulty_kili.create_honeypot(
            answer(index), asset_external_id=external_id, project_id=project_id
        )
    faulty_kili.create_predictions(
        project_id,
        external_id_array=external_ids,
        json_response_array=[answer(index + 1) for index in range(count)],
        model_name="model-1",
    )
    rows = list(
        faulty_kili.labels(
            project_id,
            fields=["labelType", "labelOf.externalId", "jsonResponse"],
            disable_tqdm=True,
        )
    )
    made = Counter((row["labelType"], row["labelOf"]["externalId"]) for row in rows)
    assert made == {
        **{("REVIEW", external_id): 1 for external_id in external_ids},
        **{("PREDICTION", external_id): 1 for external_id in external_ids},
    }
