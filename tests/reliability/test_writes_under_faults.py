"""Each kind of write, in one SDK call, against an emulator failing a share of requests.

The emulator runs as a child process on a database file. The projects and assets the
writes need are made first, without faults; then the emulator restarts at the suite's
fault rate (both timings: requests dropped before they are executed, and answers lost
after the write committed) and every write is made in one call; then it restarts without
faults and what the database holds is counted: nothing may be lost or duplicated.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
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

ASSETS_TO_IMPORT = 2000
LABELS_TO_IMPORT = 2000
PROJECTS_TO_CREATE = 10
ASSETS_TO_UPDATE = 500
ASSETS_SEEDED_FOR_DELETION = 1000
ASSETS_TO_DELETE = 500
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
class Projects:
    """The projects made without faults for the writes to act on."""

    imports: str
    labels: str
    updates: str
    deletions: str
    label_asset_ids: list[str]


def seed_projects(kili: Kili) -> Projects:
    """Create the projects and the assets the faulty writes act on."""

    def project_with_assets(title: str, count: int) -> str:
        project_id = kili.create_project(
            title=title, input_type="IMAGE", json_interface=DEFAULT_JSON_INTERFACE
        )["id"]
        if count:
            kili.append_many_to_dataset(
                project_id,
                content_array=[f"https://example.com/{title}/{i}.png" for i in range(count)],
                external_id_array=external_ids(title, count),
            )
        return project_id

    labels = project_with_assets("labels", LABELS_TO_IMPORT)
    label_assets = kili.assets(labels, fields=["id", "externalId"])
    return Projects(
        imports=project_with_assets("imports", 0),
        labels=labels,
        updates=project_with_assets("updates", ASSETS_TO_UPDATE),
        deletions=project_with_assets("deletions", ASSETS_SEEDED_FOR_DELETION),
        label_asset_ids=[row["id"] for row in sorted(label_assets, key=lambda r: r["externalId"])],
    )


def write_under_faults(
    kili: Kili, projects: Projects, counter: RequestCounter
) -> dict[str, Figure]:
    """Make every write in one call each, against the faulty server; return the figures."""
    figures = {
        "imports": Figure("append_many_to_dataset", ASSETS_TO_IMPORT),
        "labels": Figure("append_labels", LABELS_TO_IMPORT),
        "projects": Figure("create_project (1 call each)", PROJECTS_TO_CREATE),
        "updates": Figure("update_properties_in_assets", ASSETS_TO_UPDATE),
        "deletions": Figure("delete_many_from_dataset", ASSETS_TO_DELETE),
    }
    with measured_call(figures["imports"], counter):
        kili.append_many_to_dataset(
            projects.imports,
            content_array=[f"https://example.com/{i}.png" for i in range(ASSETS_TO_IMPORT)],
            external_id_array=external_ids("imports", ASSETS_TO_IMPORT),
        )
    with measured_call(figures["labels"], counter):
        kili.append_labels(
            asset_id_array=projects.label_asset_ids,
            json_response_array=[LABEL] * LABELS_TO_IMPORT,
        )
    failures = []
    for title in external_ids("created", PROJECTS_TO_CREATE):
        with measured_call(figures["projects"], counter):
            kili.create_project(title=title, input_type="IMAGE", json_interface={"jobs": {}})
        if figures["projects"].outcome != "ok":
            failures.append(figures["projects"].outcome)
    if failures:
        figures["projects"].outcome = f"{len(failures)} failed: {', '.join(set(failures))}"
    with measured_call(figures["updates"], counter):
        kili.update_properties_in_assets(
            external_ids=external_ids("updates", ASSETS_TO_UPDATE),
            project_id=projects.updates,
            priorities=list(range(1, ASSETS_TO_UPDATE + 1)),
        )
    with measured_call(figures["deletions"], counter):
        kili.delete_many_from_dataset(
            external_ids=external_ids("deletions", ASSETS_TO_DELETE),
            project_id=projects.deletions,
        )
    return figures


def exactly_once(expected: list[str], found: list[str]) -> tuple[int, int]:
    """Return (lost, duplicated) for items `expected` once each among `found`."""
    counts = Counter(found)
    lost = sum(1 for item in expected if counts[item] == 0)
    wanted = set(expected)
    duplicated = sum(count - 1 if item in wanted else count for item, count in counts.items())
    return lost, duplicated


def count_outcomes(kili: Kili, projects: Projects, figures: dict[str, Figure]) -> None:
    """Count, on the fault-free server, what each write left in the database."""
    imported = kili.assets(projects.imports, fields=["externalId"])
    figures["imports"].lost, figures["imports"].duplicated = exactly_once(
        external_ids("imports", ASSETS_TO_IMPORT), [row["externalId"] for row in imported]
    )

    labeled = kili.assets(projects.labels, fields=["id", "labels.id"])
    labels_per_asset = {row["id"]: len(row["labels"]) for row in labeled}
    figures["labels"].lost = sum(1 for n in labels_per_asset.values() if n == 0)
    figures["labels"].duplicated = sum(n - 1 for n in labels_per_asset.values() if n > 1)

    titles = [row["title"] for row in kili.projects(fields=["title"])]
    figures["projects"].lost, figures["projects"].duplicated = exactly_once(
        external_ids("created", PROJECTS_TO_CREATE),
        [title for title in titles if title.startswith("created-")],
    )

    updated = kili.assets(projects.updates, fields=["externalId", "priority"])
    expected_priorities = dict(
        zip(external_ids("updates", ASSETS_TO_UPDATE), range(1, ASSETS_TO_UPDATE + 1), strict=True)
    )
    figures["updates"].lost = sum(
        1 for row in updated if row["priority"] != expected_priorities.get(row["externalId"])
    ) + max(0, ASSETS_TO_UPDATE - len(updated))
    figures["updates"].duplicated = max(0, len(updated) - ASSETS_TO_UPDATE)

    remaining = {
        row["externalId"] for row in kili.assets(projects.deletions, fields=["externalId"])
    }
    seeded = external_ids("deletions", ASSETS_SEEDED_FOR_DELETION)
    not_deleted = len(remaining & set(seeded[:ASSETS_TO_DELETE]))
    wrongly_deleted = len(set(seeded[ASSETS_TO_DELETE:]) - remaining)
    figures["deletions"].lost = not_deleted + wrongly_deleted
    figures["deletions"].duplicated = 0


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Figure]:
    """Seed without faults, write at the fault rate, count on a fault-free restart."""
    db: Path = tmp_path_factory.mktemp("faults") / "kili.db"
    server = EmulatorProcess(db, seed=fault_seed())
    try:
        with connect(server.start()) as kili:
            projects = seed_projects(kili)
            server.restart(fault_rate=fault_rate())
            with RequestCounter() as counter:
                figures = write_under_faults(kili, projects, counter)
        with connect(server.restart(fault_rate=0.0)) as kili:
            count_outcomes(kili, projects, figures)
    finally:
        server.stop()
    FIGURES.extend(figures.values())
    return figures


@pytest.mark.parametrize("write", ["imports", "labels", "projects", "updates", "deletions"])
def test_a_write_under_faults_lands_exactly_once(figures: dict[str, Figure], write: str) -> None:
    figure = figures[write]
    assert figure.exact, figure.summary()
