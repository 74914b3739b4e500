"""Workflow step filters of the asset and label reads, and labels made in a step, over HTTP.

The assets of a project with a labeling step and two review steps are placed in several
steps and statuses; every filter's answer is compared with the same predicate applied to
that placement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from kili.client import Kili
from kili.exceptions import GraphQLError, IncompatibleArgumentsError, InvalidArgumentError
from kili_emulator import EmulatorServer
from tests.emulator.helpers import Client, seeding

A = {"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}

# external id -> (step name, status in the step, as the official SDK 26.2.4 spells it)
PLACEMENT = {
    "l-todo": ("Labeling", "TO_DO"),
    "l-progress": ("Labeling", "IN_PROGRESS"),
    "l-partial": ("Labeling", "PARTIALLY_DONE"),
    "r-todo": ("Review", "TO_DO"),
    "r-rework": ("Review", "REWORK"),
    "r-skipped": ("Review", "SKIPPED"),
    "q-done": ("QA", "DONE"),
    "q-todo": ("QA", "TO_DO"),
}
STORED = {"IN_PROGRESS": "DOING", "REWORK": "REDO"}
"""Statuses the emulator stores under their deprecated spelling; filters take both."""


@dataclass
class Placed:
    project_id: str
    asset_ids: dict[str, str]
    step_ids: dict[str, str]


@pytest.fixture
def placed(kili: Kili, project_id: str, emulator_server: EmulatorServer) -> Placed:
    kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{name}.jpg" for name in PLACEMENT],
        external_id_array=list(PLACEMENT),
    )
    rows = kili.assets(project_id, fields=["id", "externalId"])
    asset_ids = {row["externalId"]: row["id"] for row in rows}
    with seeding(emulator_server) as db:
        db.execute(
            "INSERT INTO steps (id, project_id, position, name, type, step_coverage,"
            " created_at, updated_at) VALUES ('qa-' || ?, ?, 2, 'QA', 'REVIEW', 100,"
            " '2024-01-01', '2024-01-01')",
            (project_id, project_id),
        )
        steps = db.fetch_all("SELECT id, name FROM steps WHERE project_id = ?", (project_id,))
        step_ids = {row["name"]: row["id"] for row in steps}
        for external_id, (step, status) in PLACEMENT.items():
            db.execute(
                "UPDATE asset_steps SET step_id = ?, status = ? WHERE asset_id = ?",
                (step_ids[step], STORED.get(status, status), asset_ids[external_id]),
            )
    return Placed(project_id, asset_ids, step_ids)


def expected(keep: Callable[[str, str], bool]) -> set[str]:
    return {external_id for external_id, place in PLACEMENT.items() if keep(*place)}


def found(kili: Kili, placed: Placed, **filters: Any) -> set[str]:
    rows = kili.assets(placed.project_id, fields=["externalId"], **filters)
    names = {row["externalId"] for row in rows}
    assert kili.count_assets(placed.project_id, **filters) == len(names)
    return names


def test_assets_come_with_their_current_step(kili: Kili, placed: Placed) -> None:
    rows = kili.assets(
        placed.project_id, fields=["externalId", "currentStep.name", "currentStep.status"]
    )
    steps = {row["externalId"]: row["currentStep"]["name"] for row in rows}
    assert steps == {name: step for name, (step, _) in PLACEMENT.items()}


@pytest.mark.parametrize("names", [["Review"], ["Labeling", "QA"]])
def test_step_name_and_id_filters(kili: Kili, placed: Placed, names: list[str]) -> None:
    ids = [placed.step_ids[name] for name in names]
    inside = expected(lambda step, _: step in names)
    outside = expected(lambda step, _: step not in names)
    assert found(kili, placed, step_name_in=names) == inside
    assert found(kili, placed, step_id_in=ids) == inside
    assert found(kili, placed, step_name_not_in=names) == outside
    assert found(kili, placed, step_id_not_in=ids) == outside


@pytest.mark.parametrize(
    "statuses", [["TO_DO"], ["IN_PROGRESS", "REWORK"], ["DONE", "SKIPPED", "PARTIALLY_DONE"]]
)
def test_step_status_filters(kili: Kili, placed: Placed, statuses: list[str]) -> None:
    assert found(kili, placed, step_status_in=statuses) == expected(
        lambda _, status: status in statuses
    )
    assert found(kili, placed, step_status_not_in=statuses) == expected(
        lambda _, status: status not in statuses
    )


def test_deprecated_step_statuses_find_the_same_assets(kili: Kili, placed: Placed) -> None:
    with pytest.warns(DeprecationWarning, match="'DOING' is deprecated"):
        doing = found(kili, placed, step_status_in=["DOING"])
    assert doing == found(kili, placed, step_status_in=["IN_PROGRESS"]) == {"l-progress"}


@pytest.mark.parametrize(
    "pairs",
    [
        [("Review", "TO_DO")],
        [("Labeling", "IN_PROGRESS"), ("QA", "DONE"), ("QA", "SKIPPED")],
    ],
)
def test_step_and_status_pair_filters(
    kili: Kili, placed: Placed, pairs: list[tuple[str, str]]
) -> None:
    by_id = [(placed.step_ids[step], status) for step, status in pairs]
    inside = expected(lambda step, status: (step, status) in pairs)
    outside = expected(lambda step, status: (step, status) not in pairs)
    assert found(kili, placed, step_name_and_status_in=pairs) == inside
    assert found(kili, placed, step_id_and_status_in=by_id) == inside
    assert found(kili, placed, step_name_and_status_not_in=pairs) == outside
    assert found(kili, placed, step_id_and_status_not_in=by_id) == outside


def test_step_filters_combine(kili: Kili, placed: Placed) -> None:
    assert found(kili, placed, step_name_not_in=["Labeling"], step_status_in=["TO_DO"]) == {
        "r-todo",
        "q-todo",
    }


def test_filters_the_workflow_does_not_take_are_refused(kili: Kili, placed: Placed) -> None:
    with pytest.raises(InvalidArgumentError, match="'Nope'"):
        kili.assets(placed.project_id, step_name_in=["Review", "Nope"])
    with pytest.raises(InvalidArgumentError, match="multi-group"):
        kili.count_assets(placed.project_id, group_name_in=["Group 1"])
    with pytest.raises(IncompatibleArgumentsError, match="status_in"):
        kili.count_assets(placed.project_id, step_status_in=["DONE"], status_in=["TODO"])
    with pytest.raises(InvalidArgumentError, match="FINISHED"):
        kili.count_assets(placed.project_id, step_status_in=["FINISHED"])  # type: ignore[list-item]


def label_assets(kili: Kili, placed: Placed, label_type: str = "DEFAULT") -> None:
    names = list(PLACEMENT)
    kili.append_labels(
        asset_id_array=[placed.asset_ids[name] for name in names],
        json_response_array=[A] * len(names),
        label_type=label_type,  # type: ignore[arg-type]
        model_name="model" if label_type in ("PREDICTION", "INFERENCE") else None,
    )


def label_assets_of(rows: list[dict[str, Any]]) -> set[str]:
    return {row["labelOf"]["externalId"] for row in rows}


def test_labels_are_filtered_by_the_step_of_their_asset(
    kili: Kili, placed: Placed, emulator_server: EmulatorServer
) -> None:
    with seeding(emulator_server) as db:
        before = {row["asset_id"]: tuple(row) for row in db.fetch_all("SELECT * FROM asset_steps")}
    label_assets(kili, placed, "PREDICTION")
    with seeding(emulator_server) as db:
        after = {row["asset_id"]: tuple(row) for row in db.fetch_all("SELECT * FROM asset_steps")}
    assert after == before, "model labels move no asset"
    fields = ["labelOf.externalId"]
    rows = kili.labels(placed.project_id, fields=fields, asset_step_name_in=["Review"])
    assert label_assets_of(rows) == expected(lambda step, _: step == "Review")
    rows = kili.labels(
        placed.project_id,
        fields=fields,
        asset_step_id_in=[placed.step_ids["QA"]],
        asset_step_status_in=["DONE"],
    )
    assert label_assets_of(rows) == {"q-done"}
    assert kili.count_labels(placed.project_id, asset_step_status_in=["TO_DO"]) == len(
        expected(lambda _, status: status == "TO_DO")
    )
    rows = kili.predictions(placed.project_id, fields=fields, asset_step_name_in=["Labeling"])
    assert label_assets_of(rows) == expected(lambda step, _: step == "Labeling")
    assert kili.inferences(placed.project_id, asset_step_name_in=["Labeling"]) == []
    strict = kili.labels(
        placed.project_id, fields=fields, asset_external_id_strictly_in=["r-todo", "r-"]
    )
    assert label_assets_of(strict) == {"r-todo"}


def test_append_labels_in_a_step_given_by_id_or_by_name(kili: Kili, project_id: str) -> None:
    kili.append_many_to_dataset(
        project_id,
        content_array=["https://example.com/x.jpg"] * 3,
        external_id_array=["x", "y", "z"],
    )
    asset_ids = [row["id"] for row in kili.assets(project_id, fields=["id"])]
    steps = {
        row["currentStep"]["name"] for row in kili.assets(project_id, fields=["currentStep.name"])
    }
    assert steps == {"Labeling"}
    (project,) = kili.projects(project_id, fields=["steps.id", "steps.name"])
    labeling_id = next(step["id"] for step in project["steps"] if step["name"] == "Labeling")
    by_id = kili.append_labels(
        asset_id_array=asset_ids[:1], json_response_array=[A], step_id=labeling_id
    )
    by_name = kili.append_labels(
        asset_id_array=asset_ids[1:2], json_response_array=[A], step_name="Labeling"
    )
    created = {row["id"] for row in kili.labels(project_id, fields=["id"])}
    assert created == {by_id[0]["id"], by_name[0]["id"]}
    with pytest.raises(GraphQLError, match="REVIEW step"):
        kili.append_labels(
            asset_id_array=asset_ids[2:], json_response_array=[A], step_name="Review"
        )
    with pytest.raises(InvalidArgumentError, match="not found in project workflow"):
        kili.append_labels(asset_id_array=asset_ids[2:], json_response_array=[A], step_id="nope")
    with pytest.raises(InvalidArgumentError, match="only supported in the multi-group workflow"):
        kili.append_labels(
            asset_id_array=asset_ids[2:],
            json_response_array=[A],
            step_name="Labeling",
            group_name="Group 1",
        )
    with pytest.raises(IncompatibleArgumentsError):
        kili.append_labels(
            asset_id_array=asset_ids[2:],
            json_response_array=[A],
            step_name="Labeling",
            step_id=labeling_id,
        )
    assert kili.count_labels(project_id) == 2


def test_assets_moved_by_labels_and_reviews_are_found_in_their_step(
    kili: Kili, project_id: str, emulator_server: EmulatorServer
) -> None:
    admin = Client(emulator_server.endpoint, emulator_server.api_key)
    admin.execute(
        "mutation($input: AddReviewStepInput!) { addReviewStep(input: $input) { id } }",
        {"input": {"projectId": project_id, "name": "QA", "assignees": [], "stepCoverage": 100}},
    )
    names = ["untouched", "drafted", "labeled-1", "labeled-2", "reviewed-1", "reviewed-2"]
    kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{name}.jpg" for name in names],
        external_id_array=names,
    )
    ids = {
        row["externalId"]: row["id"] for row in kili.assets(project_id, fields=["id", "externalId"])
    }
    kili.append_labels(
        asset_id_array=[ids["drafted"]], json_response_array=[A], label_type="AUTOSAVE"
    )
    labeled = [ids[name] for name in names[2:]]
    kili.append_labels(asset_id_array=labeled, json_response_array=[A] * 4, step_name="Labeling")
    reviewed = [ids["reviewed-1"], ids["reviewed-2"]]
    kili.append_labels(
        asset_id_array=reviewed,
        json_response_array=[A] * 2,
        label_type="REVIEW",
        step_name="Review",
    )

    def in_step(**filters: Any) -> set[str]:
        rows = kili.assets(project_id, fields=["externalId"], **filters)
        return {row["externalId"] for row in rows}

    assert in_step(step_name_in=["Labeling"]) == {"untouched", "drafted"}
    assert in_step(step_name_and_status_in=[("Labeling", "IN_PROGRESS")]) == {"drafted"}
    assert in_step(step_name_in=["Review"], step_status_in=["TO_DO"]) == {"labeled-1", "labeled-2"}
    assert in_step(step_name_in=["QA"]) == {"reviewed-1", "reviewed-2"}
    assert in_step(step_name_not_in=["Labeling", "Review"]) == {"reviewed-1", "reviewed-2"}
    qa_labels = kili.labels(
        project_id, fields=["labelOf.externalId", "labelType"], asset_step_name_in=["QA"]
    )
    assert sorted((row["labelOf"]["externalId"], row["labelType"]) for row in qa_labels) == [
        ("reviewed-1", "DEFAULT"),
        ("reviewed-1", "REVIEW"),
        ("reviewed-2", "DEFAULT"),
        ("reviewed-2", "REVIEW"),
    ]
