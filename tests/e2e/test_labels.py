"""Label methods against the emulator, over real HTTP."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from kili.client import Kili
from kili.exceptions import InvalidArgumentError, MissingArgumentError, NotFound

A = {"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}
B = {"CLASSIFICATION_JOB": {"categories": [{"name": "B"}]}}


def box(category: str) -> dict[str, Any]:
    vertices = [
        {"x": 0.1, "y": 0.1},
        {"x": 0.1, "y": 0.4},
        {"x": 0.3, "y": 0.4},
        {"x": 0.3, "y": 0.1},
    ]
    return {
        "categories": [{"name": category}],
        "type": "rectangle",
        "boundingPoly": [{"normalizedVertices": vertices}],
    }


def cars(count: int, people: int = 0) -> dict[str, Any]:
    annotations = [box("CAR") for _ in range(count)] + [box("PERSON") for _ in range(people)]
    return {"OBJECT_DETECTION_JOB": {"annotations": annotations}}


def add_assets(kili: Kili, project_id: str, count: int) -> list[str]:
    """Import `count` assets with external ids `e0`, `e1`... and return their ids in order."""
    external_ids = [f"e{i}" for i in range(count)]
    kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{name}.jpg" for name in external_ids],
        external_id_array=external_ids,
    )
    rows = kili.assets(project_id, fields=["id", "externalId"])
    by_external_id = {row["externalId"]: row["id"] for row in rows}
    return [by_external_id[name] for name in external_ids]


def status_of(kili: Kili, project_id: str, asset_id: str) -> str:
    (asset,) = kili.assets(project_id, asset_id=asset_id, fields=["status"])
    return str(asset["status"])


# --- imports and reads ----------------------------------------------------------------


def test_append_labels_then_read_them(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 2)
    created = kili.append_labels(
        asset_id_array=asset_ids,
        json_response_array=[A, B],
        seconds_to_label_array=[3, 5],
    )
    assert len(created) == 2
    labels = kili.labels(project_id)
    assert {label["id"] for label in labels} == {one["id"] for one in created}
    me = kili.get_current_user(fields=["id", "email"])
    by_id = {label["id"]: label for label in labels}
    first = by_id[created[0]["id"]]
    assert first["jsonResponse"] == A
    assert first["labelType"] == "DEFAULT"
    assert first["secondsToLabel"] == 3
    assert first["author"] == {"id": me["id"], "email": me["email"]}
    assert set(first) == {"author", "id", "jsonResponse", "labelType", "secondsToLabel"}


def test_append_labels_by_external_id(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 3)
    kili.append_labels(
        project_id=project_id, asset_external_id_array=["e2", "e0"], json_response_array=[A, B]
    )
    labels = kili.labels(project_id, fields=["jsonResponse", "labelOf.id", "labelOf.externalId"])
    answers = {label["labelOf"]["externalId"]: label["jsonResponse"] for label in labels}
    assert answers == {"e2": A, "e0": B}
    assert {label["labelOf"]["id"] for label in labels} == {asset_ids[2], asset_ids[0]}


def test_labels_in_several_batches(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 230)
    created = kili.append_labels(asset_id_array=asset_ids, json_response_array=[A] * 230)
    assert len({one["id"] for one in created}) == 230
    assert kili.count_labels(project_id) == 230
    streamed = kili.labels(project_id, fields=["id"], as_generator=True)
    assert sorted(label["id"] for label in streamed) == sorted(one["id"] for one in created)


def test_first_and_skip(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 5)
    kili.append_labels(asset_id_array=asset_ids, json_response_array=[A] * 5)
    everything = [label["id"] for label in kili.labels(project_id, fields=["id"])]
    window = [label["id"] for label in kili.labels(project_id, fields=["id"], first=2, skip=1)]
    assert window == everything[1:3]


def test_nothing_is_written_when_a_job_is_unknown(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 2)
    with pytest.raises(InvalidArgumentError, match="'TRANSCRIPTION_JOB'"):
        kili.append_labels(
            asset_id_array=asset_ids, json_response_array=[A, {"TRANSCRIPTION_JOB": {}}]
        )
    with pytest.raises(NotFound, match="'nope'"):
        kili.append_labels(
            project_id=project_id,
            asset_external_id_array=["e0", "nope"],
            json_response_array=[A, A],
        )
    with pytest.raises(MissingArgumentError):
        kili.append_labels(asset_external_id_array=["e0"], json_response_array=[A])
    assert kili.count_labels(project_id) == 0


# --- status lifecycle -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("label_type", "model_name", "status"),
    [
        ("DEFAULT", None, "LABELED"),
        ("REVIEW", None, "REVIEWED"),
        ("AUTOSAVE", None, "ONGOING"),
        ("PREDICTION", "model-1", "TODO"),
        ("INFERENCE", "model-1", "TODO"),
    ],
)
def test_labels_move_their_asset_along_the_workflow(
    kili: Kili, project_id: str, label_type: str, model_name: str | None, status: str
) -> None:
    asset_ids = add_assets(kili, project_id, 2)
    kili.append_labels(
        asset_id_array=[asset_ids[0]],
        json_response_array=[A],
        label_type=label_type,  # type: ignore[arg-type]
        model_name=model_name,
    )
    assert status_of(kili, project_id, asset_ids[0]) == status
    assert status_of(kili, project_id, asset_ids[1]) == "TODO"


def test_a_review_after_a_label_and_predictions_after_both(kili: Kili, project_id: str) -> None:
    (asset_id,) = add_assets(kili, project_id, 1)
    kili.append_labels(asset_id_array=[asset_id], json_response_array=[A])
    assert status_of(kili, project_id, asset_id) == "LABELED"
    kili.append_labels(asset_id_array=[asset_id], json_response_array=[B], label_type="REVIEW")
    assert status_of(kili, project_id, asset_id) == "REVIEWED"
    kili.create_predictions(
        project_id, asset_id_array=[asset_id], json_response_array=[A], model_name="m"
    )
    assert status_of(kili, project_id, asset_id) == "REVIEWED"


def test_latest_label_and_latest_for_user(kili: Kili, project_id: str) -> None:
    (asset_id,) = add_assets(kili, project_id, 1)
    (older,) = kili.append_labels(asset_id_array=[asset_id], json_response_array=[A])
    (newer,) = kili.append_labels(asset_id_array=[asset_id], json_response_array=[B])
    flags = {
        label["id"]: label["isLatestLabelForUser"]
        for label in kili.labels(project_id, fields=["id", "isLatestLabelForUser"])
    }
    assert flags == {older["id"]: False, newer["id"]: True}
    (asset,) = kili.assets(project_id, fields=["latestLabel.id", "latestLabel.jsonResponse"])
    assert asset["latestLabel"] == {"id": newer["id"], "jsonResponse": B}


# --- every filter ---------------------------------------------------------------------


@pytest.fixture
def varied(kili: Kili, project_id: str) -> dict[str, Any]:
    """Labels of every type on four assets: e0 labeled A, e1 reviewed B, e2 predicted, e3 none."""
    asset_ids = add_assets(kili, project_id, 4)
    default = kili.append_labels(asset_id_array=[asset_ids[0]], json_response_array=[A])
    review = kili.append_labels(
        asset_id_array=[asset_ids[1]], json_response_array=[B], label_type="REVIEW"
    )
    prediction = kili.append_labels(
        asset_id_array=[asset_ids[2]],
        json_response_array=[cars(2, people=1)],
        label_type="PREDICTION",
        model_name="detector",
    )
    inference = kili.append_labels(
        asset_id_array=[asset_ids[2]],
        json_response_array=[cars(0, people=3)],
        label_type="INFERENCE",
        model_name="detector",
    )
    return {
        "project_id": project_id,
        "asset_ids": asset_ids,
        "default": default[0]["id"],
        "review": review[0]["id"],
        "prediction": prediction[0]["id"],
        "inference": inference[0]["id"],
    }


def ids(kili: Kili, project_id: str, **filters: Any) -> set[str]:
    found = {label["id"] for label in kili.labels(project_id, fields=["id"], **filters)}
    assert kili.count_labels(project_id, **filters) == len(found)
    return found


def test_filter_by_asset(kili: Kili, varied: dict[str, Any]) -> None:
    project_id, asset_ids = varied["project_id"], varied["asset_ids"]
    assert ids(kili, project_id, asset_id=asset_ids[2]) == {
        varied["prediction"],
        varied["inference"],
    }
    assert ids(kili, project_id, asset_external_id_in=["e0", "e1"]) == {
        varied["default"],
        varied["review"],
    }
    assert ids(kili, project_id, asset_status_in=["REVIEWED"]) == {varied["review"]}
    assert ids(kili, project_id, asset_status_in=["LABELED", "TODO"]) == {
        varied["default"],
        varied["prediction"],
        varied["inference"],
    }


def test_filter_by_type_and_id(kili: Kili, varied: dict[str, Any]) -> None:
    project_id = varied["project_id"]
    assert ids(kili, project_id, type_in=["DEFAULT", "REVIEW"]) == {
        varied["default"],
        varied["review"],
    }
    assert ids(kili, project_id, label_id=varied["review"]) == {varied["review"]}
    assert ids(kili, project_id, id_contains=[varied["default"], varied["inference"]]) == {
        varied["default"],
        varied["inference"],
    }
    assert {p["id"] for p in kili.predictions(project_id)} == {varied["prediction"]}
    assert {p["id"] for p in kili.inferences(project_id)} == {varied["inference"]}
    assert kili.predictions(project_id)[0]["modelName"] == "detector"


def test_filter_by_author_and_user(kili: Kili, varied: dict[str, Any]) -> None:
    project_id = varied["project_id"]
    me = kili.get_current_user(fields=["id", "firstname", "lastname"])
    everything = ids(kili, project_id)
    assert len(everything) == 4
    assert ids(kili, project_id, user_id=me["id"]) == everything
    assert ids(kili, project_id, user_id="someone-else") == set()
    assert ids(kili, project_id, author_in=[me["firstname"]]) == everything
    assert ids(kili, project_id, author_in=[f"{me['firstname']} {me['lastname']}"]) == everything
    assert ids(kili, project_id, author_in=["Nobody"]) == set()


def test_filter_by_creation_date(kili: Kili, varied: dict[str, Any]) -> None:
    project_id = varied["project_id"]
    today = datetime.datetime.now(datetime.timezone.utc).date()
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    assert len(ids(kili, project_id, created_at=today.isoformat())) == 4
    assert ids(kili, project_id, created_at=yesterday) == set()
    assert len(ids(kili, project_id, created_at_gte=yesterday, created_at_lte=tomorrow)) == 4
    assert ids(kili, project_id, created_at_gte=tomorrow) == set()
    assert ids(kili, project_id, created_at_lte=yesterday) == set()


def test_filter_by_category_search(kili: Kili, varied: dict[str, Any]) -> None:
    project_id = varied["project_id"]
    assert ids(kili, project_id, category_search="CLASSIFICATION_JOB.A.count > 0") == {
        varied["default"]
    }
    assert ids(kili, project_id, category_search="OBJECT_DETECTION_JOB.CAR.count >= 2") == {
        varied["prediction"]
    }
    query = "OBJECT_DETECTION_JOB.PERSON.count == 3 OR CLASSIFICATION_JOB.B.count == 1"
    assert ids(kili, project_id, category_search=query) == {varied["inference"], varied["review"]}
    query = (
        "(OBJECT_DETECTION_JOB.CAR.count < 1 AND OBJECT_DETECTION_JOB.PERSON.count > 0)"
        " OR CLASSIFICATION_JOB.A.count == 1"
    )
    assert ids(kili, project_id, category_search=query) == {varied["inference"], varied["default"]}
    assets = kili.assets(
        project_id, fields=["externalId"], label_category_search="CLASSIFICATION_JOB.B.count > 0"
    )
    assert [asset["externalId"] for asset in assets] == ["e1"]


def test_filter_by_honeypot_mark(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 1)
    kili.create_honeypot(A, asset_id=asset_ids[0])
    agree = kili.append_labels(asset_id_array=asset_ids, json_response_array=[A])[0]["id"]
    disagree = kili.append_labels(asset_id_array=asset_ids, json_response_array=[B])[0]["id"]
    assert ids(kili, project_id, honeypot_mark_gte=0.9, type_in=["DEFAULT"]) == {agree}
    assert ids(kili, project_id, honeypot_mark_lte=0.1, type_in=["DEFAULT"]) == {disagree}


# --- other methods --------------------------------------------------------------------


def test_parsed_labels(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 1)
    kili.append_labels(asset_id_array=asset_ids, json_response_array=[{**A, **cars(2)}])
    (label,) = kili.labels(project_id, output_format="parsed_label")
    assert label.jobs["CLASSIFICATION_JOB"].category.name == "A"
    assert len(label.jobs["OBJECT_DETECTION_JOB"].annotations) == 2


def test_assets_with_parsed_labels(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 1)
    kili.append_labels(asset_id_array=asset_ids, json_response_array=[{**B, **cars(1)}])
    fields = ["id", "labels.id", "labels.jsonResponse", "latestLabel.jsonResponse"]
    (asset,) = kili.assets(project_id, fields=fields, label_output_format="parsed_label")
    (label,) = asset["labels"]
    assert label.jobs["CLASSIFICATION_JOB"].category.name == "B"
    assert asset["latestLabel"].jobs["OBJECT_DETECTION_JOB"].annotations[0].category.name == "CAR"


def test_export_labels_as_df(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 2)
    kili.append_labels(asset_id_array=asset_ids, json_response_array=[A, B])
    frame = kili.export_labels_as_df(project_id)
    assert list(frame.columns) == ["author", "createdAt", "id", "labelType", "asset_externalId"]
    assert sorted(frame["asset_externalId"]) == ["e0", "e1"]
    assert set(frame["labelType"]) == {"DEFAULT"}


def test_create_predictions_and_the_deprecated_model_array(kili: Kili, project_id: str) -> None:
    add_assets(kili, project_id, 2)
    result = kili.create_predictions(
        project_id, external_id_array=["e0"], json_response_array=[cars(1)], model_name="v1"
    )
    assert result == {"id": project_id}
    with pytest.warns(DeprecationWarning, match="model_name_array"):
        kili.create_predictions(
            project_id,
            external_id_array=["e1"],
            json_response_array=[cars(2)],
            model_name_array=["v2"],
        )
    models = {p["modelName"] for p in kili.predictions(project_id)}
    assert models == {"v1", "v2"}


def test_append_to_labels(kili: Kili, project_id: str) -> None:
    add_assets(kili, project_id, 1)
    with pytest.warns(DeprecationWarning, match="append_labels"):
        created = kili.append_to_labels(A, label_asset_external_id="e0", project_id=project_id)
    (label,) = kili.labels(project_id, fields=["id", "jsonResponse"])
    assert label == {"id": created["id"], "jsonResponse": A}


def test_update_properties_in_label(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 1)
    kili.create_predictions(
        project_id, asset_id_array=asset_ids, json_response_array=[A], model_name="old"
    )
    (created,) = kili.predictions(project_id, fields=["id"])
    kili.update_properties_in_label(
        created["id"], json_response=B, model_name="new", seconds_to_label=9
    )
    (label,) = kili.predictions(project_id, fields=["jsonResponse", "modelName", "secondsToLabel"])
    assert label == {"jsonResponse": B, "modelName": "new", "secondsToLabel": 9}
    with pytest.raises(InvalidArgumentError, match="'NOT_A_JOB'"):
        kili.update_properties_in_label(created["id"], json_response={"NOT_A_JOB": {}})


def test_create_honeypot(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 1)
    created = kili.create_honeypot(B, asset_external_id="e0", project_id=project_id)
    (label,) = kili.labels(project_id, fields=["id", "labelType", "jsonResponse"])
    assert label == {"id": created["id"], "labelType": "REVIEW", "jsonResponse": B}
    (asset,) = kili.assets(project_id, asset_id=asset_ids[0], fields=["isHoneypot"])
    assert asset["isHoneypot"] is True


def test_delete_labels(kili: Kili, project_id: str) -> None:
    asset_ids = add_assets(kili, project_id, 2)
    predictions = kili.append_labels(
        asset_id_array=asset_ids,
        json_response_array=[A, B],
        label_type="PREDICTION",
        model_name="m",
    )
    deleted = kili.delete_labels([predictions[0]["id"]])
    assert deleted == [predictions[0]["id"]]
    assert {label["id"] for label in kili.labels(project_id, fields=["id"])} == {
        predictions[1]["id"]
    }
