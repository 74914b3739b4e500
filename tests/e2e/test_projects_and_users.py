"""The first slice, end to end: client, key check, projects and users over real HTTP."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
import pytest

from kili.client import Kili
from kili.exceptions import (
    AuthenticationFailed,
    GraphQLError,
    InvalidArgumentError,
    NotFound,
)
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


def _graphql(server: EmulatorServer, query: str, variables: dict[str, object]) -> dict[str, object]:
    """Run a request the SDK has no method for (tag creation, instructions, tag listing)."""
    response = httpx.post(
        server.endpoint,
        json={"query": query, "variables": variables},
        headers={"Authorization": f"X-API-Key: {server.api_key}"},
        timeout=30,
    )
    body = response.json()
    assert not body.get("errors"), body
    data: dict[str, object] = body["data"]
    return data


def _create_tag(server: EmulatorServer) -> str:
    label = f"tag-{uuid.uuid4().hex[:8]}"
    _graphql(
        server, "mutation($d: TagData!) { createTag(data: $d) { id } }", {"d": {"label": label}}
    )
    return label


def _tag_labels(server: EmulatorServer, project_id: str) -> list[str]:
    data = _graphql(
        server, "query($p: ID!) { listTagsByProject(projectId: $p) { label } }", {"p": project_id}
    )
    return [tag["label"] for tag in data["listTagsByProject"]]  # type: ignore[attr-defined]


def test_create_project_with_existing_tags(kili: Kili, emulator_server: EmulatorServer) -> None:
    labels = [_create_tag(emulator_server), _create_tag(emulator_server)]
    created = kili.create_project(
        title="tagged", input_type="TEXT", json_interface={"jobs": {}}, tags=labels
    )
    assert _tag_labels(emulator_server, created["id"]) == labels


def test_projects_are_filtered_by_tag_label(kili: Kili, emulator_server: EmulatorServer) -> None:
    label = _create_tag(emulator_server)
    tagged = kili.create_project(
        title="tagged", input_type="TEXT", json_interface={"jobs": {}}, tags=[label]
    )["id"]
    kili.create_project(title="untagged", input_type="TEXT", json_interface={"jobs": {}})
    assert [p["id"] for p in kili.projects(tags_in=[label], fields=["id"])] == [tagged]
    assert kili.count_projects(tags_in=[label]) == 1


def test_unknown_tags_are_refused_before_creation(
    kili: Kili, emulator_server: EmulatorServer
) -> None:
    known = _create_tag(emulator_server)
    before = kili.count_projects()
    with pytest.raises(InvalidArgumentError, match="no-such-tag"):
        kili.create_project(
            title="never",
            input_type="TEXT",
            json_interface={"jobs": {}},
            tags=[known, "no-such-tag"],
        )
    assert kili.count_projects() == before


def test_create_project_copies_another(kili: Kili, emulator_server: EmulatorServer) -> None:
    source_tag, extra_tag = _create_tag(emulator_server), _create_tag(emulator_server)
    interface = {"jobs": {"NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {}}}}
    source_id = kili.create_project(
        title="source", input_type="TEXT", json_interface=interface, tags=[source_tag]
    )["id"]
    _graphql(
        emulator_server,
        "mutation($w: ProjectWhere!) { updatePropertiesInProject("
        'where: $w, data: {instructions: "Mark every name"}) { id } }',
        {"w": {"id": source_id}},
    )
    before = kili.count_projects()
    copy_id = kili.create_project(
        title="copy",
        description="a copy",
        input_type="IMAGE",
        json_interface={"jobs": {}},
        project_id=source_id,
        tags=[extra_tag],
    )["id"]
    assert kili.count_projects() == before + 1
    fields = ["title", "description", "inputType", "jsonInterface", "instructions"]
    (copy,) = kili.projects(project_id=copy_id, fields=fields)
    assert copy == {
        "title": "copy",
        "description": "a copy",
        "inputType": "TEXT",
        "jsonInterface": interface,
        "instructions": "Mark every name",
    }
    assert _tag_labels(emulator_server, copy_id) == [source_tag, extra_tag]


def test_copying_a_missing_project_creates_nothing(kili: Kili) -> None:
    before = kili.count_projects()
    with pytest.raises(NotFound, match="no-such-project"):
        kili.create_project(title="copy", project_id="no-such-project")
    assert kili.count_projects() == before


def test_demo_projects_not_shipped_are_refused_by_the_emulator(kili: Kili) -> None:
    before = kili.count_projects()
    with pytest.raises(GraphQLError, match="DEMO_PDF is not shipped") as refused:
        kili.create_project(title="demo", from_demo_project="DEMO_PDF")
    assert refused.value.code == "NOT_SUPPORTED"
    assert kili.count_projects() == before
