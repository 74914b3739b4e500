"""What a parsed label offers for each kind of job."""

from __future__ import annotations

from typing import Any

import pytest

from kili.utils.labels import (
    AttributeNotCompatibleWithJobError,
    MissingAnswerError,
    ParsedJob,
    ParsedLabel,
    parse_json_response,
    parse_labels,
)
from tests.unit.utils.labels.interfaces import RECTANGLE, classification, detection, interface


def parse_job(job: dict[str, Any], answer: dict[str, Any], input_type: str = "IMAGE") -> ParsedJob:
    [label] = parse_labels([{"jsonResponse": {"JOB": answer}}], interface(JOB=job), input_type)
    return label.jobs["JOB"]


# --- classification ---------------------------------------------------------------------


def test_single_choice_classification_gives_its_category() -> None:
    job = parse_job(classification("radio"), {"categories": [{"name": "B", "confidence": 42}]})

    assert job.category is not None
    assert (job.category.name, job.category.display_name, job.category.confidence) == (
        "B",
        "Beta",
        42,
    )
    assert [category.name for category in job.categories] == ["B"]


def test_multiple_choice_classification_gives_categories_in_order_but_no_single_category() -> None:
    job = parse_job(classification("checkbox"), {"categories": [{"name": "C"}, {"name": "A"}]})

    assert [(c.name, c.display_name, c.confidence) for c in job.categories] == [
        ("C", "Gamma", None),
        ("A", "Alpha", None),
    ]
    with pytest.raises(
        AttributeNotCompatibleWithJobError, match=r"no single category: use \.categories"
    ):
        _ = job.category
    assert not hasattr(job, "category")


def test_unanswered_job_is_present_and_empty() -> None:
    optional = classification(required=0)
    jobs = parse_json_response({}, interface(JOB=optional, OTHER=classification()), "IMAGE")

    assert list(jobs) == ["JOB", "OTHER"]
    assert jobs["JOB"].category is None
    assert jobs["JOB"].categories == []
    assert jobs["JOB"].to_dict() == {}
    with pytest.raises(MissingAnswerError, match="job 'OTHER': the label gives no category"):
        _ = jobs["OTHER"].category


def test_classification_has_no_annotations_nor_text() -> None:
    job = parse_job(classification(), {"categories": [{"name": "A"}]})

    with pytest.raises(AttributeError, match=r"'annotations' is not compatible.*CLASSIFICATION"):
        _ = job.annotations
    with pytest.raises(AttributeNotCompatibleWithJobError, match="CLASSIFICATION job has no text"):
        _ = job.text


# --- transcription ----------------------------------------------------------------------


def test_transcription_gives_its_text_and_none_when_unanswered() -> None:
    transcription = {"mlTask": "TRANSCRIPTION", "content": {"input": "textField"}, "isChild": False}

    assert parse_job(transcription, {"text": "Rue de la Paix"}).text == "Rue de la Paix"
    with pytest.raises(KeyError, match="gives no 'text'"):
        _ = parse_job(transcription, {}).text
    assert not hasattr(parse_job(transcription, {}), "categories")


# --- object detection -------------------------------------------------------------------


def box(category: str = "CAR", vertices: list[dict[str, float]] = RECTANGLE) -> dict[str, Any]:
    return {
        "mid": f"mid-{category}",
        "type": "rectangle",
        "categories": [{"name": category}],
        "boundingPoly": [{"normalizedVertices": vertices}],
        "children": {},
    }


def test_boxes_give_category_tool_and_normalized_vertices() -> None:
    job = parse_job(detection(["rectangle"]), {"annotations": [box("CAR"), box("PERSON")]})

    first, second = job.annotations
    assert first.category is not None
    assert first.category.display_name == "Car"
    assert (first.mid, first.type) == ("mid-CAR", "rectangle")
    assert first.bounding_poly[0].normalized_vertices == RECTANGLE
    assert second.categories[0].name == "PERSON"
    assert job.bounding_poly_annotations == job.annotations
    assert not hasattr(job, "categories")
    assert not hasattr(job, "entity_annotations")


