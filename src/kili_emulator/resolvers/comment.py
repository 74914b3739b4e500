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
from kili_emulator.errors import BadUserInputError, ForbiddenError, NotFoundError
from kili_emulator.permissions import LABEL_ASSETS, require_project
from kili_emulator.resolvers.common import page_clause
from kili_emulator.resolvers.issue import (
    get_issue,
    issue_conditions,
    member,
    member_id_sql,
    single_issue,
)
from kili_emulator.resolvers.user import user_conditions
from kili_emulator.sql_where import Conditions, is_empty, reject_unsupported
from kili_emulator.storage import Row, new_id, utc_now

query = QueryType()
mutation = MutationType()
comment_type = ObjectType("Comment")
issue_type = ObjectType("Issue")

COMMENT_SELECT = (
    "SELECT c.*, ci.project_id AS project_id, "
    f"{member_id_sql('ci.project_id', 'c.author_id')} AS author_member_id "
    "FROM comments c JOIN issues ci ON ci.id = c.issue_id"
)
"""Select comments aliased ``c`` with their project and their author's membership id."""


def comment_to_graphql(row: Row) -> dict[str, Any]:
    """Map a row of `COMMENT_SELECT` to the Comment type.

    `authorId` is the author's membership id, as Kili documents it, and its user id
    when the author has no membership; `authorIdUser` is always the user id.
    """
    return {
        "id": row["id"],
        "issueId": row["issue_id"],
        "projectId": row["project_id"],
        "authorId": row["author_member_id"] or row["author_id"],
        "authorIdUser": row["author_id"],
        "text": row["text"],
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }


def comment_conditions(ctx: RequestContext, where: Mapping[str, Any]) -> Conditions:
    """Build the conditions on a comment row aliased ``c`` for a CommentWhere.

    Only comments of issues the viewer can see match.
    """
    reject_unsupported(where, "CommentWhere", ("author", "id", "issue"))
    conds = Conditions()
    issues = issue_conditions(ctx, where.get("issue") or {})
    conds.add(f"c.issue_id IN (SELECT i.id FROM issues i WHERE {issues.sql})", *issues.params)
    if where.get("id") is not None:
        conds.add("c.id = ?", where["id"])
    author = where.get("author")
    if author is not None and not is_empty(author):
        users = user_conditions(ctx, author)
        conds.add(f"c.author_id IN (SELECT u.id FROM users u WHERE {users.sql})", *users.params)
    return conds


def list_comment_rows(
    ctx: RequestContext, where: Mapping[str, Any], page: tuple[int, int] | None = None
) -> list[Row]:
    """Return the visible comments matching `where`, oldest first, optionally one page."""
    conds = comment_conditions(ctx, where)
    limit, params = page_clause(*page) if page is not None else ("", [])
    return ctx.db.fetch_all(
        f"{COMMENT_SELECT} WHERE {conds.sql} ORDER BY c.rowid{limit}", [*conds.params, *params]
    )


def insert_comment(ctx: RequestContext, issue_id: str, text: str, *, in_review: bool) -> str:
    """Write the viewer's comment on an issue, which counts as activity on the issue.

    Raises:
        BadUserInputError: The text is blank.
    """
    if not text.strip():
        raise BadUserInputError("A comment needs a non-blank text")
    now, comment_id = utc_now(), new_id()
    ctx.db.insert(
        "comments",
        {
            "id": comment_id,
            "issue_id": issue_id,
            "author_id": ctx.viewer_id,
            "text": text,
            "in_review": int(in_review),
            "created_at": now,
            "updated_at": now,
        },
    )
    ctx.db.execute(
        "UPDATE issues SET updated_at = ?, "
        "has_been_seen = CASE WHEN author_id = ? THEN has_been_seen ELSE 0 END WHERE id = ?",
        (now, ctx.viewer_id, issue_id),
    )
    return comment_id


def _one_comment(ctx: RequestContext, where: Mapping[str, Any]) -> dict[str, Any]:
    rows = list_comment_rows(ctx, where, (2, 0))
    if not rows:
        raise NotFoundError("Comment not found", resource="Comment")
    if len(rows) > 1:
        raise BadUserInputError("CommentWhere must designate a single comment; several match")
    return comment_to_graphql(rows[0])


@query.field("comments")
def resolve_comments(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List one page of the visible comments matching `where`, oldest first."""
    rows = list_comment_rows(context_of(info), where, (first, skip))
    return [comment_to_graphql(row) for row in rows]


@query.field("countComments")
def resolve_count_comments(_obj: Any, info: Info, where: dict[str, Any]) -> int:
    """Count the visible comments matching `where`."""
    ctx = context_of(info)
    conds = comment_conditions(ctx, where)
    return int(ctx.db.scalar(f"SELECT COUNT(*) FROM comments c WHERE {conds.sql}", conds.params))


@mutation.field("appendToComments")
def resolve_append_to_comments(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Comment on the single issue `where` designates; any project member may."""
    ctx = context_of(info)
    issue = single_issue(ctx, where)
    require_project(ctx, issue["project_id"], LABEL_ASSETS)
    comment_id = insert_comment(ctx, issue["id"], data["text"], in_review=data["inReview"])
    return _one_comment(ctx, {"id": comment_id})


@mutation.field("updatePropertiesInComment")
def resolve_update_comment(
    _obj: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> dict[str, Any]:
    """Change the text of the single comment `where` designates; only its author may."""
    ctx = context_of(info)
    comment = _one_comment(ctx, where)
    if comment["authorIdUser"] != ctx.viewer_id:
        raise ForbiddenError(
            f"Only the author of comment {comment['id']} may edit it, not {ctx.viewer['email']}",
            right="EDIT_COMMENT",
        )
    if not data["text"].strip():
        raise BadUserInputError("A comment needs a non-blank text")
    ctx.db.update("comments", comment["id"], {"text": data["text"], "updated_at": utc_now()})
    return _one_comment(ctx, {"id": comment["id"]})


@comment_type.field("author")
def resolve_comment_author(comment: Mapping[str, Any], info: Info) -> Any:
    """Resolve the membership of the comment's author."""
    return member(info, comment["projectId"], comment["authorIdUser"])


@comment_type.field("issue")
def resolve_comment_issue(comment: Mapping[str, Any], info: Info) -> Any:
    """Resolve the issue the comment is about."""
    return get_issue(context_of(info), comment["issueId"])


@issue_type.field("comments")
def resolve_issue_comments(issue: Mapping[str, Any], info: Info) -> Any:
    """List the comments of an issue, oldest first."""
    rows = context_of(info).db.fetch_all(
        f"{COMMENT_SELECT} WHERE c.issue_id = ? ORDER BY c.rowid", (issue["id"],)
    )
    return [comment_to_graphql(row) for row in rows]


BINDABLES = [query, mutation, comment_type, issue_type]
