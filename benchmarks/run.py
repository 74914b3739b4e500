"""Print the SDK's performance figures: `make bench`.

Each figure is measured here, on this machine, and printed with how it was measured.
Figures against the API use a local emulator (in-memory database, loopback HTTP), so
they measure the client and the emulator together, not the Kili cloud.
"""

from __future__ import annotations

import importlib
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import export_converters, parsing
from kili_emulator.server import EmulatorServer

RUNS = 11
OFFICIAL_PYTHON = Path(__file__).resolve().parents[1] / ".venv-interop" / "bin" / "python"
API_BENCHMARKS = ("benchmarks.assets", "benchmarks.labels")


def cold_import_ms(statement: str, python: str = sys.executable) -> float:
    """Median wall time of `statement` in a fresh interpreter, minus the bare start-up."""

    def run(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([python, "-c", code], check=True)
        return (time.perf_counter() - started) * 1000

    run(statement)  # compile the bytecode once, as an installed package would have it
    baseline = statistics.median(run("pass") for _ in range(RUNS))
    return statistics.median(run(statement) for _ in range(RUNS)) - baseline


def import_figures() -> list[str]:
    """Cold import times of this SDK, and of the official one when `make interop` built it."""
    statements = (
        "import kili",
        "from kili import Kili",
        # everything a first request needs: transport, gateway, httpx, graphql-core
        "from kili import Kili; import kili.adapters.kili_api_gateway, kili.adapters.transport",
    )
    lines = [f"cold `{s}`: {cold_import_ms(s):.0f} ms" for s in statements]
    if OFFICIAL_PYTHON.exists():
        official = cold_import_ms("from kili.client import Kili", str(OFFICIAL_PYTHON))
        lines.append(f"official SDK, cold `from kili.client import Kili`: {official:.0f} ms")
    return lines


def main() -> None:
    """Run every benchmark and print its figures."""
    print(f"Import time ({RUNS} runs each, median, start-up of a bare interpreter subtracted)")
    for line in import_figures():
        print(f"  {line}")
    print("Parsing labels (no API)")
    official = str(OFFICIAL_PYTHON) if OFFICIAL_PYTHON.exists() else None
    for line in parsing.run(sys.executable, official):
        print(f"  {line}")
    print("YOLO and Pascal VOC converters, own against kili-formats (no API)")
    for line in export_converters.run():
        print(f"  {line}")
    for module_name in API_BENCHMARKS:
        module = importlib.import_module(module_name)
        with EmulatorServer(db=":memory:") as server:
            print(f"{module_name.split('.')[-1].capitalize()} (emulator on loopback, in-memory)")
            for line in module.run(server.endpoint, server.api_key):
                print(f"  {line}")


if __name__ == "__main__":
    main()
