"""Comments on issues: writing, reading, filtering, editing rights, over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.helpers import Client, new_member

APPEND = (
    "mutation($data: AppendToCommentsData!, $where: IssueWhere!) {"
    " appendToComments(data: $data, where: $where) {"
    " id text issueId authorIdUser author { user { email } } issue { id } } }"
)
EDIT = (
    "mutation($data: CommentData!, $where: CommentWhere!) {"
    " updatePropertiesInComment(data: $data, where: $where) { id text } }"
)
LIST = (
    "query($where: CommentWhere!, $first: PageSize!, $skip: Int!) {"
    " comments(where: $where, first: $first, skip: $skip) { id text } }"
)


@pytest.fixture
def issue_id(admin: Client, project_id: str) -> str:
    [asset] = admin.import_assets(project_id, contentArray=["a"], externalIDArray=["a"])
    data = admin.execute(
        "mutation($issues: [IssueToCreate!]!, $where: AssetWhere!) {"
        " createIssues(issues: $issues, where: $where) { id } }",
        {"issues": [{"assetId": asset["id"], "type": "ISSUE"}], "where": {"id": asset["id"]}},
    )
    created: str = data["createIssues"][0]["id"]
    return created


def comment(client: Client, issue_id: str, text: str) -> dict[str, Any]:
    data = client.execute(
        APPEND, {"data": {"text": text, "inReview": False}, "where": {"id": issue_id}}
    )
    created: dict[str, Any] = data["appendToComments"]
    return created


def texts(client: Client, where: dict[str, Any], first: int = 500, skip: int = 0) -> list[str]:
    data = client.execute(LIST, {"where": where, "first": first, "skip": skip})
    return [item["text"] for item in data["comments"]]


def code_of(errors: list[dict[str, Any]]) -> str:
    code: str = errors[0]["extensions"]["code"]
    return code


def seen(client: Client, issue_id: str) -> bool:
    data = client.execute(
        "query($w: IssueWhere!) { issues(where: $w, first: 1, skip: 0) { hasBeenSeen } }",
        {"w": {"id": issue_id}},
    )
    value: bool = data["issues"][0]["hasBeenSeen"]
    return value


def test_members_comment_and_read_comments(admin: Client, project_id: str, issue_id: str) -> None:
    labeler, labeler_id = new_member(admin, project_id, "LABELER")
    email = labeler.execute("{ viewer { email } }")["viewer"]["email"]
    admin.execute(
        "mutation($w: IssueWhere!) {"
        " updatePropertiesInIssue(data: {hasBeenSeen: true}, where: $w) { id } }",
        {"w": {"id": issue_id}},
    )
    first = comment(labeler, issue_id, "looks wrong")
    assert first["issueId"] == issue_id
    assert first["issue"] == {"id": issue_id}
    assert first["authorIdUser"] == labeler_id
    assert first["author"] == {"user": {"email": email}}
    assert seen(admin, issue_id) is False  # new activity for the issue's author
    comment(admin, issue_id, "agreed")

    on_issue = {"issue": {"id": issue_id}}
    assert texts(admin, on_issue) == ["looks wrong", "agreed"]
    assert texts(labeler, {**on_issue, "author": {"email": email}}) == ["looks wrong"]
    assert texts(admin, {"id": first["id"]}) == ["looks wrong"]
    counted = admin.execute(
        "query($w: CommentWhere!) { countComments(where: $w) }",
        {"w": {"issue": {"project": {"id": project_id}}}},
    )
    assert counted == {"countComments": 2}
    listed = admin.execute(
        "query($w: IssueWhere!) { issues(where: $w, first: 1, skip: 0) { comments { text } } }",
        {"w": {"id": issue_id}},
    )
    assert listed["issues"][0]["comments"] == [{"text": "looks wrong"}, {"text": "agreed"}]


def test_only_the_author_edits_a_comment(admin: Client, project_id: str, issue_id: str) -> None:
    reviewer, _ = new_member(admin, project_id, "REVIEWER")
    written = comment(reviewer, issue_id, "first draft")
    errors = admin.errors(EDIT, {"data": {"text": "hijacked"}, "where": {"id": written["id"]}})
    assert code_of(errors) == "FORBIDDEN"
    errors = reviewer.errors(EDIT, {"data": {"text": "  "}, "where": {"id": written["id"]}})
    assert code_of(errors) == "BAD_USER_INPUT"
    assert texts(admin, {"id": written["id"]}) == ["first draft"]
    edited = reviewer.execute(EDIT, {"data": {"text": "final"}, "where": {"id": written["id"]}})
    assert edited["updatePropertiesInComment"] == {"id": written["id"], "text": "final"}


def test_outsiders_neither_read_nor_write(admin: Client, project_id: str, issue_id: str) -> None:
    comment(admin, issue_id, "internal")
    outsider, _ = new_member(admin, None, "LABELER")
    assert texts(outsider, {"issue": {"id": issue_id}}) == []
    errors = outsider.errors(
        APPEND, {"data": {"text": "hello", "inReview": False}, "where": {"id": issue_id}}
    )
    assert code_of(errors) == "NOT_FOUND"
    errors = admin.errors(
        APPEND, {"data": {"text": "", "inReview": False}, "where": {"id": issue_id}}
    )
    assert code_of(errors) == "BAD_USER_INPUT"
    assert texts(admin, {"issue": {"id": issue_id}}) == ["internal"]


def test_comments_page_and_die_with_their_asset(
    admin: Client, project_id: str, issue_id: str
) -> None:
    for number in range(5):
        comment(admin, issue_id, f"c{number}")
    on_issue = {"issue": {"id": issue_id}}
    pages = [texts(admin, on_issue, first=2, skip=skip) for skip in (0, 2, 4)]
    assert pages == [["c0", "c1"], ["c2", "c3"], ["c4"]]
    assert (
        "PageSize" in admin.errors(LIST, {"where": on_issue, "first": -1, "skip": 0})[0]["message"]
    )
    admin.execute(
        "mutation($w: AssetWhere!) { deleteManyFromDataset(where: $w) { id } }",
        {"w": {"project": {"id": project_id}}},
    )
    assert texts(admin, on_issue) == []
