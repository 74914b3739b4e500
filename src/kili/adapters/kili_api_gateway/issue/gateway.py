"""Issue part of the gateway."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.issue.mappers import issue_to_create, issue_where
from kili.adapters.kili_api_gateway.issue.operations import CREATE_ISSUES, ISSUES, UPDATE_ISSUE
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.domain.issue import IssueFilters, IssueId, IssueStatus, IssueToCreate
from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths, QueryOptions


class IssueGateway(GatewayBase):
    """Reads of issues and questions, their creation and their status."""

    def list_issues(
        self, filters: IssueFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the issues matching `filters`."""
        return self._list(ISSUES, issue_where(filters), fields, options)

    def count_issues(self, filters: IssueFilters) -> int:
        """Count the issues matching `filters`."""
        return self._count(ISSUES, issue_where(filters))

    def create_issues(
        self, project_id: ProjectId, issues: Sequence[IssueToCreate]
    ) -> list[IssueId]:
        """Open `issues` in `project_id` in one request; return their ids, in order.

        Not idempotent: a second attempt would open the issues twice; the use case
        reads back what an uncertain attempt created.
        """
        variables = {
            "issues": [issue_to_create(issue) for issue in issues],
            "where": {"project": {"id": project_id}},
        }
        data = self.transport.execute(checked_document(CREATE_ISSUES), variables, idempotent=False)
        return [IssueId(issue["id"]) for issue in data["data"] or []]

    def update_issue_status(self, issue_id: IssueId, status: IssueStatus) -> IssueId:
        """Set the status of `issue_id` (idempotent); return the issue's id."""
        variables = {"data": {"status": status}, "where": {"id": issue_id}}
        data = self.transport.execute(checked_document(UPDATE_ISSUE), variables)
        return IssueId(data["data"]["id"])
