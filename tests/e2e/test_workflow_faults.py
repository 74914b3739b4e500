"""Workflow writes against an emulator that fails 30% of requests, half after committing.

A step created or deleted twice would be a duplicate or an error; these tests count
what the workflow holds after each call.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from kili import RetryPolicy
from kili.client import Kili
from kili_emulator.server import EmulatorServer

ROUNDS = 12


@pytest.fixture(scope="module")
def faulty_kili() -> Iterator[Kili]:
    """A client of an emulator failing 30% of requests (seeded), with quick retries."""
    retry = RetryPolicy(max_attempts=12, initial_backoff=0.01, max_backoff=0.1)
    with (
        EmulatorServer(db=":memory:", fault_rate=0.3, seed=4242) as server,
        Kili(
            api_key=server.api_key,
            api_endpoint=server.endpoint,
            disable_tqdm=True,
            retry=retry,
            rate_limit=None,
        ) as client,
    ):
        yield client


def names(kili: Kili, project_id: str) -> list[str]:
    return [step["name"] for step in kili.get_steps(project_id, fields=["steps.name"])]


def test_steps_are_created_renamed_and_deleted_exactly_once_under_faults(
    faulty_kili: Kili,
) -> None:
    kili = faulty_kili
    project_id = kili.create_project(
        title=f"workflow faults {uuid.uuid4().hex[:6]}",
        input_type="TEXT",
        json_interface={"jobs": {}},
    )["id"]
    expected = ["Labeling", "Review"]
    for index in range(ROUNDS):
        kili.add_review_step(project_id, f"Added {index}", [], step_coverage=index)
        kili.update_project_workflow(
            project_id,
            create_steps=[{"name": f"Created {index}", "type": "REVIEW", "assignees": []}],
            delete_steps=[f"Added {index}"],
        )
        kili.rename_step(project_id, step_name=f"Created {index}", new_name=f"Renamed {index}")
        expected.append(f"Renamed {index}")
        if index % 3 == 2:
            kili.delete_last_step(project_id)
            expected.pop()
    assert names(kili, project_id) == expected
