"""Json interfaces and labels shared by the parsing tests."""

from __future__ import annotations

from typing import Any

RECTANGLE = [{"x": 0.1, "y": 0.2}, {"x": 0.1, "y": 0.4}, {"x": 0.3, "y": 0.4}, {"x": 0.3, "y": 0.2}]


def classification(input_: str = "radio", **extra: Any) -> dict[str, Any]:
    return {
        "mlTask": "CLASSIFICATION",
        "content": {
            "categories": {"A": {"name": "Alpha"}, "B": {"name": "Beta"}, "C": {"name": "Gamma"}},
            "input": input_,
        },
        "required": 1,
        "isChild": False,
        **extra,
    }


def detection(tools: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "mlTask": "OBJECT_DETECTION",
        "tools": tools,
        "content": {
            "categories": {"CAR": {"name": "Car"}, "PERSON": {"name": "Person"}},
            "input": "radio",
        },
        "required": 0,
        "isChild": False,
        **extra,
    }


def interface(**jobs: dict[str, Any]) -> dict[str, Any]:
    return {"jobs": jobs}


NESTED = interface(
    SHAPE=detection(
        ["rectangle"],
        content={
            "categories": {"CAR": {"name": "Car", "children": ["PLATE"]}},
            "input": "radio",
        },
    ),
    PLATE={"mlTask": "TRANSCRIPTION", "content": {"input": "textField"}, "isChild": True},
    WEATHER=classification(
        content={
            "categories": {
                "SUNNY": {"name": "Sunny", "children": []},
                "RAINY": {"name": "Rainy", "children": ["INTENSITY"]},
            },
            "input": "radio",
        }
    ),
    INTENSITY={**classification("radio"), "isChild": True},
)
"""A box job with a transcription under CAR, a classification with another under RAINY."""
