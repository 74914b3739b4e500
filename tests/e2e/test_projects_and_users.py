"""The first slice, end to end: client, key check, projects and users over real HTTP."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kili.client import Kili
from kili.exceptions import AuthenticationFailed
from kili_emulator.server import EmulatorServer


def test_current_user_is_the_emulator_admin(kili: Kili) -> None:
    user = kili.get_current_user(fields=["id", "email"])
    assert user["email"] == "admin@kili-emulator.local"
    assert user["id"]


def test_wrong_key_is_refused_at_construction(emulator_server: EmulatorServer) -> None:
    with pytest.raises(AuthenticationFailed, match="failed"):
        Kili(api_key="not-a-key", api_endpoint=emulator_server.endpoint)


def test_created_project_is_listed_and_counted(
    kili: Kili, make_project: Callable[..., str]
) -> None:
    before = kili.count_projects()
    project_id = make_project(input_type="TEXT", json_interface={"jobs": {}})
    assert kili.count_projects() == before + 1
    (project,) = kili.projects(project_id=project_id, fields=["id", "inputType", "jsonInterface"])
    assert project == {"id": project_id, "inputType": "TEXT", "jsonInterface": {"jobs": {}}}
    assert kili.count_projects(project_id=project_id) == 1


def test_projects_stream_and_window(kili: Kili, make_project: Callable[..., str]) -> None:
    created = [make_project() for _ in range(3)]
    listed = [p["id"] for p in kili.projects(fields=["id"], as_generator=True)]
    assert set(created) <= set(listed)
    window = kili.projects(fields=["id"], first=2, skip=1)
    assert [p["id"] for p in window] == listed[1:3]


def test_default_fields_include_roles(kili: Kili, project_id: str) -> None:
    (project,) = kili.projects(project_id=project_id)
    assert project["roles"][0]["role"] == "ADMIN"
    assert project["roles"][0]["user"]["email"] == "admin@kili-emulator.local"


def test_users_of_the_organization(kili: Kili) -> None:
    users = kili.users(fields=["email"])
    assert {"email": "admin@kili-emulator.local"} in users
    assert kili.count_users() == len(users)


def test_unknown_field_is_refused_before_sending(kili: Kili) -> None:
    with pytest.raises(ValueError, match="Did you mean 'title'"):
        kili.projects(fields=["titel"])
