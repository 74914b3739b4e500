"""`kili.assets` and `kili.count_assets`: arguments -> filters -> gateway calls."""

from __future__ import annotations

import sys
import warnings
from typing import Any

import pandas as pd
import pytest

from kili.client import Kili
from kili.domain.asset import AssetFilters
from kili.domain.query import QueryOptions
from kili.exceptions import (
    ArgumentTypeError,
    InvalidArgumentError,
    LabelParsingError,
    MissingExtraError,
)
from kili.presentation.client.asset.reads import DEFAULT_ASSET_FIELDS

# argument, value given, AssetFilters attribute, value expected there
ARGUMENTS: list[tuple[str, Any, str, Any]] = [
    ("asset_id", "a1", "asset_id", "a1"),
    ("asset_id_in", ["a1", "a2"], "asset_id_in", ("a1", "a2")),
    ("asset_id_not_in", ("a3",), "asset_id_not_in", ("a3",)),
    ("external_id_strictly_in", ["e1"], "external_id_strictly_in", ("e1",)),
    ("external_id_in", ["e"], "external_id_in", ("e",)),
    ("metadata_where", {"k": "v"}, "metadata_where", {"k": "v"}),
    ("status_in", ["TODO", "REVIEWED"], "status_in", ("TODO", "REVIEWED")),
    ("skipped", True, "skipped", True),
    ("label_type_in", ["PREDICTION"], "label_type_in", ("PREDICTION",)),
    ("label_author_in", ["Ada Lovelace"], "label_author_in", ("Ada Lovelace",)),
    ("label_created_at", "2024-01-01", "label_created_at", "2024-01-01"),
    ("updated_at_gte", "2024-01-02", "updated_at_gte", "2024-01-02"),
    ("updated_at_lte", "2024-01-03", "updated_at_lte", "2024-01-03"),
    ("created_at_gte", "2024-01-04", "created_at_gte", "2024-01-04"),
    ("created_at_lte", "2024-01-05", "created_at_lte", "2024-01-05"),
    ("honeypot_mark_gte", 0.1, "honeypot_mark_gte", 0.1),
    ("honeypot_mark_lte", 0.2, "honeypot_mark_lte", 0.2),
    ("consensus_mark_gte", 0.3, "consensus_mark_gte", 0.3),
    ("consensus_mark_lte", 0.4, "consensus_mark_lte", 0.4),
    ("inference_mark_gte", 0.5, "inference_mark_gte", 0.5),
    ("inference_mark_lte", 0.6, "inference_mark_lte", 0.6),
    ("label_labeler_in", ["l@x"], "label_labeler_in", ("l@x",)),
    ("label_labeler_not_in", ["m@x"], "label_labeler_not_in", ("m@x",)),
    ("label_reviewer_in", ["r@x"], "label_reviewer_in", ("r@x",)),
    ("label_reviewer_not_in", ["s@x"], "label_reviewer_not_in", ("s@x",)),
    ("assignee_in", ["u@x"], "assignee_in", ("u@x",)),
    ("assignee_not_in", ["v@x"], "assignee_not_in", ("v@x",)),
    ("label_consensus_mark_gte", 0.7, "label_consensus_mark_gte", 0.7),
    ("label_consensus_mark_lte", 0.8, "label_consensus_mark_lte", 0.8),
    ("label_created_at_gte", "2024-02-01", "label_created_at_gte", "2024-02-01"),
    ("label_created_at_lte", "2024-02-02", "label_created_at_lte", "2024-02-02"),
    ("label_honeypot_mark_gte", 0.9, "label_honeypot_mark_gte", 0.9),
    ("label_honeypot_mark_lte", 1, "label_honeypot_mark_lte", 1.0),
    ("issue_type", "ISSUE", "issue_type", "ISSUE"),
    ("issue_status", "SOLVED", "issue_status", "SOLVED"),
    ("label_category_search", "JOB.A.count>0", "label_category_search", "JOB.A.count > 0"),
]

DEPRECATED = [
    ("consensus_mark_gt", 0.1, "consensus_mark_gte"),
    ("consensus_mark_lt", 0.2, "consensus_mark_lte"),
    ("honeypot_mark_gt", 0.3, "honeypot_mark_gte"),
    ("honeypot_mark_lt", 0.4, "honeypot_mark_lte"),
    ("label_consensus_mark_gt", 0.5, "label_consensus_mark_gte"),
    ("label_consensus_mark_lt", 0.6, "label_consensus_mark_lte"),
    ("label_created_at_gt", "2024-01-01", "label_created_at_gte"),
    ("label_created_at_lt", "2024-01-02", "label_created_at_lte"),
    ("label_honeypot_mark_gt", 0.7, "label_honeypot_mark_gte"),
    ("label_honeypot_mark_lt", 0.8, "label_honeypot_mark_lte"),
]


def filters_sent(gateway: Any) -> AssetFilters:
    call = gateway.list_assets.call_args or gateway.count_assets.call_args
    filters: AssetFilters = call.args[0]
    return filters


