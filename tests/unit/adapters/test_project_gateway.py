"""The project and tag parts of the gateway: the GraphQL variables they send."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from graphql import parse

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.adapters.transport import GraphQLTransport
from kili.config import ApiKey
from kili.domain.project import ProjectId, ProjectToCreate
from kili.domain.tag import TagId

Sent = list[tuple[str, dict[str, Any]]]


@pytest.fixture
def sent() -> Sent:
    """Operation names and variables of the requests, in order."""
    return []


def gateway_answering(sent: Sent, data: Callable[[str], Any]) -> KiliAPIGateway:
    """A gateway on an HTTP mock answering each operation with `data(operation_name)`."""

    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        operation = parse(body["query"]).definitions[0]
        name = operation.name.value  # type: ignore[attr-defined]
        sent.append((name, body.get("variables") or {}))
        return httpx.Response(200, json={"data": {"data": data(name)}})

    http = httpx.Client(transport=httpx.MockTransport(handle))
    return KiliAPIGateway(
        GraphQLTransport("https://kili.test/graphql", ApiKey("key"), http_client=http)
    )


def test_create_project_sends_the_create_project_data(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _name: {"id": "p-new"})
    project = ProjectToCreate(
        title="T",
        description="d",
        input_type="IMAGE",
        json_interface={"jobs": {}},
        compliance_tags=("PHI",),
        copied_from=ProjectId("ignored-here"),
        tag_labels=("ignored-too",),
    )
    assert gateway.create_project(project) == "p-new"
    assert sent == [
        (
            "createProject",
            {
                "data": {
                    "title": "T",
                    "description": "d",
                    "inputType": "IMAGE",
                    "jsonInterface": '{"jobs": {}}',
                    "complianceTags": ["PHI"],
                }
            },
        )
    ]


def test_a_demo_project_is_asked_by_template_without_interface(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _name: {"id": "p-demo"})
    gateway.create_project(ProjectToCreate(title="Demo", from_demo_project="DEMO_PDF"))
    assert sent[0][1]["data"] == {
        "title": "Demo",
        "description": "",
        "inputType": None,
        "jsonInterface": "null",
        "fromDemoProject": "DEMO_PDF",
    }


def test_instructions_are_set_through_update_properties_in_project(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _name: {"id": "p1"})
    gateway.update_project_instructions(ProjectId("p1"), "Read the guide")
    assert sent == [
        (
            "updateProjectInstructions",
            {"data": {"instructions": "Read the guide"}, "where": {"id": "p1"}},
        )
    ]


def test_tags_are_listed_and_checked(sent: Sent) -> None:
    answers = {
        "listTagsByOrg": [{"id": "t1", "label": "cats"}],
        "listTagsByProject": [{"id": "t1"}],
        "checkTag": {"id": "t1"},
    }
    gateway = gateway_answering(sent, answers.__getitem__)
    assert gateway.list_tags_of_organization(("id", "label")) == [{"id": "t1", "label": "cats"}]
    assert gateway.list_tags_of_project(ProjectId("p1"), ("id",)) == [{"id": "t1"}]
    assert gateway.check_tag(ProjectId("p1"), TagId("t1")) == "t1"
    assert sent == [
        ("listTagsByOrg", {}),
        ("listTagsByProject", {"projectId": "p1"}),
        ("checkTag", {"data": {"projectId": "p1", "tagId": "t1"}}),
    ]


def test_no_tags_is_an_empty_list(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _name: None)
    assert gateway.list_tags_of_organization(("id",)) == []
    assert gateway.list_tags_of_project(ProjectId("p1"), ("id",)) == []


def test_an_unknown_tag_field_is_refused_before_sending(sent: Sent) -> None:
    gateway = gateway_answering(sent, lambda _name: [])
    with pytest.raises(ValueError, match="lable"):
        gateway.list_tags_of_organization(("id", "lable"))
    assert sent == []
