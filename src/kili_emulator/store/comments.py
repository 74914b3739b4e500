"""Comments on issues, visible to whoever sees the issue."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kili_emulator.errors import BadUserInputError
from kili_emulator.storage import Database, Row, new_id, utc_now
from kili_emulator.store import issues
from kili_emulator.store.conditions import Conditions, is_empty, reject_unsupported
from kili_emulator.store.paging import Listing
from kili_emulator.store.scope import Scope
from kili_emulator.store.users import user_conditions

COMMENT_SELECT = (
    "SELECT c.*, ci.project_id AS project_id, "
    f"{issues.member_id_sql('ci.project_id', 'c.author_id')} AS author_member_id "
    "FROM comments c JOIN issues ci ON ci.id = c.issue_id"
)
"""Select comments aliased ``c`` with their project and their author's membership id."""


def comment_conditions(scope: Scope, where: Mapping[str, Any]) -> Conditions:
    """Build the conditions on a comment row aliased ``c`` for a CommentWhere.

    Only comments of issues the viewer can see match.
    """
    reject_unsupported(where, "CommentWhere", ("author", "id", "issue"))
    conds = Conditions()
    inner = issues.issue_conditions(scope, where.get("issue") or {})
    conds.add_in_subquery("c.issue_id", "issues", "i", inner)
    if where.get("id") is not None:
        conds.add("c.id = ?", where["id"])
    author = where.get("author")
    if author is not None and not is_empty(author):
        users = user_conditions(scope, author)
        conds.add_in_subquery("c.author_id", "users", "u", users)
    return conds


COMMENTS: Listing = Listing(
    select=COMMENT_SELECT,
    count_from="comments c",
    order="c.rowid",
    conditions=comment_conditions,
    resource="Comment",
)
"""Visible comments, oldest first."""


def comments_of_issue(db: Database, issue_id: str) -> list[Row]:
    """List the comments of an issue, oldest first."""
    return db.fetch_all(f"{COMMENT_SELECT} WHERE c.issue_id = ? ORDER BY c.rowid", (issue_id,))


def _checked_text(text: str) -> str:
    if not text.strip():
        raise BadUserInputError("A comment needs a non-blank text")
    return text


def insert_comment(db: Database, issue_id: str, author_id: str, text: str, in_review: bool) -> str:
    """Write a comment, which counts as activity on the issue; return its id.

    Raises:
        BadUserInputError: The text is blank.
    """
    _checked_text(text)
    now, comment_id = utc_now(), new_id()
    db.insert(
        "comments",
        {
            "id": comment_id,
            "issue_id": issue_id,
            "author_id": author_id,
            "text": text,
            "in_review": int(in_review),
            "created_at": now,
            "updated_at": now,
        },
    )
    issues.mark_activity(db, issue_id, author_id, now)
    return comment_id


def update_comment_text(db: Database, comment_id: str, text: str) -> None:
    """Change the text of a comment.

    Raises:
        BadUserInputError: The text is blank.
    """
    _checked_text(text)
    db.update("comments", comment_id, {"text": text, "updated_at": utc_now()})
