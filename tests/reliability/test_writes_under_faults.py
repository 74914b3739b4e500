"""Each kind of write, in one SDK call, against an emulator failing a share of requests.

The emulator runs as a child process on a database file. The projects and assets the
writes need are made first, without faults; then the emulator restarts at the suite's
fault rate (both timings: requests dropped before they are executed, and answers lost
after the write committed) and every write is made in one call; then it restarts without
faults and what the database holds is counted: nothing may be lost or duplicated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest

from kili.client import Kili
from kili_emulator.pytest_plugin import DEFAULT_JSON_INTERFACE
from tests.reliability.emulator_process import EmulatorProcess
from tests.reliability.figures import (
    FIGURES,
    Figure,
    RequestCounter,
    client,
    fault_rate,
    fault_seed,
    measured_call,
)

SIZES = {
    "imports": 2000,
    "labels": 2000,
    "predictions": 1000,
    "projects": 10,
    "updates": 500,
    "renames": 500,
    "reviews": 500,
    "deletions": 500,
    "metadata": 500,
    "priorities": 500,
}
"""Items written by each scenario; the deletion scenario keeps as many assets as it deletes."""
LABEL = {"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}


def external_ids(prefix: str, count: int) -> list[str]:
    """Return `count` distinct external ids starting with `prefix`."""
    return [f"{prefix}-{index:05d}" for index in range(count)]


def connect(server: EmulatorProcess) -> Kili:
    """Return a client of `server`, progress bars off.

    Connect while the server runs without faults: the client checks its key on creation,
    and keeps working across restarts, which keep the port.
    """
    return client(server.endpoint, server.api_key)


@dataclass
class Seeded:
    """A project made without faults for one write to act on, and its assets."""

    project_id: str
    asset_ids: list[str]


def seed_projects(kili: Kili) -> dict[str, Seeded]:
    """Create, for each scenario, the project and the assets the faulty write acts on."""
    seeded = {}
    for scenario, size in SIZES.items():
        project_id = kili.create_project(
            title=scenario, input_type="IMAGE", json_interface=DEFAULT_JSON_INTERFACE
        )["id"]
        count = {"imports": 0, "projects": 0, "deletions": 2 * size}.get(scenario, size)
        asset_ids: list[str] = []
        if count:
            created = kili.append_many_to_dataset(
                project_id,
                content_array=[f"https://example.com/{scenario}/{i}.png" for i in range(count)],
                external_id_array=external_ids(scenario, count),
            )["asset_ids"]
            assert isinstance(created, list)
            asset_ids = created
        if scenario == "reviews":
            kili.append_labels(asset_id_array=asset_ids, json_response_array=[LABEL] * count)
        seeded[scenario] = Seeded(project_id, asset_ids)
    return seeded


Measure = Callable[[], AbstractContextManager[None]]
"""Times, counts and records one SDK call made inside it."""


def import_assets(kili: Kili, seeded: Seeded, measure: Measure) -> None:
    """Import new assets."""
    size = SIZES["imports"]
    with measure():
        kili.append_many_to_dataset(
            seeded.project_id,
            content_array=[f"https://example.com/{i}.png" for i in range(size)],
            external_id_array=external_ids("imports", size),
        )


def append_labels(kili: Kili, seeded: Seeded, measure: Measure) -> None:
    """Label each asset once."""
    with measure():
        kili.append_labels(
            asset_id_array=seeded.asset_ids, json_response_array=[LABEL] * len(seeded.asset_ids)
        )


def create_predictions(kili: Kili, seeded: Seeded, measure: Measure) -> None:
    """Add one prediction to each asset."""
    with measure():
        kili.create_predictions(
            seeded.project_id,
            asset_id_array=seeded.asset_ids,
            json_response_array=[LABEL] * len(seeded.asset_ids),
            model_name="model",
        )


def create_projects(kili: Kili, _seeded: Seeded, measure: Measure) -> None:
    """Create projects, one call each; a failed call does not stop the others."""
    for title in external_ids("created", SIZES["projects"]):
        with measure():
            kili.create_project(title=title, input_type="IMAGE", json_interface={"jobs": {}})


def update_priorities(kili: Kili, seeded: Seeded, measure: Measure) -> None:
    """Give each asset its own priority."""
    with measure():
        kili.update_properties_in_assets(
            asset_ids=seeded.asset_ids, priorities=list(range(1, len(seeded.asset_ids) + 1))
        )


def rename_assets(kili: Kili, seeded: Seeded, measure: Measure) -> None:
    """Give each asset a new external id."""
    with measure():
        kili.change_asset_external_ids(
            external_ids("renamed", len(seeded.asset_ids)), asset_ids=seeded.asset_ids
        )


def add_metadata(kili: Kili, seeded: Seeded, measure: Measure) -> None:
    """Add a key of its own to the metadata of each asset."""
    with measure():
        kili.add_metadata(
            [{"index": index} for index in range(len(seeded.asset_ids))],
            seeded.project_id,
            asset_ids=seeded.asset_ids,
        )


def set_priorities(kili: Kili, seeded: Seeded, measure: Measure) -> None:
    """Give every asset the same priority."""
    with measure():
        kili.set_assets_priority(7, asset_ids=seeded.asset_ids)


def add_to_review(kili: Kili, seeded: Seeded, measure: Measure) -> None:
    """Move every (labeled) asset to review."""
    with measure():
        kili.add_to_review(asset_ids=seeded.asset_ids)


def delete_assets(kili: Kili, seeded: Seeded, measure: Measure) -> None:
    """Delete the first half of the assets."""
    with measure():
        kili.delete_many_from_dataset(asset_ids=seeded.asset_ids[: SIZES["deletions"]])


WRITES: dict[str, tuple[str, Callable[[Kili, Seeded, Measure], None]]] = {
    "imports": ("append_many_to_dataset", import_assets),
    "labels": ("append_labels", append_labels),
    "predictions": ("create_predictions", create_predictions),
    "projects": ("create_project (one call each)", create_projects),
    "updates": ("update_properties_in_assets", update_priorities),
    "renames": ("change_asset_external_ids", rename_assets),
    "reviews": ("add_to_review", add_to_review),
    "deletions": ("delete_many_from_dataset", delete_assets),
    "metadata": ("add_metadata", add_metadata),
    "priorities": ("set_assets_priority", set_priorities),
}
"""For each scenario: what the figure calls it, and the write."""


def exactly_once(expected: list[str], found: list[str]) -> tuple[int, int]:
    """Return (lost, duplicated) for items `expected` once each among `found`."""
    counts = Counter(found)
    lost = sum(1 for item in expected if counts[item] == 0)
    wanted = set(expected)
    duplicated = sum(count - 1 if item in wanted else count for item, count in counts.items())
    return lost, duplicated


def applied_once(expected: dict[str, object], found: dict[str, object]) -> tuple[int, int]:
    """Return (lost, duplicated) for a change expected on each asset, by external id.

    An asset whose value is not the expected one counts as lost, and so does an expected
    asset that is missing; an asset not expected counts as duplicated.
    """
    lost = sum(1 for key, value in expected.items() if found.get(key, object()) != value)
    return lost, sum(1 for key in found if key not in expected)


def count_outcome(kili: Kili, scenario: str, seeded: Seeded) -> tuple[int, int]:
    """Count, on the fault-free server, what the write of `scenario` left in the database."""
    size = SIZES[scenario]
    if scenario == "projects":
        titles = [row["title"] for row in kili.projects(fields=["title"])]
        created = [title for title in titles if title.startswith("created-")]
        return exactly_once(external_ids("created", size), created)
    fields = ["id", "externalId", "priority", "status", "labels.id", "jsonMetadata"]
    rows = kili.assets(seeded.project_id, fields=fields)
    if scenario in ("labels", "predictions"):
        per_asset = [len(row["labels"]) for row in rows]
        return sum(n == 0 for n in per_asset), sum(n - 1 for n in per_asset if n > 1)
    by_name = {row["externalId"]: row for row in rows}
    names = external_ids(scenario, size)
    if scenario == "imports":
        return exactly_once(names, [row["externalId"] for row in rows])
    if scenario == "updates":
        priorities = {name: row["priority"] for name, row in by_name.items()}
        return applied_once(dict(zip(names, range(1, size + 1), strict=True)), priorities)
    if scenario == "renames":
        return applied_once(
            dict.fromkeys(external_ids("renamed", size), 0), dict.fromkeys(by_name, 0)
        )
    if scenario == "metadata":
        metadata = {name: row["jsonMetadata"] for name, row in by_name.items()}
        return applied_once({name: {"index": i} for i, name in enumerate(names)}, metadata)
    if scenario == "priorities":
        priorities = {name: row["priority"] for name, row in by_name.items()}
        return applied_once(dict.fromkeys(names, 7), priorities)
    if scenario == "reviews":
        statuses = {name: row["status"] for name, row in by_name.items()}
        return applied_once(dict.fromkeys(names, "TO_REVIEW"), statuses)
    kept = external_ids(scenario, 2 * size)[size:]
    return applied_once(dict.fromkeys(kept, 0), dict.fromkeys(by_name, 0))


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Figure]:
    """Seed without faults, write at the fault rate, count on a fault-free restart."""
    db: Path = tmp_path_factory.mktemp("faults") / "kili.db"
    server = EmulatorProcess(db, seed=fault_seed())
    measured = {name: Figure(title, SIZES[name]) for name, (title, _) in WRITES.items()}
    try:
        with connect(server.start()) as kili:
            seeded = seed_projects(kili)
            server.restart(fault_rate=fault_rate())
            with RequestCounter() as counter:
                for name, (_, write) in WRITES.items():
                    figure = measured[name]
                    write(kili, seeded[name], partial(measured_call, figure, counter))
                    if figure.failures and figure.sdk_calls > 1:
                        kinds = ", ".join(sorted(set(figure.failures)))
                        figure.outcome = f"{len(figure.failures)} failed: {kinds}"
        with connect(server.restart(fault_rate=0.0)) as kili:
            for name, figure in measured.items():
                figure.lost, figure.duplicated = count_outcome(kili, name, seeded[name])
    finally:
        server.stop()
    FIGURES.extend(measured.values())
    return measured


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_under_faults_lands_exactly_once(figures: dict[str, Figure], write: str) -> None:
    figure = figures[write]
    assert figure.exact, figure.summary()
