"""Labels drawn at random for the format tests: boxes, polygons, segmentations, points."""

from __future__ import annotations

import random
from typing import Any

JOBS: dict[str, dict[str, Any]] = {
    "BOXES": {
        "mlTask": "OBJECT_DETECTION",
        "tools": ["rectangle"],
        "content": {"categories": {"CAR": {"name": "Car"}, "BUS": {"name": "Bus"}}},
    },
    "SHAPES": {
        "mlTask": "OBJECT_DETECTION",
        "tools": ["polygon", "semantic"],
        "content": {"categories": {"ROAD": {"name": "Road"}, "TREE": {"name": "Tree"}}},
    },
    "POINTS": {
        "mlTask": "OBJECT_DETECTION",
        "tools": ["marker"],
        "content": {"categories": {"EYE": {"name": "Eye"}}},
    },
    "WEATHER": {
        "mlTask": "CLASSIFICATION",
        "content": {"categories": {"SUN": {"name": "Sun"}}, "input": "radio"},
    },
}


def vertices(rng: random.Random, count: int) -> list[dict[str, float]]:
    """Draw `count` normalized vertices."""
    return [{"x": rng.random(), "y": rng.random()} for _ in range(count)]


def annotation(rng: random.Random, job: str) -> dict[str, Any]:
    """Draw one annotation of `job` with a shape its tools allow."""
    categories = list(JOBS[job]["content"]["categories"])
    tool = rng.choice(JOBS[job]["tools"])
    body: dict[str, Any] = {
        "categories": [{"name": rng.choice(categories)}],
        "mid": f"m{rng.randrange(10**6)}",
        "type": tool,
    }
    if tool == "marker":
        body["point"] = vertices(rng, 1)[0]
    else:
        body["boundingPoly"] = [
            {"normalizedVertices": vertices(rng, 4 if tool == "rectangle" else 6)}
        ]
    return body


def json_response(rng: random.Random, rotation: int = 0) -> dict[str, Any]:
    """Draw a label's answers over every job of `JOBS`."""
    response: dict[str, Any] = {
        job: {"annotations": [annotation(rng, job) for _ in range(rng.randrange(0, 4))]}
        for job in ("BOXES", "SHAPES", "POINTS")
    }
    response["WEATHER"] = {"categories": [{"name": "SUN"}]}
    if rotation:
        response["ROTATION_JOB"] = {"rotation": rotation}
    return response
