"""Export the same emulator projects with the official SDK and ours; compare the archives.

`python export_compare.py <official python>`, with `KILI_API_KEY` and `KILI_API_ENDPOINT`
naming the emulator. The projects are built with this project's SDK
(`tests/e2e/export_project.py`); each case of `EXPORT_CASES` runs `export_labels` with
the same keyword arguments in both SDKs, and the archives are compared file by file
(`archive_compare`). A case both SDKs refuse passes when the error classes and messages
agree. Prints one line per case; exits 1 on any difference.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "e2e")]

from archive_compare import compare_archives  # noqa: E402
from export_format_projects import (  # noqa: E402
    build_geospatial_project,
    build_no_box_project,
    build_pdf_project,
    build_video_project,
)
from export_project import build_export_project, build_video_export_project  # noqa: E402

from kili.client import Kili  # noqa: E402

OFFICIAL_EXPORT = HERE / "official_export.py"
LABELED_ASSETS = 12

EXPORT_CASES: list[tuple[str, dict[str, Any]]] = [
    *(
        (project, {"fmt": fmt, "layout": layout, "single_file": single_file})
        for project in ("urls",)
        for fmt in ("kili", "raw", "coco")
        for layout in ("split", "merged")
        for single_file in (False, True)
    ),
    ("media", {"fmt": "kili", "layout": "split", "single_file": False}),
    ("media", {"fmt": "kili", "layout": "merged", "single_file": True}),
    ("media", {"fmt": "coco", "layout": "split", "single_file": False}),
    ("media", {"fmt": "coco", "layout": "merged", "single_file": False}),
    ("urls", {"fmt": "kili", "export_type": "normal"}),
    ("urls", {"fmt": "kili", "export_type": "latest_from_last_step"}),
    ("urls", {"fmt": "kili", "export_type": "latest_from_all_steps", "single_file": True}),
    ("urls", {"fmt": "coco", "export_type": "latest_from_last_step", "layout": "merged"}),
    ("urls", {"fmt": "kili", "include_sent_back_labels": False}),
    ("urls", {"fmt": "kili", "label_type_in": ["DEFAULT", "AUTOSAVE"]}),
    ("urls", {"fmt": "coco", "normalized_coordinates": True}),
    ("urls", {"fmt": "coco", "normalized_coordinates": False}),
    *(
        ("urls", {"fmt": fmt, "layout": layout})
        for fmt in ("yolo_v4", "yolo_v5", "yolo_v7", "yolo_v8")
        for layout in ("split", "merged")
    ),
    ("urls", {"fmt": "yolo_v7", "export_type": "latest_from_last_step"}),
    ("urls", {"fmt": "yolo_v4", "single_file": True}),
    ("urls", {"fmt": "yolo_v8", "normalized_coordinates": False}),
    ("urls", {"fmt": "pascal_voc", "layout": "merged"}),
    ("urls", {"fmt": "pascal_voc", "layout": "split"}),
    ("urls", {"fmt": "pascal_voc", "layout": "merged", "normalized_coordinates": True}),
    ("urls", {"fmt": "geojson", "layout": "merged"}),
    ("urls", {"fmt": "geojson", "layout": "split"}),
    ("urls", {"fmt": "geojson", "layout": "merged", "normalized_coordinates": False}),
    ("media", {"fmt": "yolo_v5", "layout": "split"}),
    ("media", {"fmt": "yolo_v8", "layout": "merged"}),
    ("media", {"fmt": "pascal_voc", "layout": "merged"}),
    ("clip", {"fmt": "yolo_v4", "layout": "split"}),
    ("clip", {"fmt": "yolo_v8", "layout": "merged"}),
    ("no_box", {"fmt": "yolo_v5"}),
    ("no_box", {"fmt": "pascal_voc", "layout": "merged"}),
    ("geo", {"fmt": "geojson", "layout": "merged"}),
    ("geo", {"fmt": "yolo_v8", "layout": "merged"}),
    ("geo", {"fmt": "pascal_voc", "layout": "merged"}),
    ("pdf", {"fmt": "kili", "layout": "split"}),
    ("pdf", {"fmt": "raw", "single_file": True}),
    ("pdf", {"fmt": "kili", "normalized_coordinates": True}),
    ("pdf", {"fmt": "yolo_v5"}),
    ("pdf", {"fmt": "pascal_voc", "layout": "merged"}),
    ("video", {"fmt": "kili"}),
    ("video", {"fmt": "kili", "single_file": True}),
]
"""(project, export_labels keyword arguments) compared; `with_assets` follows the project:
`urls` (no media, `with_assets=False`) or `media` (uploaded PNGs, `with_assets=True`);
`video` (frame labels), `clip` (a video of frame URLs), `no_box` (no job a per-image
format expresses), `geo` (a geospatial project in longitude/latitude) and `pdf` (two
pages of different sizes) have no media."""


def official_export(python: Path, arguments: dict[str, Any]) -> tuple[str, str]:
    """Run the official `export_labels`; return ("ok", "") or ("error", "<Class>: message")."""
    done = subprocess.run(
        [str(python), str(OFFICIAL_EXPORT), json.dumps(arguments)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    if done.returncode == 0:
        return "ok", ""
    if done.returncode == 3:
        return "error", done.stderr.strip().splitlines()[-1]
    raise SystemExit(f"the official export crashed:\n{done.stderr}")


def our_export(kili: Kili, arguments: dict[str, Any]) -> tuple[str, str]:
    """Run our `export_labels`; return ("ok", "") or ("error", "<Class>: message")."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kili.export_labels(**arguments)
    except Exception as error:  # compared with the official outcome
        return "error", f"{type(error).__name__}: {error}"
    return "ok", ""


