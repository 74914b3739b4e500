"""What the benchmarks' projects hold: interfaces and label answers."""

from __future__ import annotations

from typing import Any

TEXT_INTERFACE: dict[str, Any] = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "required": 1,
            "isChild": False,
            "instruction": "Topic",
            "content": {
                "input": "radio",
                "categories": {"SPORT": {"name": "Sport"}, "POLITICS": {"name": "Politics"}},
            },
        }
    }
}
"""One radio classification job."""

IMAGE_INTERFACE: dict[str, Any] = {
    "jobs": {
        **TEXT_INTERFACE["jobs"],
        "OBJECT_DETECTION_JOB": {
            "mlTask": "OBJECT_DETECTION",
            "tools": ["rectangle"],
            "required": 0,
            "isChild": False,
            "instruction": "Objects",
            "content": {
                "input": "radio",
                "categories": {"CAR": {"name": "Car"}, "PERSON": {"name": "Person"}},
            },
        },
    }
}
"""The classification job and a bounding-box job."""


def answer(index: int) -> dict[str, Any]:
    """Return a label answering the classification job, alternating its two categories."""
    category = "SPORT" if index % 2 else "POLITICS"
    return {"CLASSIFICATION_JOB": {"categories": [{"name": category}]}}


def box_label(index: int) -> dict[str, Any]:
    """Return `answer(index)` with one box, placed according to `index`."""
    x, y = (index % 7) / 10, (index % 5) / 10
    vertices = [
        {"x": x, "y": y},
        {"x": x, "y": y + 0.2},
        {"x": x + 0.2, "y": y + 0.2},
        {"x": x + 0.2, "y": y},
    ]
    box = {
        "mid": f"box-{index}",
        "type": "rectangle",
        "categories": [{"name": "CAR" if index % 2 else "PERSON"}],
        "boundingPoly": [{"normalizedVertices": vertices}],
        "children": {},
    }
    return {**answer(index), "OBJECT_DETECTION_JOB": {"annotations": [box]}}
