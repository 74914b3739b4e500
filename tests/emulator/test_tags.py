"""Tags, project copies and demo projects, over HTTP."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx

from tests.emulator.helpers import Client, new_member

TAG_FIELDS = "id label color organizationId checkedForProjects"


def create_tag(client: Client, label: str, color: str | None = None) -> dict[str, Any]:
    data = client.execute(
        f"mutation($data: TagData!) {{ createTag(data: $data) {{ {TAG_FIELDS} }} }}",
        {"data": {"label": label, "color": color}},
    )
    tag: dict[str, Any] = data["createTag"]
    return tag


def check_tag(client: Client, project_id: str, tag_id: str) -> dict[str, Any]:
    data = client.execute(
        "mutation($data: CheckedTagData!) { checkTag(data: $data) { id checkedForProjects } }",
        {"data": {"projectId": project_id, "tagId": tag_id}},
    )
    tag: dict[str, Any] = data["checkTag"]
    return tag


def tags_of_project(client: Client, project_id: str) -> list[str]:
    data = client.execute(
        "query($id: ID!) { listTagsByProject(projectId: $id) { label } }", {"id": project_id}
    )
    return [tag["label"] for tag in data["listTagsByProject"]]


def tags_of_organization(client: Client) -> dict[str, dict[str, Any]]:
    data = client.execute(f"{{ listTagsByOrg {{ {TAG_FIELDS} }} }}")
    return {tag["id"]: tag for tag in data["listTagsByOrg"]}


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def test_tags_are_created_listed_and_attached(admin: Client, project_id: str) -> None:
    label = unique("cats")
    tag = create_tag(admin, label, color="#ff0000")
    assert tag["label"] == label
    assert tag["color"] == "#ff0000"
    assert tag["checkedForProjects"] == []
    assert tags_of_organization(admin)[tag["id"]]["label"] == label

    assert check_tag(admin, project_id, tag["id"])["checkedForProjects"] == [project_id]
    assert check_tag(admin, project_id, tag["id"])["checkedForProjects"] == [project_id]
    assert tags_of_project(admin, project_id) == [label]
    counted = admin.execute(
        "query($w: ProjectWhere!) { countProjects(where: $w) }", {"w": {"tagIds": [tag["id"]]}}
    )
    assert counted == {"countProjects": 1}


def test_unchecking_detaches_and_refuses_a_tag_not_attached(admin: Client, project_id: str) -> None:
    tag = create_tag(admin, unique("dogs"))
    check_tag(admin, project_id, tag["id"])
    uncheck = "mutation($p: ID!, $t: ID!) { uncheckTag(projectId: $p, tagId: $t) { id } }"
    variables = {"p": project_id, "t": tag["id"]}
    assert admin.execute(uncheck, variables) == {"uncheckTag": {"id": tag["id"]}}
    assert tags_of_project(admin, project_id) == []
    errors = admin.errors(uncheck, variables)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_renaming_and_deleting_a_tag_reach_every_project(admin: Client, project_id: str) -> None:
    tag = create_tag(admin, unique("old"))
    check_tag(admin, project_id, tag["id"])
    new_label = unique("new")
    renamed = admin.execute(
        "mutation($t: ID!, $d: UpdateTagData!) {"
        " updateTag(tagId: $t, data: $d) { affectedRows updatedTag { id label } } }",
        {"t": tag["id"], "d": {"label": new_label}},
    )
    assert renamed["updateTag"] == {
        "affectedRows": 1,
        "updatedTag": {"id": tag["id"], "label": new_label},
    }
    assert tags_of_project(admin, project_id) == [new_label]
    deleted = admin.execute("mutation($t: ID!) { deleteTag(tagId: $t) }", {"t": tag["id"]})
    assert deleted == {"deleteTag": True}
    assert tag["id"] not in tags_of_organization(admin)
    assert tags_of_project(admin, project_id) == []


def test_only_organization_admins_manage_tags(admin: Client, project_id: str) -> None:
    manager, _ = new_member(admin, project_id, "TEAM_MANAGER")
    errors = manager.errors(
        "mutation($d: TagData!) { createTag(data: $d) { id } }", {"d": {"label": "x"}}
    )
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    tag = create_tag(admin, unique("managed"))
    for mutation in (
        'mutation($t: ID!) { updateTag(tagId: $t, data: {label: "y"}) { affectedRows } }',
        "mutation($t: ID!) { deleteTag(tagId: $t) }",
    ):
        assert manager.errors(mutation, {"t": tag["id"]})[0]["extensions"]["code"] == "FORBIDDEN"
    # Attaching is a project setting: the project's team manager may do it.
    check_tag(manager, project_id, tag["id"])
    assert tags_of_project(manager, project_id) == [tag["label"]]


def test_labelers_cannot_attach_tags(admin: Client, project_id: str) -> None:
    labeler, _ = new_member(admin, project_id, "LABELER")
    tag = create_tag(admin, unique("labeler"))
    errors = labeler.errors(
        "mutation($d: CheckedTagData!) { checkTag(data: $d) { id } }",
        {"d": {"projectId": project_id, "tagId": tag["id"]}},
    )
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert tags_of_project(labeler, project_id) == []


def test_an_empty_label_and_an_unknown_tag_are_refused(admin: Client, project_id: str) -> None:
    errors = admin.errors(
        "mutation($d: TagData!) { createTag(data: $d) { id } }", {"d": {"label": "  "}}
    )
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    errors = admin.errors(
        "mutation($d: CheckedTagData!) { checkTag(data: $d) { id } }",
        {"d": {"projectId": project_id, "tagId": "no-such-tag"}},
    )
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_checked_projects_show_only_visible_ones(admin: Client, project_id: str) -> None:
    other = admin.create_project("hidden from the labeler")
    labeler, _ = new_member(admin, project_id, "LABELER")
    tag = create_tag(admin, unique("both"))
    check_tag(admin, project_id, tag["id"])
    check_tag(admin, other, tag["id"])
    assert tags_of_organization(admin)[tag["id"]]["checkedForProjects"] == [project_id, other]
    assert tags_of_organization(labeler)[tag["id"]]["checkedForProjects"] == [project_id]


COPY = "mutation($d: CopyProjectData!) { copyProject(data: $d) }"
PROJECT = (
    "query($w: ProjectWhere!) { projects(where: $w, first: 1, skip: 0) {"
    " title description inputType jsonInterface instructions reviewCoverage"
    " roles { role user { email } } } }"
)


def _project(client: Client, project_id: str) -> dict[str, Any]:
    (project,) = client.execute(PROJECT, {"w": {"id": project_id}})["projects"]
    result: dict[str, Any] = project
    return result


def test_a_copy_keeps_the_settings_and_nothing_else_by_default(
    admin: Client, project_id: str
) -> None:
    admin.execute(
        "mutation($w: ProjectWhere!) { updatePropertiesInProject(where: $w,"
        ' data: {instructions: "Read me", reviewCoverage: 40}) { id } }',
        {"w": {"id": project_id}},
    )
    member, _ = new_member(admin, project_id, "REVIEWER")
    admin.import_assets(project_id, contentArray=["a"], externalIDArray=["e1"])
    copy_id = admin.execute(COPY, {"d": {"projectId": project_id}})["copyProject"]
    assert copy_id != project_id
    source, copy = _project(admin, project_id), _project(admin, copy_id)
    assert copy == {**source, "roles": copy["roles"]}
    assert [role["role"] for role in copy["roles"]] == ["ADMIN"]
    assert admin.count_assets({"project": {"id": copy_id}}) == 0
    assert member.execute(PROJECT, {"w": {"id": copy_id}}) == {"projects": []}


def test_a_copy_with_users_and_assets(admin: Client, project_id: str) -> None:
    _member, _ = new_member(admin, project_id, "REVIEWER")
    admin.import_assets(project_id, contentArray=["a", "b"], externalIDArray=["e1", "e2"])
    copy_id = admin.execute(
        COPY, {"d": {"projectId": project_id, "shouldCopyUsers": True, "shouldCopyAssets": True}}
    )["copyProject"]
    roles = sorted(role["role"] for role in _project(admin, copy_id)["roles"])
    assert roles == ["ADMIN", "REVIEWER"]
    assert admin.external_ids({"project": {"id": copy_id}}) == ["e1", "e2"]
    source_ids = set(admin.asset_ids({"project": {"id": project_id}}))
    assert not source_ids & set(admin.asset_ids({"project": {"id": copy_id}}))


def test_a_copied_asset_keeps_its_uploaded_file(admin: Client, project_id: str) -> None:
    path = f"projects/{project_id}/assets/a1/image.png"
    signed = admin.execute(
        "query($p: [String!]!) { urls: createUploadBucketSignedUrls(filePaths: $p) }",
        {"p": [path]},
    )["urls"][0]
    put_url = signed.split("&id=")[0]
    assert httpx.put(put_url, content=b"png-bytes", timeout=10).status_code < 300
    admin.import_assets(project_id, contentArray=[put_url.split("?")[0]], externalIDArray=["f"])
    copy_id = admin.execute(COPY, {"d": {"projectId": project_id, "shouldCopyAssets": True}})[
        "copyProject"
    ]
    admin.execute(
        "mutation($w: ProjectWhere!) { deleteProject(where: $w) { id } }", {"w": {"id": project_id}}
    )
    content = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 1, skip: 0) { content } }",
        {"w": {"project": {"id": copy_id}}},
    )["assets"][0]["content"]
    assert f"projects/{copy_id}/" in content
    response = httpx.get(content, headers=admin.headers, timeout=10)
    assert response.content == b"png-bytes"


def test_copying_needs_settings_rights(admin: Client, project_id: str) -> None:
    labeler, _ = new_member(admin, project_id, "LABELER")
    errors = labeler.errors(COPY, {"d": {"projectId": project_id}})
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_demo_projects_not_shipped_are_refused(admin: Client) -> None:
    count = "{ countProjects(where: {}) }"
    before = admin.execute(count)
    errors = admin.errors(
        "mutation($d: CreateProjectData!) { createProject(data: $d) { id } }",
        {
            "d": {
                "title": "demo",
                "description": "",
                "jsonInterface": json.dumps(None),
                "fromDemoProject": "DEMO_PDF",
            }
        },
    )
    assert errors[0]["extensions"]["code"] == "NOT_SUPPORTED"
    assert "DEMO_PDF is not shipped with kili-emulator" in errors[0]["message"]
    assert "DEMO_NER" in errors[0]["message"]
    assert admin.execute(count) == before
