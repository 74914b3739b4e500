"""Labels that do not match their interface are refused with a `LabelParsingError`."""

from __future__ import annotations

from typing import Any

import pytest

from kili.exceptions import KiliError
from kili.utils.labels import LabelParsingError, parse_json_response, parse_labels
from tests.unit.utils.labels.interfaces import (
    NESTED,
    RECTANGLE,
    classification,
    detection,
    interface,
)

INTERFACE = interface(
    CLASSES=classification("radio"),
    MULTI=classification("checkbox"),
    BOXES=detection(["rectangle", "polygon", "marker"]),
    TEXT={"mlTask": "TRANSCRIPTION", "content": {"input": "textField"}, "isChild": False},
    NER={
        "mlTask": "NAMED_ENTITIES_RECOGNITION",
        "content": {"categories": {"ORG": {"name": "Org"}}, "input": "radio"},
        "isChild": False,
    },
    LINKS={
        "mlTask": "OBJECT_RELATION",
        "content": {"categories": {"NEAR": {"name": "near"}}, "input": "radio"},
        "isChild": False,
    },
)


def box(**changes: Any) -> dict[str, Any]:
    return {
        "mid": "b1",
        "type": "rectangle",
        "categories": [{"name": "CAR"}],
        "boundingPoly": [{"normalizedVertices": RECTANGLE}],
        **changes,
    }


def parse_error(
    response: dict[str, Any], json_interface: dict[str, Any] = INTERFACE
) -> LabelParsingError:
    with pytest.raises(LabelParsingError) as caught:
        parse_labels([{"id": "lab-1", "jsonResponse": response}], json_interface, "IMAGE")
    return caught.value


@pytest.mark.parametrize(
    ("response", "job", "problem"),
    [
        ({"UNKNOWN": {}}, "UNKNOWN", "json interface has no such job"),
        (
            {"CLASSES": {"categories": [{"name": "Z"}]}},
            "CLASSES",
            "unknown category 'Z' (categories: A, B, C)",
        ),
        (
            {"BOXES": {"annotations": [box(categories=[{"name": "A"}])]}},
            "BOXES",
            "annotation 0 (mid 'b1'): unknown category 'A'",
        ),
        (
            {"CLASSES": {"categories": [{"name": "A"}, {"name": "B"}]}},
            "CLASSES",
            "2 categories (A, B) in a single-choice (radio) job",
        ),
        (
            {"BOXES": {"annotations": [box(categories=[{"name": "CAR"}, {"name": "PERSON"}])]}},
            "BOXES",
            "in a single-choice",
        ),
        (
            {"MULTI": {"categories": [{"name": "A"}, {"name": "A"}]}},
            "MULTI",
            "category 'A' is given twice",
        ),
        ({"CLASSES": [{"name": "A"}]}, "CLASSES", "the answer must be an object, got a list"),
        (
            {"CLASSES": {"categories": {"name": "A"}}},
            "CLASSES",
            "'categories' must be a list, got an object",
        ),
        (
            {"CLASSES": {"categories": ["A"]}},
            "CLASSES",
            "each category must be an object with a 'name'",
        ),
        (
            {"CLASSES": {"categories": [{"name": "A", "confidence": "high"}]}},
            "CLASSES",
            "confidence of 'A' must be a number",
        ),
        (
            {"BOXES": {"categories": [{"name": "CAR"}]}},
            "BOXES",
            "this answer has job-level 'categories'",
        ),
        (
            {"BOXES": {"annotations": {"mid": "b1"}}},
            "BOXES",
            "'annotations' must be a list, got an object",
        ),
        (
            {"BOXES": {"annotations": ["b1"]}},
            "BOXES",
            "annotation 0: must be an object, got a string",
        ),
        (
            {"BOXES": {"annotations": [box(type="polyline")]}},
            "BOXES",
            "tool 'polyline' is not one of the job's tools",
        ),
        (
            {"BOXES": {"annotations": [box(boundingPoly=[{"normalizedVertices": RECTANGLE[:3]}])]}},
            "BOXES",
            "a rectangle cannot have 3 vertices",
        ),
        (
            {
                "BOXES": {
                    "annotations": [
                        box(type="polygon", boundingPoly=[{"normalizedVertices": RECTANGLE[:2]}])
                    ]
                }
            },
            "BOXES",
            "a polygon cannot have 2 vertices",
        ),
        (
            {
                "BOXES": {
                    "annotations": [
                        box(boundingPoly=[{"normalizedVertices": [{"x": "0", "y": 1}] * 4}])
                    ]
                }
            },
            "BOXES",
            "each vertex must be an object with numeric 'x' and 'y'",
        ),
        (
            {"BOXES": {"annotations": [box(boundingPoly=[{"vertices": []}])]}},
            "BOXES",
            "needs a 'normalizedVertices' list",
        ),
        (
            {"BOXES": {"annotations": [{"mid": "b1", "type": "rectangle"}]}},
            "BOXES",
            "a 'rectangle' object needs 'boundingPoly'",
        ),
        (
            {"BOXES": {"annotations": [{"mid": "m", "type": "marker", "point": [0.1, 0.2]}]}},
            "BOXES",
            "'point' must be an object with numeric 'x' and 'y'",
        ),
        (
            {"BOXES": {"annotations": [{"mid": "m", "categories": [{"name": "CAR"}]}]}},
            "BOXES",
            "an object needs 'boundingPoly', 'point', 'polyline' or 'points'",
        ),
        ({"TEXT": {"text": 12}}, "TEXT", "'text' must be a string, got a number"),
        (
            {"TEXT": {"categories": [{"name": "A"}]}},
            "TEXT",
            "unknown category 'A' (categories: none)",
        ),
        (
            {"NER": {"annotations": [{"mid": "e", "content": "Kili"}]}},
            "NER",
            "an entity needs 'beginOffset' (text) or 'annotations' (PDF)",
        ),
        (
            {"NER": {"annotations": [{"mid": "e", "beginOffset": "3"}]}},
            "NER",
            "'beginOffset' must be an integer",
        ),
        (
            {"LINKS": {"annotations": [{"mid": "r", "startObjects": [{"mid": "a"}]}]}},
            "LINKS",
            "needs a 'endObjects' list",
        ),
    ],
)
def test_mismatches_name_the_label_the_job_and_the_problem(
    response: dict[str, Any], job: str, problem: str
) -> None:
    error = parse_error(response)

    assert error.job_name == job
    assert error.label_id == "lab-1"
    assert problem in error.problem
    assert str(error).startswith(f"label 'lab-1', job '{job}': ")


