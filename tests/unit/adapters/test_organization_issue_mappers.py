"""Filters of organizations and issues, as the API's where inputs."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kili.adapters.kili_api_gateway.issue.mappers import issue_to_create, issue_where
from kili.adapters.kili_api_gateway.organization.mappers import (
    organization_metrics_where,
    organization_where,
)
from kili.domain.asset import AssetId
from kili.domain.issue import IssueFilters, IssueToCreate
from kili.domain.label import LabelId
from kili.domain.organization import (
    OrganizationFilters,
    OrganizationId,
    OrganizationMetricsFilters,
)
from kili.domain.project import ProjectId


def test_organization_where_leaves_out_what_is_not_given() -> None:
    assert organization_where(OrganizationFilters()) == {}
    assert organization_where(
        OrganizationFilters(email="a@b.c", organization_id=OrganizationId("o"))
    ) == {"id": "o", "user": {"email": "a@b.c"}}


def test_metrics_dates_are_sent_in_utc() -> None:
    paris = timezone(timedelta(hours=2))
    filters = OrganizationMetricsFilters(
        OrganizationId("o"),
        start=datetime(2026, 6, 1, 10, 0, tzinfo=paris),
        end=datetime(2026, 6, 2, 10, 0),
    )
    assert organization_metrics_where(filters) == {
        "organizationId": "o",
        "startDate": "2026-06-01T08:00:00Z",
        "endDate": "2026-06-02T10:00:00Z",
    }


def test_issue_where_and_issue_to_create() -> None:
    filters = IssueFilters(ProjectId("p"), asset_id_in=(AssetId("a"),), status="OPEN")
    assert issue_where(filters) == {"project": {"id": "p"}, "assetIn": ["a"], "status": "OPEN"}
    assert issue_where(IssueFilters(ProjectId("p"), asset_id=AssetId("a"))) == {
        "project": {"id": "p"},
        "asset": {"id": "a"},
    }
    issue = IssueToCreate(LabelId("l"), text="t", asset_id=AssetId("a"))
    assert issue_to_create(issue) == {"labelID": "l", "type": "ISSUE", "assetId": "a", "text": "t"}
