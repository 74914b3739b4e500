"""Administration operations of the emulator: who may run them, and nothing changed on refusal."""

from __future__ import annotations

from typing import Any

import pytest

from kili_emulator import EmulatorServer
from tests.emulator.helpers import Client, insert_label, new_member, seeding, set_asset

ANONYMIZE = (
    "mutation($input: UpdateProjectAnonymizationInput!) {"
    " updateProjectAnonymization(input: $input) { id } }"
)
PASSWORD = (
    "mutation($data: UpdatePasswordData!, $where: UserWhere!) {"
    " updatePassword(data: $data, where: $where) { id } }"
)
COPY_LABELS = "mutation($data: CopyLabelsInput!) { copyLabels(data: $data) }"
COMMENT = (
    "mutation($data: AppendToCommentsData!, $where: IssueWhere!) {"
    " appendToComments(data: $data, where: $where) { id } }"
)
COMMENT_AUTHORS = (
    "query($w: CommentWhere!) { comments(where: $w, first: 10, skip: 0)"
    " { author { id role activated user { email } } } }"
)


def code(errors: list[dict[str, Any]]) -> str:
    value: str = errors[0]["extensions"]["code"]
    return value


def test_anonymization_needs_the_right_to_edit_settings(admin: Client, project_id: str) -> None:
    variables = {"input": {"id": project_id, "shouldAnonymize": True}}
    assert admin.execute(ANONYMIZE, variables)["updateProjectAnonymization"]["id"] == project_id
    reviewer, _ = new_member(admin, project_id, "REVIEWER")
    assert code(reviewer.errors(ANONYMIZE, variables)) == "FORBIDDEN"
    outsider, _ = new_member(admin, None, "LABELER")
    assert code(outsider.errors(ANONYMIZE, variables)) == "NOT_FOUND"


def test_a_password_is_changed_by_its_owner_only(admin: Client) -> None:
    email = "owner-of-password@example.com"
    admin.execute(
        "mutation($d: CreateUserData!) { createUser(data: $d) { id } }",
        {"d": {"email": email, "organizationRole": "USER", "password": "one"}},
    )
    admin.create_api_key(email, "key-password-owner")
    owner = admin.as_key("key-password-owner")

    def change(client: Client, old: str, new: str, confirm: str | None = None) -> Any:
        data = {"oldPassword": old, "newPassword1": new, "newPassword2": confirm or new}
        return client.post(PASSWORD, {"data": data, "where": {"email": email}}).json()

    assert code(change(admin, "one", "two")["errors"]) == "FORBIDDEN"
    assert code(change(owner, "wrong", "two")["errors"]) == "FORBIDDEN"
    assert code(change(owner, "one", "two", "three")["errors"]) == "BAD_USER_INPUT"
    assert "errors" not in change(owner, "one", "two")
    assert code(change(owner, "one", "three")["errors"]) == "FORBIDDEN"
    assert "errors" not in change(owner, "two", "three")


def test_copy_labels_needs_to_edit_the_target(
    server: EmulatorServer, admin: Client, project_id: str
) -> None:
    target_project = admin.create_project("target")
    [source] = admin.import_assets(project_id, contentArray=["s"], externalIDArray=["s"])
    [target] = admin.import_assets(target_project, contentArray=["t"], externalIDArray=["t"])
    admin_id = admin.execute("query { viewer { id } }")["viewer"]["id"]
    with seeding(server) as db:
        insert_label(db, source["id"], admin_id)
        set_asset(db, source["id"], status="LABELED")
    data = {"srcAssetId": source["id"], "dstAssetId": target["id"], "projectId": target_project}
    labeler, _ = new_member(admin, target_project, "LABELER")
    assert code(labeler.errors(COPY_LABELS, {"data": data})) == "FORBIDDEN"
    assert admin.count_assets({"project": {"id": target_project}}) == 1
    assert admin.execute(COPY_LABELS, {"data": data})["copyLabels"] is True
    labels = admin.execute(
        "query($w: LabelWhere!) { countLabels(where: $w) }",
        {"w": {"project": {"id": target_project}}},
    )
    assert labels["countLabels"] == 1
    labeled = {"project": {"id": target_project}, "statusIn": ["LABELED"]}
    assert admin.count_assets(labeled) == 1
    assert admin.count_assets({**labeled, "statusIn": ["TODO"]}) == 0
    deferred = {**data, "skipRebuilds": True}
    assert admin.execute(COPY_LABELS, {"data": deferred})["copyLabels"] is True
    wrong = {**data, "projectId": project_id}
    assert code(admin.errors(COPY_LABELS, {"data": wrong})) == "NOT_FOUND"


