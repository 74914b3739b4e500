"""Whatever the emulator does not implement answers an error naming it, never null."""

from __future__ import annotations

import pytest

from tests.emulator.helpers import Client


@pytest.mark.parametrize(
    ("document", "name"),
    [
        ("{ locks(where: {}, first: 1, skip: 0) { id } }", "Query.locks"),
        ('{ exportData(where: {id: "x"}) }', "Query.exportData"),
        (
            'mutation { createOrganization(data: {address: "", city: "", country: "", name: "",'
            ' zipCode: ""}) { id } }',
            "Mutation.createOrganization",
        ),
        ('mutation { deleteModel(id: "x") }', "Mutation.deleteModel"),
    ],
)
def test_unimplemented_operations_are_named(admin: Client, document: str, name: str) -> None:
    response = admin.post(document)
    assert response.status_code == 200, response.text
    error = response.json()["errors"][0]
    assert error["message"] == f"{name} is not supported by kili-emulator"
    assert error["extensions"]["code"] == "NOT_SUPPORTED"


def test_unimplemented_object_fields_are_named(admin: Client, project_id: str) -> None:
    body = admin.post(
        "query($w: ProjectWhere!) { projects(where: $w, first: 1, skip: 0) { id dataset { id } } }",
        {"w": {"id": project_id}},
    ).json()
    assert body["data"]["projects"][0]["id"] == project_id
    assert body["errors"][0]["message"] == "Project.dataset is not supported by kili-emulator"


def test_unimplemented_inputs_are_named(admin: Client, project_id: str) -> None:
    errors = admin.errors(
        "query($w: ProjectWhere!) { countProjects(where: $w) }",
        {"w": {"shouldRelaunchKpiComputation": True}},
    )
    assert errors[0]["message"] == (
        "ProjectWhere.shouldRelaunchKpiComputation is not supported by kili-emulator"
    )
    errors = admin.errors(
        "mutation($w: ProjectWhere!) {"
        " updatePropertiesInProject(data: {numberOfAssets: 3}, where: $w) { id } }",
        {"w": {"id": project_id}},
    )
    assert "ProjectData.numberOfAssets" in errors[0]["message"]
