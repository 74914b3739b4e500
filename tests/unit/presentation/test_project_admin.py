"""Project administration methods on a mocked gateway: checks, mapping, verification."""

from __future__ import annotations

import inspect
from typing import Any
from unittest.mock import call

import pytest

from kili.client import Kili
from kili.domain.project import ProjectFilters, ProjectId, ProjectUpdate
from kili.exceptions import (
    IncompatibleArgumentsError,
    InvalidArgumentError,
    NotFound,
    UncertainWriteError,
)

OFFICIAL_UPDATE_PARAMETERS = [
    "self",
    "project_id",
    "can_navigate_between_assets",
    "can_skip_asset",
    "compliance_tags",
    "consensus_mark",
    "consensus_tot_coverage",
    "description",
    "honeypot_mark",
    "instructions",
    "input_type",
    "json_interface",
    "min_consensus_size",
    "review_coverage",
    "should_relaunch_kpi_computation",
    "title",
    "use_honeypot",
    "metadata_types",
    "metadata_properties",
    "seconds_to_label_before_auto_assign",
    "should_auto_assign",
]


@pytest.mark.parametrize(
    ("method", "parameters"),
    [
        ("update_properties_in_project", OFFICIAL_UPDATE_PARAMETERS),
        ("archive_project", ["self", "project_id"]),
        ("unarchive_project", ["self", "project_id"]),
        ("delete_project", ["self", "project_id"]),
        ("update_project_anonymization", ["self", "project_id", "should_anonymize"]),
        (
            "copy_project",
            [
                "self",
                "from_project_id",
                "title",
                "description",
                "copy_json_interface",
                "copy_quality_settings",
                "copy_members",
                "copy_assets",
                "copy_labels",
                "disable_tqdm",
            ],
        ),
    ],
)
def test_parameters_are_the_official_ones_in_order(method: str, parameters: list[str]) -> None:
    assert list(inspect.signature(getattr(Kili, method)).parameters) == parameters


def test_update_sends_only_the_settings_given_and_asks_them_back(kili: Kili, gateway: Any) -> None:
    gateway.update_project.return_value = {"id": "p", "title": "T", "reviewCoverage": 5}
    answer = kili.update_properties_in_project("p", title="T", review_coverage=5)
    assert answer == {"id": "p", "title": "T", "reviewCoverage": 5}
    project_id, update, fields = gateway.update_project.call_args.args
    assert project_id == "p"
    assert update == ProjectUpdate(title="T", review_coverage=5)
    assert set(fields) == {"id", "title", "reviewCoverage"}


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"review_coverage": 101}, "review_coverage"),
        ({"consensus_tot_coverage": -1}, "consensus_tot_coverage"),
        ({"min_consensus_size": 11}, "min_consensus_size"),
        ({"consensus_mark": 1.5}, "consensus_mark"),
        ({"honeypot_mark": -0.1}, "honeypot_mark"),
        ({"title": "  "}, "title"),
        ({"metadata_properties": {"k": {"type": "blob"}}}, "metadata_properties"),
        ({"metadata_properties": {"k": "number"}}, "metadata_properties"),
        ({"json_interface": {"jobs": {"J": {"mlTask": "DANCING"}}}}, "DANCING"),
    ],
)
def test_bad_settings_are_refused_before_any_request(
    kili: Kili, gateway: Any, arguments: dict[str, Any], named: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=named):
        kili.update_properties_in_project("p", **arguments)
    assert gateway.method_calls == []


def test_metadata_properties_are_completed_without_touching_the_callers_dict(
    kili: Kili, gateway: Any
) -> None:
    given = {"site": {"type": "number", "filterable": False}}
    kili.update_properties_in_project("p", metadata_properties=given)
    update = gateway.update_project.call_args.args[1]
    assert update.metadata_properties == {
        "site": {
            "type": "number",
            "filterable": False,
            "visibleByLabeler": True,
            "visibleByReviewer": True,
        }
    }
    assert given == {"site": {"type": "number", "filterable": False}}


def test_deprecated_arguments_warn(kili: Kili, gateway: Any) -> None:
    with pytest.warns(DeprecationWarning, match="input_type"):
        kili.update_properties_in_project("p", input_type="TEXT", title="T")
    assert gateway.update_project.call_args.args[1] == ProjectUpdate(title="T")
    with pytest.warns(DeprecationWarning, match="metadata_types"):
        kili.update_properties_in_project("p", metadata_types={"k": "date"})
    assert gateway.update_project.call_args.args[1].metadata_properties["k"]["type"] == "date"
    with pytest.warns(DeprecationWarning, match="seconds_to_label"):
        kili.update_properties_in_project(
            "p", seconds_to_label_before_auto_assign=3, should_auto_assign=False
        )
    assert gateway.update_project.call_args.args[1].should_auto_assign is False


def test_archive_and_unarchive(kili: Kili, gateway: Any) -> None:
    gateway.update_project.return_value = {"id": "p", "archived": True}
    assert kili.archive_project("p") == {"id": "p"}
    assert gateway.update_project.call_args.args[1] == ProjectUpdate(archived=True)
    assert kili.unarchive_project("p") == {"id": "p"}
    assert gateway.update_project.call_args.args[1] == ProjectUpdate(archived=False)


def test_anonymization(kili: Kili, gateway: Any) -> None:
    gateway.update_project_anonymization.return_value = ProjectId("p")
    assert kili.update_project_anonymization("p") == {"id": "p"}
    gateway.update_project_anonymization.assert_called_once_with("p", True)


