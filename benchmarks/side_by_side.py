"""Side by side: the same calls with this SDK and with the official SDK, on one emulator.

The data is seeded once at full speed, then the emulator restarts on the same database
with a simulated round trip (50 ms by default), and every figure runs twice, each time
in a fresh process (`benchmarks.sdk_task`): with this project's interpreter and with the
official SDK's from `.venv-interop` (`make interop` builds it).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.client import counted_client
from benchmarks.seeding import IMAGE_INTERFACE, TEXT_INTERFACE, box_label
from benchmarks.server import Emulator
from kili.client import Kili

ROOT = Path(__file__).resolve().parents[1]
OFFICIAL_PYTHON = ROOT / ".venv-interop" / "bin" / "python"
SCALE = float(os.environ.get("KILI_BENCH_SCALE", "1"))
"""Shrinks every size, for a quick try of the benchmark itself (`KILI_BENCH_SCALE=0.05`)."""
LISTED = int(20_000 * SCALE)
IMPORTED = int(10_000 * SCALE)
EXPORTED = LISTED


@dataclass(frozen=True)
class Figure:
    """One call measured with both SDKs."""

    title: str
    task: str
    project_key: str
    count: int = 0
    per_call: int = 1
    show_rss: bool = False


FIGURES = (
    Figure(f"list {LISTED:,} assets, default fields", "list_assets", "labeled"),
    Figure(f"list {LISTED:,} labels, default fields", "list_labels", "labeled"),
    Figure("count_assets, one call", "count", "labeled", per_call=20),
    Figure(f"import {IMPORTED:,} URL assets", "import_assets", "import", IMPORTED),
    Figure(f"import {IMPORTED:,} labels (append_labels)", "import_labels", "to_label"),
    Figure(
        f"export {EXPORTED:,} labeled assets, kili format", "export_kili", "labeled", 0, 1, True
    ),
    Figure(
        f"export {EXPORTED:,} labeled assets, coco format", "export_coco", "labeled", 0, 1, True
    ),
)


def _import(kili: Kili, project_id: str, count: int, prefix: str, text: bool) -> list[str]:
    contents: list[Any] = [
        f"Text number {i}." if text else f"https://images.example/{i}.jpg" for i in range(count)
    ]
    kili.append_many_to_dataset(
        project_id,
        content_array=contents,
        external_id_array=[f"{prefix}-{i:06d}" for i in range(count)],
    )
    return [row["id"] for row in kili.assets(project_id, fields=["id"], disable_tqdm=True)]


def seed(emulator: Emulator) -> dict[str, str]:
    """Create the projects every figure reads or writes; return their ids by role.

    `labeled` holds 20,000 image assets, each with one label (a category and a box);
    each SDK gets its own empty project to import assets into (`import-ours`,
    `import-official`) and its own 10,000 unlabeled text assets to label
    (`to_label-ours`, `to_label-official`).
    """
    kili, _ = counted_client(emulator.endpoint, emulator.api_key)
    projects: dict[str, str] = {}
    with kili:

        def create(key: str, input_type: Any, interface: dict[str, Any]) -> str:
            created = kili.create_project(
                title=f"benchmark {key}", input_type=input_type, json_interface=interface
            )
            projects[key] = created["id"]
            return projects[key]

        labeled = create("labeled", "IMAGE", IMAGE_INTERFACE)
        ids = _import(kili, labeled, LISTED, "image", text=False)
        kili.append_labels(
            asset_id_array=ids, json_response_array=[box_label(i) for i in range(len(ids))]
        )
        for sdk in ("ours", "official"):
            create(f"import-{sdk}", "IMAGE", IMAGE_INTERFACE)
            project = create(f"to_label-{sdk}", "TEXT", TEXT_INTERFACE)
            _import(kili, project, IMPORTED, "text", text=True)
    return projects


def give_images_a_resolution(database: Path, project_id: str) -> None:
    """Set the size Kili measures on upload, which exports read (no media is downloaded)."""
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE assets SET resolution = ? WHERE project_id = ?",
            (json.dumps({"width": 1920, "height": 1080}), project_id),
        )


def run_task(python: Path | str, figure: Figure, emulator: Emulator, project_id: str) -> Any:
    """Run one figure's task in a fresh process of `python`; return its JSON figures."""
    done = subprocess.run(
        [
            str(python),
            "-m",
            "benchmarks.sdk_task",
            figure.task,
            emulator.endpoint,
            emulator.api_key,
            project_id,
            str(figure.count),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": last}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _describe(result: Any, figure: Figure) -> str:
    if "missing" in result:
        return "not available (no export_labels)"
    if "error" in result:
        return f"failed: {result['error'][:90]}"
    seconds = result["seconds"] / figure.per_call
    text = f"{seconds * 1000:,.0f} ms" if seconds < 1 else f"{seconds:,.2f} s"
    text += f", CPU {result['cpu_seconds'] / figure.per_call:,.2f} s"
    if figure.show_rss:
        text += f", peak RSS +{result['rss_growth_mib']:,.0f} MiB"
    return text


def compare(emulator: Emulator, projects: dict[str, str]) -> Iterator[str]:
    """Run every figure with both SDKs; yield printable lines with the ratio ours/official."""
    official_built = OFFICIAL_PYTHON.exists()
    for figure in FIGURES:
        ours_project = projects.get(figure.project_key) or projects[f"{figure.project_key}-ours"]
        ours = run_task(sys.executable, figure, emulator, ours_project)
        yield f"{figure.title}"
        yield f"    ours:     {_describe(ours, figure)}"
        if not official_built:
            yield "    official: not measured (`make interop` builds .venv-interop)"
            continue
        theirs_project = (
            projects.get(figure.project_key) or projects[f"{figure.project_key}-official"]
        )
        theirs = run_task(OFFICIAL_PYTHON, figure, emulator, theirs_project)
        yield f"    official: {_describe(theirs, figure)}"
        if "seconds" in ours and "seconds" in theirs:
            yield f"    ours/official wall time: {ours['seconds'] / theirs['seconds']:.2f}"
