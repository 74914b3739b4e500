"""Malformed requests get GraphQL-over-HTTP error responses, never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from kili_emulator import EmulatorServer
from tests.emulator.helpers import Client


def post_raw(admin: Client, content: bytes, **headers: str) -> httpx.Response:
    return httpx.post(
        admin.endpoint,
        content=content,
        headers={**admin.headers, "Content-Type": "application/json", **headers},
    )


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == code
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'[{"query": "{ viewer { id } }"}]',
        b'"text"',
        b"",
        b'{"query": 3}',
        b'{"query": "{ viewer { id } }", "variables": [1]}',
        b'{"query": "{ viewer { id } }", "operationName": 5}',
    ],
    ids=[
        "syntax",
        "not-utf8",
        "empty-array",
        "batch",
        "string",
        "empty",
        "query-not-string",
        "variables-not-object",
        "operation-name-not-string",
    ],
)
def test_bodies_that_are_not_graphql_requests(admin: Client, content: bytes) -> None:
    assert_error(post_raw(admin, content), 400, "BAD_REQUEST")


def test_pathologically_nested_inputs(admin: Client) -> None:
    assert_error(post_raw(admin, b"[" * 100_000), 400, "BAD_REQUEST")
    deep = "{ viewer " + "{ organization " * 3000 + "}" * 3001
    assert_error(admin.post(deep), 400, "GRAPHQL_PARSE_FAILED")


def test_invalid_graphql_documents(admin: Client) -> None:
    assert_error(admin.post("{ viewer { id "), 400, "GRAPHQL_PARSE_FAILED")
    response = admin.post("{ viewer { noSuchField } }")
    assert_error(response, 400, "GRAPHQL_VALIDATION_FAILED")
    assert "noSuchField" in response.json()["errors"][0]["message"]
    assert_error(admin.post("query A { viewer { id } } query B { me { id } }"), 400, "BAD_REQUEST")


def test_wrong_variable_types(admin: Client) -> None:
    document = (
        "query($w: AssetWhere!, $f: PageSize!) { assets(where: $w, first: $f, skip: 0) { id } }"
    )
    for variables in (
        {"w": {"skipped": "yes"}, "f": 1},
        {"w": {}, "f": "ten"},
        {"w": "x", "f": 1},
        {},
    ):
        assert_error(admin.post(document, variables), 400, "BAD_USER_INPUT")


def test_variables_may_be_sent_as_a_json_string(admin: Client) -> None:
    response = post_raw(
        admin,
        b'{"query": "query($e: String) { countUsers(where: {email: $e}) }", '
        b'"variables": "{\\"e\\": \\"admin@kili-emulator.local\\"}"}',
    )
    assert response.json() == {"data": {"countUsers": 1}}


def test_other_methods_and_routes(server: EmulatorServer, admin: Client) -> None:
    assert_error(httpx.get(server.endpoint, headers=admin.headers), 405, "METHOD_NOT_ALLOWED")
    assert_error(httpx.get(server.base_url + "/nowhere"), 404, "NOT_FOUND")
    assert_error(httpx.delete(server.base_url + "/api/label/v2/version"), 405, "METHOD_NOT_ALLOWED")


@pytest.fixture(scope="module")
def small_server() -> Iterator[EmulatorServer]:
    with EmulatorServer(max_body_mb=1) as running:
        yield running


def test_oversized_bodies_get_413(small_server: EmulatorServer) -> None:
    client = Client(small_server.endpoint, small_server.api_key)
    padding = "x" * (1024 * 1024 + 1)
    assert_error(client.post("{ viewer { id } }", {"pad": padding}), 413, "PAYLOAD_TOO_LARGE")

    def chunks() -> Iterator[bytes]:
        yield b'{"query": "{ viewer { id } }", "pad": "'
        for _ in range(20):
            yield b"y" * 65536
        yield b'"}'

    streamed = httpx.post(client.endpoint, content=chunks(), headers=client.headers)
    assert_error(streamed, 413, "PAYLOAD_TOO_LARGE")
    assert client.execute("{ viewer { email } }")["viewer"]["email"]


def test_a_resolver_failure_is_a_graphql_error_with_data(admin: Client, project_id: str) -> None:
    response = admin.post(
        'query($p: ID!) { viewer { id } getAssetsMetadataValues(projectID: $p, metadataKey: "k")'
        " locks(where: {}, first: 1, skip: 0) { id } }",
        {"p": project_id},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["viewer"]["id"]
    assert body["data"]["getAssetsMetadataValues"] == []
    assert body["data"]["locks"] is None
    assert body["errors"][0]["path"] == ["locks"]
