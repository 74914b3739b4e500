"""Issue reads: the `issues`/`countIssues` queries and the Issue type's relations.

An issue (type ISSUE) or a question (type QUESTION) is opened on an asset, maybe on
one of its labels and one annotation of that label. The table keeps user ids; the
API names people by membership (ProjectUser) id, as Kili documents for `authorId`
and `assigneeId`, so those ids are looked up on read. Writes live in
`issue_mutations`; comments, which hang off issues, in `comment`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import ObjectType, QueryType

from kili_emulator.context import Info, context_of
from kili_emulator.render.asset import asset_to_graphql
from kili_emulator.render.issue import issue_to_graphql
from kili_emulator.render.project_user import project_user_to_graphql
from kili_emulator.resolvers.common import bind_list_and_count, readable_project, rendered
from kili_emulator.store import assets, issues, project_users

query = QueryType()
issue_type = ObjectType("Issue")

bind_list_and_count(query, "issues", "countIssues", issues.ISSUES, issue_to_graphql)


def _member(info: Info, project_id: str, user_id: str | None) -> dict[str, Any] | None:
    if user_id is None:
        return None
    rows = project_users.members_of_project(context_of(info), project_id, user_id=user_id)
    return project_user_to_graphql(rows[0]) if rows else None


@issue_type.field("author")
def resolve_issue_author(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the membership of the issue's author."""
    return _member(info, issue["projectId"], issue["authorUserId"])


@issue_type.field("assignee")
def resolve_issue_assignee(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the membership of the issue's assignee, if any."""
    return _member(info, issue["projectId"], issue["assigneeUserId"])


@issue_type.field("asset")
def resolve_issue_asset(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the asset the issue is about."""
    row = assets.get_asset(context_of(info), issue["assetId"])
    return rendered(asset_to_graphql, row)


@issue_type.field("project")
def resolve_issue_project(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the project of the issue."""
    return readable_project(context_of(info), issue["projectId"])


BINDABLES = [query, issue_type]