def test_nested_jobs_must_be_declared_under_their_parent() -> None:
    stray_child = {
        "SHAPE": {"annotations": [box(categories=[{"name": "CAR"}], children={"INTENSITY": {}})]}
    }

    error = parse_error(stray_child, NESTED)

    assert error.job_name == "INTENSITY"
    assert error.problem == "this job cannot appear under job 'SHAPE'"


def test_child_jobs_cannot_answer_at_the_top_level() -> None:
    error = parse_error({"PLATE": {"text": "AB-123"}}, NESTED)

    assert error.job_name == "PLATE"
    assert error.problem == "this job cannot appear at the top level of a label"


def test_errors_inside_children_name_the_child_job() -> None:
    rainy = {"name": "RAINY", "children": {"INTENSITY": {"categories": [{"name": "Q"}]}}}

    error = parse_error({"WEATHER": {"categories": [rainy]}}, NESTED)

    assert error.job_name == "INTENSITY"
    assert "unknown category 'Q'" in error.problem


def test_children_must_be_an_object() -> None:
    error = parse_error({"WEATHER": {"categories": [{"name": "RAINY", "children": []}]}}, NESTED)

    assert error.job_name == "WEATHER"
    assert error.problem == "the children of job 'WEATHER' must be an object, got a list"


def test_label_parsing_error_is_a_kili_error_and_a_value_error() -> None:
    error = parse_error({"UNKNOWN": {}})

    assert isinstance(error, KiliError)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("json_response", "problem"),
    [
        ("{not json", "jsonResponse is not valid JSON"),
        ([], "jsonResponse must be an object, got list"),
    ],
)
def test_a_json_response_that_is_no_object_is_refused(json_response: Any, problem: str) -> None:
    with pytest.raises(LabelParsingError, match=problem) as caught:
        parse_labels([{"id": "lab-9", "jsonResponse": json_response}], INTERFACE, "IMAGE")

    assert caught.value.label_id == "lab-9"


def test_a_label_that_is_no_dict_is_refused() -> None:
    with pytest.raises(LabelParsingError, match="a label must be a dict, got str"):
        parse_labels(["lab-1"], INTERFACE, "IMAGE")  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("json_interface", "problem"),
    [
        ({}, "json interface has no 'jobs' object"),
        ("{", "json interface is not valid JSON"),
        ({"jobs": {"JOB": {"content": {}}}}, "job 'JOB': json interface declares no 'mlTask'"),
    ],
)
def test_an_unusable_interface_is_refused(json_interface: Any, problem: str) -> None:
    with pytest.raises(LabelParsingError, match=problem):
        parse_json_response({}, json_interface, "IMAGE")


def test_errors_in_a_generator_surface_while_iterating() -> None:
    labels = iter([{"id": "ok", "jsonResponse": {}}, {"id": "bad", "jsonResponse": {"NOPE": {}}}])

    parsed = parse_labels(labels, INTERFACE, "IMAGE")

    assert next(parsed)["id"] == "ok"
    with pytest.raises(LabelParsingError, match="label 'bad', job 'NOPE'"):
        next(parsed)
