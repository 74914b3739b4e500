"""Step and group filters of the asset and label reads, on a mocked gateway.

Steps named are resolved into ids against the project's workflow before the read; bad
statuses, unknown names and filters the workflow does not take are refused before
anything but the project is read.
"""

from __future__ import annotations

import inspect
import warnings
from typing import Any

import pytest

from kili.client import Kili
from kili.domain.asset import AssetFilters
from kili.domain.label import LabelFilters
from kili.domain.step_filters import StepFilters
from kili.exceptions import ArgumentTypeError, IncompatibleArgumentsError, InvalidArgumentError

STEPS = [
    {"id": "s-label", "name": "Labeling"},
    {"id": "s-review", "name": "Review"},
    {"id": "s-qa", "name": "QA"},
]


def workflow(gateway: Any, version: str = "V2", steps: list[dict[str, str]] = STEPS) -> Any:
    gateway.list_projects.side_effect = lambda *args: iter(
        [{"id": "p1", "workflowVersion": version, "steps": steps}]
    )
    gateway.list_assets.side_effect = lambda *args: iter([{"id": "a1"}])
    gateway.count_assets.return_value = 7
    gateway.list_labels.side_effect = lambda *args: iter([{"id": "l1"}])
    gateway.count_labels.return_value = 3
    return gateway


def sent_asset_steps(gateway: Any) -> StepFilters | None:
    calls = gateway.list_assets.call_args_list + gateway.count_assets.call_args_list
    (call,) = calls
    filters: AssetFilters = call.args[0]
    return filters.steps


def sent_label_filters(gateway: Any) -> LabelFilters:
    (call,) = gateway.list_labels.call_args_list + gateway.count_labels.call_args_list
    filters: LabelFilters = call.args[0]
    return filters


# argument given to assets/count_assets, value, the step filters sent
BY_NAME: list[tuple[str, Any, StepFilters]] = [
    ("step_name_in", ["Review", "QA"], StepFilters(step_id_in=("s-review", "s-qa"))),
    ("step_name_not_in", ["Labeling"], StepFilters(step_id_not_in=("s-label",))),
    (
        "step_name_and_status_in",
        [("Review", "TO_DO"), ("Labeling", "DONE")],
        StepFilters(step_id_and_status_in=(("s-review", "TO_DO"), ("s-label", "DONE"))),
    ),
    (
        "step_name_and_status_not_in",
        [("QA", "SKIPPED")],
        StepFilters(step_id_and_status_not_in=(("s-qa", "SKIPPED"),)),
    ),
    ("step_id_in", ["s-qa"], StepFilters(step_id_in=("s-qa",))),
    ("step_id_not_in", ("s-qa",), StepFilters(step_id_not_in=("s-qa",))),
    (
        "step_id_and_status_in",
        [("s-qa", "REWORK")],
        StepFilters(step_id_and_status_in=(("s-qa", "REWORK"),)),
    ),
    (
        "step_id_and_status_not_in",
        [("s-qa", "IN_PROGRESS")],
        StepFilters(step_id_and_status_not_in=(("s-qa", "IN_PROGRESS"),)),
    ),
    ("step_status_in", ["DONE"], StepFilters(step_status_in=("DONE",))),
    ("step_status_not_in", ["TO_DO"], StepFilters(step_status_not_in=("TO_DO",))),
]


@pytest.mark.parametrize("method", ["assets", "count_assets"])
@pytest.mark.parametrize(("argument", "value", "sent"), BY_NAME)
def test_asset_step_filters_reach_the_gateway_by_id(
    kili: Kili, gateway: Any, method: str, argument: str, value: Any, sent: StepFilters
) -> None:
    workflow(gateway)
    getattr(kili, method)("p1", **{argument: value})
    assert sent_asset_steps(gateway) == sent


def test_a_name_several_steps_bear_stands_for_each(kili: Kili, gateway: Any) -> None:
    workflow(gateway, steps=[*STEPS, {"id": "s-review-2", "name": "Review"}])
    kili.count_assets("p1", step_name_in=["Review"])
    assert sent_asset_steps(gateway) == StepFilters(step_id_in=("s-review", "s-review-2"))


