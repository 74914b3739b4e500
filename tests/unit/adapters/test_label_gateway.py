"""The label part of the gateway: the GraphQL variables it sends and how it reads answers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx
import pytest
from graphql import parse

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.adapters.transport import GraphQLTransport, RetryPolicy
from kili.client import Kili
from kili.config import ApiKey
from kili.domain.asset import AssetExternalId, AssetId
from kili.domain.label import LabelFilters, LabelId, LabelsToAppend, LabelToCreate
from kili.domain.project import ProjectId
from kili.domain.query import QueryOptions
from kili.domain.step_filters import StepFilters
from kili.domain.user import UserId
from kili.domain.workflow import StepDesignation
from kili.exceptions import InternalError

PROJECT = ProjectId("project-1")
QUIET = QueryOptions(disable_tqdm=True)


class RecordingTransport:
    """Answer each operation, by name, with a canned `data`, recording what was sent."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = answers
        self.sent: list[tuple[str, dict[str, Any], bool]] = []

    def execute(
        self, document: str, variables: Mapping[str, Any] | None = None, *, idempotent: bool = True
    ) -> dict[str, Any]:
        operation = parse(document).definitions[0]
        name = operation.name.value  # type: ignore[attr-defined]
        self.sent.append((name, dict(variables or {}), idempotent))
        answer = self.answers[name]
        return {"data": answer(variables) if callable(answer) else answer}


def gateway_on(**answers: Any) -> tuple[KiliAPIGateway, RecordingTransport]:
    transport = RecordingTransport(answers)
    return KiliAPIGateway(transport), transport  # type: ignore[arg-type]


def test_label_filters_become_a_label_where() -> None:
    gateway, transport = gateway_on(countLabels=4)
    filters = LabelFilters(
        project_id=PROJECT,
        asset_id=AssetId("a1"),
        asset_status_in=("LABELED",),
        asset_external_id_in=(AssetExternalId("e1"),),
        asset_external_id_strictly_in=(AssetExternalId("e2"),),
        asset_steps=StepFilters(step_id_in=("s1",), step_status_in=("DONE",)),
        author_in=("Jane",),
        created_at="2024-01-01",
        created_at_gte="2023-01-01",
        created_at_lte="2025-01-01",
        honeypot_mark_gte=0.1,
        honeypot_mark_lte=0.9,
        id=LabelId("l1"),
        id_in=(LabelId("l1"), LabelId("l2")),
        type_in=("DEFAULT",),
        user_id=UserId("u1"),
        search="J.A.count > 0",
    )
    assert gateway.count_labels(filters) == 4
    assert transport.sent == [
        (
            "countLabels",
            {
                "where": {
                    "project": {"id": "project-1"},
                    "asset": {
                        "id": "a1",
                        "statusIn": ["LABELED"],
                        "externalIdIn": ["e1"],
                        "externalIdStrictlyIn": ["e2"],
                        "stepIdIn": ["s1"],
                        "stepStatusIn": ["DONE"],
                    },
                    "authorIn": ["Jane"],
                    "createdAt": "2024-01-01",
                    "createdAtGte": "2023-01-01",
                    "createdAtLte": "2025-01-01",
                    "honeypotMarkGte": 0.1,
                    "honeypotMarkLte": 0.9,
                    "id": "l1",
                    "idIn": ["l1", "l2"],
                    "typeIn": ["DEFAULT"],
                    "user": {"id": "u1"},
                    "search": "J.A.count > 0",
                }
            },
            True,
        )
    ]


def test_unset_filters_are_left_out() -> None:
    gateway, transport = gateway_on(countLabels=0)
    gateway.count_labels(LabelFilters(project_id=PROJECT))
    assert transport.sent[0][1] == {"where": {"project": {"id": "project-1"}}}


def test_labels_are_listed_with_json_fields_decoded() -> None:
    row = {
        "id": "l1",
        "jsonResponse": json.dumps({"JOB": {"categories": [{"name": "A"}]}}),
        "labelOf": {"externalId": "e1", "jsonMetadata": '{"k": 1}'},
    }
    gateway, transport = gateway_on(labels=[row])
    labels = list(
        gateway.list_labels(
            LabelFilters(project_id=PROJECT),
            ("id", "jsonResponse", "labelOf.externalId", "labelOf.jsonMetadata"),
            QUIET,
        )
    )
    assert labels == [
        {
            "id": "l1",
            "jsonResponse": {"JOB": {"categories": [{"name": "A"}]}},
            "labelOf": {"externalId": "e1", "jsonMetadata": {"k": 1}},
        }
    ]
    name, variables, _ = transport.sent[0]
    assert name == "labels"
    assert variables["where"] == {"project": {"id": "project-1"}}


def test_an_unknown_label_field_fails_before_sending() -> None:
    gateway, transport = gateway_on()
    with pytest.raises(ValueError, match="jsonResponce"):
        gateway.list_labels(LabelFilters(project_id=PROJECT), ("jsonResponce",), QUIET)
    assert transport.sent == []


