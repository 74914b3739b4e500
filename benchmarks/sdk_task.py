"""One timed task with whichever `kili` the interpreter imports: this SDK or the official one.

`make bench` runs this module twice per figure, with this project's interpreter and with
the official SDK's (`.venv-interop`), so both measure the same call, the same way, in a
fresh process of their own. Only the public API both SDKs share is used, with their
default settings (request budget, page sizes, batch sizes, concurrency). It prints one
JSON object: wall seconds, CPU seconds, items handled and peak RSS growth in MiB.

Usage: ``python -m benchmarks.sdk_task TASK ENDPOINT API_KEY PROJECT_ID [COUNT]``.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from benchmarks.seeding import answer

COUNT_CALLS = 20
"""`count` times this many calls, each one request, and reports the mean."""


def _status_mib(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _start_peak_rss() -> float:
    """Make the peak RSS start from now (Linux: clear_refs 5); return the current RSS, MiB.

    Without the reset, the peak of the start-up (imports, client) would count as growth.
    """
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass  # the lifetime peak then stands in: growth may be over-estimated
    return _status_mib("VmRSS")


def _peak_rss_mib() -> float:
    try:
        return _status_mib("VmHWM")
    except (OSError, RuntimeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _tasks(kili: Any, project_id: str, count: int) -> dict[str, Callable[[], int]]:
    def list_assets() -> int:
        return len(kili.assets(project_id, disable_tqdm=True))

    def list_labels() -> int:
        return len(kili.labels(project_id, disable_tqdm=True))

    def count_assets() -> int:
        for _ in range(COUNT_CALLS):
            counted = kili.count_assets(project_id)
        return int(counted)

    def import_assets() -> int:
        kili.append_many_to_dataset(
            project_id,
            content_array=[f"https://images.example/{i}.jpg" for i in range(count)],
            external_id_array=[f"imported-{i:06d}" for i in range(count)],
        )
        return count

    return {
        "list_assets": list_assets,
        "list_labels": list_labels,
        "count": count_assets,
        "import_assets": import_assets,
    }


def _prepared_task(kili: Any, task: str, project_id: str, count: int) -> Callable[[], int]:
    """Return the call to time; what it needs beforehand (ids, answers) is read untimed."""
    if task == "import_labels":
        ids = [row["id"] for row in kili.assets(project_id, fields=["id"], disable_tqdm=True)]
        answers = [answer(i) for i in range(len(ids))]

        def import_labels() -> int:
            kili.append_labels(asset_id_array=ids, json_response_array=answers)
            return len(ids)

        return import_labels
    if task.startswith("export_"):
        fmt = task.removeprefix("export_")
        folder = tempfile.mkdtemp()

        def export() -> int:
            filename = os.path.join(folder, f"export-{fmt}.zip")
            kili.export_labels(project_id, filename, fmt=fmt, with_assets=False, disable_tqdm=True)
            return os.path.getsize(filename)

        return export
    return _tasks(kili, project_id, count)[task]


def main(argv: list[str]) -> None:
    """Run one task and print its figures as JSON."""
    task, endpoint, api_key, project_id = argv[:4]
    count = int(argv[4]) if len(argv) > 4 else 0
    from kili.client import Kili

    kili = Kili(api_key=api_key, api_endpoint=endpoint, disable_tqdm=True)
    if task.startswith("export_") and not hasattr(kili, "export_labels"):
        print(json.dumps({"missing": "export_labels"}))
        return
    kili.count_assets(project_id)  # warm-up: connection open, key checked
    action = _prepared_task(kili, task, project_id, count)
    rss_before = _start_peak_rss()
    cpu_started = time.process_time()
    started = time.perf_counter()
    items = action()
    seconds = time.perf_counter() - started
    figures = {
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu_started,
        "items": items,
        "rss_growth_mib": max(0.0, _peak_rss_mib() - rss_before),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
