"""Print the SDK's performance figures: `make bench`.

Each figure is measured here, on this machine, and printed with how it was measured.
Figures against the API use a local emulator in a process of its own (SQLite file,
loopback HTTP), so they measure the client and the emulator together, not the Kili
cloud. The side-by-side figures run each call with this SDK and with the official SDK
(`.venv-interop`, built by `make interop`), each in a fresh process, in the same run.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks import emulator, export_converters, overhead, parsing, side_by_side
from benchmarks.server import emulator_process

RUNS = 11
LATENCY_MS = 50
OFFICIAL_PYTHON = side_by_side.OFFICIAL_PYTHON


def cold_import_ms(statement: str, python: str = sys.executable) -> float:
    """Median wall time of `statement` in a fresh interpreter, minus the bare start-up."""

    def run(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([python, "-c", code], check=True)
        return (time.perf_counter() - started) * 1000

    run(statement)  # compile the bytecode once, as an installed package would have it
    baseline = statistics.median(run("pass") for _ in range(RUNS))
    return statistics.median(run(statement) for _ in range(RUNS)) - baseline


def import_figures() -> Iterator[str]:
    """Cold import times of this SDK, and of the official one when `make interop` built it."""
    statements = (
        "import kili",
        # everything a first request needs: transport, gateway, httpx, graphql-core
        "from kili import Kili; import kili.adapters.kili_api_gateway, kili.adapters.transport",
    )
    for statement in statements:
        yield f"cold `{statement}`: {cold_import_ms(statement):.0f} ms"
    ours = cold_import_ms("from kili.client import Kili")
    yield f"cold `from kili.client import Kili`, ours: {ours:.0f} ms"
    if OFFICIAL_PYTHON.exists():
        official = cold_import_ms("from kili.client import Kili", str(OFFICIAL_PYTHON))
        yield f"cold `from kili.client import Kili`, official SDK: {official:.0f} ms"
        yield f"ours/official: {ours / official:.2f}"


def section(title: str, lines: Iterator[str]) -> None:
    """Print a titled block of figures as they are measured."""
    print(title, flush=True)
    for line in lines:
        print(f"  {line}", flush=True)


def main() -> None:
    """Run every benchmark and print its figures."""
    official = str(OFFICIAL_PYTHON) if OFFICIAL_PYTHON.exists() else None
    section(
        f"Import time ({RUNS} runs each, median, start-up of a bare interpreter subtracted)",
        import_figures(),
    )
    section("Parsing labels (no API)", iter(parsing.run(sys.executable, official)))
    section(
        "YOLO and Pascal VOC converters, own against kili-formats (no API)",
        iter(export_converters.run()),
    )
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        print("Seeding the emulator database (not timed) ...", flush=True)
        with emulator_process(database) as server:
            projects = side_by_side.seed(server)
        side_by_side.give_images_a_resolution(database, projects["labeled"])
        with emulator_process(database) as server:
            section(
                "Emulator throughput (emulator process on loopback, 0 ms latency, SQLite file)",
                emulator.run(server, projects["labeled"], side_by_side.LISTED),
            )
            section(
                "Client CPU per listed asset (emulator on loopback, 0 ms latency)",
                overhead.run(server, projects["labeled"]),
            )
        with emulator_process(database, latency_ms=LATENCY_MS) as server:
            section(
                f"Side by side, this SDK and the official SDK 26.2.4, default settings, each "
                f"call in a fresh process (emulator on loopback with {LATENCY_MS} ms simulated "
                "latency per request)",
                side_by_side.compare(server, projects),
            )


if __name__ == "__main__":
    main()
