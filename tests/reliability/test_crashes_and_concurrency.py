"""Imports that survive a server crash and importers that race on the same external ids.

Both run at the suite's fault rate (the racing importers also without faults, where they
collide hardest), then count on a fault-free restart: each external id must exist exactly
once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

import tests
from kili.client import Kili
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
from tests.reliability.importer import asset_name
from tests.reliability.test_writes_under_faults import connect, exactly_once

ASSETS_IN_CRASHED_IMPORT = 2000
REQUESTS_BEFORE_CRASH = 12
"""The server is killed as the import sends this request: after a few batches, before most."""
IMPORTERS = 4
ASSETS_PER_IMPORTER = 500
IMPORTER_OFFSET = 250
"""Each importer starts this many ids after the previous one: half of its ids are shared."""
IMPORTER_TIMEOUT_S = 180


def create_target_project(server: EmulatorProcess) -> str:
    """Create, while the server runs without faults, the project to import into."""
    with connect(server) as kili:
        return kili.create_project(title="target", input_type="IMAGE", json_interface={"jobs": {}})[
            "id"
        ]


def count_external_ids(server: EmulatorProcess, project_id: str) -> list[str]:
    """Return the external id of every asset of the project, read without faults."""
    with connect(server.restart(fault_rate=0.0)) as kili:
        return [row["externalId"] for row in kili.assets(project_id, fields=["externalId"])]


def import_in_one_call(kili: Kili, project_id: str, names: list[str]) -> None:
    """Import one asset per external id of `names`."""
    kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{name}.png" for name in names],
        external_id_array=names,
    )


def import_through_a_crash(
    server: EmulatorProcess, project_id: str, names: list[str], figure: Figure, *, gives_up: bool
) -> str:
    """Import `names`, kill -9 the server mid-import, restart it; return how the call ended.

    With `gives_up`, the importing client makes only two attempts per request and the
    server restarts once the call has failed; so that the faults do not stop the call
    before the crash does, the server runs without faults until then. Otherwise it
    restarts at once, and the call may ride through the outage on its retries.
    """
    crash_now = threading.Event()

    def signal_the_crash(requests_sent: int) -> None:
        if requests_sent >= REQUESTS_BEFORE_CRASH:
            crash_now.set()

    with client(server.endpoint, server.api_key, attempts=2 if gives_up else None) as kili:
        server.restart(fault_rate=0.0 if gives_up else fault_rate())

        def first_run() -> None:
            with measured_call(figure, counter):
                import_in_one_call(kili, project_id, names)

        with RequestCounter(on_request=signal_the_crash) as counter:
            importer = threading.Thread(target=first_run)
            importer.start()
            while importer.is_alive() and not crash_now.wait(timeout=0.05):
                pass
            if not importer.is_alive():
                return "import ended before the kill"
            server.kill()
            if gives_up:
                importer.join(timeout=IMPORTER_TIMEOUT_S)
            server.fault_rate = fault_rate()
            server.start()
            importer.join(timeout=IMPORTER_TIMEOUT_S)
    return figure.outcome


@pytest.fixture(scope="module", params=[False, True], ids=["rides through", "gives up"])
def crashed_import(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Figure:
    """Kill -9 the server mid-import, restart it, then run the same import again."""
    gives_up: bool = request.param
    db: Path = tmp_path_factory.mktemp("crash") / "kili.db"
    server = EmulatorProcess(db, seed=fault_seed()).start()
    scenario = "kill -9 mid-import, re-run" + (" after the call gave up" if gives_up else "")
    figure = Figure(scenario, ASSETS_IN_CRASHED_IMPORT)
    names = [asset_name(index) for index in range(ASSETS_IN_CRASHED_IMPORT)]
    try:
        project_id = create_target_project(server)
        first_outcome = import_through_a_crash(server, project_id, names, figure, gives_up=gives_up)
        with (
            connect(server) as kili,
            RequestCounter() as counter,
            measured_call(figure, counter),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")  # the re-run warns of the assets it skips
            import_in_one_call(kili, project_id, names)
        figure.scenario += f" (1st call: {first_outcome})"
        if first_outcome == "import ended before the kill":
            figure.outcome = first_outcome
        figure.lost, figure.duplicated = exactly_once(names, count_external_ids(server, project_id))
    finally:
        server.stop()
    FIGURES.append(figure)
    return figure


def test_a_rerun_after_a_crash_mid_import_ends_with_each_asset_once(
    crashed_import: Figure,
) -> None:
    assert crashed_import.exact, crashed_import.summary()


def start_importer(server: EmulatorProcess, project_id: str, first: int) -> subprocess.Popen[str]:
    """Start one importer process for the ids `first` to `first + ASSETS_PER_IMPORTER - 1`."""
    root = Path(tests.__file__).resolve().parents[1]
    env = {
        **os.environ,
        "KILI_API_KEY": server.api_key,
        "KILI_SDK_SKIP_CHECKS": "1",  # the key check is no write; measure the import only
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "tests.reliability.importer", server.endpoint, project_id]
    return subprocess.Popen(
        [*command, str(first), str(ASSETS_PER_IMPORTER)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=root,
    )


@pytest.fixture(scope="module", params=[False, True], ids=["without faults", "with faults"])
def concurrent_imports(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Figure:
    """Run the importers at once on overlapping ranges of the same external ids.

    Without faults the importers race hardest: their batches reach the server together.
    """
    rate = fault_rate() if request.param else 0.0
    db: Path = tmp_path_factory.mktemp("concurrent") / "kili.db"
    server = EmulatorProcess(db, seed=fault_seed()).start()
    span = (IMPORTERS - 1) * IMPORTER_OFFSET + ASSETS_PER_IMPORTER
    names = [asset_name(index) for index in range(span)]
    figure = Figure(f"{IMPORTERS} concurrent importers at rate {rate}", span)
    try:
        project_id = create_target_project(server)
        server.restart(fault_rate=rate)
        started = time.perf_counter()
        importers = [
            start_importer(server, project_id, index * IMPORTER_OFFSET)
            for index in range(IMPORTERS)
        ]
        reports: list[dict[str, Any]] = []
        for importer in importers:
            stdout, stderr = importer.communicate(timeout=IMPORTER_TIMEOUT_S)
            lines = stdout.strip().splitlines()
            reports.append(
                json.loads(lines[-1])
                if lines
                else {"outcome": "crashed", "error": stderr[-300:], "requests": 0, "faults": 0}
            )
        figure.seconds = time.perf_counter() - started
        figure.sdk_calls = IMPORTERS
        figure.requests = sum(report["requests"] for report in reports)
        figure.faults = sum(report["faults"] for report in reports)
        failed = [report for report in reports if report["outcome"] != "ok"]
        if failed:
            figure.outcome = f"{len(failed)} failed: {failed[0]['outcome']}"
            figure.errors = [report["error"] for report in failed]
        figure.lost, figure.duplicated = exactly_once(names, count_external_ids(server, project_id))
    finally:
        server.stop()
    FIGURES.append(figure)
    return figure


def test_concurrent_importers_end_with_each_external_id_once(concurrent_imports: Figure) -> None:
    assert concurrent_imports.exact, concurrent_imports.summary()