def main() -> int:
    """Build the projects, run every case with both SDKs, print and count differences."""
    python = Path(sys.argv[1])
    failures = 0
    with (
        Kili(api_key=os.environ["KILI_API_KEY"], api_endpoint=os.environ["KILI_API_ENDPOINT"],
             disable_tqdm=True, rate_limit=None) as kili,
        tempfile.TemporaryDirectory() as folder,
    ):  # fmt: skip
        root = Path(folder)
        (root / "media").mkdir()
        projects = {
            "urls": build_export_project(kili, LABELED_ASSETS),
            "media": build_export_project(kili, 5, media_dir=root / "media"),
            "video": build_video_export_project(kili, 3),
            "clip": build_video_project(kili),
            "no_box": build_no_box_project(kili),
            "geo": build_geospatial_project(kili, 3),
            "pdf": build_pdf_project(kili),
        }
        for number, (project, options) in enumerate(EXPORT_CASES):
            arguments = {"project_id": projects[project], "with_assets": project == "media"}
            arguments.update(options)
            outcomes = {}
            for side in ("ours", "official"):
                arguments["filename"] = str(root / f"{number}-{side}.zip")
                if side == "ours":
                    outcomes[side] = our_export(kili, arguments)
                else:
                    outcomes[side] = official_export(python, arguments)
            problems = compare_outcomes(outcomes, root, number)
            failures += bool(problems)
            print(f"{'FAIL' if problems else 'ok  '} export {project} {options}")
            for problem in problems[:15]:
                print(f"       {problem}")
    return 1 if failures else 0


def compare_outcomes(outcomes: dict[str, tuple[str, str]], root: Path, number: int) -> list[str]:
    """Compare two outcomes: both archives, or both errors (class and message)."""
    (ours, our_error), (official, official_error) = outcomes["ours"], outcomes["official"]
    if ours == official == "ok":
        archives = root / f"{number}-ours.zip", root / f"{number}-official.zip"
        if not any(archive.exists() for archive in archives):
            return []  # both warned that no job fits the format, and wrote nothing
        return compare_archives(*archives)
    if ours == official == "error":
        return [] if our_error == official_error else [f"{our_error} != {official_error}"]
    return [f"ours: {ours} {our_error}", f"official: {official} {official_error}"]


if __name__ == "__main__":
    sys.exit(main())
