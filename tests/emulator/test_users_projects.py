"""Users, organizations, projects and roles through the API."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from kili_emulator import DEFAULT_ADMIN_EMAIL
from tests.emulator.helpers import Client, new_member

PROJECT_FIELDS = (
    "id title description inputType jsonInterface interface archived reviewCoverage"
    " author { email } roles { role isAuthor user { email } }"
)


def test_create_and_update_users(admin: Client) -> None:
    user_id = admin.create_user("Jane.Doe@Example.com")
    users = admin.execute(
        "query($w: UserWhere!) { users(where: $w, first: 10, skip: 0) {"
        " id email firstname activated organizationRole organization { id } } }",
        {"w": {"email": "jane.doe@example.com"}},
    )["users"]
    assert [user["id"] for user in users] == [user_id]
    assert users[0]["email"] == "jane.doe@example.com"
    assert users[0]["activated"] is True
    admin.execute(
        "mutation { updatePropertiesInUser(data: {activated: false},"
        ' where: {email: "jane.doe@example.com"}) { id } }'
    )
    assert admin.execute(
        "query($w: UserWhere!) { countUsers(where: $w) }", {"w": {"id": user_id, "activated": True}}
    ) == {"countUsers": 0}
    again = admin.execute(
        'mutation { createUser(data: {email: "jane.doe@example.com", organizationRole: ADMIN})'
        " { id activated organizationRole } }"
    )["createUser"]
    assert again == {"id": user_id, "activated": True, "organizationRole": "ADMIN"}


def test_users_edit_themselves_but_not_their_role(admin: Client) -> None:
    member, user_id = new_member(admin, None, "LABELER")
    renamed = member.execute(
        "mutation($w: UserWhere!) {"
        ' updatePropertiesInUser(data: {firstname: "New"}, where: $w) { firstname } }',
        {"w": {"id": user_id}},
    )
    assert renamed == {"updatePropertiesInUser": {"firstname": "New"}}
    errors = member.errors(
        "mutation($w: UserWhere!) {"
        " updatePropertiesInUser(data: {organizationRole: ADMIN}, where: $w) { id } }",
        {"w": {"id": user_id}},
    )
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert member.execute(
        "query($id: ID!) { user(id: $id) { organizationRole } }", {"id": user_id}
    ) == {"user": {"organizationRole": "USER"}}


def test_the_last_admin_cannot_be_demoted(admin: Client) -> None:
    admins = admin.execute(
        "{ users(where: {}, first: 500, skip: 0) { email organizationRole activated } }"
    )["users"]
    for user in admins:
        if user["organizationRole"] == "ADMIN" and user["email"] != DEFAULT_ADMIN_EMAIL:
            admin.execute(
                "mutation($w: UserWhere!) {"
                " updatePropertiesInUser(data: {organizationRole: USER}, where: $w) { id } }",
                {"w": {"email": user["email"]}},
            )
    errors = admin.errors(
        "mutation($w: UserWhere!) {"
        " updatePropertiesInUser(data: {organizationRole: USER}, where: $w) { id } }",
        {"w": {"email": DEFAULT_ADMIN_EMAIL}},
    )
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_organizations(admin: Client) -> None:
    data = admin.execute(
        "{ organizations(where: {}, first: 10, skip: 0) { id name license { uploadLocalData } }"
        " countOrganizations(where: {}) listEmailsInOrganization(where: {}) }"
    )
    assert data["countOrganizations"] == 1
    assert data["organizations"][0]["license"] == {"uploadLocalData": True}
    assert DEFAULT_ADMIN_EMAIL in data["listEmailsInOrganization"]
    assert data["listEmailsInOrganization"] == sorted(data["listEmailsInOrganization"])
    renamed = admin.execute(
        'mutation { updatePropertiesInOrganization(data: {name: "Renamed"}, where: {}) { name } }'
    )
    assert renamed == {"updatePropertiesInOrganization": {"name": "Renamed"}}


def test_create_and_update_a_project(admin: Client) -> None:
    interface = {"jobs": {"CLASS": {"mlTask": "CLASSIFICATION"}}}
    created = admin.execute(
        f"mutation($d: CreateProjectData!) {{ createProject(data: $d) {{ {PROJECT_FIELDS} }} }}",
        {
            "d": {
                "title": "T",
                "description": "D",
                "inputType": "TEXT",
                "jsonInterface": json.dumps(interface),
            }
        },
    )["createProject"]
    assert created["jsonInterface"] == json.dumps(interface)
    assert created["interface"] == interface
    assert created["author"] == {"email": DEFAULT_ADMIN_EMAIL}
    assert created["roles"] == [
        {"role": "ADMIN", "isAuthor": True, "user": {"email": DEFAULT_ADMIN_EMAIL}}
    ]
    updated = admin.execute(
        f"mutation($w: ProjectWhere!) {{ updatePropertiesInProject(where: $w, data:"
        f' {{title: "T2", reviewCoverage: 30, archived: true, jsonInterface: "{{}}"}})'
        f" {{ {PROJECT_FIELDS} }} }}",
        {"w": {"id": created["id"]}},
    )["updatePropertiesInProject"]
    assert (updated["title"], updated["reviewCoverage"], updated["archived"]) == ("T2", 30, True)
    assert updated["interface"] == {}
    errors = admin.errors(
        "mutation($d: CreateProjectData!) { createProject(data: $d) { id } }",
        {"d": {"title": "T", "description": "", "inputType": "TEXT", "jsonInterface": "{oops"}},
    )
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_project_filters(admin: Client) -> None:
    marker = "needle-7f3"
    first = admin.create_project(f"A {marker}")
    second = admin.create_project(f"B {marker.upper()}")
    admin.execute(
        "mutation($w: ProjectWhere!) { updatePropertiesInProject(where: $w,"
        " data: {archived: true}) { id } }",
        {"w": {"id": second}},
    )

    def ids(where: dict[str, object]) -> list[str]:
        data = admin.execute(
            "query($w: ProjectWhere!) { projects(where: $w, first: 100, skip: 0) { id }"
            " countProjects(where: $w) }",
            {"w": {"searchQuery": marker, **where}},
        )
        assert data["countProjects"] == len(data["projects"])
        return [project["id"] for project in data["projects"]]

    assert ids({}) == [first, second]
    assert ids({"archived": False}) == [first]
    assert ids({"idNotIn": [first]}) == [second]
    assert ids({"id": second}) == [second]
    assert ids({"createdAtGte": "2000-01-01", "updatedAtLte": "2999-01-01"}) == [first, second]
    admin.import_assets(second, contentArray=["x"], externalIDArray=["only-in-second"])
    assert ids({"asset": {"externalId": "only-in-second"}}) == [second]


def test_delete_a_project(admin: Client) -> None:
    project_id = admin.create_project("doomed")
    admin.import_assets(project_id, contentArray=["a", "b"])
    deleted = admin.execute(
        "mutation($w: ProjectWhere!) { deleteProjectAsynchronously(where: $w) }",
        {"w": {"id": project_id}},
    )
    assert deleted == {"deleteProjectAsynchronously": project_id}
    assert admin.count_assets({"project": {"id": project_id}}) == 0
    errors = admin.errors(
        "mutation($w: ProjectWhere!) { deleteProject(where: $w) { id } }", {"w": {"id": project_id}}
    )
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_roles(admin: Client, project_id: str) -> None:
    email = "invited-roles@example.com"
    admin.add_member(project_id, email, "LABELER")
    admin.add_member(project_id, email, "REVIEWER")  # again: changes the role
    where = {"project": {"id": project_id}, "user": {"email": email}}
    members = admin.execute(
        "query($w: ProjectUserWhere!) { projectUsers(where: $w, first: 10, skip: 0) {"
        " role activated user { email highestRoleInProject } project { id } }"
        " countProjectUsers(where: $w) }",
        {"w": where},
    )
    assert members["countProjectUsers"] == 1
    assert members["projectUsers"][0]["role"] == "REVIEWER"
    assert members["projectUsers"][0]["user"] == {
        "email": email,
        "highestRoleInProject": "REVIEWER",
    }
    changed = admin.execute(
        "mutation($w: ProjectUserWhere!) {"
        " updatePropertiesInRole(data: {role: TEAM_MANAGER}, where: $w) { role user { email } } }",
        {"w": where},
    )
    assert changed["updatePropertiesInRole"] == {"role": "TEAM_MANAGER", "user": {"email": email}}
    admin.execute(
        "mutation($w: ProjectUserWhere!) { deleteFromRoles(where: $w) { id } }", {"w": where}
    )
    assert admin.execute(
        "query($w: ProjectUserWhere!) { countProjectUsers(where: $w) }", {"w": where}
    ) == {"countProjectUsers": 0}


def test_concurrent_requests(admin: Client, project_id: str) -> None:
    def work(worker: int) -> int:
        names = [f"w{worker:02d}-{index:03d}" for index in range(50)]
        admin.import_assets(project_id, contentArray=names, externalIDArray=names)
        return admin.count_assets({"project": {"id": project_id}})

    with ThreadPoolExecutor(max_workers=16) as pool:
        counts = list(pool.map(work, range(16)))
    assert all(count % 50 == 0 for count in counts)
    assert admin.count_assets({"project": {"id": project_id}}) == 800
