"""Project versions: members read them, managers change their download link."""

from __future__ import annotations

from typing import Any

from kili_emulator import EmulatorServer
from kili_emulator.store import project_versions
from tests.emulator.helpers import Client, new_member, seeding

FIELDS = "id name content projectId createdAt"
LIST = (
    "query($where: ProjectVersionWhere!, $first: PageSize!, $skip: Int!) {"
    f" projectVersions(where: $where, first: $first, skip: $skip) {{ {FIELDS} }} }}"
)
UPDATE = (
    "mutation($data: ProjectVersionData!, $where: ProjectVersionWhere!) {"
    f" updatePropertiesInProjectVersion(data: $data, where: $where) {{ {FIELDS} }} }}"
)


def seed_versions(server: EmulatorServer, project_id: str, *names: str) -> list[str]:
    """Record versions as an export would, since no mutation creates one."""
    with seeding(server) as db:
        return [
            project_versions.insert_project_version(
                db, project_id, name, f"https://files/{name}.zip"
            )
            for name in names
        ]


def names(client: Client, where: dict[str, Any], first: int = 500, skip: int = 0) -> list[str]:
    data = client.execute(LIST, {"where": where, "first": first, "skip": skip})
    return [version["name"] for version in data["projectVersions"]]


def code_of(errors: list[dict[str, Any]]) -> str:
    code: str = errors[0]["extensions"]["code"]
    return code


def test_members_list_and_count_versions(
    admin: Client, project_id: str, server: EmulatorServer
) -> None:
    other = admin.create_project("other")
    seed_versions(server, other, "elsewhere")
    v1, _ = seed_versions(server, project_id, "v1", "v2")
    labeler, _ = new_member(admin, project_id, "LABELER")
    assert names(labeler, {"projectId": project_id}) == ["v1", "v2"]
    assert names(labeler, {}) == ["v1", "v2"]  # the other project is not visible to it
    counted = labeler.execute(
        "query($w: ProjectVersionWhere!) { countProjectVersions(where: $w) }",
        {"w": {"projectId": project_id}},
    )
    assert counted == {"countProjectVersions": 2}
    one = labeler.execute(LIST, {"where": {"id": v1}, "first": 1, "skip": 0})
    assert one["projectVersions"][0]["content"] == "https://files/v1.zip"
    assert one["projectVersions"][0]["projectId"] == project_id
    project = labeler.execute(
        "query($w: ProjectWhere!) { projects(where: $w, first: 1, skip: 0) {"
        " versions { name project { id } } } }",
        {"w": {"id": project_id}},
    )["projects"][0]
    assert project["versions"] == [
        {"name": "v1", "project": {"id": project_id}},
        {"name": "v2", "project": {"id": project_id}},
    ]
    outsider, _ = new_member(admin, None, "LABELER")
    assert names(outsider, {"projectId": project_id}) == []


def test_only_managers_change_a_version(
    admin: Client, project_id: str, server: EmulatorServer
) -> None:
    [version_id] = seed_versions(server, project_id, "v1")
    reviewer, _ = new_member(admin, project_id, "REVIEWER")
    manager, _ = new_member(admin, project_id, "TEAM_MANAGER")
    outsider, _ = new_member(admin, None, "LABELER")
    variables = {"data": {"content": "https://evil"}, "where": {"id": version_id}}
    errors = reviewer.errors(UPDATE, variables)
    assert code_of(errors) == "FORBIDDEN"
    assert "EDIT_PROJECT_SETTINGS" in errors[0]["message"]
    assert code_of(outsider.errors(UPDATE, variables)) == "NOT_FOUND"
    unchanged = admin.execute(LIST, {"where": {"id": version_id}, "first": 1, "skip": 0})
    assert unchanged["projectVersions"][0]["content"] == "https://files/v1.zip"

    updated = manager.execute(
        UPDATE, {"data": {"content": "https://new"}, "where": {"id": version_id}}
    )["updatePropertiesInProjectVersion"]
    assert (updated["id"], updated["content"]) == (version_id, "https://new")
    cleared = manager.execute(UPDATE, {"data": {"content": None}, "where": {"id": version_id}})
    assert cleared["updatePropertiesInProjectVersion"]["content"] is None
    seed_versions(server, project_id, "v2")
    errors = admin.errors(UPDATE, {"data": {"content": "x"}, "where": {"projectId": project_id}})
    assert code_of(errors) == "BAD_USER_INPUT"


def test_versions_page_in_creation_order(
    admin: Client, project_id: str, server: EmulatorServer
) -> None:
    seed_versions(server, project_id, *(f"v{number}" for number in range(5)))
    where = {"projectId": project_id}
    pages = [names(admin, where, first=2, skip=skip) for skip in (0, 2, 4)]
    assert pages == [["v0", "v1"], ["v2", "v3"], ["v4"]]
    errors = admin.errors(LIST, {"where": where, "first": 501, "skip": 0})
    assert "PageSize" in errors[0]["message"]
