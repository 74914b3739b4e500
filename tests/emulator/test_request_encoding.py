"""Gzipped request bodies, as the official SDK sends large ones, are read within the limit."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

import httpx
import pytest

from kili_emulator import EmulatorServer
from tests.emulator.helpers import Client

VIEWER = {"query": "{ viewer { email } }", "variables": {}}


def post(client: Client, content: bytes, encoding: str | None) -> httpx.Response:
    headers = {**client.headers, "Content-Type": "application/json"}
    if encoding is not None:
        headers["Content-Encoding"] = encoding
    return httpx.post(client.endpoint, content=content, headers=headers, timeout=30)


def error_code(response: httpx.Response) -> str:
    return str(response.json()["errors"][0]["extensions"]["code"])


@pytest.mark.parametrize("encoding", ["gzip", "GZIP"])
def test_a_gzipped_request_is_answered_as_the_plain_one(admin: Client, encoding: str) -> None:
    body = json.dumps(VIEWER).encode()
    plain = post(admin, body, None)
    gzipped = post(admin, gzip.compress(body), encoding)
    assert gzipped.status_code == plain.status_code == 200
    assert gzipped.json() == plain.json()
    assert gzipped.json()["data"]["viewer"]["email"]


def test_identity_is_read_as_no_encoding(admin: Client) -> None:
    response = post(admin, json.dumps(VIEWER).encode(), "identity")
    assert response.json()["data"]["viewer"]["email"]


def test_a_gzipped_mutation_writes_once(admin: Client, project_id: str) -> None:
    mutation = {
        "query": "mutation($data: AppendManyAssetsData!, $where: ProjectWhere!) {"
        " data: appendManyAssets(data: $data, where: $where) { id externalId } }",
        "variables": {
            "data": {"contentArray": ["https://x/1.png"], "externalIDArray": ["zipped"]},
            "where": {"id": project_id},
        },
    }
    response = post(admin, gzip.compress(json.dumps(mutation).encode()), "gzip")
    assert response.status_code == 200, response.text
    assert admin.external_ids({"project": {"id": project_id}}) == ["zipped"]


@pytest.mark.parametrize("encoding", ["br", "deflate", "gzip, br"])
def test_other_encodings_are_refused_with_415(admin: Client, encoding: str) -> None:
    response = post(admin, json.dumps(VIEWER).encode(), encoding)
    assert response.status_code == 415
    assert error_code(response) == "UNSUPPORTED_MEDIA_TYPE"


@pytest.mark.parametrize(
    "content",
    [json.dumps(VIEWER).encode(), gzip.compress(json.dumps(VIEWER).encode())[:-12], b""],
    ids=["not-gzip", "truncated", "empty"],
)
def test_a_body_that_does_not_decode_is_a_bad_request(admin: Client, content: bytes) -> None:
    response = post(admin, content, "gzip")
    assert response.status_code == 400
    assert error_code(response) == "BAD_REQUEST"


@pytest.fixture(scope="module")
def small_server() -> Iterator[EmulatorServer]:
    with EmulatorServer(max_body_mb=1) as running:
        yield running


def test_the_body_limit_holds_for_the_decoded_size(small_server: EmulatorServer) -> None:
    client = Client(small_server.endpoint, small_server.api_key)
    padded = {**VIEWER, "pad": "x" * (1024 * 1024 + 1)}
    bomb = gzip.compress(json.dumps(padded).encode())
    assert len(bomb) < 10_000
    response = post(client, bomb, "gzip")
    assert response.status_code == 413
    assert error_code(response) == "PAYLOAD_TOO_LARGE"
    just_under = {**VIEWER, "pad": "x" * (1024 * 1024 - 200)}
    accepted = post(client, gzip.compress(json.dumps(just_under).encode()), "gzip")
    assert accepted.json()["data"]["viewer"]["email"]
