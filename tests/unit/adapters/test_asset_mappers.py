"""Asset filters and inputs as the API's variables."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from kili.adapters.kili_api_gateway.asset.mappers import (
    append_many_assets_data,
    asset_data,
    asset_where,
)
from kili.adapters.kili_api_gateway.schema import kili_schema
from kili.domain.asset import (
    AssetExternalId,
    AssetFilters,
    AssetId,
    AssetToCreate,
    AssetUpdate,
    PageResolution,
    Resolution,
)
from kili.domain.project import ProjectId
from kili.domain.step_filters import StepFilters
from kili.exceptions import InternalError

PROJECT = ProjectId("p1")

# every filter, a value for it, and where the API expects it
FILTER_PATHS: list[tuple[str, Any, tuple[str, ...], Any]] = [
    ("asset_id", "a1", ("id",), "a1"),
    ("asset_id_in", ("a1", "a2"), ("idIn",), ["a1", "a2"]),
    ("asset_id_not_in", ("a3",), ("idNotIn",), ["a3"]),
    ("external_id_strictly_in", ("e1",), ("externalIdStrictlyIn",), ["e1"]),
    ("external_id_in", ("e",), ("externalIdIn",), ["e"]),
    ("status_in", ("TODO", "LABELED"), ("statusIn",), ["TODO", "LABELED"]),
    ("skipped", False, ("skipped",), False),
    ("metadata_where", {"k": [1, 2]}, ("metadata",), {"k": [1, 2]}),
    ("consensus_mark_gte", 0.1, ("consensusMarkGte",), 0.1),
    ("consensus_mark_lte", 0.9, ("consensusMarkLte",), 0.9),
    ("honeypot_mark_gte", 0.2, ("honeypotMarkGte",), 0.2),
    ("honeypot_mark_lte", 0.8, ("honeypotMarkLte",), 0.8),
    ("inference_mark_gte", 0.3, ("inferenceMarkGte",), 0.3),
    ("inference_mark_lte", 0.7, ("inferenceMarkLte",), 0.7),
    ("created_at_gte", "2024-01-01", ("createdAtGte",), "2024-01-01"),
    ("created_at_lte", "2024-02-01", ("createdAtLte",), "2024-02-01"),
    ("updated_at_gte", "2024-03-01", ("updatedAtGte",), "2024-03-01"),
    ("updated_at_lte", "2024-04-01", ("updatedAtLte",), "2024-04-01"),
    ("assignee_in", ("u@x",), ("assigneeIn",), ["u@x"]),
    ("assignee_not_in", ("v@x",), ("assigneeNotIn",), ["v@x"]),
    ("issue_type", "QUESTION", ("issue", "type"), "QUESTION"),
    ("issue_status", "OPEN", ("issue", "status"), "OPEN"),
    ("label_type_in", ("DEFAULT",), ("label", "typeIn"), ["DEFAULT"]),
    ("label_author_in", ("Ada",), ("label", "authorIn"), ["Ada"]),
    ("label_labeler_in", ("l@x",), ("label", "labelerIn"), ["l@x"]),
    ("label_labeler_not_in", ("m@x",), ("label", "labelerNotIn"), ["m@x"]),
    ("label_reviewer_in", ("r@x",), ("label", "reviewerIn"), ["r@x"]),
    ("label_reviewer_not_in", ("s@x",), ("label", "reviewerNotIn"), ["s@x"]),
    ("label_consensus_mark_gte", 0.4, ("label", "consensusMarkGte"), 0.4),
    ("label_consensus_mark_lte", 0.6, ("label", "consensusMarkLte"), 0.6),
    ("label_created_at", "2024-05-01", ("label", "createdAt"), "2024-05-01"),
    ("label_created_at_gte", "2024-05-02", ("label", "createdAtGte"), "2024-05-02"),
    ("label_created_at_lte", "2024-05-03", ("label", "createdAtLte"), "2024-05-03"),
    ("label_honeypot_mark_gte", 0.5, ("label", "honeypotMarkGte"), 0.5),
    ("label_honeypot_mark_lte", 0.55, ("label", "honeypotMarkLte"), 0.55),
    ("label_category_search", "J.A.count > 0", ("label", "search"), "J.A.count > 0"),
    ("label_json_response_contains", ("CAR",), ("label", "jsonResponseContains"), ["CAR"]),
]


# every step filter given by id, a value for it, and the AssetWhere field it lands on
STEP_PATHS: list[tuple[str, Any, str, Any]] = [
    ("step_id_in", ("s1",), "stepIdIn", ["s1"]),
    ("step_id_not_in", ("s2",), "stepIdNotIn", ["s2"]),
    ("step_status_in", ("TO_DO", "REWORK"), "stepStatusIn", ["TO_DO", "REWORK"]),
    ("step_status_not_in", ("DONE",), "stepStatusNotIn", ["DONE"]),
    (
        "step_id_and_status_in",
        (("s1", "DONE"), ("s2", "TO_DO")),
        "stepIdAndStatusIn",
        [{"stepId": "s1", "status": "DONE"}, {"stepId": "s2", "status": "TO_DO"}],
    ),
    (
        "step_id_and_status_not_in",
        (("s3", "SKIPPED"),),
        "stepIdAndStatusNotIn",
        [{"stepId": "s3", "status": "SKIPPED"}],
    ),
    ("group_name_in", ("G1",), "groupNameIn", ["G1"]),
    ("group_name_not_in", ("G2",), "groupNameNotIn", ["G2"]),
]
STEP_NAME_FILTERS = {
    "step_name_in": ("Review",),
    "step_name_not_in": ("Review",),
    "step_name_and_status_in": (("Review", "DONE"),),
    "step_name_and_status_not_in": (("Review", "DONE"),),
}
"""Filters by step name: resolved into ids by the use case, never sent as such."""


def test_the_table_covers_every_filter() -> None:
    names = {field.name for field in dataclasses.fields(AssetFilters)} - {"project_id", "steps"}
    assert {name for name, *_ in FILTER_PATHS} == names
    step_names = {field.name for field in dataclasses.fields(StepFilters)}
    assert {name for name, *_ in STEP_PATHS} | set(STEP_NAME_FILTERS) == step_names


@pytest.mark.parametrize(("name", "value", "key", "sent"), STEP_PATHS)
def test_each_step_filter_lands_on_its_asset_where_field(
    name: str, value: Any, key: str, sent: Any
) -> None:
    where = asset_where(AssetFilters(PROJECT, steps=StepFilters(**{name: value})))
    assert where == {"project": {"id": "p1"}, key: sent}
    assert key in kili_schema().type_map["AssetWhere"].fields  # type: ignore[union-attr]


@pytest.mark.parametrize("name", sorted(STEP_NAME_FILTERS))
def test_a_step_still_named_is_a_bug_not_a_request(name: str) -> None:
    steps = StepFilters(**{name: STEP_NAME_FILTERS[name]})
    with pytest.raises(InternalError):
        asset_where(AssetFilters(PROJECT, steps=steps))


@pytest.mark.parametrize(("name", "value", "path", "sent"), FILTER_PATHS)
def test_each_filter_lands_on_its_asset_where_field(
    name: str, value: Any, path: tuple[str, ...], sent: Any
) -> None:
    where = asset_where(AssetFilters(PROJECT, **{name: value}))
    node: Any = where
    for key in path:
        node = node[key]
    assert node == sent
    assert where["project"] == {"id": "p1"}
    assert len(where) == 2, "only the project and this filter are sent"


@pytest.mark.parametrize(("name", "value", "path", "sent"), FILTER_PATHS)
def test_each_mapped_field_exists_in_the_schema(
    name: str, value: Any, path: tuple[str, ...], sent: Any
) -> None:
    type_name = "AssetWhere"
    for key in path:
        field = kili_schema().type_map[type_name].fields[key]  # type: ignore[union-attr]
        type_name = str(field.type).strip("[]!")


def test_no_filter_sends_only_the_project() -> None:
    assert asset_where(AssetFilters(PROJECT)) == {"project": {"id": "p1"}}


def test_append_data_has_one_array_per_property() -> None:
    assets = [
        AssetToCreate(AssetExternalId("e1"), content="https://a", json_metadata='{"k": 1}'),
        AssetToCreate(AssetExternalId("e2"), content="text", is_honeypot=True),
    ]
    assert append_many_assets_data(assets) == {
        "contentArray": ["https://a", "text"],
        "externalIDArray": ["e1", "e2"],
        "isHoneypotArray": [False, True],
        "jsonContentArray": ["", ""],
        "jsonMetadataArray": ['{"k": 1}', "{}"],
    }


def test_append_data_sends_ids_only_when_chosen() -> None:
    data = append_many_assets_data([AssetToCreate(AssetExternalId("e"), id=AssetId("my-id"))])
    assert data["idArray"] == ["my-id"]


def test_asset_data_sends_only_what_changes() -> None:
    update = AssetUpdate(AssetId("a"), priority=3, is_honeypot=False)
    assert asset_data(update) == {"priority": 3, "isHoneypot": False}


def test_asset_data_resets_labelers_when_none_are_given() -> None:
    assert asset_data(AssetUpdate(AssetId("a"), to_be_labeled_by=())) == {
        "toBeLabeledBy": [],
        "shouldResetToBeLabeledBy": True,
    }
    assert asset_data(AssetUpdate(AssetId("a"), to_be_labeled_by=("u@x",))) == {
        "toBeLabeledBy": ["u@x"],
        "shouldResetToBeLabeledBy": False,
    }


def test_asset_data_describes_resolutions() -> None:
    update = AssetUpdate(
        AssetId("a"),
        resolution=Resolution(640, 480),
        page_resolutions=(PageResolution(10, 20, 1), PageResolution(30, 40, 2, rotation=90)),
        external_id=AssetExternalId("new"),
    )
    assert asset_data(update) == {
        "externalId": "new",
        "resolution": {"width": 640, "height": 480},
        "pageResolutions": [
            {"width": 10, "height": 20, "pageNumber": 1},
            {"width": 30, "height": 40, "pageNumber": 2, "rotation": 90},
        ],
    }