@pytest.mark.parametrize("leaves", [True, False])
def test_a_comment_keeps_its_author(admin: Client, project_id: str, leaves: bool) -> None:
    [asset] = admin.import_assets(project_id, contentArray=["a"], externalIDArray=["a"])
    issue = admin.execute(
        "mutation($issues: [IssueToCreate!]!, $where: AssetWhere!) {"
        " createIssues(issues: $issues, where: $where) { id } }",
        {"issues": [{"assetId": asset["id"], "type": "ISSUE"}], "where": {"id": asset["id"]}},
    )["createIssues"][0]["id"]
    member, _ = new_member(admin, project_id, "LABELER")
    author = member if leaves else admin
    author.execute(COMMENT, {"data": {"text": "seen", "inReview": False}, "where": {"id": issue}})
    if leaves:
        email = member.execute("query { viewer { email } }")["viewer"]["email"]
        admin.execute(
            "mutation($w: ProjectUserWhere!) { deleteFromRoles(where: $w) { id } }",
            {"w": {"project": {"id": project_id}, "user": {"email": email}}},
        )
    else:
        admin.execute(
            "mutation($w: ProjectUserWhere!) { deleteFromRoles(where: $w) { id } }",
            {"w": {"project": {"id": project_id}, "user": {"email": "admin@kili-emulator.local"}}},
        )
    (comment,) = admin.execute(COMMENT_AUTHORS, {"w": {"issue": {"id": issue}}})["comments"]
    assert comment["author"]["activated"] is False
    assert comment["author"]["role"] == ("LABELER" if leaves else "ADMIN")
    assert comment["author"]["user"]["email"]


def test_pixel_labeling_is_refused_outside_geospatial_projects(admin: Client) -> None:
    create = "mutation($d: CreateProjectData!) { createProject(data: $d) { id } }"
    data = {"title": "px", "description": "", "jsonInterface": "{}", "pixelLabeling": True}
    before = admin.execute("query { countProjects(where: {}) }")["countProjects"]
    assert code(admin.errors(create, {"d": {**data, "inputType": "IMAGE"}})) == "BAD_USER_INPUT"
    assert admin.execute("query { countProjects(where: {}) }")["countProjects"] == before
    created = admin.execute(create, {"d": {**data, "inputType": "GEOSPATIAL"}})["createProject"]
    settings = admin.execute(
        "query($w: ProjectWhere!) { projects(where: $w, first: 1, skip: 0)"
        " { geospatialSettings } }",
        {"w": {"id": created["id"]}},
    )["projects"][0]["geospatialSettings"]
    assert settings == {"labelingCRSCode": "PIXEL"}


MARKS = (
    "mutation($d: ProjectData!, $w: ProjectWhere!) {"
    " updatePropertiesInProject(data: $d, where: $w) { consensusMark honeypotMark title } }"
)


def test_quality_marks_are_stored_for_project_admins_only(admin: Client, project_id: str) -> None:
    where = {"id": project_id}
    manager, _ = new_member(admin, project_id, "TEAM_MANAGER")
    refused = manager.errors(MARKS, {"d": {"consensusMark": 0.3, "title": "no"}, "w": where})
    assert code(refused) == "FORBIDDEN"
    assert "SET_QUALITY_MARKS" in refused[0]["message"]
    out_of_range = admin.errors(MARKS, {"d": {"honeypotMark": 1.5}, "w": where})
    assert code(out_of_range) == "BAD_USER_INPUT"
    unchanged = admin.execute(MARKS, {"d": {}, "w": where})["updatePropertiesInProject"]
    assert unchanged == {"consensusMark": None, "honeypotMark": None, "title": unchanged["title"]}
    assert unchanged["title"] != "no"
    project_admin, _ = new_member(admin, project_id, "ADMIN")
    marks = {"consensusMark": 0.3, "honeypotMark": 0.9}
    changed = project_admin.execute(MARKS, {"d": marks, "w": where})["updatePropertiesInProject"]
    assert {key: changed[key] for key in marks} == marks
    copy_id = admin.execute(
        "mutation($d: CopyProjectData!) { copyProject(data: $d) }", {"d": {"projectId": project_id}}
    )["copyProject"]
    copy = admin.execute(MARKS, {"d": {}, "w": {"id": copy_id}})["updatePropertiesInProject"]
    assert (copy["consensusMark"], copy["honeypotMark"]) == (None, None)


def test_new_projects_answer_the_multi_step_workflow(admin: Client, project_id: str) -> None:
    project = admin.execute(
        "query($w: ProjectWhere!) { projects(where: $w, first: 1, skip: 0)"
        " { workflowVersion steps { name type stepCoverage } } }",
        {"w": {"id": project_id}},
    )["projects"][0]
    assert project == {
        "workflowVersion": "V2",
        "steps": [
            {"name": "Labeling", "type": "DEFAULT", "stepCoverage": None},
            {"name": "Review", "type": "REVIEW", "stepCoverage": 100},
        ],
    }