@pytest.mark.parametrize("tool", ["polygon", "semantic"])
def test_polygons_keep_every_vertex(tool: str) -> None:
    vertices = [
        {"x": 0.1, "y": 0.1},
        {"x": 0.5, "y": 0.2},
        {"x": 0.3, "y": 0.6},
        {"x": 0.2, "y": 0.5},
        {"x": 0.1, "y": 0.3},
    ]
    annotation = {**box(), "type": tool, "boundingPoly": [{"normalizedVertices": vertices}]}

    [parsed] = parse_job(detection([tool]), {"annotations": [annotation]}).annotations

    assert parsed.type == tool
    assert parsed.bounding_poly[0].normalized_vertices == vertices


def test_points_and_lines_give_their_coordinates() -> None:
    point = {
        "mid": "p",
        "type": "marker",
        "categories": [{"name": "CAR"}],
        "point": {"x": 0.3, "y": 0.4},
    }
    line = {
        "mid": "l",
        "type": "polyline",
        "categories": [{"name": "PERSON"}],
        "polyline": RECTANGLE[:2],
    }

    marker, polyline = parse_job(
        detection(["marker", "polyline"]), {"annotations": [point, line]}
    ).annotations

    assert marker.point == {"x": 0.3, "y": 0.4}
    assert polyline.polyline == RECTANGLE[:2]
    with pytest.raises(AttributeError, match="'marker' annotation has none"):
        _ = marker.bounding_poly
    with pytest.raises(AttributeError, match="'polyline' is not compatible"):
        _ = marker.polyline


def test_pose_estimation_gives_points_by_code() -> None:
    pose = {
        "mid": "pose-1",
        "type": "pose",
        "kind": "POSE_ESTIMATION",
        "categories": [{"name": "PERSON"}],
        "points": [
            {
                "code": "NOSE",
                "mid": "n",
                "name": "Nose",
                "type": "marker",
                "point": {"x": 0.5, "y": 0.1},
            },
            {"code": "LEFT_EYE", "mid": "e", "type": "marker", "point": {"x": 0.45, "y": 0.08}},
        ],
    }

    [parsed] = parse_job(detection(["pose"]), {"annotations": [pose]}).annotations

    assert parsed.kind == "POSE_ESTIMATION"
    assert [(p.code, p.point["x"]) for p in parsed.points] == [("NOSE", 0.5), ("LEFT_EYE", 0.45)]
    assert (parsed.points[0].name, parsed.points[0].mid, parsed.points[0].type) == (
        "Nose",
        "n",
        "marker",
    )
    with pytest.raises(KeyError, match="no 'name'"):
        _ = parsed.points[1].name


def test_model_score_is_read_when_present() -> None:
    annotations = [{**box(), "score": 87}, box()]

    scored, unscored = parse_job(detection(["rectangle"]), {"annotations": annotations}).annotations

    assert (scored.score, unscored.score) == (87, None)


# --- named entities and relations -------------------------------------------------------


NER = {
    "mlTask": "NAMED_ENTITIES_RECOGNITION",
    "content": {
        "categories": {"ORG": {"name": "Organization"}, "PER": {"name": "Person"}},
        "input": "radio",
    },
    "isChild": False,
}


def test_named_entities_give_offsets_and_content() -> None:
    entity = {
        "mid": "e1",
        "categories": [{"name": "ORG"}],
        "beginOffset": 8,
        "endOffset": 12,
        "content": "Kili",
    }

    job = parse_job(NER, {"annotations": [entity]}, "TEXT")

    [parsed] = job.entity_annotations
    assert (parsed.begin_offset, parsed.end_offset, parsed.content) == (8, 12, "Kili")
    assert parsed.category is not None
    assert parsed.category.display_name == "Organization"
    assert job.entity_annotations == job.annotations
    assert not hasattr(job, "bounding_poly_annotations")


