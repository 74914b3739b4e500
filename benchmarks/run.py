"""Print the SDK's performance figures: `make bench`.

Each figure is measured here, on this machine, and printed with how it was measured.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 11


def cold_import_ms(statement: str) -> float:
    """Median wall time of `statement` in a fresh interpreter, minus the bare start-up."""

    def run(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return (time.perf_counter() - started) * 1000

    run(statement)  # compile the bytecode once, as an installed package would have it
    baseline = statistics.median(run("pass") for _ in range(RUNS))
    return statistics.median(run(statement) for _ in range(RUNS)) - baseline


def main() -> None:
    """Run every benchmark and print its figure."""
    print(f"Benchmarks ({RUNS} runs each, median)")
    statements = (
        "import kili",
        "from kili import Kili",
        # everything a first request needs: transport, gateway, httpx, graphql-core
        "from kili import Kili; import kili.adapters.kili_api_gateway, kili.adapters.transport",
    )
    for statement in statements:
        print(f"  cold `{statement}`: {cold_import_ms(statement):.0f} ms")


if __name__ == "__main__":
    main()
