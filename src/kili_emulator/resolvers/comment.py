"""Comments on issues: queries, writes, and the Comment type and `Issue.comments`.

Whoever may read an issue reads its comments; any project member may comment, and
only a comment's author may edit its text. A comment by anyone but the issue's author
is new activity that the author has not seen yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import ForbiddenError
from kili_emulator.permissions import LABEL_ASSETS, require_project
from kili_emulator.render.comment import comment_to_graphql
from kili_emulator.render.issue import issue_to_graphql
from kili_emulator.render.project_user import project_user_to_graphql
from kili_emulator.resolvers.common import bind_list_and_count, rendered
from kili_emulator.store import comments, issues, project_users

query = QueryType()
mutation = MutationType()
comment_type = ObjectType("Comment")
issue_type = ObjectType("Issue")

bind_list_and_count(query, "comments", "countComments", comments.COMMENTS, comment_to_graphql)


def _comment(ctx: RequestContext, where: Mapping[str, Any]) -> dict[str, Any]:
    return comment_to_graphql(comments.COMMENTS.single(ctx, where))


@mutation.field("appendToComments")
def resolve_append_to_comments(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Comment on the single issue `where` designates; any project member may."""
    ctx = context_of(info)
    issue = issues.ISSUES.single(ctx, where)
    require_project(ctx, issue["project_id"], LABEL_ASSETS)
    comment_id = comments.insert_comment(
        ctx.db, issue["id"], ctx.viewer_id, data["text"], data["inReview"]
    )
    return _comment(ctx, {"id": comment_id})


@mutation.field("updatePropertiesInComment")
def resolve_update_comment(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Change the text of the single comment `where` designates; only its author may."""
    ctx = context_of(info)
    comment = _comment(ctx, where)
    if comment["authorIdUser"] != ctx.viewer_id:
        raise ForbiddenError(
            f"Only the author of comment {comment['id']} may edit it, not {ctx.viewer['email']}",
            right="EDIT_COMMENT",
        )
    comments.update_comment_text(ctx.db, comment["id"], data["text"])
    return _comment(ctx, {"id": comment["id"]})


@comment_type.field("author")
def resolve_comment_author(comment: Mapping[str, Any], info: Info) -> Any:
    """Resolve the membership of the comment's author, even one who left or never joined."""
    row = project_users.member_or_former(
        context_of(info), comment["projectId"], comment["authorIdUser"], comment["authorId"]
    )
    return rendered(project_user_to_graphql, row)


@comment_type.field("issue")
def resolve_comment_issue(comment: Mapping[str, Any], info: Info) -> Any:
    """Resolve the issue the comment is about."""
    row = issues.ISSUES.first(context_of(info), {"id": comment["issueId"]})
    return rendered(issue_to_graphql, row)


@issue_type.field("comments")
def resolve_issue_comments(issue: Mapping[str, Any], info: Info) -> Any:
    """List the comments of an issue, oldest first."""
    rows = comments.comments_of_issue(context_of(info).db, issue["id"])
    return [comment_to_graphql(row) for row in rows]


BINDABLES = [query, mutation, comment_type, issue_type]
