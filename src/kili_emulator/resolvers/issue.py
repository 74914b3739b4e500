"""Issues as read through assets: mapping and relations of the Issue type.

Issue writes and the `issues` query belong to the issue domain; assets already
filter on issues (AssetWhere.issue), and expose them here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import ObjectType

from kili_emulator.context import Info, context_of
from kili_emulator.storage import Row

issue_type = ObjectType("Issue")


def issue_to_graphql(row: Row) -> dict[str, Any]:
    """Map an `issues` row to the Issue type."""
    return {
        "id": row["id"],
        "assetId": row["asset_id"],
        "projectId": row["project_id"],
        "authorId": row["author_id"],
        "assigneeId": row["assignee_id"],
        "issueNumber": row["issue_number"],
        "objectMid": row["object_mid"],
        "status": row["status"],
        "type": row["type"],
        "hasBeenSeen": bool(row["has_been_seen"]),
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }


def _member(project_id: str, user_id: str | None, info: Info) -> Any:
    from kili_emulator.resolvers.project_user import project_users_of_project

    if user_id is None:
        return None
    members = project_users_of_project(context_of(info), project_id, user_id=user_id)
    return members[0] if members else None


@issue_type.field("author")
def resolve_issue_author(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the membership of the issue's author."""
    return _member(issue["projectId"], issue["authorId"], info)


@issue_type.field("assignee")
def resolve_issue_assignee(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the membership of the issue's assignee, if any."""
    return _member(issue["projectId"], issue["assigneeId"], info)


@issue_type.field("asset")
def resolve_issue_asset(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the asset the issue is about."""
    from kili_emulator.resolvers.asset import get_asset

    return get_asset(context_of(info), issue["assetId"])


@issue_type.field("project")
def resolve_issue_project(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the project of the issue."""
    from kili_emulator.resolvers.project import get_project

    return get_project(context_of(info), issue["projectId"])


BINDABLES = [issue_type]
