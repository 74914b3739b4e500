"""Translation of issue filters and issues to create into the API's inputs."""

from __future__ import annotations

from typing import Any

from kili.adapters.kili_api_gateway.variables import listed, nested, without_none
from kili.domain.issue import IssueFilters, IssueToCreate


def issue_where(filters: IssueFilters) -> dict[str, Any]:
    """Build the `IssueWhere` variable for `filters`."""
    return without_none(
        {
            "project": {"id": filters.project_id},
            "asset": nested({"id": filters.asset_id}),
            "assetIn": listed(filters.asset_id_in),
            "status": filters.status,
            "type": filters.issue_type,
        }
    )


def issue_to_create(issue: IssueToCreate) -> dict[str, Any]:
    """Build one `IssueToCreate` input."""
    return without_none(
        {
            "labelID": issue.label_id,
            "objectMid": issue.object_mid,
            "type": issue.issue_type,
            "assetId": issue.asset_id,
            "text": issue.text,
        }
    )
