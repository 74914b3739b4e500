"""Quality marks the emulator computes, read through the client on hand-computed cases."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from kili.client import Kili
from kili.exceptions import InvalidFieldError
from kili_emulator.pytest_plugin import ProjectFactory

A = {"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}
B = {"CLASSIFICATION_JOB": {"categories": [{"name": "B"}]}}


def box(x: float, width: float = 0.4) -> dict[str, Any]:
    """A CAR box from (x, 0.1), `width` wide and 0.2 high."""
    corners = [(x, 0.1), (x + width, 0.1), (x + width, 0.3), (x, 0.3)]
    return {
        "OBJECT_DETECTION_JOB": {
            "annotations": [
                {
                    "categories": [{"name": "CAR"}],
                    "type": "rectangle",
                    "boundingPoly": [
                        {"normalizedVertices": [{"x": cx, "y": cy} for cx, cy in corners]}
                    ],
                }
            ]
        }
    }


def add_assets(kili: Kili, project_id: str, count: int) -> list[str]:
    external_ids = [f"q{i}" for i in range(count)]
    kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{name}.jpg" for name in external_ids],
        external_id_array=external_ids,
    )
    rows = kili.assets(project_id, fields=["id", "externalId"])
    by_external_id = {row["externalId"]: row["id"] for row in rows}
    return [by_external_id[name] for name in external_ids]


def add_labelers(kili: Kili, project_id: str, count: int) -> list[str]:
    """Make `count` users, members of the project, and return their ids."""
    ids = []
    for _ in range(count):
        email = f"labeler-{uuid.uuid4().hex[:8]}@example.com"
        ids.append(
            kili.create_user(email=email, password="pw-123456", organization_role="USER")["id"]
        )
        kili.append_to_roles(project_id, email, "LABELER")
    return ids


def marks_of_labels(kili: Kili, project_id: str, asset_id: str) -> dict[str, Any]:
    rows = kili.labels(
        project_id, asset_id=asset_id, fields=["id", "inferenceMark", "honeypotMark"]
    )
    return {row["id"]: (row["inferenceMark"], row["honeypotMark"]) for row in rows}


def asset_marks(kili: Kili, project_id: str, asset_id: str) -> dict[str, Any]:
    (row,) = kili.assets(
        project_id,
        asset_id=asset_id,
        fields=["inferenceMark", "honeypotMark", "consensusMark"],
    )
    return dict(row)


def test_inference_marks_compare_human_labels_with_the_model(kili: Kili, project_id: str) -> None:
    same, shifted, disjoint, no_model = add_assets(kili, project_id, 4)
    kili.append_labels(
        asset_id_array=[same, shifted, disjoint],
        json_response_array=[box(0.1)] * 3,
        label_type="INFERENCE",
        model_name="detector",
    )
    humans = kili.append_labels(
        asset_id_array=[same, shifted, disjoint, no_model],
        json_response_array=[box(0.1), box(0.3), box(0.55), box(0.1)],
    )
    # Shifted by half its width: intersection 0.2 x 0.2, union 0.6 x 0.2, IoU 1/3.
    expected = {same: 1.0, shifted: 1 / 3, disjoint: 0.0, no_model: None}
    for asset_id, human in zip(expected, humans, strict=True):
        marks = marks_of_labels(kili, project_id, asset_id)
        assert marks[human["id"]][0] == pytest.approx(expected[asset_id])
        assert asset_marks(kili, project_id, asset_id)["inferenceMark"] == pytest.approx(
            expected[asset_id]
        )
    assert {row["id"] for row in kili.assets(project_id, inference_mark_gte=0.3)} == {
        same,
        shifted,
    }


def test_a_new_model_label_remarks_the_human_labels(kili: Kili, project_id: str) -> None:
    (asset_id,) = add_assets(kili, project_id, 1)
    (human,) = kili.append_labels(asset_id_array=[asset_id], json_response_array=[A])
    assert marks_of_labels(kili, project_id, asset_id)[human["id"]] == (None, None)
    for answer, expected in ((B, 0.0), (A, 1.0)):
        kili.append_labels(
            asset_id_array=[asset_id],
            json_response_array=[answer],
            label_type="INFERENCE",
            model_name="classifier",
        )
        assert marks_of_labels(kili, project_id, asset_id)[human["id"]][0] == expected


def test_deleting_the_model_label_clears_the_inference_marks(kili: Kili, project_id: str) -> None:
    (asset_id,) = add_assets(kili, project_id, 1)
    (model,) = kili.append_labels(
        asset_id_array=[asset_id],
        json_response_array=[A],
        label_type="INFERENCE",
        model_name="classifier",
    )
    (human,) = kili.append_labels(asset_id_array=[asset_id], json_response_array=[A])
    assert marks_of_labels(kili, project_id, asset_id)[human["id"]][0] == 1.0
    kili.delete_labels([model["id"]])
    assert marks_of_labels(kili, project_id, asset_id)[human["id"]][0] is None
    assert asset_marks(kili, project_id, asset_id)["inferenceMark"] is None


def test_flagging_an_asset_as_honeypot_marks_its_labels(kili: Kili, project_id: str) -> None:
    (asset_id,) = add_assets(kili, project_id, 1)
    (labeler,) = add_labelers(kili, project_id, 1)
    kili.append_labels(asset_id_array=[asset_id], json_response_array=[A], label_type="REVIEW")
    (answer,) = kili.append_labels(
        asset_id_array=[asset_id], json_response_array=[B], author_id_array=[labeler]
    )
    assert asset_marks(kili, project_id, asset_id)["honeypotMark"] is None
    kili.update_properties_in_assets(asset_ids=[asset_id], is_honeypot_array=[True])
    assert marks_of_labels(kili, project_id, asset_id)[answer["id"]][1] == 0.0
    assert asset_marks(kili, project_id, asset_id)["honeypotMark"] == 0.0


def test_honeypot_marks_compare_labelers_with_the_ground_truth(kili: Kili, project_id: str) -> None:
    honeypot, plain = add_assets(kili, project_id, 2)
    first, second = add_labelers(kili, project_id, 2)
    early = kili.append_labels(
        asset_id_array=[honeypot], json_response_array=[B], author_id_array=[first]
    )[0]["id"]
    kili.create_honeypot(A, asset_id=honeypot)
    # Setting the honeypot marks the labels already there.
    assert marks_of_labels(kili, project_id, honeypot)[early][1] == 0.0
    created = kili.append_labels(
        asset_id_array=[honeypot, honeypot, plain],
        json_response_array=[A, B, A],
        author_id_array=[first, second, first],
    )
    marks = marks_of_labels(kili, project_id, honeypot)
    assert [marks[label["id"]][1] for label in created[:2]] == [1.0, 0.0]
    # The asset averages the latest label of each labeler: first 1, second 0.
    assert asset_marks(kili, project_id, honeypot)["honeypotMark"] == 0.5
    assert asset_marks(kili, project_id, plain)["honeypotMark"] is None
    assert marks_of_labels(kili, project_id, plain)[created[2]["id"]][1] is None
    agreeing = kili.labels(project_id, honeypot_mark_gte=0.9, fields=["id"])
    assert [row["id"] for row in agreeing] == [created[0]["id"]]


def test_consensus_marks_compare_the_labelers_of_an_asset(kili: Kili, project_id: str) -> None:
    in_consensus, outside = add_assets(kili, project_id, 2)
    kili.update_properties_in_assets(asset_ids=[in_consensus], is_used_for_consensus_array=[True])
    first, second, third = add_labelers(kili, project_id, 3)
    kili.append_labels(
        asset_id_array=[in_consensus] * 3 + [outside] * 2,
        json_response_array=[box(0.1), box(0.1), box(0.3), box(0.1), box(0.1)],
        author_id_array=[first, second, third, first, second],
    )
    # Pairs: first-second 1, first-third 1/3, second-third 1/3; mean 5/9.
    assert asset_marks(kili, project_id, in_consensus)["consensusMark"] == pytest.approx(5 / 9)
    assert asset_marks(kili, project_id, outside)["consensusMark"] is None

    # A label's consensus mark is the mean of its agreements: 2/3 for the first two
    # labels, 1/3 for the third. Label has no such field; assets filter on it.
    def assets_with_a_label_marked(low: float, high: float) -> set[str]:
        rows = kili.assets(
            project_id, label_consensus_mark_gte=low, label_consensus_mark_lte=high, fields=["id"]
        )
        return {row["id"] for row in rows}

    assert assets_with_a_label_marked(0.6, 0.7) == {in_consensus}
    assert assets_with_a_label_marked(0.3, 0.34) == {in_consensus}
    assert assets_with_a_label_marked(0.7, 1) == set()
    with pytest.raises(InvalidFieldError, match="consensusMark"):
        kili.labels(project_id, fields=["consensusMark"])


TEXT_INTERFACE = {
    "jobs": {
        "NER_JOB": {
            "mlTask": "NAMED_ENTITIES_RECOGNITION",
            "content": {"categories": {"ORG": {"name": "Org"}}, "input": "radio"},
            "instruction": "Entities",
            "required": 0,
            "isChild": False,
        },
        "TRANSCRIPTION_JOB": {
            "mlTask": "TRANSCRIPTION",
            "content": {"input": "textField"},
            "instruction": "Summary",
            "required": 0,
            "isChild": False,
        },
    }
}


def text_answer(begin: int, content: str, text: str) -> dict[str, Any]:
    entity = {"categories": [{"name": "ORG"}], "beginOffset": begin, "content": content}
    return {"NER_JOB": {"annotations": [entity]}, "TRANSCRIPTION_JOB": {"text": text}}


def test_entities_and_transcriptions_are_marked_by_overlap_and_edit_distance(
    kili: Kili, make_project: ProjectFactory
) -> None:
    project_id = make_project(input_type="TEXT", json_interface=TEXT_INTERFACE)
    kili.append_many_to_dataset(
        project_id, content_array=["Kili Technology"], external_id_array=["t"]
    )
    (asset_id,) = [row["id"] for row in kili.assets(project_id, fields=["id"])]
    kili.append_labels(
        asset_id_array=[asset_id],
        json_response_array=[text_answer(0, "Kili", "kitten")],
        label_type="INFERENCE",
        model_name="tagger",
    )
    (human,) = kili.append_labels(
        asset_id_array=[asset_id], json_response_array=[text_answer(2, "li T", "sitting")]
    )
    # Span [0, 4) against [2, 6): 1/3; "kitten" to "sitting": 3 edits of 7, 4/7.
    # Each job weighs one annotation: (1/3 + 4/7) / 2 = 19/42.
    mark = marks_of_labels(kili, project_id, asset_id)[human["id"]][0]
    assert mark == pytest.approx(19 / 42)


def test_marks_are_computed_across_label_batches(kili: Kili, project_id: str) -> None:
    # 250 labels: two full batches of 100 and a partial one.
    asset_ids = add_assets(kili, project_id, 250)
    kili.append_labels(
        asset_id_array=asset_ids,
        json_response_array=[A] * 250,
        label_type="INFERENCE",
        model_name="classifier",
    )
    answers = [A if index % 3 else B for index in range(250)]
    kili.append_labels(asset_id_array=asset_ids, json_response_array=answers)
    rows = kili.assets(project_id, fields=["id", "inferenceMark"])
    marks = {row["id"]: row["inferenceMark"] for row in rows}
    assert [marks[asset_id] for asset_id in asset_ids] == [
        1.0 if answer == A else 0.0 for answer in answers
    ]
    assert kili.count_assets(project_id, inference_mark_lte=0.5) == answers.count(B)
