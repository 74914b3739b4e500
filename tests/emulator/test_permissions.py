"""Permissions: project roles decide who changes what; refusals change nothing."""

from __future__ import annotations

import pytest

from kili_emulator import EmulatorServer
from tests.emulator.helpers import Client, new_member, new_organization, seeding

IMPORT = (
    "mutation($data: AppendManyAssetsData!, $where: ProjectWhere!) {"
    " appendManyAssets(data: $data, where: $where) { id } }"
)
UPDATE = (
    "mutation($where: [AssetWhere!]!, $data: [AssetData!]!) {"
    " updatePropertiesInAssets(where: $where, data: $data) { id } }"
)
DELETE = "mutation($where: AssetWhere!) { deleteManyFromDataset(where: $where) { id } }"
SET_ROLE = (
    "mutation($data: AppendToRolesData!, $where: ProjectWhere!) {"
    " appendToRoles(data: $data, where: $where) { id } }"
)
SETTINGS = (
    "mutation($data: ProjectData!, $where: ProjectWhere!) {"
    " updatePropertiesInProject(data: $data, where: $where) { id title } }"
)


def code_of(errors: list[dict[str, object]]) -> object:
    return errors[0]["extensions"]["code"]  # type: ignore[index]


@pytest.fixture
def seeded_project(admin: Client, project_id: str) -> str:
    admin.import_assets(
        project_id,
        contentArray=["a", "b"],
        externalIDArray=["a", "b"],
        jsonMetadataArray=['{"v": 1}', '{"v": 2}'],
    )
    return project_id


def snapshot(admin: Client, project_id: str) -> object:
    return admin.execute(
        "query($w: AssetWhere!, $p: ProjectWhere!) {"
        " assets(where: $w, first: 100, skip: 0) { id externalId jsonMetadata priority }"
        " projects(where: $p, first: 1, skip: 0) { title roles { role user { email } } } }",
        {"w": {"project": {"id": project_id}}, "p": {"id": project_id}},
    )


def test_a_labeler_cannot_change_assets_or_roles(admin: Client, seeded_project: str) -> None:
    labeler, _ = new_member(admin, seeded_project, "LABELER")
    before = snapshot(admin, seeded_project)
    asset_ids = admin.asset_ids({"project": {"id": seeded_project}})
    attempts = [
        (IMPORT, {"data": {"contentArray": ["c"]}, "where": {"id": seeded_project}}, "EDIT_ASSETS"),
        (UPDATE, {"where": [{"id": asset_ids[0]}], "data": [{"priority": 3}]}, "EDIT_ASSETS"),
        (DELETE, {"where": {"idIn": asset_ids}}, "EDIT_ASSETS"),
        (
            SET_ROLE,
            {
                "data": {"userEmail": "x@example.com", "role": "ADMIN"},
                "where": {"id": seeded_project},
            },
            "MANAGE_PROJECT_MEMBERS",
        ),
        (
            SETTINGS,
            {"data": {"title": "hacked"}, "where": {"id": seeded_project}},
            "EDIT_PROJECT_SETTINGS",
        ),
    ]
    for document, variables, right in attempts:
        errors = labeler.errors(document, variables)
        assert code_of(errors) == "FORBIDDEN", errors
        assert right in str(errors[0]["message"])
    assert snapshot(admin, seeded_project) == before


def test_a_labeler_cannot_change_another_member_role(admin: Client, seeded_project: str) -> None:
    labeler, _ = new_member(admin, seeded_project, "LABELER")
    _, reviewer_id = new_member(admin, seeded_project, "REVIEWER")
    errors = labeler.errors(
        "mutation($w: ProjectUserWhere!) {"
        " updatePropertiesInRole(data: {role: ADMIN}, where: $w) { role } }",
        {"w": {"project": {"id": seeded_project}, "user": {"id": reviewer_id}}},
    )
    assert code_of(errors) == "FORBIDDEN"
    errors = labeler.errors(
        "mutation($w: ProjectUserWhere!) { deleteFromRoles(where: $w) { id } }",
        {"w": {"project": {"id": seeded_project}, "user": {"id": reviewer_id}}},
    )
    assert code_of(errors) == "FORBIDDEN"


