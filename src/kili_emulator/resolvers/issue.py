"""Issue reads: the `issues`/`countIssues` queries, IssueWhere, and the Issue type's relations.

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

from kili_emulator.context import Info, RequestContext, context_of
from kili_emulator.errors import BadUserInputError, NotFoundError
from kili_emulator.filters import asset_conditions
from kili_emulator.permissions import visible_projects_sql
from kili_emulator.resolvers.common import page_clause
from kili_emulator.resolvers.project import get_project, project_conditions
from kili_emulator.resolvers.project_user import project_user_conditions, project_users_of_project
from kili_emulator.sql_where import Conditions, is_empty, reject_unsupported
from kili_emulator.storage import Row

query = QueryType()
issue_type = ObjectType("Issue")

ISSUE_STATUSES = ("OPEN", "SOLVED", "CANCELLED")
"""Values of IssueStatus; `IssueData.status` is a free string checked against them."""


def member_id_sql(project_column: str, user_column: str) -> str:
    """SQL subquery: the membership id of the user in `user_column` in `project_column`."""
    return (
        f"(SELECT m.id FROM project_users m WHERE m.project_id = {project_column} "
        f"AND m.user_id = {user_column})"
    )


ISSUE_SELECT = (
    f"SELECT i.*, {member_id_sql('i.project_id', 'i.author_id')} AS author_member_id, "
    f"{member_id_sql('i.project_id', 'i.assignee_id')} AS assignee_member_id FROM issues i"
)
"""Select issues aliased ``i`` with the membership ids of their author and assignee."""


def issue_to_graphql(row: Row) -> dict[str, Any]:
    """Map an `issues` row (better, a row of `ISSUE_SELECT`) to the Issue type.

    A person without membership in the project (an organization admin who never
    joined it) is named by user id, the only id there is.
    """
    assignee = row["assignee_id"]
    return {
        "id": row["id"],
        "assetId": row["asset_id"],
        "projectId": row["project_id"],
        "authorId": row.get("author_member_id") or row["author_id"],
        "assigneeId": (row.get("assignee_member_id") or assignee) if assignee else None,
        "authorUserId": row["author_id"],
        "assigneeUserId": assignee,
        "issueNumber": row["issue_number"],
        "objectMid": row["object_mid"],
        "labelId": row["label_id"],
        "status": row["status"],
        "type": row["type"],
        "hasBeenSeen": bool(row["has_been_seen"]),
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }


ISSUE_WHERE_FIELDS = (
    "asset",
    "assetIn",
    "assignee",
    "assigneeIdsIn",
    "author",
    "id",
    "project",
    "status",
    "type",
)


def issue_conditions(ctx: RequestContext, where: Mapping[str, Any], alias: str = "i") -> Conditions:
    """Build the conditions on an `issues` row aliased `alias` for an IssueWhere.

    Only issues of projects visible to the viewer match. People are designated as
    ProjectUserWhere (author, assignee) or by membership or user id (assigneeIdsIn).

    Raises:
        UnsupportedError: A set field of the filter is not implemented.
    """
    reject_unsupported(where, "IssueWhere", ISSUE_WHERE_FIELDS)
    conds = Conditions()
    visible, params = visible_projects_sql(ctx)
    conds.add(f"{alias}.project_id IN (SELECT p.id FROM projects p WHERE {visible})", *params)
    for field, column in (("id", "id"), ("status", "status"), ("type", "type")):
        if where.get(field) is not None:
            conds.add(f"{alias}.{column} = ?", where[field])
    if where.get("assetIn") is not None:
        conds.add_in(f"{alias}.asset_id", where["assetIn"])
    project = where.get("project")
    if project is not None and not is_empty(project):
        inner = project_conditions(ctx, project)
        conds.add(
            f"{alias}.project_id IN (SELECT p.id FROM projects p WHERE {inner.sql})", *inner.params
        )
    asset = where.get("asset")
    if asset is not None and not is_empty(asset):
        inner = asset_conditions(ctx, asset, alias=f"{alias}_asset")
        conds.add(
            f"{alias}.asset_id IN (SELECT {alias}_asset.id FROM assets {alias}_asset "
            f"WHERE {inner.sql})",
            *inner.params,
        )
    _add_people(ctx, conds, where, alias)
    return conds


def _add_people(
    ctx: RequestContext, conds: Conditions, where: Mapping[str, Any], alias: str
) -> None:
    for field, column in (("author", "author_id"), ("assignee", "assignee_id")):
        person = where.get(field)
        if person is None or is_empty(person):
            continue
        inner = project_user_conditions(ctx, person)
        conds.add(
            f"EXISTS (SELECT 1 FROM project_users pu WHERE pu.project_id = {alias}.project_id "
            f"AND pu.user_id = {alias}.{column} AND {inner.sql})",
            *inner.params,
        )
    designations = where.get("assigneeIdsIn")
    if designations is not None:
        ids = [designation for designation in designations if designation is not None]
        marks = ", ".join("?" for _ in ids) or "NULL"
        conds.add(
            f"{alias}.assignee_id IN ({marks}) OR "
            f"{member_id_sql(f'{alias}.project_id', f'{alias}.assignee_id')} IN ({marks})",
            *ids,
            *ids,
        )


def list_issue_rows(
    ctx: RequestContext, where: Mapping[str, Any], page: tuple[int, int] | None = None
) -> list[Row]:
    """Return the visible issues matching `where`, in creation order, optionally one page."""
    conds = issue_conditions(ctx, where)
    limit, params = page_clause(*page) if page is not None else ("", [])
    return ctx.db.fetch_all(
        f"{ISSUE_SELECT} WHERE {conds.sql} ORDER BY i.rowid{limit}", [*conds.params, *params]
    )


def single_issue(ctx: RequestContext, where: Mapping[str, Any]) -> Row:
    """Return the one visible issue `where` designates.

    Raises:
        NotFoundError: No visible issue matches.
        BadUserInputError: Several issues match, so the write would be ambiguous.
    """
    rows = list_issue_rows(ctx, where, (2, 0))
    if not rows:
        raise NotFoundError("Issue not found", resource="Issue")
    if len(rows) > 1:
        raise BadUserInputError("IssueWhere must designate a single issue; several match")
    return rows[0]


def get_issue(ctx: RequestContext, issue_id: str) -> dict[str, Any] | None:
    """Return a visible issue as an Issue, None if there is none with this id."""
    rows = list_issue_rows(ctx, {"id": issue_id})
    return issue_to_graphql(rows[0]) if rows else None


def issues_of_asset(ctx: RequestContext, asset_id: str) -> list[dict[str, Any]]:
    """List the issues and questions of an asset, oldest first."""
    rows = ctx.db.fetch_all(f"{ISSUE_SELECT} WHERE i.asset_id = ? ORDER BY i.rowid", (asset_id,))
    return [issue_to_graphql(row) for row in rows]


@query.field("issues")
def resolve_issues(
    _obj: Any, info: Info, where: dict[str, Any], first: int, skip: int
) -> list[dict[str, Any]]:
    """List one page of the visible issues matching `where`, in creation order."""
    rows = list_issue_rows(context_of(info), where, (first, skip))
    return [issue_to_graphql(row) for row in rows]


@query.field("countIssues")
def resolve_count_issues(_obj: Any, info: Info, where: dict[str, Any]) -> int:
    """Count the visible issues matching `where`."""
    ctx = context_of(info)
    conds = issue_conditions(ctx, where)
    return int(ctx.db.scalar(f"SELECT COUNT(*) FROM issues i WHERE {conds.sql}", conds.params))


def member(info: Info, project_id: str, user_id: str | None) -> dict[str, Any] | None:
    """Return the membership of a user in a project, None without one."""
    if user_id is None:
        return None
    members = project_users_of_project(context_of(info), project_id, user_id=user_id)
    return members[0] if members else None


@issue_type.field("author")
def resolve_issue_author(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the membership of the issue's author."""
    return member(info, issue["projectId"], issue["authorUserId"])


@issue_type.field("assignee")
def resolve_issue_assignee(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the membership of the issue's assignee, if any."""
    return member(info, issue["projectId"], issue["assigneeUserId"])


@issue_type.field("asset")
def resolve_issue_asset(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the asset the issue is about."""
    from kili_emulator.resolvers.asset import get_asset

    return get_asset(context_of(info), issue["assetId"])


@issue_type.field("project")
def resolve_issue_project(issue: Mapping[str, Any], info: Info) -> Any:
    """Resolve the project of the issue."""
    return get_project(context_of(info), issue["projectId"])


BINDABLES = [query, issue_type]
