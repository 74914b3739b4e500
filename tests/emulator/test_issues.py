"""Issues and questions: creation, reads, filters, status rights, counters, over HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from kili_emulator import EmulatorServer
from tests.emulator.helpers import Client, insert_label, new_member, seeding

CREATE = (
    "mutation($issues: [IssueToCreate!]!, $where: AssetWhere!) {"
    " createIssues(issues: $issues, where: $where) {"
    " id issueNumber status type assetId authorId objectMid author { user { email } }"
    " comments { text authorIdUser } } }"
)
UPDATE = (
    "mutation($data: IssueData!, $where: IssueWhere!) {"
    " updatePropertiesInIssue(data: $data, where: $where) {"
    " id status hasBeenSeen assigneeId assignee { user { email } } } }"
)
LIST = (
    "query($where: IssueWhere!, $first: PageSize!, $skip: Int!) {"
    " issues(where: $where, first: $first, skip: $skip) { id } }"
)


@dataclass
class Scene:
    project_id: str
    assets: dict[str, str]
    label_id: str
    labeler: Client
    labeler_id: str
    reviewer: Client


@pytest.fixture
def scene(admin: Client, project_id: str, server: EmulatorServer) -> Scene:
    assets = admin.import_assets(
        project_id, contentArray=["a", "b", "c"], externalIDArray=["a", "b", "c"]
    )
    ids = {asset["externalId"]: asset["id"] for asset in assets}
    labeler, labeler_id = new_member(admin, project_id, "LABELER")
    reviewer, _ = new_member(admin, project_id, "REVIEWER")
    with seeding(server) as db:
        label_id = insert_label(db, ids["a"], labeler_id)
    return Scene(project_id, ids, label_id, labeler, labeler_id, reviewer)


def create(client: Client, scene: Scene, *issues: dict[str, Any]) -> list[dict[str, Any]]:
    data = client.execute(
        CREATE, {"issues": list(issues), "where": {"project": {"id": scene.project_id}}}
    )
    created: list[dict[str, Any]] = data["createIssues"]
    return created


def listed(client: Client, where: dict[str, Any], first: int = 500, skip: int = 0) -> list[str]:
    data = client.execute(LIST, {"where": where, "first": first, "skip": skip})
    return [issue["id"] for issue in data["issues"]]


def count(client: Client, where: dict[str, Any]) -> int:
    value: int = client.execute("query($w: IssueWhere!) { countIssues(where: $w) }", {"w": where})[
        "countIssues"
    ]
    return value


def update(client: Client, issue_id: str, data: dict[str, Any]) -> dict[str, Any]:
    updated: dict[str, Any] = client.execute(UPDATE, {"data": data, "where": {"id": issue_id}})[
        "updatePropertiesInIssue"
    ]
    return updated


def member_id(admin: Client, project_id: str, user_id: str) -> str:
    data = admin.execute(
        "query($w: ProjectUserWhere!) { projectUsers(where: $w, first: 1, skip: 0) { id } }",
        {"w": {"project": {"id": project_id}, "user": {"id": user_id}}},
    )
    found: str = data["projectUsers"][0]["id"]
    return found


def code_of(errors: list[dict[str, Any]]) -> str:
    code: str = errors[0]["extensions"]["code"]
    return code


def test_a_labeler_opens_issues_and_questions(admin: Client, scene: Scene) -> None:
    email = scene.labeler.execute("{ viewer { email } }")["viewer"]["email"]
    issue, question = create(
        scene.labeler,
        scene,
        {"labelID": scene.label_id, "objectMid": "obj-1", "text": "wrong box", "type": "ISSUE"},
        {"assetId": scene.assets["b"], "text": "which class?", "type": "QUESTION"},
    )
    assert (issue["issueNumber"], question["issueNumber"]) == (1, 2)
    assert issue["assetId"] == scene.assets["a"]
    assert (issue["type"], issue["status"], issue["objectMid"]) == ("ISSUE", "OPEN", "obj-1")
    assert issue["authorId"] == member_id(admin, scene.project_id, scene.labeler_id)
    assert issue["author"] == {"user": {"email": email}}
    assert issue["comments"] == [{"text": "wrong box", "authorIdUser": scene.labeler_id}]
    assert question["assetId"] == scene.assets["b"]

    project = {"project": {"id": scene.project_id}}
    assert listed(admin, project) == [issue["id"], question["id"]]
    assert listed(scene.reviewer, {**project, "type": "QUESTION"}) == [question["id"]]
    assert listed(admin, {**project, "assetIn": [scene.assets["a"], scene.assets["c"]]}) == [
        issue["id"]
    ]
    assert listed(admin, {"asset": {"externalId": "b"}, **project}) == [question["id"]]
    assert listed(admin, {**project, "author": {"user": {"email": email}}}) == [
        issue["id"],
        question["id"],
    ]
    assert count(admin, {**project, "status": "OPEN"}) == 2
    assert count(admin, {**project, "status": "SOLVED"}) == 0
    counters = admin.execute(
        "query($w: ProjectWhere!) { projects(where: $w, first: 1, skip: 0) {"
        " numberOfOpenIssues numberOfOpenQuestions numberOfSolvedIssues } }",
        {"w": {"id": scene.project_id}},
    )["projects"][0]
    assert counters == {
        "numberOfOpenIssues": 1,
        "numberOfOpenQuestions": 1,
        "numberOfSolvedIssues": 0,
    }
    assert admin.external_ids({**project, "issue": {"type": "QUESTION"}}) == ["b"]


def test_issue_creation_is_checked_and_all_or_nothing(admin: Client, scene: Scene) -> None:
    elsewhere = admin.create_project("elsewhere")
    [foreign] = admin.import_assets(elsewhere, contentArray=["x"], externalIDArray=["x"])
    variables = {
        "issues": [
            {"assetId": scene.assets["a"], "type": "QUESTION"},
            {"assetId": foreign["id"], "type": "QUESTION"},
        ],
        "where": {"project": {"id": scene.project_id}},
    }
    assert code_of(admin.errors(CREATE, variables)) == "NOT_FOUND"
    bad_pairs = [
        {"labelID": scene.label_id, "assetId": scene.assets["b"], "type": "ISSUE"},
        {"type": "ISSUE"},
    ]
    for spec in bad_pairs:
        variables = {"issues": [spec], "where": {"project": {"id": scene.project_id}}}
        assert code_of(admin.errors(CREATE, variables)) == "BAD_USER_INPUT"
    assert count(admin, {"project": {"id": scene.project_id}}) == 0
    assert create(admin, scene) == []


def test_append_to_issues_needs_exactly_one_asset(admin: Client, scene: Scene) -> None:
    append = (
        "mutation($data: AppendToIssuesData!, $where: AssetWhere!) {"
        " appendToIssues(data: $data, where: $where) { id assetId issueNumber type } }"
    )
    data = {"issueNumber": 0, "labelID": scene.label_id, "type": "ISSUE"}
    issue = scene.labeler.execute(append, {"data": data, "where": {"id": scene.assets["a"]}})
    assert issue["appendToIssues"]["assetId"] == scene.assets["a"]
    assert issue["appendToIssues"]["issueNumber"] == 1
    several = {
        "data": {"issueNumber": 0, "type": "QUESTION"},
        "where": {"project": {"id": scene.project_id}},
    }
    assert code_of(admin.errors(append, several)) == "BAD_USER_INPUT"
    assert count(admin, {"project": {"id": scene.project_id}}) == 1


def test_status_changes_need_a_reviewer_unless_asking(admin: Client, scene: Scene) -> None:
    issue, question = create(
        scene.labeler,
        scene,
        {"assetId": scene.assets["a"], "type": "ISSUE"},
        {"assetId": scene.assets["b"], "type": "QUESTION"},
    )
    other_labeler, _ = new_member(admin, scene.project_id, "LABELER")
    for client, target in ((scene.labeler, issue), (other_labeler, question)):
        errors = client.errors(
            UPDATE, {"data": {"status": "SOLVED"}, "where": {"id": target["id"]}}
        )
        assert code_of(errors) == "FORBIDDEN"
        assert "REVIEW_ASSETS" in errors[0]["message"]
    assert count(admin, {"project": {"id": scene.project_id}, "status": "OPEN"}) == 2

    assert update(scene.labeler, question["id"], {"status": "CANCELLED"})["status"] == "CANCELLED"
    solved = update(scene.reviewer, issue["id"], {"status": "SOLVED"})
    assert (solved["status"], solved["hasBeenSeen"]) == ("SOLVED", False)
    assert update(scene.labeler, issue["id"], {"hasBeenSeen": True})["hasBeenSeen"] is True
    errors = scene.reviewer.errors(
        UPDATE, {"data": {"status": "DONE"}, "where": {"id": issue["id"]}}
    )
    assert code_of(errors) == "BAD_USER_INPUT"
    counters = admin.execute(
        "query($w: ProjectWhere!) { projects(where: $w, first: 1, skip: 0) {"
        " numberOfSolvedIssues numberOfOpenQuestions } }",
        {"w": {"id": scene.project_id}},
    )["projects"][0]
    assert counters == {"numberOfSolvedIssues": 1, "numberOfOpenQuestions": 0}


def test_reviewers_assign_issues_to_members(admin: Client, scene: Scene) -> None:
    [issue] = create(scene.labeler, scene, {"assetId": scene.assets["a"], "type": "ISSUE"})
    errors = scene.labeler.errors(
        UPDATE, {"data": {"assigneeId": scene.labeler_id}, "where": {"id": issue["id"]}}
    )
    assert code_of(errors) == "FORBIDDEN"
    outsider, outsider_id = new_member(admin, None, "LABELER")
    errors = admin.errors(
        UPDATE, {"data": {"assigneeId": outsider_id}, "where": {"id": issue["id"]}}
    )
    assert code_of(errors) == "NOT_FOUND"

    assigned = update(scene.reviewer, issue["id"], {"assigneeId": scene.labeler_id})
    membership = member_id(admin, scene.project_id, scene.labeler_id)
    assert assigned["assigneeId"] == membership
    email = scene.labeler.execute("{ viewer { email } }")["viewer"]["email"]
    assert assigned["assignee"] == {"user": {"email": email}}
    project = {"project": {"id": scene.project_id}}
    assert listed(admin, {**project, "assigneeIdsIn": [membership]}) == [issue["id"]]
    assert listed(admin, {**project, "assigneeIdsIn": [scene.labeler_id]}) == [issue["id"]]
    assert listed(admin, {**project, "assignee": {"user": {"email": email}}}) == [issue["id"]]
    assert listed(outsider, project) == []


def test_non_members_neither_see_nor_touch_issues(admin: Client, scene: Scene) -> None:
    [issue] = create(admin, scene, {"assetId": scene.assets["a"], "type": "ISSUE"})
    outsider, _ = new_member(admin, None, "LABELER")
    project = {"project": {"id": scene.project_id}}
    assert listed(outsider, project) == []
    assert count(outsider, {"id": issue["id"]}) == 0
    errors = outsider.errors(
        CREATE, {"issues": [{"assetId": scene.assets["a"], "type": "QUESTION"}], "where": project}
    )
    assert code_of(errors) == "NOT_FOUND"
    errors = outsider.errors(UPDATE, {"data": {"status": "SOLVED"}, "where": {"id": issue["id"]}})
    assert code_of(errors) == "NOT_FOUND"
    assert count(admin, {**project, "status": "OPEN"}) == 1


def test_issues_page_in_creation_order(admin: Client, scene: Scene) -> None:
    specs = [{"assetId": scene.assets["c"], "type": "QUESTION"} for _ in range(5)]
    created = [issue["id"] for issue in create(admin, scene, *specs)]
    project = {"project": {"id": scene.project_id}}
    pages = [listed(admin, project, first=2, skip=skip) for skip in (0, 2, 4)]
    assert pages == [created[0:2], created[2:4], created[4:]]
    errors = admin.errors(LIST, {"where": project, "first": 501, "skip": 0})
    assert "PageSize" in errors[0]["message"]