def test_a_labeler_reads_assets_and_stars_the_project(admin: Client, seeded_project: str) -> None:
    labeler, user_id = new_member(admin, seeded_project, "LABELER")
    assert labeler.count_assets({"project": {"id": seeded_project}}) == 2
    starred = labeler.execute(
        "mutation($w: ProjectUserWhere!) {"
        " updatePropertiesInProjectUser(data: {starred: true}, where: $w) { starred } }",
        {"w": {"project": {"id": seeded_project}, "user": {"id": user_id}}},
    )
    assert starred["updatePropertiesInProjectUser"]["starred"] is True


def test_a_reviewer_may_review_but_not_import(admin: Client, seeded_project: str) -> None:
    reviewer, _ = new_member(admin, seeded_project, "REVIEWER")
    errors = reviewer.errors(
        IMPORT, {"data": {"contentArray": ["c"]}, "where": {"id": seeded_project}}
    )
    assert code_of(errors) == "FORBIDDEN"
    reviewer.execute(
        "mutation($w: AssetWhere!) { sendBackAssetsToQueue(where: $w) { id } }",
        {"w": {"project": {"id": seeded_project}}},
    )
    labeler, _ = new_member(admin, seeded_project, "LABELER")
    errors = labeler.errors(
        "mutation($w: AssetWhere!) { addAllLabeledAssetsToReview(where: $w) { id } }",
        {"w": {"project": {"id": seeded_project}}},
    )
    assert code_of(errors) == "FORBIDDEN"
    assert "REVIEW_ASSETS" in str(errors[0]["message"])


def test_a_team_manager_imports_and_manages_roles(admin: Client, seeded_project: str) -> None:
    manager, _ = new_member(admin, seeded_project, "TEAM_MANAGER")
    manager.import_assets(seeded_project, contentArray=["c"], externalIDArray=["c"])
    manager.execute(
        SET_ROLE,
        {
            "data": {"userEmail": "newcomer@example.com", "role": "REVIEWER"},
            "where": {"id": seeded_project},
        },
    )
    manager.execute(SETTINGS, {"data": {"title": "renamed"}, "where": {"id": seeded_project}})
    assert admin.count_assets({"project": {"id": seeded_project}}) == 3


def test_non_members_and_unknown_ids_get_not_found(admin: Client, seeded_project: str) -> None:
    outsider, _ = new_member(admin, None, "LABELER")
    assert outsider.count_assets({"project": {"id": seeded_project}}) == 0
    errors = outsider.errors(
        IMPORT, {"data": {"contentArray": ["c"]}, "where": {"id": seeded_project}}
    )
    assert code_of(errors) == "NOT_FOUND"
    errors = admin.errors(IMPORT, {"data": {"contentArray": ["c"]}, "where": {"id": "nope"}})
    assert code_of(errors) == "NOT_FOUND"
    errors = admin.errors(UPDATE, {"where": [{"id": "nope"}], "data": [{"priority": 1}]})
    assert code_of(errors) == "NOT_FOUND"


def test_only_organization_admins_create_users(admin: Client) -> None:
    member, _ = new_member(admin, None, "LABELER")
    errors = member.errors(
        'mutation { createUser(data: {email: "z@example.com", organizationRole: USER}) { id } }'
    )
    assert code_of(errors) == "FORBIDDEN"


def test_other_organizations_are_invisible(
    admin: Client, seeded_project: str, server: EmulatorServer
) -> None:
    with seeding(server) as db:
        _, key = new_organization(db, "Other")
    foreign = admin.as_key(key)
    assert foreign.count_assets({"project": {"id": seeded_project}}) == 0
    assert foreign.execute("{ countProjects(where: {}) }")["countProjects"] == 0
    assert foreign.execute("{ countUsers(where: {}) }")["countUsers"] == 1
    errors = foreign.errors(DELETE, {"where": {"project": {"id": seeded_project}}})
    assert code_of(errors) == "NOT_FOUND"
    assert admin.count_assets({"project": {"id": seeded_project}}) == 2
