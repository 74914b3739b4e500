"""Nested jobs, and giving labels back as the dicts they were parsed from."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from typing import Any

import pytest

from kili.utils.labels import MissingAnswerError, ParsedLabel, parse_labels
from tests.unit.utils.labels.interfaces import (
    NESTED,
    RECTANGLE,
    classification,
    detection,
    interface,
)

NESTED_LABEL: dict[str, Any] = {
    "id": "label-1",
    "author": {"email": "ada@example.com"},
    "jsonResponse": {
        "SHAPE": {
            "annotations": [
                {
                    "mid": "car-1",
                    "type": "rectangle",
                    "categories": [{"name": "CAR"}],
                    "boundingPoly": [
                        {"normalizedVertices": RECTANGLE, "vertices": [{"x": 4, "y": 8}]}
                    ],
                    "children": {"PLATE": {"text": "AB-123-CD"}},
                    "isKeyFrame": True,
                }
            ]
        },
        "WEATHER": {
            "categories": [
                {
                    "name": "RAINY",
                    "confidence": 90,
                    "children": {"INTENSITY": {"categories": [{"name": "C"}]}},
                }
            ]
        },
        "ANNOTATION_JOB_COUNTER": {"SHAPE": {"CAR": 1}},
        "ANNOTATION_NAMES_JOB": {"car-1": "Car 1"},
    },
    "labelType": "DEFAULT",
    "secondsToLabel": 12,
}


def parsed_nested() -> ParsedLabel:
    return parse_labels([NESTED_LABEL], NESTED, "IMAGE")[0]


def test_children_of_an_annotation_are_parsed_jobs() -> None:
    [car] = parsed_nested().jobs["SHAPE"].annotations

    assert list(car.children) == ["PLATE"]
    assert car.children["PLATE"].text == "AB-123-CD"
    assert car.is_key_frame is True


def test_children_of_a_category_are_parsed_jobs() -> None:
    rainy = parsed_nested().jobs["WEATHER"].category

    assert rainy is not None
    assert rainy.confidence == 90
    intensity = rainy.children["INTENSITY"].category
    assert intensity is not None
    assert intensity.display_name == "Gamma"


def test_child_jobs_are_not_top_level_jobs_and_technical_keys_are_not_jobs() -> None:
    jobs = parsed_nested().jobs

    assert list(jobs) == ["SHAPE", "WEATHER"]
    with pytest.raises(
        KeyError, match=r"Job named 'PLATE' does not exist\. Jobs here: SHAPE, WEATHER"
    ):
        jobs["PLATE"]


def test_to_dict_gives_the_label_back_unchanged_with_unmodelled_keys() -> None:
    label = parsed_nested()

    assert label.to_dict() == NESTED_LABEL
    assert list(label.to_dict()) == [k for k in NESTED_LABEL if k != "jsonResponse"] + [
        "jsonResponse"
    ]
    assert label.json_response == NESTED_LABEL["jsonResponse"]
    assert label.jobs.to_dict() == NESTED_LABEL["jsonResponse"]


def test_parts_give_back_their_own_dicts() -> None:
    label = parsed_nested()
    [car] = label.jobs["SHAPE"].annotations
    response = NESTED_LABEL["jsonResponse"]

    assert car.to_dict() == response["SHAPE"]["annotations"][0]
    assert car.as_dict() == car.to_dict()
    assert car.bounding_poly[0].to_dict() == response["SHAPE"]["annotations"][0]["boundingPoly"][0]
    assert label.jobs["WEATHER"].to_dict() == response["WEATHER"]
    assert label.jobs["WEATHER"].categories[0].to_dict() == response["WEATHER"]["categories"][0]


def test_to_dict_returns_copies_and_parsing_copies_its_input() -> None:
    source = copy.deepcopy(NESTED_LABEL)
    label = parse_labels([source], NESTED, "IMAGE")[0]

    label.to_dict()["jsonResponse"]["SHAPE"]["annotations"].clear()
    label.json_response["WEATHER"].clear()
    source["jsonResponse"]["SHAPE"]["annotations"][0]["children"]["PLATE"]["text"] = "changed"
    source["author"]["email"] = "changed"

    assert label.to_dict() == NESTED_LABEL
    assert label["author"]["email"] == "ada@example.com"
    assert label.jobs["SHAPE"].annotations[0].children["PLATE"].text == "AB-123-CD"


def test_a_json_text_response_is_decoded_and_a_missing_one_is_empty() -> None:
    as_text = {**NESTED_LABEL, "jsonResponse": json.dumps(NESTED_LABEL["jsonResponse"])}
    without = {"id": "label-2"}

    from_text, empty = parse_labels([as_text, without], json.dumps(NESTED), "IMAGE")

    assert from_text.to_dict() == NESTED_LABEL
    assert empty.to_dict() == {"id": "label-2", "jsonResponse": {}}
    with pytest.raises(MissingAnswerError, match="no category for this required job"):
        _ = empty.jobs["WEATHER"].category


def test_parsed_label_reads_like_the_label_without_its_json_response() -> None:
    label = parsed_nested()

    assert label["id"] == "label-1"
    assert dict(label) == {k: v for k, v in NESTED_LABEL.items() if k != "jsonResponse"}
    assert "jsonResponse" not in label
    with pytest.raises(KeyError, match=r"parsed into \.jobs"):
        label["jsonResponse"]
    assert isinstance(label, dict)
    assert json.loads(json.dumps(label)) == dict(label)


def test_parse_labels_keeps_a_generator_lazy() -> None:
    seen: list[int] = []

    def labels() -> Any:
        for index in range(3):
            seen.append(index)
            yield {"id": str(index), "jsonResponse": {"JOB": {"categories": [{"name": "A"}]}}}

    parsed = parse_labels(labels(), interface(JOB=classification()), "IMAGE")

    assert seen == []
    assert [label["id"] for label in parsed] == ["0", "1", "2"]
    assert seen == [0, 1, 2]


def test_parse_labels_returns_a_list_for_a_list() -> None:
    labels = [{"jsonResponse": {}}, {"jsonResponse": {"JOB": {"annotations": []}}}]

    parsed = parse_labels(labels, interface(JOB=detection(["rectangle"])), "IMAGE")

    assert isinstance(parsed, list)
    assert [label.jobs["JOB"].annotations for label in parsed] == [(), ()]


def test_importing_the_parser_loads_nothing_heavy_and_kili_does_not_load_it() -> None:
    code = (
        "import sys, kili; assert 'kili.utils.labels' not in sys.modules; "
        "import kili.utils.labels; "
        "print(','.join(m for m in ('httpx', 'pydantic', 'graphql', 'tqdm', 'kili.client') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()

    assert loaded == ""
