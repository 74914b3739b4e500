"""Label writes of the client, on a mocked gateway: what is sent, and what is refused."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from kili.client import Kili
from kili.domain.asset import AssetExternalId, AssetId
from kili.domain.label import LabelId, LabelsToAppend
from kili.domain.project import ProjectId
from kili.domain.user import UserId
from kili.domain.workflow import StepDesignation
from kili.exceptions import (
    ArgumentTypeError,
    IncompatibleArgumentsError,
    InvalidArgumentError,
    MissingArgumentError,
    NotFound,
)
from kili.use_cases.label_import import LABELS_PER_BATCH

INTERFACE = {"jobs": {"CLASSIFICATION_JOB": {}, "OBJECT_DETECTION_JOB": {}}}
ANSWER = {"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}
PROJECT = ProjectId("project-1")
STEPS = [{"id": "s-label", "name": "Labeling"}, {"id": "s-review", "name": "Review"}]


@pytest.fixture
def labeled(gateway: Any) -> Any:
    """A gateway whose assets `a<n>` belong to project-1, answering label imports."""
    gateway.list_projects.side_effect = lambda *args: iter(
        [
            {
                "id": "project-1",
                "inputType": "IMAGE",
                "jsonInterface": INTERFACE,
                "workflowVersion": "V2",
                "steps": STEPS,
            }
        ]
    )
    gateway.project_ids_of_assets.side_effect = lambda ids: {
        asset_id: PROJECT for asset_id in ids if asset_id.startswith("a")
    }
    gateway.get_current_user.return_value = {"id": "me"}
    gateway.append_many_labels.side_effect = lambda batch: [
        LabelId(f"label-of-{label.asset_id}") for label in batch.labels
    ]
    gateway.asset_ids_by_external_id.side_effect = lambda project_id, external_ids: {
        external_id: [AssetId(f"a-{external_id}")]
        for external_id in external_ids
        if external_id.startswith("e")
    }
    return gateway


def sent_batches(gateway: Any) -> list[LabelsToAppend]:
    return [call.args[0] for call in gateway.append_many_labels.call_args_list]


def test_append_labels_sends_the_labels_and_returns_their_ids(kili: Kili, labeled: Any) -> None:
    created = kili.append_labels(
        asset_id_array=["a1", "a2"],
        json_response_array=[ANSWER, {}],
        seconds_to_label_array=[3, 4.5],
        author_id_array=["u1", "u2"],
    )
    assert created == [{"id": "label-of-a1"}, {"id": "label-of-a2"}]
    (batch,) = sent_batches(labeled)
    assert batch.label_type == "DEFAULT"
    assert [
        (label.asset_id, label.author_id, label.seconds_to_label) for label in batch.labels
    ] == [
        ("a1", "u1", 3.0),
        ("a2", "u2", 4.5),
    ]
    assert batch.labels[0].json_response == ANSWER
    labeled.get_current_user.assert_not_called()


def test_the_current_user_is_the_default_author(kili: Kili, labeled: Any) -> None:
    kili.append_labels(asset_id_array=["a1"], json_response_array=[ANSWER])
    (batch,) = sent_batches(labeled)
    assert batch.labels[0].author_id == UserId("me")


def test_labels_go_in_batches_and_the_interface_is_read_once(kili: Kili, labeled: Any) -> None:
    count = 2 * LABELS_PER_BATCH + 50
    created = kili.append_labels(
        asset_id_array=[f"a{i}" for i in range(count)],
        json_response_array=[ANSWER] * count,
        label_type="REVIEW",
    )
    assert [len(batch.labels) for batch in sent_batches(labeled)] == [100, 100, 50]
    assert [one["id"] for one in created] == [f"label-of-a{i}" for i in range(count)]
    assert labeled.list_projects.call_count == 1
    assert {batch.label_type for batch in sent_batches(labeled)} == {"REVIEW"}


def test_labels_by_external_id_are_resolved_in_the_project(kili: Kili, labeled: Any) -> None:
    kili.append_labels(
        asset_external_id_array=["e1", "e2"],
        json_response_array=[ANSWER, ANSWER],
        project_id="project-1",
    )
    (batch,) = sent_batches(labeled)
    assert [label.asset_id for label in batch.labels] == ["a-e1", "a-e2"]
    assert batch.project_id == PROJECT
    labeled.asset_ids_by_external_id.assert_called_once_with(
        PROJECT, [AssetExternalId("e1"), AssetExternalId("e2")]
    )
    labeled.project_ids_of_assets.assert_not_called()


def test_model_labels_carry_the_model_and_the_import_options(kili: Kili, labeled: Any) -> None:
    kili.append_labels(
        asset_id_array=["a1"],
        json_response_array=[ANSWER],
        label_type="INFERENCE",
        model_name="model-v2",
        overwrite=True,
        step_name="Review",
        reviewed_label_id_array=["l0"],
    )
    (batch,) = sent_batches(labeled)
    assert (batch.label_type, batch.model_name, batch.overwrite, batch.step) == (
        "INFERENCE",
        "model-v2",
        True,
        StepDesignation(step_id="s-review"),
    )
    assert batch.labels[0].referenced_label_id == "l0"


def test_a_step_given_by_id_is_checked_then_sent_by_id(kili: Kili, labeled: Any) -> None:
    kili.append_labels(
        ["a1"], [ANSWER], None, None, None, "DEFAULT", None, None, None, False, None, None,
        "s-label",
    )  # fmt: skip
    (batch,) = sent_batches(labeled)
    assert batch.step == StepDesignation(step_id="s-label")


@pytest.mark.parametrize(
    ("step", "error", "message"),
    [
        ({"step_id": "s-label", "step_name": "Labeling"}, IncompatibleArgumentsError, "not both"),
        ({"step_id": "s-label", "group_name": "G"}, IncompatibleArgumentsError, "step_name only"),
        ({"group_name": "G"}, IncompatibleArgumentsError, "give step_name"),
        ({"step_id": "nope"}, InvalidArgumentError, "Step 'nope' not found"),
        ({"step_name": "QA"}, InvalidArgumentError, "Step 'QA' not found"),
        ({"step_name": "Review", "group_name": "G"}, InvalidArgumentError, "multi-group"),
    ],
)
def test_a_step_the_workflow_lacks_is_refused_before_writing(
    kili: Kili, labeled: Any, step: dict[str, str], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        kili.append_labels(asset_id_array=["a1"], json_response_array=[ANSWER], **step)
    assert_nothing_written(labeled)


# --- refused before anything is written ----------------------------------------------


def assert_nothing_written(gateway: Any) -> None:
    gateway.append_many_labels.assert_not_called()
    gateway.create_honeypot.assert_not_called()
    gateway.update_properties_in_label.assert_not_called()


def test_an_empty_import_is_refused(kili: Kili, labeled: Any) -> None:
    with pytest.raises(ValueError, match="json_response_array is empty"):
        kili.append_labels(asset_id_array=[], json_response_array=[])
    assert labeled.mock_calls == []


def test_arrays_of_different_lengths_are_named(kili: Kili, labeled: Any) -> None:
    with pytest.raises(
        ValueError, match="json_response_array has 2, but asset_id_array has 3"
    ) as caught:
        kili.append_labels(asset_id_array=["a1", "a2", "a3"], json_response_array=[ANSWER, ANSWER])
    assert "author_id_array" not in str(caught.value)
    with pytest.raises(InvalidArgumentError, match="seconds_to_label_array has 1"):
        kili.append_labels(
            asset_id_array=["a1", "a2"],
            json_response_array=[ANSWER, ANSWER],
            seconds_to_label_array=[1],
        )
    assert labeled.mock_calls == []


def test_assets_must_be_designated(kili: Kili, labeled: Any) -> None:
    with pytest.raises(MissingArgumentError, match="asset_id_array"):
        kili.append_labels(json_response_array=[ANSWER])
    with pytest.raises(MissingArgumentError, match="project_id"):
        kili.append_labels(asset_external_id_array=["e1"], json_response_array=[ANSWER])
    with pytest.raises(IncompatibleArgumentsError):
        kili.append_labels(
            asset_id_array=["a1"],
            asset_external_id_array=["e1"],
            json_response_array=[ANSWER],
            project_id="project-1",
        )
    assert labeled.mock_calls == []


def test_external_ids_missing_from_the_project_are_listed(kili: Kili, labeled: Any) -> None:
    with pytest.raises(NotFound, match=r"'x1', 'x2'"):
        kili.append_labels(
            asset_external_id_array=["e1", "x1", "x2"],
            json_response_array=[ANSWER] * 3,
            project_id="project-1",
        )
    assert_nothing_written(labeled)


def test_unknown_asset_ids_are_listed(kili: Kili, labeled: Any) -> None:
    with pytest.raises(NotFound, match="'zz'"):
        kili.append_labels(asset_id_array=["a1", "zz"], json_response_array=[ANSWER] * 2)
    assert_nothing_written(labeled)


def test_a_json_response_must_be_a_json_object(kili: Kili, labeled: Any) -> None:
    with pytest.raises(ArgumentTypeError, match="json_response_array"):
        kili.append_labels(asset_id_array=["a1"], json_response_array=["CLASSIFICATION_JOB"])  # type: ignore[list-item]
    with pytest.raises(InvalidArgumentError, match=r"json_response\[1\] cannot be written as JSON"):
        kili.append_labels(
            asset_id_array=["a1", "a2"], json_response_array=[ANSWER, {"JOB": {1, 2}}]
        )
    assert_nothing_written(labeled)


def test_jobs_missing_from_the_interface_are_named(kili: Kili, labeled: Any) -> None:
    bad = {"CLASSIFICATION_JOB": {}, "TRANSCRIPTION_JOB": {"text": "x"}}
    with pytest.raises(
        InvalidArgumentError, match=r"json_response\[1\].*'TRANSCRIPTION_JOB'"
    ) as caught:
        kili.append_labels(asset_id_array=["a1", "a2"], json_response_array=[ANSWER, bad])
    assert "CLASSIFICATION_JOB, OBJECT_DETECTION_JOB" in str(caught.value)
    assert_nothing_written(labeled)


def test_bookkeeping_keys_of_the_interface_are_not_jobs(kili: Kili, labeled: Any) -> None:
    answer = {**ANSWER, "ANNOTATION_JOB_COUNTER": {}, "ANNOTATION_NAMES_JOB": {}}
    kili.append_labels(asset_id_array=["a1"], json_response_array=[answer])
    assert len(sent_batches(labeled)) == 1


@pytest.mark.parametrize("label_type", ["PREDICTION", "INFERENCE"])
def test_model_labels_need_a_model_name(kili: Kili, labeled: Any, label_type: str) -> None:
    with pytest.raises(MissingArgumentError, match="model_name"):
        kili.append_labels(
            asset_id_array=["a1"],
            json_response_array=[ANSWER],
            label_type=label_type,  # type: ignore[arg-type]
        )
    assert labeled.mock_calls == []


# --- predictions, deprecated paths, honeypots, updates, deletions ----------------------


def test_create_predictions_sends_prediction_labels_of_one_model(kili: Kili, labeled: Any) -> None:
    result = kili.create_predictions(
        "project-1",
        external_id_array=["e1", "e2"],
        json_response_array=[ANSWER, ANSWER],
        model_name="yolo",
    )
    assert result == {"id": "project-1"}
    (batch,) = sent_batches(labeled)
    assert (batch.label_type, batch.model_name, batch.project_id) == ("PREDICTION", "yolo", PROJECT)
    assert [label.asset_id for label in batch.labels] == ["a-e1", "a-e2"]


def test_model_name_array_still_works_with_a_warning(kili: Kili, labeled: Any) -> None:
    with pytest.warns(DeprecationWarning, match="model_name_array"):
        kili.create_predictions(
            "project-1",
            asset_id_array=["a1", "a2"],
            json_response_array=[ANSWER, ANSWER],
            model_name_array=["v1", "v1"],
        )
    assert sent_batches(labeled)[0].model_name == "v1"


def test_predictions_of_several_models_are_refused(kili: Kili, labeled: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="one model"):
        kili.create_predictions(
            "project-1",
            asset_id_array=["a1", "a2"],
            json_response_array=[ANSWER, ANSWER],
            model_name_array=["v1", "v2"],
        )
    with pytest.raises(MissingArgumentError, match="model_name"):
        kili.create_predictions("project-1", asset_id_array=["a1"], json_response_array=[ANSWER])
    with pytest.raises(ValueError, match="empty"):
        kili.create_predictions("project-1", asset_id_array=[], model_name="m")
    assert labeled.mock_calls == []


def test_predictions_name_the_official_id_arguments(kili: Kili, labeled: Any) -> None:
    with pytest.raises(MissingArgumentError, match="external_id_array"):
        kili.create_predictions("project-1", json_response_array=[ANSWER], model_name="m")


def test_append_to_labels_warns_and_appends_one_label(kili: Kili, labeled: Any) -> None:
    with pytest.warns(DeprecationWarning, match="append_labels"):
        created = kili.append_to_labels(
            ANSWER, label_asset_external_id="e9", project_id="project-1", seconds_to_label=5
        )
    assert created == {"id": "label-of-a-e9"}
    (batch,) = sent_batches(labeled)
    assert batch.labels[0].asset_id == "a-e9"
    assert batch.labels[0].seconds_to_label == 5.0
    assert batch.labels[0].author_id == "me"


def test_append_to_labels_needs_an_asset(kili: Kili, labeled: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with pytest.raises(MissingArgumentError, match="label_asset_id"):
            kili.append_to_labels(ANSWER)
    assert labeled.mock_calls == []


def test_create_honeypot_by_asset_id(kili: Kili, labeled: Any) -> None:
    labeled.create_honeypot.return_value = LabelId("honey")
    assert kili.create_honeypot(ANSWER, asset_id="a1") == {"id": "honey"}
    labeled.create_honeypot.assert_called_once_with(AssetId("a1"), ANSWER)
    labeled.project_ids_of_assets.assert_called_once_with([AssetId("a1")])


def test_create_honeypot_by_external_id(kili: Kili, labeled: Any) -> None:
    labeled.create_honeypot.return_value = LabelId("honey")
    kili.create_honeypot(ANSWER, asset_external_id="e1", project_id="project-1")
    labeled.create_honeypot.assert_called_once_with(AssetId("a-e1"), ANSWER)


def test_create_honeypot_refuses_what_cannot_be_sent(kili: Kili, labeled: Any) -> None:
    with pytest.raises(MissingArgumentError):
        kili.create_honeypot(ANSWER, asset_external_id="e1")
    with pytest.raises(InvalidArgumentError, match="'NOPE_JOB'"):
        kili.create_honeypot({"NOPE_JOB": {}}, asset_id="a1")
    assert_nothing_written(labeled)


def test_update_properties_in_label_checks_the_new_answer(kili: Kili, labeled: Any) -> None:
    labeled.list_labels.side_effect = lambda *args: iter([{"projectId": "project-1"}])
    labeled.update_properties_in_label.return_value = LabelId("l1")
    assert kili.update_properties_in_label("l1", json_response=ANSWER, seconds_to_label=3) == {
        "id": "l1"
    }
    labeled.update_properties_in_label.assert_called_once_with(
        LabelId("l1"), json_response=ANSWER, seconds_to_label=3.0, model_name=None
    )
    with pytest.raises(InvalidArgumentError, match="'OTHER'"):
        kili.update_properties_in_label("l1", json_response={"OTHER": {}})
    assert labeled.update_properties_in_label.call_count == 1


def test_update_properties_in_label_without_answer_reads_nothing(kili: Kili, labeled: Any) -> None:
    labeled.update_properties_in_label.return_value = LabelId("l1")
    kili.update_properties_in_label("l1", model_name="m2")
    labeled.list_labels.assert_not_called()
    labeled.list_projects.assert_not_called()


def test_update_properties_in_an_unknown_label(kili: Kili, labeled: Any) -> None:
    labeled.list_labels.side_effect = lambda *args: iter([])
    with pytest.raises(NotFound, match="l404"):
        kili.update_properties_in_label("l404", json_response=ANSWER)
    assert_nothing_written(labeled)


def test_delete_labels_in_batches(kili: Kili, gateway: Any) -> None:
    gateway.delete_labels.side_effect = list
    ids = [f"l{i}" for i in range(150)]
    assert kili.delete_labels(ids) == ids
    assert [len(call.args[0]) for call in gateway.delete_labels.call_args_list] == [100, 50]
    assert kili.delete_labels([]) == []
    assert gateway.delete_labels.call_count == 2


def test_a_step_name_several_groups_use_needs_its_group(kili: Kili, labeled: Any) -> None:
    project = {
        "id": "project-1",
        "inputType": "IMAGE",
        "jsonInterface": INTERFACE,
        "workflowVersion": "V3",
        "steps": [
            {"id": "s1", "name": "Review", "stepGroupId": "g1"},
            {"id": "s2", "name": "Review", "stepGroupId": "g2"},
        ],
        "stepGroups": [{"id": "g1", "name": "Cats"}, {"id": "g2", "name": "Dogs"}],
    }
    labeled.list_projects.side_effect = lambda *args: iter([project])
    with pytest.raises(InvalidArgumentError, match="provide group_name"):
        kili.append_labels(asset_id_array=["a1"], json_response_array=[ANSWER], step_name="Review")
    assert_nothing_written(labeled)
    kili.append_labels(
        asset_id_array=["a1"], json_response_array=[ANSWER], step_name="Review", group_name="Dogs"
    )
    (batch,) = sent_batches(labeled)
    assert batch.step == StepDesignation(step_id="s2")
