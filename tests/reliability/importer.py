"""One importer process: imports a range of external ids in one call, prints its figures.

Run by the concurrency scenario as
``python -m tests.reliability.importer ENDPOINT PROJECT_ID FIRST COUNT``, with the API key in
``KILI_API_KEY``; prints one JSON line: outcome, error, requests, faults, seconds.
"""

from __future__ import annotations

import json
import sys

from tests.reliability.figures import Figure, RequestCounter, client, measured_call


def asset_name(index: int) -> str:
    """Return the external id of the asset number `index`, shared by every importer."""
    return f"shared-{index:05d}"


def main(argv: list[str]) -> int:
    """Import the assets `FIRST` to `FIRST + COUNT - 1` into the project, in one call."""
    endpoint, project_id, first, count = argv[0], argv[1], int(argv[2]), int(argv[3])
    names = [asset_name(index) for index in range(first, first + count)]
    figure = Figure("importer", count)
    with (
        client(endpoint) as kili,
        RequestCounter() as counter,
        measured_call(figure, counter),
    ):
        kili.append_many_to_dataset(
            project_id,
            content_array=[f"https://example.com/{name}.png" for name in names],
            external_id_array=names,
        )
    report = {
        "outcome": figure.outcome,
        "error": figure.errors[-1][:300] if figure.errors else "",
        "requests": figure.requests,
        "faults": figure.faults,
        "seconds": figure.seconds,
    }
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
