"""Organization, tag, issue and project version methods on a mocked gateway."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from kili.client import Kili
from kili.domain.issue import IssueFilters, IssueToCreate
from kili.domain.label import LabelFilters
from kili.domain.organization import OrganizationFilters, OrganizationMetricsFilters
from kili.domain.query import QueryOptions
from kili.exceptions import (
    ArgumentTypeError,
    IncompatibleArgumentsError,
    InvalidArgumentError,
    MissingArgumentError,
    NotFound,
)

# Organizations


def test_organizations_map_filters_and_default_fields(kili: Kili, gateway: Any) -> None:
    gateway.list_organizations.return_value = iter([{"id": "o", "name": "Org"}])
    assert kili.organizations(email="a@b.c") == [{"id": "o", "name": "Org"}]
    filters, fields, options = gateway.list_organizations.call_args.args
    assert filters == OrganizationFilters(email="a@b.c")
    assert fields == ("id", "name")
    assert options == QueryOptions(first=None, skip=0, disable_tqdm=True)


def test_organizations_as_generator(kili: Kili, gateway: Any) -> None:
    rows = iter([{"id": "o"}])
    gateway.list_organizations.return_value = rows
    assert kili.organizations(as_generator=True) is rows


def test_count_organizations_positional_order(kili: Kili, gateway: Any) -> None:
    gateway.count_organizations.return_value = 1
    assert kili.count_organizations("a@b.c", "org") == 1
    gateway.count_organizations.assert_called_once_with(
        OrganizationFilters(email="a@b.c", organization_id="org")  # type: ignore[arg-type]
    )


def test_organization_metrics_default_to_now(kili: Kili, gateway: Any) -> None:
    gateway.get_organization_metrics.return_value = {"numberOfHours": 1.5}
    before = datetime.now(timezone.utc)
    assert kili.organization_metrics("org") == {"numberOfHours": 1.5}
    filters, fields = gateway.get_organization_metrics.call_args.args
    assert isinstance(filters, OrganizationMetricsFilters)
    assert before <= filters.start <= filters.end <= datetime.now(timezone.utc)
    assert fields == ("numberOfAnnotations", "numberOfHours", "numberOfLabeledAssets")


def test_organization_metrics_refuse_a_reversed_period(kili: Kili, gateway: Any) -> None:
    start = datetime(2026, 1, 2)
    with pytest.raises(InvalidArgumentError, match="end_date"):
        kili.organization_metrics("org", start, start - timedelta(days=1))
    with pytest.raises(ArgumentTypeError, match="start_date"):
        kili.organization_metrics("org", "2026-01-01")  # type: ignore[arg-type]
    gateway.get_organization_metrics.assert_not_called()


# Tags


def test_tags_of_the_organization_or_of_a_project(kili: Kili, gateway: Any) -> None:
    gateway.list_tags_of_organization.return_value = [{"id": "t"}]
    gateway.list_tags_of_project.return_value = [{"id": "u"}]
    assert kili.tags() == [{"id": "t"}]
    assert kili.tags("p", fields=["id"]) == [{"id": "u"}]
    gateway.list_tags_of_project.assert_called_once_with("p", ["id"])
    fields = gateway.list_tags_of_organization.call_args.args[0]
    assert fields == ("id", "organizationId", "label", "checkedForProjects")


def test_tag_project_by_label_attaches_only_what_is_missing(kili: Kili, gateway: Any) -> None:
    gateway.list_tags_of_organization.return_value = [
        {"id": "t1", "label": "a"},
        {"id": "t2", "label": "b"},
    ]
    gateway.list_tags_of_project.return_value = [{"id": "t1"}]
    gateway.check_tag.side_effect = lambda project, tag: tag
    assert kili.tag_project("p", tags=["a", "b"]) == [{"id": "t1"}, {"id": "t2"}]
    gateway.check_tag.assert_called_once_with("p", "t2")


def test_tag_project_refuses_unknown_tags_before_attaching_any(kili: Kili, gateway: Any) -> None:
    gateway.list_tags_of_organization.return_value = [{"id": "t1", "label": "a"}]
    gateway.list_tags_of_project.return_value = []
    with pytest.raises(InvalidArgumentError, match="nope"):
        kili.tag_project("p", tag_ids=["t1", "nope"])
    with pytest.raises(InvalidArgumentError, match="'zzz'"):
        kili.tag_project("p", tags=["a", "zzz"])
    with pytest.raises(MissingArgumentError):
        kili.tag_project("p")
    gateway.check_tag.assert_not_called()


def test_untag_project_argument_combinations(kili: Kili, gateway: Any) -> None:
    with pytest.raises(IncompatibleArgumentsError):
        kili.untag_project("p", tags=["a"], tag_ids=["t"])
    with pytest.raises(MissingArgumentError):
        kili.untag_project("p", all=False)
    gateway.uncheck_tag.assert_not_called()


def test_untag_all_detaches_each_tag_of_the_project(kili: Kili, gateway: Any) -> None:
    gateway.list_tags_of_project.return_value = [{"id": "t1"}, {"id": "t2"}]
    gateway.uncheck_tag.side_effect = lambda project, tag: tag
    assert kili.untag_project("p", all=True) == [{"id": "t1"}, {"id": "t2"}]
    assert [c.args for c in gateway.uncheck_tag.call_args_list] == [("p", "t1"), ("p", "t2")]


def test_untag_refuses_a_tag_not_attached(kili: Kili, gateway: Any) -> None:
    gateway.list_tags_of_project.return_value = [{"id": "t1"}]
    with pytest.raises(InvalidArgumentError, match="t9"):
        kili.untag_project("p", tag_ids=["t1", "t9"])
    gateway.uncheck_tag.assert_not_called()


def test_create_update_delete_tag(kili: Kili, gateway: Any) -> None:
    gateway.list_tags_of_organization.return_value = [{"id": "t1", "label": "a"}]
    gateway.create_tag.return_value = {"id": "t2", "color": "#000", "label": "b"}
    assert kili.create_tag("b", "#000") == {"id": "t2", "color": "#000", "label": "b"}
    gateway.create_tag.assert_called_once_with("b", "#000")
    gateway.update_tag.return_value = "t1"
    assert kili.update_tag("a", "c") == {"id": "t1"}
    gateway.update_tag.assert_called_once_with("t1", "c")
    gateway.delete_tag.return_value = True
    assert kili.delete_tag("a") is True
    gateway.delete_tag.assert_called_once_with("t1")
    with pytest.raises(MissingArgumentError):
        kili.delete_tag()
    with pytest.raises(NotFound):
        kili.delete_tag(tag_id="t9")


# Issues


def test_create_issues_looks_up_labels_then_sends_issues_on_their_assets(
    kili: Kili, gateway: Any
) -> None:
    gateway.list_labels.return_value = iter(
        [{"id": "l1", "labelOf": {"id": "a1"}}, {"id": "l2", "labelOf": {"id": "a2"}}]
    )
    gateway.create_issues.return_value = ["i1", "i2"]
    created = kili.create_issues("p", ["l1", "l2"], object_mid_array=["m", None])
    assert created == [{"id": "i1"}, {"id": "i2"}]
    filters = gateway.list_labels.call_args.args[0]
    assert filters == LabelFilters(project_id="p", id_in=("l1", "l2"))  # type: ignore[arg-type]
    project_id, issues = gateway.create_issues.call_args.args
    assert project_id == "p"
    assert list(issues) == [
        IssueToCreate(label_id="l1", object_mid="m", asset_id="a1"),  # type: ignore[arg-type]
        IssueToCreate(label_id="l2", asset_id="a2"),  # type: ignore[arg-type]
    ]


def test_create_issues_refuses_before_sending(kili: Kili, gateway: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="text_array has 1"):
        kili.create_issues("p", ["l1", "l2"], text_array=["x"])
    gateway.list_labels.return_value = iter([{"id": "l1", "labelOf": {"id": "a1"}}])
    with pytest.raises(NotFound, match="l2"):
        kili.create_issues("p", ["l1", "l2"])
    with pytest.raises(ArgumentTypeError, match="label_id_array"):
        kili.create_issues("p", "l1")  # type: ignore[arg-type]
    gateway.create_issues.assert_not_called()


def test_append_to_issues_is_deprecated_and_creates_one_issue(kili: Kili, gateway: Any) -> None:
    gateway.list_labels.return_value = iter([{"id": "l1", "labelOf": {"id": "a1"}}])
    gateway.create_issues.return_value = ["i1"]
    with pytest.warns(DeprecationWarning, match="create_issues"):
        assert kili.append_to_issues("l1", "p", text="t", type_="QUESTION") == {"id": "i1"}
    (issue,) = gateway.create_issues.call_args.args[1]
    assert issue.issue_type == "QUESTION"
    assert issue.text == "t"


def test_issues_filters_and_defaults(kili: Kili, gateway: Any) -> None:
    gateway.list_issues.return_value = iter([])
    assert kili.issues("p", asset_id_in=["a"], issue_type="QUESTION", status="OPEN") == []
    filters, fields, _ = gateway.list_issues.call_args.args
    assert filters == IssueFilters(
        project_id="p",  # type: ignore[arg-type]
        asset_id_in=("a",),  # type: ignore[arg-type]
        issue_type="QUESTION",
        status="OPEN",
    )
    assert fields == ("id", "createdAt", "status", "type", "assetId")
    with pytest.raises(IncompatibleArgumentsError):
        kili.count_issues("p", asset_id="a", asset_id_in=["b"])
    with pytest.raises(InvalidArgumentError, match="status"):
        kili.issues("p", status="CLOSED")  # type: ignore[arg-type]


def test_update_issue_status_answers_like_the_official_sdk(kili: Kili, gateway: Any) -> None:
    gateway.update_issue_status.return_value = "i1"
    assert kili.update_issue_status("i1", "SOLVED") == {"updatePropertiesInIssue": {"id": "i1"}}
    with pytest.raises(InvalidArgumentError, match="status"):
        kili.update_issue_status("i1", "DONE")  # type: ignore[arg-type]


# Project versions


def test_project_version_positional_order_and_defaults(kili: Kili, gateway: Any) -> None:
    gateway.list_project_versions.return_value = iter([{"id": "v"}])
    assert kili.project_version("p", 5, 2) == [{"id": "v"}]
    project_id, fields, options = gateway.list_project_versions.call_args.args
    assert project_id == "p"
    assert fields == ("createdAt", "id", "content", "name", "projectId")
    assert (options.first, options.skip) == (5, 2)
    gateway.count_project_versions.return_value = 3
    assert kili.count_project_versions("p") == 3


def test_update_properties_in_project_version(kili: Kili, gateway: Any) -> None:
    gateway.update_project_version_content.return_value = {"id": "v", "content": None}
    assert kili.update_properties_in_project_version("v", None) == {"id": "v", "content": None}
    gateway.update_project_version_content.assert_called_once_with("v", None)
    with pytest.raises(ArgumentTypeError, match="content"):
        kili.update_properties_in_project_version("v", 3)  # type: ignore[arg-type]


def test_append_to_issues_refuses_an_unknown_label_with_a_value_error(
    kili: Kili, gateway: Any
) -> None:
    gateway.list_labels.return_value = iter([])
    with (
        pytest.warns(DeprecationWarning, match="create_issues"),
        pytest.raises(ValueError, match="l9"),
    ):
        kili.append_to_issues("l9", "p")
    gateway.create_issues.assert_not_called()