def test_append_many_labels_sends_one_batch_as_a_non_idempotent_write() -> None:
    gateway, transport = gateway_on(appendManyLabels=[{"id": "n1"}, {"id": "n2"}])
    batch = LabelsToAppend(
        labels=(
            LabelToCreate(
                json_response={"JOB": {}},
                asset_id=AssetId("a1"),
                author_id=UserId("u1"),
                seconds_to_label=4.0,
            ),
            LabelToCreate(
                json_response={},
                asset_id=AssetId("a2"),
                author_id=UserId("u1"),
                referenced_label_id=LabelId("l0"),
            ),
        ),
        label_type="PREDICTION",
        model_name="m1",
        project_id=PROJECT,
        overwrite=True,
        step=StepDesignation(step_id="s1"),
    )
    assert gateway.append_many_labels(batch) == ["n1", "n2"]
    name, variables, idempotent = transport.sent[0]
    assert (name, idempotent) == ("appendManyLabels", False)
    assert variables == {
        "data": {
            "labelType": "PREDICTION",
            "labelsData": [
                {
                    "assetID": "a1",
                    "authorID": "u1",
                    "jsonResponse": '{"JOB": {}}',
                    "modelName": "m1",
                    "secondsToLabel": 4.0,
                },
                {
                    "assetID": "a2",
                    "authorID": "u1",
                    "jsonResponse": "{}",
                    "modelName": "m1",
                    "referencedLabelId": "l0",
                },
            ],
            "overwrite": True,
            "stepId": "s1",
        },
        "where": {"idIn": ["a1", "a2"], "project": {"id": "project-1"}},
    }


def test_a_step_still_named_is_never_sent() -> None:
    gateway, transport = gateway_on(appendManyLabels=[])
    batch = LabelsToAppend(
        labels=(LabelToCreate({}, asset_id=AssetId("a")),),
        step=StepDesignation(name="Review"),
    )
    with pytest.raises(InternalError, match="resolved"):
        gateway.append_many_labels(batch)
    assert transport.sent == []


def test_a_label_without_asset_id_is_never_sent() -> None:
    gateway, transport = gateway_on(appendManyLabels=[])
    batch = LabelsToAppend(labels=(LabelToCreate({}, asset_external_id=AssetExternalId("e")),))
    with pytest.raises(InternalError, match="asset id"):
        gateway.append_many_labels(batch)
    assert transport.sent == []


def test_create_honeypot_update_and_delete_variables() -> None:
    gateway, transport = gateway_on(
        createHoneypot={"id": "h1"},
        updatePropertiesInLabel={"id": "l1"},
        deleteLabels=["l1"],
    )
    assert gateway.create_honeypot(AssetId("a1"), {"JOB": {}}) == "h1"
    assert (
        gateway.update_properties_in_label(
            LabelId("l1"), json_response=None, seconds_to_label=2.5, model_name=None
        )
        == "l1"
    )
    assert gateway.delete_labels([LabelId("l1")]) == ["l1"]
    assert transport.sent == [
        ("createHoneypot", {"data": {"jsonResponse": '{"JOB": {}}'}, "where": {"id": "a1"}}, False),
        (
            "updatePropertiesInLabel",
            {"data": {"secondsToLabel": 2.5}, "where": {"id": "l1"}},
            True,
        ),
        ("deleteLabels", {"ids": ["l1"]}, True),
    ]


def test_project_ids_of_assets_reads_assets_by_id() -> None:
    gateway, transport = gateway_on(
        assets=[{"id": "a1", "projectId": "p1"}, {"id": "a2", "projectId": "p2"}]
    )
    assert gateway.project_ids_of_assets([AssetId("a1"), AssetId("a2")]) == {
        "a1": "p1",
        "a2": "p2",
    }
    assert transport.sent[0][1]["where"] == {"idIn": ["a1", "a2"]}


def test_a_failed_batch_over_http_is_read_back_before_it_is_resent() -> None:
    """End to end over a mocked HTTP server: batch 2 of 3 gets a 502 and was not applied."""
    appended: list[list[str]] = []
    read_back: list[dict[str, Any]] = []

    def server(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        variables = body["variables"]
        if "appendManyLabels" in body["query"]:
            appended.append(variables["where"]["idIn"])
            if len(appended) == 2:
                return httpx.Response(502)
            return httpx.Response(
                200,
                json={"data": {"data": [{"id": f"l-{i}"} for i in variables["where"]["idIn"]]}},
            )
        if "labels(" in body["query"]:
            read_back.append(variables["where"])
            return httpx.Response(200, json={"data": {"data": []}})
        if "assets" in body["query"]:
            rows = [{"id": i, "projectId": "p"} for i in variables["where"]["idIn"]]
            return httpx.Response(200, json={"data": {"data": rows}})
        if "projects" in body["query"]:
            project = {"id": "p", "inputType": "IMAGE", "jsonInterface": '{"jobs": {"J": {}}}'}
            return httpx.Response(200, json={"data": {"data": [project]}})
        return httpx.Response(200, json={"data": {"data": {"id": "me"}}})

    http = httpx.Client(transport=httpx.MockTransport(server))
    retry = RetryPolicy(max_attempts=3, initial_backoff=0.001, max_backoff=0.01)
    transport = GraphQLTransport(
        "https://kili.test/graphql", ApiKey("key"), retry=retry, http_client=http
    )
    kili = Kili.from_gateway(KiliAPIGateway(transport))
    asset_ids = [f"a{i}" for i in range(250)]
    created = kili.append_labels(asset_id_array=asset_ids, json_response_array=[{"J": {}}] * 250)
    assert appended == [asset_ids[:100], asset_ids[100:200], asset_ids[100:200], asset_ids[200:]]
    assert [where["asset"]["idIn"] for where in read_back] == [asset_ids[100:200]]
    assert read_back[0]["typeIn"] == ["DEFAULT"]
    assert "createdAtGte" in read_back[0]
    assert [label["id"] for label in created] == [f"l-{i}" for i in asset_ids]