def test_no_step_filter_reads_no_workflow(kili: Kili, gateway: Any) -> None:
    workflow(gateway)
    kili.count_assets("p1", status_in=["TODO"])
    gateway.list_projects.assert_not_called()
    assert sent_asset_steps(gateway) is None


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"step_status_in": ["FINISHED"]}, InvalidArgumentError, "FINISHED"),
        ({"step_status_not_in": ["todo"]}, InvalidArgumentError, "todo"),
        ({"step_id_and_status_in": [("s", "LATER")]}, InvalidArgumentError, "LATER"),
        ({"step_name_and_status_in": [("s", "DONE", 1)]}, ArgumentTypeError, "step_name_and"),
        ({"step_id_in": ["s"], "step_name_in": ["Review"]}, IncompatibleArgumentsError, "both"),
        (
            {"step_id_and_status_not_in": [("s", "DONE")], "step_name_and_status_not_in": []},
            IncompatibleArgumentsError,
            "step_id_and_status_not_in and step_name_and_status_not_in",
        ),
    ],
)
@pytest.mark.parametrize("method", ["assets", "count_assets"])
def test_bad_step_filters_are_refused_before_any_request(
    kili: Kili,
    gateway: Any,
    method: str,
    arguments: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    workflow(gateway)
    with pytest.raises(error, match=message):
        getattr(kili, method)("p1", **arguments)
    assert gateway.mock_calls == []


@pytest.mark.parametrize(
    ("version", "arguments", "error", "message"),
    [
        ("V2", {"step_name_in": ["Nope", "QA", "Gone"]}, InvalidArgumentError, "'Nope', 'Gone'"),
        ("V2", {"group_name_in": ["G"]}, InvalidArgumentError, "multi-group"),
        ("V2", {"group_name_not_in": ["G"]}, InvalidArgumentError, "multi-group"),
        ("V1", {"step_status_in": ["DONE"]}, InvalidArgumentError, "legacy workflow"),
        ("V1", {"step_id_in": ["s-qa"]}, InvalidArgumentError, "legacy workflow"),
        (
            "V2",
            {"step_status_in": ["DONE"], "status_in": ["TODO"]},
            IncompatibleArgumentsError,
            "step_status_in instead of status_in",
        ),
        (
            "V2",
            {"step_id_in": ["s-qa"], "status_in": ["TODO"]},
            IncompatibleArgumentsError,
            "status_in",
        ),
    ],
)
@pytest.mark.parametrize("method", ["assets", "count_assets"])
def test_filters_the_workflow_does_not_take_are_refused_before_the_read(
    kili: Kili,
    gateway: Any,
    method: str,
    version: str,
    arguments: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    workflow(gateway, version)
    with pytest.raises(error, match=message):
        getattr(kili, method)("p1", **arguments)
    gateway.list_assets.assert_not_called()
    gateway.count_assets.assert_not_called()


def test_group_filters_reach_the_gateway_on_a_multi_group_project(kili: Kili, gateway: Any) -> None:
    workflow(gateway, "V3")
    kili.assets("p1", group_name_in=["G1"], group_name_not_in=["G2"], step_status_in=["DONE"])
    assert sent_asset_steps(gateway) == StepFilters(
        step_status_in=("DONE",), group_name_in=("G1",), group_name_not_in=("G2",)
    )


def test_an_empty_list_of_groups_filters_nothing(kili: Kili, gateway: Any) -> None:
    workflow(gateway)
    kili.count_assets("p1", group_name_in=[], group_name_not_in=[])
    gateway.list_projects.assert_not_called()
    assert sent_asset_steps(gateway) is None


def test_deprecated_step_statuses_warn_and_are_sent_as_given(kili: Kili, gateway: Any) -> None:
    workflow(gateway)
    with pytest.warns(DeprecationWarning, match="Step status") as caught:
        kili.count_assets("p1", step_status_in=["DOING"], step_status_not_in=["REDO"])
    messages = {str(warning.message) for warning in caught}
    assert messages == {
        "Step status 'DOING' is deprecated, use 'IN_PROGRESS' instead",
        "Step status 'REDO' is deprecated, use 'REWORK' instead",
    }
    assert sent_asset_steps(gateway) == StepFilters(
        step_status_in=("DOING",), step_status_not_in=("REDO",)
    )


def test_skipped_with_step_filters_warns_to_use_the_skipped_step_status(
    kili: Kili, gateway: Any
) -> None:
    workflow(gateway)
    with pytest.warns(UserWarning, match="SKIPPED step status"):
        kili.assets("p1", step_name_in=["QA"], skipped=True)


NEW_READ_ARGUMENTS = {
    "assets": [*StepFilters.__dataclass_fields__],
    "count_assets": [*StepFilters.__dataclass_fields__],
    "labels": [
        "asset_external_id_strictly_in",
        "asset_step_name_in",
        "asset_step_status_in",
        "asset_group_name_in",
        "asset_group_name_not_in",
        "asset_step_id_in",
    ],
    "predictions": ["asset_step_name_in", "asset_step_status_in", "asset_step_id_in"],
}
NEW_READ_ARGUMENTS["count_labels"] = NEW_READ_ARGUMENTS["labels"]
NEW_READ_ARGUMENTS["inferences"] = NEW_READ_ARGUMENTS["predictions"]


@pytest.mark.parametrize("method", sorted(NEW_READ_ARGUMENTS))
def test_the_new_filters_are_keyword_only(method: str) -> None:
    parameters = inspect.signature(getattr(Kili, method)).parameters
    kinds = {name: parameters[name].kind for name in NEW_READ_ARGUMENTS[method]}
    assert set(kinds.values()) == {inspect.Parameter.KEYWORD_ONLY}


def test_append_labels_takes_the_step_where_the_official_sdk_does() -> None:
    names = list(inspect.signature(Kili.append_labels).parameters)
    assert names[-5:] == [
        "overwrite",
        "step_name",
        "reviewed_label_id_array",
        "step_id",
        "group_name",
    ]


# --- labels --------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["labels", "count_labels"])
def test_label_reads_filter_by_the_step_of_their_asset(
    kili: Kili, gateway: Any, method: str
) -> None:
    workflow(gateway)
    getattr(kili, method)(
        "p1",
        asset_step_name_in=["Review"],
        asset_step_status_in=["TO_DO"],
        asset_external_id_strictly_in=["e1"],
    )
    filters = sent_label_filters(gateway)
    assert filters.asset_steps == StepFilters(step_id_in=("s-review",), step_status_in=("TO_DO",))
    assert filters.asset_external_id_strictly_in == ("e1",)


@pytest.mark.parametrize("method", ["predictions", "inferences"])
def test_model_label_reads_filter_by_the_step_of_their_asset(
    kili: Kili, gateway: Any, method: str
) -> None:
    workflow(gateway)
    getattr(kili, method)("p1", asset_step_id_in=["s-qa"], asset_step_status_in=["DONE"])
    assert sent_label_filters(gateway).asset_steps == StepFilters(
        step_id_in=("s-qa",), step_status_in=("DONE",)
    )


def test_label_group_filters_need_the_multi_group_workflow(kili: Kili, gateway: Any) -> None:
    workflow(gateway)
    with pytest.raises(InvalidArgumentError, match="multi-group"):
        kili.count_labels("p1", asset_group_name_in=["G"])
    gateway.count_labels.assert_not_called()
    workflow(gateway, "V3")
    kili.count_labels("p1", asset_group_name_in=["G"], asset_group_name_not_in=["H"])
    assert sent_label_filters(gateway).asset_steps == StepFilters(
        group_name_in=("G",), group_name_not_in=("H",)
    )


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({"asset_step_id_in": ["s"], "asset_step_name_in": ["QA"]}, IncompatibleArgumentsError),
        ({"asset_step_status_in": ["LATER"]}, InvalidArgumentError),
    ],
)
def test_bad_label_step_filters_send_nothing(
    kili: Kili, gateway: Any, arguments: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        kili.labels("p1", **arguments)
    assert gateway.mock_calls == []


def test_asset_status_with_label_step_filters_is_refused(kili: Kili, gateway: Any) -> None:
    workflow(gateway)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(IncompatibleArgumentsError):
            kili.labels("p1", asset_status_in=["TODO"], asset_step_name_in=["QA"])
    gateway.list_labels.assert_not_called()