def test_default_call_reads_the_default_fields_of_the_project(kili: Kili, gateway: Any) -> None:
    gateway.list_assets.return_value = iter([{"id": "a"}])
    assert kili.assets("p1") == [{"id": "a"}]
    gateway.list_assets.assert_called_once_with(
        AssetFilters(project_id="p1"),  # type: ignore[arg-type]
        DEFAULT_ASSET_FIELDS,
        QueryOptions(first=None, skip=0, disable_tqdm=True),
    )


def project_with_job(*_: Any) -> Any:
    """Answer a project read with a project whose interface has the job `JOB`."""
    return iter([{"id": "p1", "jsonInterface": {"jobs": {"JOB": {}}}}])


@pytest.mark.parametrize(("argument", "value", "attribute", "expected"), ARGUMENTS)
def test_each_filter_argument_of_assets_fills_its_filter(
    kili: Kili, gateway: Any, argument: str, value: Any, attribute: str, expected: Any
) -> None:
    gateway.list_assets.return_value = iter([])
    gateway.list_projects.side_effect = project_with_job
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kili.assets("p1", **{argument: value})
    filters = filters_sent(gateway)
    assert getattr(filters, attribute) == expected
    assert filters == AssetFilters(project_id="p1", **{attribute: expected})  # type: ignore[arg-type]


@pytest.mark.parametrize(("argument", "value", "attribute", "expected"), ARGUMENTS)
def test_each_filter_argument_of_count_assets_fills_its_filter(
    kili: Kili, gateway: Any, argument: str, value: Any, attribute: str, expected: Any
) -> None:
    gateway.count_assets.return_value = 7
    gateway.list_projects.side_effect = project_with_job
    assert kili.count_assets("p1", **{argument: value}) == 7
    assert getattr(filters_sent(gateway), attribute) == expected


@pytest.mark.parametrize(("argument", "value", "replacement"), DEPRECATED)
@pytest.mark.parametrize("method", ["assets", "count_assets"])
def test_deprecated_bounds_warn_and_fill_their_replacement(
    kili: Kili, gateway: Any, method: str, argument: str, value: Any, replacement: str
) -> None:
    gateway.list_assets.return_value = iter([])
    with pytest.warns(DeprecationWarning, match=f"'{argument}' is deprecated.*'{replacement}'"):
        getattr(kili, method)("p1", **{argument: value})
    assert getattr(filters_sent(gateway), replacement) == value


def test_a_deprecated_bound_wins_over_its_replacement_as_before(kili: Kili, gateway: Any) -> None:
    gateway.count_assets.return_value = 0
    with pytest.warns(DeprecationWarning, match="consensus_mark_gt"):
        kili.count_assets("p1", consensus_mark_gt=0.2, consensus_mark_gte=0.5)
    assert filters_sent(gateway).consensus_mark_gte == 0.2


def test_external_id_contains_warns_and_means_strictly_in(kili: Kili, gateway: Any) -> None:
    gateway.list_assets.return_value = iter([])
    with pytest.warns(DeprecationWarning, match="external_id_strictly_in"):
        kili.assets("p1", external_id_contains=["e1"])
    assert filters_sent(gateway).external_id_strictly_in == ("e1",)


def test_external_id_strictly_in_wins_over_external_id_contains(kili: Kili, gateway: Any) -> None:
    gateway.count_assets.return_value = 0
    with pytest.warns(DeprecationWarning, match="external_id_contains"):
        kili.count_assets("p1", external_id_contains=["old"], external_id_strictly_in=["new"])
    assert filters_sent(gateway).external_id_strictly_in == ("new",)


def test_label_json_response_contains_of_older_clients_still_filters(
    kili: Kili, gateway: Any
) -> None:
    gateway.list_assets.return_value = iter([])
    with pytest.warns(DeprecationWarning, match="label_json_response_contains"):
        kili.assets(project_id="p1", label_json_response_contains=["CAR"])
    assert filters_sent(gateway).label_json_response_contains == ("CAR",)


def test_more_than_ten_partial_external_ids_warn(kili: Kili, gateway: Any) -> None:
    gateway.count_assets.return_value = 0
    with pytest.warns(DeprecationWarning, match="external_id_strictly_in"):
        kili.count_assets("p1", external_id_in=[f"e{i}" for i in range(11)])
    assert len(filters_sent(gateway).external_id_in or ()) == 11


def test_the_warning_points_at_the_caller(kili: Kili, gateway: Any) -> None:
    gateway.count_assets.return_value = 0
    with pytest.warns(DeprecationWarning, match="honeypot_mark_gt") as record:
        kili.count_assets("p1", honeypot_mark_gt=0.5)
    assert record[0].filename == __file__


def test_as_generator_returns_a_lazy_generator(kili: Kili, gateway: Any) -> None:
    gateway.list_assets.return_value = iter([{"id": "a"}, {"id": "b"}])
    rows = kili.assets("p1", as_generator=True, fields=["id"])
    assert iter(rows) is rows, "an iterator, not a list"
    assert list(rows) == [{"id": "a"}, {"id": "b"}]
    assert gateway.list_assets.call_args.args[2].disable_tqdm is True