def test_delete_project(kili: Kili, gateway: Any) -> None:
    gateway.delete_project.return_value = "p"
    assert kili.delete_project("p") == "p"
    gateway.count_projects.assert_not_called()


def test_a_deletion_lost_in_transit_is_read_back_not_resent(kili: Kili, gateway: Any) -> None:
    gateway.delete_project.side_effect = UncertainWriteError("connection dropped")
    gateway.count_projects.return_value = 0
    assert kili.delete_project("p") == "p"
    assert gateway.delete_project.call_count == 1
    gateway.count_projects.assert_called_once_with(ProjectFilters(id=ProjectId("p")))


def test_a_deletion_that_did_not_land_is_sent_again(kili: Kili, gateway: Any) -> None:
    gateway.delete_project.side_effect = [UncertainWriteError("dropped"), "p"]
    gateway.count_projects.return_value = 1
    assert kili.delete_project("p") == "p"
    assert gateway.delete_project.call_count == 2


@pytest.fixture
def source(gateway: Any) -> Any:
    """A source project `src`, titled Source, and no project titled like its copies."""

    def list_projects(filters: ProjectFilters, fields: Any, options: Any) -> Any:
        if filters.id == "src":
            return iter([{"id": "src", "title": "Source", "inputType": "IMAGE"}])
        return iter([{"title": "Source"}, {"title": "Source (copy)"}])

    gateway.list_projects.side_effect = list_projects
    gateway.copy_project.return_value = ProjectId("new")
    return gateway


def test_copy_project_copies_then_names_the_copy(kili: Kili, source: Any) -> None:
    assert kili.copy_project("src", copy_assets=True) == "new"
    source.copy_project.assert_called_once_with("src", copy_members=True, copy_assets=True)
    project_id, update, _ = source.update_project.call_args.args
    assert project_id == "new"
    assert update == ProjectUpdate(title="Source (copy 1)")


def test_copy_project_with_labels_copies_each_labeled_asset(kili: Kili, source: Any) -> None:
    source.list_assets.side_effect = [
        iter(
            [
                {"id": "s1", "externalId": "a", "labels": [{"id": "l1"}]},
                {"id": "s2", "externalId": "b", "labels": []},
                {"id": "s3", "externalId": "c", "labels": [{"id": "l2"}, {"id": "l3"}]},
            ]
        ),
        iter(
            [
                {"id": "t1", "externalId": "a"},
                {"id": "t2", "externalId": "b"},
                {"id": "t3", "externalId": "c"},
            ]
        ),
    ]
    kili.copy_project("src", title="T", copy_assets=True, copy_labels=True)
    assert source.copy_labels.call_args_list == [call("s1", "t1", "new"), call("s3", "t3", "new")]


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({"copy_labels": True}, IncompatibleArgumentsError),
        (
            {"copy_labels": True, "copy_assets": True, "copy_members": False},
            IncompatibleArgumentsError,
        ),
        ({"copy_json_interface": False}, InvalidArgumentError),
        ({"copy_quality_settings": False}, InvalidArgumentError),
    ],
)
def test_contradictory_copy_flags_send_nothing(
    kili: Kili, gateway: Any, arguments: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        kili.copy_project("src", **arguments)
    assert gateway.method_calls == []


def test_an_llm_project_is_not_copied(kili: Kili, gateway: Any) -> None:
    gateway.list_projects.return_value = iter(
        [{"id": "src", "title": "S", "inputType": "LLM_RLHF"}]
    )
    with pytest.raises(InvalidArgumentError, match="LLM_RLHF"):
        kili.copy_project("src")
    gateway.copy_project.assert_not_called()


def test_copying_a_missing_project_sends_no_copy(kili: Kili, gateway: Any) -> None:
    gateway.list_projects.return_value = iter([])
    with pytest.raises(NotFound):
        kili.copy_project("nope")
    gateway.copy_project.assert_not_called()


def test_pixel_labeling_is_checked_before_creation(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="GEOSPATIAL"):
        kili.create_project(
            "t", input_type="IMAGE", json_interface={"jobs": {}}, pixel_labeling=True
        )
    with pytest.raises(IncompatibleArgumentsError, match="from_demo_project"):
        kili.create_project("t", from_demo_project="DEMO_NER", pixel_labeling=True)
    gateway.create_project.assert_not_called()


def test_a_copy_lost_in_transit_is_found_not_made_twice(kili: Kili, gateway: Any) -> None:
    def list_projects(filters: ProjectFilters, fields: Any, options: Any) -> Any:
        if filters.id == "src":
            return iter([{"id": "src", "title": "Source", "inputType": "IMAGE"}])
        if filters.created_at_gte is not None:
            return iter(
                [
                    {"id": "src", "title": "Source", "author": {"id": "me"}, "createdAt": "1"},
                    {"id": "other", "title": "Source", "author": {"id": "you"}, "createdAt": "2"},
                    {"id": "made", "title": "Source", "author": {"id": "me"}, "createdAt": "3"},
                ]
            )
        return iter([])

    gateway.list_projects.side_effect = list_projects
    gateway.get_current_user.return_value = {"id": "me"}
    gateway.copy_project.side_effect = UncertainWriteError("dropped")
    assert kili.copy_project("src", title="T") == "made"
    assert gateway.copy_project.call_count == 1
    assert gateway.update_project.call_args.args[:2] == ("made", ProjectUpdate(title="T"))
