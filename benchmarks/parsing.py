"""Parse figure: 10,000 labels of a 5-job interface, this SDK against the official one.

The labels and the interface are written to a JSON file once; each parser reads it and
times `parse_labels` alone (decoding the file is not counted). The official parser runs
in `.venv-interop` (built by `make interop`), in a process of its own, in the same run.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

LABELS = 10_000
RUNS = 3

INTERFACE: dict[str, Any] = {
    "jobs": {
        "TOPIC": {
            "mlTask": "CLASSIFICATION",
            "required": 1,
            "isChild": False,
            "content": {
                "input": "radio",
                "categories": {
                    "SPORT": {"name": "Sport", "children": ["COMMENT"]},
                    "POLITICS": {"name": "Politics", "children": []},
                },
            },
        },
        "COMMENT": {
            "mlTask": "TRANSCRIPTION",
            "required": 0,
            "isChild": True,
            "content": {"input": "textField"},
        },
        "TAGS": {
            "mlTask": "CLASSIFICATION",
            "required": 0,
            "isChild": False,
            "content": {
                "input": "checkbox",
                "categories": {"RED": {"name": "Red"}, "BLUE": {"name": "Blue"}},
            },
        },
        "OBJECTS": {
            "mlTask": "OBJECT_DETECTION",
            "required": 0,
            "isChild": False,
            "tools": ["rectangle", "polygon"],
            "content": {
                "input": "radio",
                "categories": {"CAR": {"name": "Car"}, "PERSON": {"name": "Person"}},
            },
        },
        "CAPTION": {
            "mlTask": "TRANSCRIPTION",
            "required": 0,
            "isChild": False,
            "content": {"input": "textField"},
        },
    }
}

TIMER = """
import json, sys, time
from {module} import parse_labels
data = json.load(open(sys.argv[1]))
best = float("inf")
for _ in range({runs}):
    started = time.perf_counter()
    parsed = parse_labels(data["labels"], data["interface"], "IMAGE")
    best = min(best, time.perf_counter() - started)
assert len(parsed) == len(data["labels"])
print(best)
"""


def _box(index: int, shift: float) -> dict[str, Any]:
    x, y = 0.1 + shift, 0.2
    vertices = [{"x": x, "y": y}, {"x": x, "y": y + 0.2}, {"x": x + 0.2, "y": y + 0.2}]
    return {
        "mid": f"obj-{index}-{shift}",
        "type": "rectangle",
        "categories": [{"name": "CAR" if index % 2 else "PERSON"}],
        "boundingPoly": [{"normalizedVertices": [*vertices, {"x": x + 0.2, "y": y}]}],
        "children": {},
    }


def label(index: int) -> dict[str, Any]:
    """Return one label answering the five jobs, with two objects."""
    topic: dict[str, Any] = {"name": "SPORT" if index % 2 else "POLITICS", "confidence": 100}
    if index % 2:
        topic["children"] = {"COMMENT": {"text": f"comment {index}"}}
    return {
        "id": f"label-{index}",
        "author": {"email": "ada@example.com", "firstname": "Ada", "lastname": "Lovelace"},
        "labelType": "DEFAULT",
        "createdAt": "2026-01-01T00:00:00.000Z",
        "jsonResponse": {
            "TOPIC": {"categories": [topic]},
            "TAGS": {"categories": [{"name": "RED"}, {"name": "BLUE"}]},
            "OBJECTS": {"annotations": [_box(index, 0.0), _box(index, 0.5)]},
            "CAPTION": {"text": f"caption {index}"},
        },
    }


def _time(python: str, module: str, data_file: Path) -> float:
    script = TIMER.format(module=module, runs=RUNS)
    done = subprocess.run(
        [python, "-c", script, str(data_file)], check=True, capture_output=True, text=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def run(ours: str, official: str | None) -> list[str]:
    """Time both parsers on the same labels; `official` is the interop interpreter, if built."""
    with tempfile.TemporaryDirectory() as folder:
        data_file = Path(folder) / "labels.json"
        data = {"interface": INTERFACE, "labels": [label(i) for i in range(LABELS)]}
        data_file.write_text(json.dumps(data))
        started = time.perf_counter()
        mine = _time(ours, "kili.utils.labels", data_file)
        lines = [f"parse_labels, {LABELS:,} labels of a 5-job interface: {mine * 1000:.0f} ms"]
        if official is not None:
            theirs = _time(official, "kili.utils.labels.parsing", data_file)
            lines.append(
                f"official SDK parse_labels, same labels: {theirs * 1000:.0f} ms "
                f"({theirs / mine:.1f}x ours)"
            )
        lines.append(f"(best of {RUNS} in each process; {time.perf_counter() - started:.0f} s)")
    return lines
