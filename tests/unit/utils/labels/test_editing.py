"""Parsed labels as the official SDK's code uses them: dicts, printed answers, edits."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from kili.exceptions import KiliError
from kili.utils.labels import (
    AttributeNotCompatibleWithJobError,
    FrameIndexError,
    InvalidMutationError,
    JobNotExistingError,
    MissingAnswerError,
    ParsedLabel,
    parse_labels,
)
from tests.unit.utils.labels.interfaces import RECTANGLE, classification, detection, interface

INTERFACE = interface(
    CLASSIFICATION_JOB=classification(),
    TAGS=classification("checkbox", required=0),
    OBJECT_DETECTION_JOB=detection(["rectangle", "marker"]),
    NER={
        "mlTask": "NAMED_ENTITIES_RECOGNITION",
        "content": {"categories": {"PER": {"name": "Person"}}, "input": "radio"},
        "required": 0,
        "isChild": False,
    },
    CAPTION={"mlTask": "TRANSCRIPTION", "content": {"input": "textField"}, "isChild": False},
    DATE={"mlTask": "TRANSCRIPTION", "content": {"input": "date"}, "isChild": False},
)

LABEL: dict[str, Any] = {
    "id": "label-1",
    "author": {"email": "ada@example.com", "firstname": "Ada", "lastname": "Lovelace"},
    "labelType": "DEFAULT",
    "jsonResponse": {
        "CLASSIFICATION_JOB": {"categories": [{"name": "A", "confidence": 100}]},
        "OBJECT_DETECTION_JOB": {
            "annotations": [
                {
                    "children": {},
                    "mid": "car-1",
                    "type": "rectangle",
                    "boundingPoly": [{"normalizedVertices": RECTANGLE}],
                    "categories": [{"name": "CAR"}],
                }
            ]
        },
        "NER": {
            "annotations": [
                {"mid": "e1", "beginOffset": 0, "endOffset": 3, "content": "Ada", "categories": []}
            ]
        },
    },
}


def parsed(label: dict[str, Any] = LABEL) -> ParsedLabel:
    return parse_labels([label], INTERFACE, "IMAGE")[0]


def test_the_official_tutorial_sequence_parse_read_edit_to_dict() -> None:
    label = parsed()

    job = label.jobs["CLASSIFICATION_JOB"]
    assert (job.category.name, job.category.display_name, job.category.confidence) == (
        "A",
        "Alpha",
        100,
    )
    box = label.jobs["OBJECT_DETECTION_JOB"].annotations[0]
    assert box.bounding_poly[0].normalized_vertices == RECTANGLE

    job.category.name = "B"
    job.category.confidence = 42
    label.jobs["TAGS"].add_category("A", confidence=80)
    label.jobs["TAGS"].add_category("C")
    label.jobs["CAPTION"].text = "a red car"
    box.bounding_poly[0].normalized_vertices = list(reversed(RECTANGLE))
    label.jobs["OBJECT_DETECTION_JOB"].add_annotation(
        {
            "mid": "p1",
            "type": "marker",
            "point": {"x": 0.5, "y": 0.5},
            "categories": [{"name": "CAR"}],
        }
    )

    rebuilt = label.to_dict()
    response = rebuilt["jsonResponse"]
    assert response["CLASSIFICATION_JOB"] == {"categories": [{"name": "B", "confidence": 42}]}
    assert response["TAGS"] == {"categories": [{"name": "A", "confidence": 80}, {"name": "C"}]}
    assert response["CAPTION"] == {"text": "a red car"}
    objects = response["OBJECT_DETECTION_JOB"]["annotations"]
    assert objects[0]["boundingPoly"] == [{"normalizedVertices": list(reversed(RECTANGLE))}]
    assert objects[1] == {
        "mid": "p1",
        "type": "marker",
        "point": {"x": 0.5, "y": 0.5},
        "categories": [{"name": "CAR"}],
    }
    assert list(rebuilt)[-1] == "jsonResponse"
    assert LABEL["jsonResponse"]["CLASSIFICATION_JOB"]["categories"][0]["name"] == "A"


def test_a_parsed_label_is_the_label_dict_without_its_json_response() -> None:
    label = parsed()

    assert isinstance(label, dict)
    assert label["author"]["email"] == "ada@example.com"
    assert json.loads(json.dumps(label)) == {k: v for k, v in LABEL.items() if k != "jsonResponse"}
    with pytest.raises(KeyError, match=r"parsed into \.jobs"):
        label["jsonResponse"]
    assert label.get("jsonResponse") is None
    label["labelType"] = "REVIEW"
    assert label.to_dict()["labelType"] == "REVIEW"
    assert copy.deepcopy(label).to_dict() == label.to_dict()


def test_a_job_prints_as_its_answer_in_the_official_key_order() -> None:
    label = parsed()

    assert str(label.jobs["CLASSIFICATION_JOB"]) == (
        "{'categories': [{'name': 'A', 'confidence': 100}]}"
    )
    assert repr(label.jobs["TAGS"]) == "{}"
    box = str(label.jobs["OBJECT_DETECTION_JOB"])
    assert box.index("'mid'") < box.index("'categories'") < box.index("'boundingPoly'")
    assert box.index("'boundingPoly'") < box.index("'children'")
    assert str(label.jobs["OBJECT_DETECTION_JOB"].annotations[0]).startswith("{'children': {}")
    assert str(label.jobs["CLASSIFICATION_JOB"].category) == (
        "{'name': 'A', 'display_name': 'Alpha', 'confidence': 100}"
    )
    assert str(label).startswith("{'id': 'label-1'")


def test_an_unknown_category_is_refused_with_the_official_message() -> None:
    category = parsed().jobs["CLASSIFICATION_JOB"].category

    with pytest.raises(
        InvalidMutationError,
        match=r"label 'label-1', job 'CLASSIFICATION_JOB': Category 'Z' is not in the job "
        r"interface with categories: \['A', 'B', 'C'\]",
    ):
        category.name = "Z"
    with pytest.raises(InvalidMutationError, match="Category 'Z' is not in the job interface"):
        parsed().jobs["TAGS"].add_category("Z")
    assert category.name == "A"


def test_a_second_category_on_a_single_choice_job_is_refused() -> None:
    label = parsed()

    with pytest.raises(
        InvalidMutationError,
        match=r"Cannot add more than one category to a radio classification job\.",
    ):
        label.jobs["CLASSIFICATION_JOB"].add_category("B")
    label.jobs["TAGS"].add_category("A")
    with pytest.raises(InvalidMutationError, match="a category with the same name already exists"):
        label.jobs["TAGS"].add_category("A")
    assert isinstance(InvalidMutationError("x"), ValueError | KiliError)


def test_attributes_the_job_kind_does_not_have_raise_the_official_error() -> None:
    label = parsed()
    box = label.jobs["OBJECT_DETECTION_JOB"].annotations[0]
    entity = label.jobs["NER"].annotations[0]

    cases = [
        (lambda: label.jobs["CLASSIFICATION_JOB"].text, "text"),
        (lambda: label.jobs["CLASSIFICATION_JOB"].annotations, "annotations"),
        (lambda: label.jobs["TAGS"].category, "category"),
        (lambda: label.jobs["CAPTION"].categories, "categories"),
        (lambda: box.content, "content"),
        (lambda: box.point, "point"),
        (lambda: entity.point, "point"),
        (lambda: entity.type, "type"),
        (lambda: label.jobs["CLASSIFICATION_JOB"].frames, "frames"),
    ]
    for read, attribute in cases:
        with pytest.raises(AttributeNotCompatibleWithJobError) as caught:
            read()
        assert f"The attribute '{attribute}' is not compatible with the job." in str(caught.value)
        assert caught.value.label_id == "label-1"
    assert not hasattr(box, "content")
    with pytest.raises(AttributeNotCompatibleWithJobError):
        label.jobs["CLASSIFICATION_JOB"].text = "text"


def test_unanswered_category_and_text_raise_as_the_official_sdk_does() -> None:
    label = parse_labels([{"id": "l2", "jsonResponse": {}}], INTERFACE, "IMAGE")[0]

    with pytest.raises(MissingAnswerError, match="label 'l2', job 'CLASSIFICATION_JOB'"):
        _ = label.jobs["CLASSIFICATION_JOB"].category
    with pytest.raises(KeyError, match="job 'CAPTION': the label gives no 'text'"):
        _ = label.jobs["CAPTION"].text
    with pytest.raises(ValueError, match=r"Expected 1 category, got \[\]"):
        _ = parsed().jobs["NER"].annotations[0].category
    optional = classification("radio", required=0)
    jobs = parse_labels([{"jsonResponse": {}}], interface(JOB=optional), "IMAGE")[0].jobs
    assert jobs["JOB"].category is None


def test_unknown_jobs_raise_job_not_existing_error() -> None:
    with pytest.raises(JobNotExistingError, match=r"Job named 'NOPE' does not exist\."):
        parsed().jobs["NOPE"]
    with pytest.raises(JobNotExistingError, match="label 'x', job 'NOPE'"):
        parse_labels([{"id": "x", "jsonResponse": {"NOPE": {}}}], INTERFACE, "IMAGE")


def test_setters_check_their_values() -> None:
    label = parsed()
    box = label.jobs["OBJECT_DETECTION_JOB"].annotations[0]
    entity = label.jobs["NER"].annotations[0]

    with pytest.raises(InvalidMutationError, match="is not a rectangle"):
        box.bounding_poly[0].normalized_vertices = RECTANGLE[:3]
    with pytest.raises(InvalidMutationError, match="numeric 'x' and 'y'"):
        box.bounding_poly[0].normalized_vertices = [{"x": "a", "y": 0}] * 4
    with pytest.raises(InvalidMutationError, match="Score must be between 0 and 100"):
        box.score = 120
    with pytest.raises(InvalidMutationError, match="mid must be non-empty"):
        box.mid = ""
    with pytest.raises(InvalidMutationError, match="from 0 to 100"):
        label.jobs["CLASSIFICATION_JOB"].category.confidence = -1
    with pytest.raises(InvalidMutationError, match="Expected a date, got tomorrow"):
        label.jobs["DATE"].text = "tomorrow"
    with pytest.raises(InvalidMutationError, match="begin_offset must be positive"):
        entity.begin_offset = -2

    box.score = 90
    box.mid = "car-9"
    entity.content, entity.begin_offset, entity.end_offset = "Lovelace", 4, 12
    entity.add_category("PER")
    label.jobs["DATE"].text = "2026-01-31"
    label.jobs["CLASSIFICATION_JOB"].category.display_name = "Gamma"

    response = label.to_dict()["jsonResponse"]
    assert response["OBJECT_DETECTION_JOB"]["annotations"][0]["score"] == 90
    assert response["OBJECT_DETECTION_JOB"]["annotations"][0]["mid"] == "car-9"
    assert response["NER"]["annotations"][0] == {
        "mid": "e1",
        "beginOffset": 4,
        "endOffset": 12,
        "content": "Lovelace",
        "categories": [{"name": "PER"}],
    }
    assert response["DATE"] == {"text": "2026-01-31"}
    assert response["CLASSIFICATION_JOB"]["categories"][0]["name"] == "C"


def test_added_annotations_are_checked_as_parsing_checks_them() -> None:
    job = parsed().jobs["OBJECT_DETECTION_JOB"]

    with pytest.raises(
        InvalidMutationError,
        match=r"Annotation of type 'polygon' cannot be added to this job with tools",
    ):
        job.add_annotation({"type": "polygon", "boundingPoly": [{"normalizedVertices": RECTANGLE}]})
    with pytest.raises(InvalidMutationError, match="a 'marker' object needs 'point'"):
        job.add_annotation({"mid": "m", "type": "marker", "categories": [{"name": "CAR"}]})
    with pytest.raises(InvalidMutationError, match="unknown category 'BUS'"):
        job.add_annotation(
            {
                "mid": "m",
                "type": "marker",
                "point": {"x": 0, "y": 0},
                "categories": [{"name": "BUS"}],
            }
        )
    assert len(job.annotations) == 1


def test_children_can_be_answered_through_edits() -> None:
    nested = interface(
        WEATHER=classification(
            content={
                "categories": {
                    "RAIN": {"name": "Rain", "children": ["HOW"]},
                    "SUN": {"name": "Sun"},
                },
                "input": "radio",
            }
        ),
        HOW={**classification("radio", required=0), "isChild": True},
    )
    label = parse_labels(
        [{"jsonResponse": {"WEATHER": {"categories": [{"name": "RAIN"}]}}}], nested, "IMAGE"
    )[0]

    rain = label.jobs["WEATHER"].category
    rain.children["HOW"].add_category("B")
    assert label.to_dict()["jsonResponse"]["WEATHER"] == {
        "categories": [{"name": "RAIN", "children": {"HOW": {"categories": [{"name": "B"}]}}}]
    }
    rain.children = {"HOW": {"categories": [{"name": "C"}]}}
    assert rain.children["HOW"].category.name == "C"
    with pytest.raises(InvalidMutationError, match="cannot appear under job 'WEATHER'"):
        rain.children = {"WEATHER": {}}


def test_video_jobs_index_frames_and_refuse_frames_out_of_range() -> None:
    response = {"0": {"JOB": {"categories": [{"name": "A"}]}}, "1": {}}
    label = parse_labels(
        [{"id": "v", "jsonResponse": response}], interface(JOB=classification(required=0)), "VIDEO"
    )[0]

    job = label.jobs["JOB"]
    assert job[0].category.name == "A"
    assert len(job) == 2
    with pytest.raises(
        FrameIndexError, match=r"Frame index 5 out of range for frame list of size 2\."
    ):
        job.frames[5]
    job[1].add_category("B")
    assert label.to_dict()["jsonResponse"] == {
        "0": {"JOB": {"categories": [{"name": "A"}]}},
        "1": {"JOB": {"categories": [{"name": "B"}]}},
    }
    assert str(job) == "[{'categories': [{'name': 'A'}]}, {'categories': [{'name': 'B'}]}]"
