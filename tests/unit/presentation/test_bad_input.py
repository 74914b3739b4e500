"""Bad values are refused with a typed error before anything is sent.

Each test counts the requests made through a mocked gateway: none where the client
knows enough to refuse, one read of the project's interface where it must look it up.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from kili.client import Kili
from kili.domain.project import ProjectId
from kili.exceptions import InvalidArgumentError, KiliError

RADIO = {
    "mlTask": "CLASSIFICATION",
    "content": {"input": "radio", "categories": {"A": {"name": "A"}, "B": {"name": "B"}}},
}
BOXES = {
    "mlTask": "OBJECT_DETECTION",
    "tools": ["rectangle"],
    "content": {"input": "radio", "categories": {"CAR": {"name": "Car"}}},
}
INTERFACE = {"jobs": {"CLASSIF": RADIO, "BOXES": BOXES}}


@pytest.fixture
def with_project(gateway: Any) -> Any:
    """A gateway whose project-1 has INTERFACE and whose assets `a<n>` exist in it."""
    gateway.list_projects.side_effect = lambda *_: iter(
        [{"id": "project-1", "inputType": "IMAGE", "jsonInterface": INTERFACE}]
    )
    gateway.project_ids_of_assets.side_effect = lambda ids: dict.fromkeys(
        ids, ProjectId("project-1")
    )
    gateway.get_current_user.return_value = {"id": "me"}
    return gateway


def project_reads(gateway: Any) -> int:
    return len(gateway.list_projects.mock_calls)


# --- external ids ------------------------------------------------------------------------


@pytest.mark.parametrize("external_ids", [[""], ["a", "", "b"], [" "], ["a", "\n"]])
def test_blank_external_ids_are_refused_before_any_request(
    kili: Kili, gateway: Any, external_ids: list[str]
) -> None:
    with pytest.raises(InvalidArgumentError, match="must not be empty or blank"):
        kili.append_many_to_dataset(
            "project-1",
            content_array=[f"https://x/{i}.png" for i in range(len(external_ids))],
            external_id_array=external_ids,
        )
    assert gateway.mock_calls == []


def test_a_blank_new_external_id_is_refused_before_any_request(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="external id"):
        kili.change_asset_external_ids(["ok", " "], asset_ids=["a1", "a2"])
    assert gateway.mock_calls == []


# --- json interfaces -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interface", "problem"),
    [
        ([], "json_interface"),
        ({"jobs": ["CLASSIF"]}, r"\['jobs'\] must be a dict"),
        ({}, r"\['jobs'\] must be a dict"),
        ({"jobs": {"J": {"mlTask": "GUESSING"}}}, "mlTask"),
        ({"jobs": {"J": {"content": {}}}}, "mlTask"),
        ({"jobs": {"J": {"mlTask": "CLASSIFICATION", "content": {"categories": ["A"]}}}}, "categ"),
        ({"jobs": {"J": {"mlTask": "CLASSIFICATION", "content": {"input": "slider"}}}}, "input"),
        ({"jobs": {"J": {"mlTask": "OBJECT_DETECTION", "tools": ["lasso"]}}}, "tools"),
        ({"jobs": {"J": "CLASSIFICATION"}}, "must be a dict"),
    ],
)
def test_an_invalid_json_interface_is_refused_before_any_request(
    kili: Kili, gateway: Any, interface: Any, problem: str
) -> None:
    with pytest.raises(KiliError, match=problem):
        kili.create_project(title="t", input_type="IMAGE", json_interface=interface)
    assert gateway.mock_calls == []


def test_an_unknown_input_type_is_refused_before_any_request(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="input_type"):
        kili.create_project(title="t", input_type="BANANA", json_interface=INTERFACE)  # type: ignore[arg-type]
    assert gateway.mock_calls == []


def test_a_valid_json_interface_is_sent(kili: Kili, gateway: Any) -> None:
    gateway.create_project.return_value = "p-new"
    gateway.count_projects.return_value = 1
    kili.create_project(title="t", input_type="IMAGE", json_interface=INTERFACE)
    assert gateway.create_project.call_count == 1


# --- label answers against the interface ---------------------------------------------------------


@pytest.mark.parametrize(
    ("json_response", "problem"),
    [
        ({"UNKNOWN": {}}, "job 'UNKNOWN'"),
        ({"CLASSIF": {"categories": [{"name": "Z"}]}}, "no category 'Z'"),
        ({"CLASSIF": {"categories": [{"name": "A"}, {"name": "B"}]}}, "single category"),
        ({"BOXES": {"annotations": [{"categories": [{"name": "TRUCK"}]}]}}, "no category"),
    ],
)
def test_a_label_answer_the_interface_does_not_allow_is_refused_after_one_read(
    kili: Kili, with_project: Any, json_response: dict[str, Any], problem: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=problem):
        kili.append_labels(
            asset_id_array=["a1", "a2"],
            json_response_array=[{"CLASSIF": {"categories": [{"name": "A"}]}}, json_response],
            project_id="project-1",
        )
    assert project_reads(with_project) == 1
    with_project.append_many_labels.assert_not_called()


def test_a_honeypot_answer_with_an_unknown_category_is_refused(
    kili: Kili, with_project: Any
) -> None:
    with pytest.raises(InvalidArgumentError, match="no category 'Z'"):
        kili.create_honeypot(
            {"CLASSIF": {"categories": [{"name": "Z"}]}}, asset_id="a1", project_id="project-1"
        )
    assert project_reads(with_project) == 1
    with_project.create_honeypot.assert_not_called()


def test_a_prediction_with_two_categories_on_a_radio_job_is_refused(
    kili: Kili, with_project: Any
) -> None:
    with pytest.raises(InvalidArgumentError, match="single category"):
        kili.create_predictions(
            "project-1",
            asset_id_array=["a1"],
            json_response_array=[{"CLASSIF": {"categories": [{"name": "A"}, {"name": "B"}]}}],
            model_name="m",
        )
    with_project.append_many_labels.assert_not_called()


# --- durations and marks -----------------------------------------------------------------


@pytest.mark.parametrize("seconds", [-1, -0.5, math.inf, math.nan])
def test_a_bad_duration_is_refused_before_any_request(
    kili: Kili, gateway: Any, seconds: float
) -> None:
    with pytest.raises(InvalidArgumentError, match="seconds_to_label"):
        kili.append_labels(
            asset_id_array=["a1"], json_response_array=[{}], seconds_to_label_array=[seconds]
        )
    with pytest.raises(InvalidArgumentError, match="seconds_to_label"):
        kili.update_properties_in_label("l1", seconds_to_label=seconds)
    assert gateway.mock_calls == []


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("consensus_marks", 1.5),
        ("consensus_marks", -0.1),
        ("honeypot_marks", 2),
        ("honeypot_marks", math.nan),
    ],
)
def test_a_mark_outside_zero_one_is_refused_before_any_request(
    kili: Kili, gateway: Any, argument: str, value: float
) -> None:
    with pytest.raises(InvalidArgumentError, match="mark"):
        kili.update_properties_in_assets(asset_ids=["a1"], **{argument: [value]})
    assert gateway.mock_calls == []


# --- category searches -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "problem"),
    [
        ("NOPE.A.count > 0", "job 'NOPE'"),
        ("CLASSIF.Z.count > 0", "category 'Z'"),
        ("CLASSIF.A.count > 0 AND (BOXES.CAR.count > 1 OR BOXES.BUS.count > 0)", "'BUS'"),
    ],
)
@pytest.mark.parametrize("method", ["labels", "count_labels", "assets", "count_assets"])
def test_a_category_search_naming_what_the_project_lacks_is_refused_after_one_read(
    kili: Kili, with_project: Any, method: str, search: str, problem: str
) -> None:
    argument = "category_search" if "labels" in method else "label_category_search"

    def search_with_it() -> None:
        result = getattr(kili, method)("project-1", **{argument: search})
        if not isinstance(result, int):
            list(result)

    with pytest.raises(InvalidArgumentError, match=problem):
        search_with_it()
    assert project_reads(with_project) == 1
    assert with_project.list_labels.mock_calls == []
    assert with_project.count_labels.mock_calls == []
    assert with_project.list_assets.mock_calls == []
    assert with_project.count_assets.mock_calls == []


def test_a_category_search_of_known_names_is_sent(kili: Kili, with_project: Any) -> None:
    with_project.count_labels.return_value = 3
    assert kili.count_labels("project-1", category_search="CLASSIF.A.count > 0") == 3
