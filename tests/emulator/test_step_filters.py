"""The workflow-step fields of AssetWhere, on assets placed in several steps and statuses.

Each filter's answer is compared with the same predicate applied in Python to the
placement the test made, for assets and for labels filtered by their asset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from kili_emulator import EmulatorServer
from tests.emulator.helpers import Client, insert_label, seeding

# external id -> (step name, status stored in the step)
PLACEMENT = {
    "a-todo": ("Labeling", "TO_DO"),
    "a-doing": ("Labeling", "DOING"),
    "a-partial": ("Labeling", "PARTIALLY_DONE"),
    "r-todo": ("Review", "TO_DO"),
    "r-redo": ("Review", "REDO"),
    "r-skipped": ("Review", "SKIPPED"),
    "q-done": ("QA", "DONE"),
    "q-todo": ("QA", "TO_DO"),
}
SPELLINGS = {"IN_PROGRESS": "DOING", "REWORK": "REDO"}
"""Current spellings of the statuses the emulator stores under their deprecated name."""


@dataclass
class Workflow:
    project_id: str
    asset_ids: dict[str, str]
    step_ids: dict[str, str]


@pytest.fixture(scope="module")
def workflow(admin: Client, server: EmulatorServer) -> Workflow:
    project_id = admin.create_project("step filters")
    rows = admin.import_assets(
        project_id,
        contentArray=[f"https://x/{e}.png" for e in PLACEMENT],
        externalIDArray=list(PLACEMENT),
    )
    asset_ids = {row["externalId"]: row["id"] for row in rows}
    author = admin.execute("{ viewer { id } }")["viewer"]["id"]
    with seeding(server) as db:
        db.execute(
            "INSERT INTO steps (id, project_id, position, name, type, step_coverage,"
            " created_at, updated_at) VALUES ('step-qa-' || ?, ?, 2, 'QA', 'REVIEW', 100,"
            " '2024-01-01', '2024-01-01')",
            (project_id, project_id),
        )
        steps = db.fetch_all("SELECT id, name FROM steps WHERE project_id = ?", (project_id,))
        step_ids = {row["name"]: row["id"] for row in steps}
        for external_id, (step, status) in PLACEMENT.items():
            db.execute(
                "UPDATE asset_steps SET step_id = ?, status = ? WHERE asset_id = ?",
                (step_ids[step], status, asset_ids[external_id]),
            )
            insert_label(db, asset_ids[external_id], author)
    return Workflow(project_id, asset_ids, step_ids)


def stored(status: str) -> str:
    return SPELLINGS.get(status, status)


def found(admin: Client, workflow: Workflow, where: dict[str, Any]) -> set[str]:
    scoped = {"project": {"id": workflow.project_id}, **where}
    assets = set(admin.external_ids(scoped))
    assert admin.count_assets(scoped) == len(assets)
    return assets


def expected(keep: Callable[[str, str], bool]) -> set[str]:
    return {external_id for external_id, place in PLACEMENT.items() if keep(*place)}


def test_every_asset_is_where_the_test_placed_it(admin: Client, workflow: Workflow) -> None:
    rows = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 50, skip: 0)"
        " { externalId currentStep { name status } } }",
        {"w": {"project": {"id": workflow.project_id}}},
    )["assets"]
    placed = {row["externalId"]: tuple(row["currentStep"].values()) for row in rows}
    assert placed == PLACEMENT


@pytest.mark.parametrize("steps", [["Review"], ["Labeling", "QA"], []])
def test_step_id_in_and_not_in(admin: Client, workflow: Workflow, steps: list[str]) -> None:
    ids = [workflow.step_ids[name] for name in steps]
    assert found(admin, workflow, {"stepIdIn": ids}) == expected(lambda step, _: step in steps)
    assert found(admin, workflow, {"stepIdNotIn": ids}) == expected(
        lambda step, _: step not in steps
    )


@pytest.mark.parametrize(
    "statuses", [["TO_DO"], ["DONE", "SKIPPED"], ["IN_PROGRESS"], ["REWORK", "DOING"], ["REDO"]]
)
def test_step_status_in_and_not_in_match_both_spellings(
    admin: Client, workflow: Workflow, statuses: list[str]
) -> None:
    wanted = {stored(status) for status in statuses}
    assert found(admin, workflow, {"stepStatusIn": statuses}) == expected(
        lambda _, status: status in wanted
    )
    assert found(admin, workflow, {"stepStatusNotIn": statuses}) == expected(
        lambda _, status: status not in wanted
    )


@pytest.mark.parametrize(
    "pairs",
    [
        [("Review", "TO_DO")],
        [("Labeling", "IN_PROGRESS"), ("QA", "DONE")],
        [("Review", "REWORK"), ("Review", "SKIPPED"), ("QA", "SKIPPED")],
    ],
)
def test_step_id_and_status_in_and_not_in(
    admin: Client, workflow: Workflow, pairs: list[tuple[str, str]]
) -> None:
    sent = [{"stepId": workflow.step_ids[step], "status": status} for step, status in pairs]
    wanted = {(step, stored(status)) for step, status in pairs}
    assert found(admin, workflow, {"stepIdAndStatusIn": sent}) == expected(
        lambda step, status: (step, status) in wanted
    )
    assert found(admin, workflow, {"stepIdAndStatusNotIn": sent}) == expected(
        lambda step, status: (step, status) not in wanted
    )


def test_no_step_is_in_a_group_of_the_single_group_workflow(
    admin: Client, workflow: Workflow
) -> None:
    assert found(admin, workflow, {"groupNameIn": ["Group 1"]}) == set()
    assert found(admin, workflow, {"groupNameNotIn": ["Group 1"]}) == set(PLACEMENT)


def test_step_filters_combine_with_each_other(admin: Client, workflow: Workflow) -> None:
    where = {
        "stepIdNotIn": [workflow.step_ids["Labeling"]],
        "stepStatusIn": ["TO_DO", "DONE"],
        "externalIdIn": ["q-"],
    }
    assert found(admin, workflow, where) == {"q-done", "q-todo"}


def test_labels_are_filtered_by_the_step_of_their_asset(admin: Client, workflow: Workflow) -> None:
    asset_where = {"stepIdIn": [workflow.step_ids["Review"]], "stepStatusNotIn": ["SKIPPED"]}
    where = {"project": {"id": workflow.project_id}, "asset": asset_where}
    rows = admin.execute(
        "query($w: LabelWhere!) { labels(where: $w, first: 50, skip: 0) { labelOf { externalId } }"
        " countLabels(where: $w) }",
        {"w": where},
    )
    assert {row["labelOf"]["externalId"] for row in rows["labels"]} == {"r-todo", "r-redo"}
    assert rows["countLabels"] == 2


def test_an_unknown_step_status_is_refused(admin: Client, workflow: Workflow) -> None:
    errors = admin.errors(
        "query($w: AssetWhere!) { countAssets(where: $w) }",
        {"w": {"project": {"id": workflow.project_id}, "stepStatusIn": ["FINISHED"]}},
    )
    assert "FINISHED" in errors[0]["message"]


APPEND = (
    "mutation($data: AppendManyLabelsData!, $where: AssetWhere!) {"
    " appendManyLabels(data: $data, where: $where) { id } }"
)


def test_labels_are_made_only_in_a_step_of_their_kind_in_the_project(
    admin: Client, workflow: Workflow, project_id: str
) -> None:
    asset_id = workflow.asset_ids["a-todo"]
    other_project_step = admin.execute(
        "query($w: ProjectWhere!) { projects(where: $w, first: 1, skip: 0) { steps { id } } }",
        {"w": {"id": project_id}},
    )["projects"][0]["steps"][0]["id"]

    def codes(**step: str) -> list[str]:
        data = {
            "labelType": step.pop("labelType", "DEFAULT"),
            "labelsData": [{"assetID": asset_id, "jsonResponse": "{}"}],
            **step,
        }
        return [
            error["extensions"]["code"]
            for error in admin.errors(APPEND, {"data": data, "where": {"id": asset_id}})
        ]

    assert codes(stepId=other_project_step) == ["NOT_FOUND"]
    assert codes(stepName="Nowhere") == ["NOT_FOUND"]
    assert codes(stepId=workflow.step_ids["QA"]) == ["BAD_USER_INPUT"]
    assert codes(stepId=workflow.step_ids["Labeling"], labelType="REVIEW") == ["BAD_USER_INPUT"]
    assert codes(stepId=workflow.step_ids["Labeling"], stepName="Labeling") == ["BAD_USER_INPUT"]
    count = admin.execute(
        "query($w: LabelWhere!) { countLabels(where: $w) }", {"w": {"asset": {"id": asset_id}}}
    )["countLabels"]
    assert count == 1, "only the label the fixture seeded"
    made = admin.execute(
        APPEND,
        {
            "data": {
                "labelType": "PREDICTION",
                "stepId": workflow.step_ids["QA"],
                "labelsData": [{"assetID": asset_id, "jsonResponse": "{}", "modelName": "m"}],
            },
            "where": {"id": asset_id},
        },
    )
    assert len(made["appendManyLabels"]) == 1