def test_paging_arguments_reach_the_options(kili: Kili, gateway: Any) -> None:
    gateway.list_assets.return_value = iter([])
    kili.assets("p1", first=10, skip=5, disable_tqdm=False)
    assert gateway.list_assets.call_args.args[2] == QueryOptions(first=10, skip=5)


def test_pandas_format_returns_a_dataframe(kili: Kili, gateway: Any) -> None:
    gateway.list_assets.return_value = iter([{"id": "a", "status": "TODO"}])
    frame = kili.assets("p1", format="pandas")
    assert isinstance(frame, pd.DataFrame)
    assert frame.to_dict("records") == [{"id": "a", "status": "TODO"}]


def test_pandas_format_and_generator_are_incompatible(kili: Kili, gateway: Any) -> None:
    with pytest.raises(ValueError, match="not compatible"):
        kili.assets("p1", format="pandas", as_generator=True)
    gateway.list_assets.assert_not_called()


def test_pandas_format_without_pandas_names_the_extra(
    kili: Kili, gateway: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"kili\[pandas\]"):
        kili.assets("p1", format="pandas")
    gateway.list_assets.assert_not_called()


def test_a_negative_first_is_refused_before_any_request(kili: Kili, gateway: Any) -> None:
    with pytest.raises(ValueError, match="first"):
        kili.assets("p1", first=-1)
    gateway.list_assets.assert_not_called()


def test_an_unknown_status_is_refused_before_any_request(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match=r"status_in.*'TODO', 'ONGOING'.*got 'DONE'"):
        kili.count_assets("p1", status_in=["DONE"])  # type: ignore[list-item]
    gateway.count_assets.assert_not_called()


@pytest.mark.parametrize(
    "arguments",
    [{"fields": "id"}, {"asset_id_in": "a1"}, {"metadata_where": "k=v"}, {"skip": "1"}],
)
def test_wrong_argument_types_are_refused_before_any_request(
    kili: Kili, gateway: Any, arguments: dict[str, Any]
) -> None:
    with pytest.raises(ArgumentTypeError, match=next(iter(arguments))):
        kili.assets("p1", **arguments)
    gateway.list_assets.assert_not_called()


def test_a_malformed_category_search_is_refused_before_any_request(
    kili: Kili, gateway: Any
) -> None:
    with pytest.raises(ValueError, match="count"):
        kili.count_assets("p1", label_category_search="JOB.A > 0")
    gateway.count_assets.assert_not_called()


def test_parsed_labels_are_parsed_against_the_project_interface(kili: Kili, gateway: Any) -> None:
    interface = {
        "jobs": {
            "CLASSIF": {
                "mlTask": "CLASSIFICATION",
                "content": {"categories": {"A": {"name": "A"}}, "input": "radio"},
                "required": 1,
                "isChild": False,
            }
        }
    }
    answer = {"CLASSIF": {"categories": [{"name": "A", "confidence": 90}]}}
    gateway.list_projects.return_value = iter([{"inputType": "IMAGE", "jsonInterface": interface}])
    gateway.list_assets.return_value = iter(
        [{"id": "a", "labels": [{"id": "l1", "jsonResponse": answer}]}]
    )
    (asset,) = kili.assets("p1", label_output_format="parsed_label")
    (label,) = asset["labels"]
    assert label.jobs["CLASSIF"].category.name == "A"
    assert label.jobs["CLASSIF"].category.confidence == 90
    assert gateway.list_projects.call_args.args[0].id == "p1"


def test_parsed_labels_refuse_a_label_that_does_not_fit_the_interface(
    kili: Kili, gateway: Any
) -> None:
    gateway.list_projects.return_value = iter(
        [{"inputType": "IMAGE", "jsonInterface": {"jobs": {}}}]
    )
    gateway.list_assets.return_value = iter(
        [{"id": "a", "labels": [{"id": "l1", "jsonResponse": {"UNKNOWN_JOB": {}}}]}]
    )
    with pytest.raises(LabelParsingError, match="UNKNOWN_JOB"):
        kili.assets("p1", label_output_format="parsed_label")


def test_download_media_downloads_through_the_gateway(
    kili: Kili, gateway: Any, tmp_path: Any
) -> None:
    gateway.list_projects.return_value = iter([{"inputType": "IMAGE"}])
    gateway.list_assets.return_value = iter([{"externalId": "e", "content": "https://c/e.png"}])
    gateway.download_many_media.return_value = [tmp_path / "e.png"]
    rows = kili.assets("p1", download_media=True, local_media_dir=str(tmp_path))
    assert rows == [{"externalId": "e", "content": str(tmp_path / "e.png")}]
    assert gateway.download_many_media.call_args.args[0] == [("https://c/e.png", tmp_path, "e")]