def test_named_entities_in_pdf_give_their_positions() -> None:
    rectangle = [
        [
            {"x": 0.46, "y": 0.26},
            {"x": 0.46, "y": 0.27},
            {"x": 0.60, "y": 0.26},
            {"x": 0.60, "y": 0.27},
        ]
    ]
    position = {
        "boundingPoly": [{"normalizedVertices": rectangle}],
        "pageNumberArray": [3],
        "polys": [{"normalizedVertices": rectangle}],
    }
    entity = {
        "mid": "e",
        "categories": [{"name": "PER"}],
        "content": "Ada",
        "annotations": [position],
    }

    [parsed] = parse_job(NER, {"annotations": [entity]}, "PDF").annotations

    [where] = parsed.annotations
    assert where.page_number_array == [3]
    assert where.polys == [{"normalizedVertices": rectangle}]
    assert where.bounding_poly[0].normalized_vertices == rectangle


def test_relations_give_the_mids_they_link() -> None:
    ner_relation = {
        "mlTask": "NAMED_ENTITIES_RELATION",
        "content": {"categories": {"WORKS_AT": {"name": "works at"}}, "input": "radio"},
        "isChild": False,
    }
    object_relation = {**ner_relation, "mlTask": "OBJECT_RELATION"}
    response = {
        "NER": {"annotations": [{"mid": "a", "beginOffset": 0, "categories": [{"name": "PER"}]}]},
        "LINKS": {
            "annotations": [
                {
                    "mid": "r",
                    "categories": [{"name": "WORKS_AT"}],
                    "startEntities": [{"mid": "a"}],
                    "endEntities": [{"mid": "b"}],
                }
            ]
        },
        "OBJECT_LINKS": {
            "annotations": [
                {
                    "mid": "o",
                    "categories": [{"name": "WORKS_AT"}],
                    "startObjects": [{"mid": "x"}],
                    "endObjects": [{"mid": "y"}],
                }
            ]
        },
    }

    jobs = parse_json_response(
        response, interface(NER=NER, LINKS=ner_relation, OBJECT_LINKS=object_relation), "TEXT"
    )

    [link] = jobs["LINKS"].annotations
    assert (link.start_entities, link.end_entities) == ([{"mid": "a"}], [{"mid": "b"}])
    [object_link] = jobs["OBJECT_LINKS"].annotations
    assert (object_link.start_objects, object_link.end_objects) == ([{"mid": "x"}], [{"mid": "y"}])
    with pytest.raises(AttributeError, match="'start_objects' is not compatible"):
        _ = link.start_objects


# --- video ------------------------------------------------------------------------------


def test_video_labels_answer_frame_by_frame() -> None:
    response = {
        "0": {},
        "2": {"JOB": {"categories": [{"name": "B"}], "isKeyFrame": False}},
        "1": {"JOB": {"categories": [{"name": "A"}], "isKeyFrame": True}},
    }

    job = classification(required=0)
    [label] = parse_labels([{"jsonResponse": response}], interface(JOB=job), "VIDEO")

    frames = label.jobs["JOB"].frames
    assert label.jobs["JOB"][1] is frames[1]
    assert [frame.category.name if frame.category else None for frame in frames] == [None, "A", "B"]
    assert frames[1].is_key_frame is True
    with pytest.raises(AttributeError, match=r"answers per frame: read \.frames\[i\]\.category\.$"):
        _ = label.jobs["JOB"].category
    assert label.to_dict()["jsonResponse"] == response


def test_an_empty_video_label_has_no_frames() -> None:
    [label] = parse_labels([{"jsonResponse": {}}], interface(JOB=classification()), "VIDEO")

    assert len(label.jobs["JOB"].frames) == 0


def test_frames_exist_only_on_video_labels() -> None:
    job = parse_job(classification(), {"categories": [{"name": "A"}]}, "VIDEO")

    with pytest.raises(AttributeError, match="not a video has no frames"):
        _ = job.frames


def test_parsed_label_constructor_takes_label_interface_and_input_type() -> None:
    label = ParsedLabel(
        {"id": "l1", "jsonResponse": {"JOB": {"categories": [{"name": "C"}]}}},
        json_interface=interface(JOB=classification()),
        input_type="IMAGE",
    )

    assert label.jobs["JOB"].category is not None
    assert label.jobs["JOB"].category.name == "C"
