"""The emulator is safe to leave running: foreign hosts and pages, revoked keys, costly queries."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from graphql import get_introspection_query
from starlette.requests import Request
from websockets.exceptions import ConnectionClosed, InvalidStatus

from kili_emulator import EmulatorServer
from kili_emulator.cli import build_parser, settings_from
from kili_emulator.protocol.trusted_hosts import HostPolicy
from kili_emulator.settings import QueryLimits
from kili_emulator.state import base_url_of
from tests.emulator.helpers import Client, new_member
from tests.emulator.test_subscription import (
    SUBSCRIBE,
    append_label,
    connected,
    init,
    receive,
    send,
    wait_for_subscriber,
)

VIEWER = "{ viewer { id email } }"


def post(server: EmulatorServer, query: str, **headers: str) -> httpx.Response:
    return httpx.post(
        server.endpoint,
        json={"query": query},
        headers={"Authorization": f"X-API-Key: {server.api_key}", **headers},
        timeout=30,
    )


# --- Host and Origin ------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "127.0.0.2", "[::1]", "app.localhost"])
def test_loopback_hosts_are_served(server: EmulatorServer, host: str) -> None:
    response = post(server, VIEWER, host=f"{host}:{server.port}")

    assert response.status_code == 200, response.text
    assert response.json()["data"]["viewer"]["email"]


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:80", "10.0.0.5", "bad:x"])
def test_a_foreign_host_is_refused_before_anything_runs(server: EmulatorServer, host: str) -> None:
    before = Client(server.endpoint, server.api_key).count_assets({"project": {}})
    mutation = 'mutation { createProject(data: {title: "rebound", inputType: TEXT}) { id } }'

    response = post(server, mutation, host=host)

    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "--allowed-host" in response.json()["errors"][0]["message"]
    assert Client(server.endpoint, server.api_key).count_assets({"project": {}}) == before


@pytest.mark.parametrize(
    "origin", ["https://attacker.example", "http://localhost.attacker.example:4000", "null"]
)
def test_a_foreign_origin_is_refused_over_http(server: EmulatorServer, origin: str) -> None:
    response = post(server, VIEWER, origin=origin)

    assert response.status_code == 403
    assert "--allowed-origin" in response.json()["errors"][0]["message"]


def test_loopback_origins_are_served(server: EmulatorServer) -> None:
    for origin in ("http://localhost:3000", "http://127.0.0.1", "https://[::1]:8443"):
        assert post(server, VIEWER, origin=origin).status_code == 200


@pytest.fixture(scope="module")
def configured() -> Iterator[EmulatorServer]:
    """An emulator told to accept one extra host name and one extra page."""
    with EmulatorServer(
        allowed_hosts=("emulator.internal",), allowed_origins=("https://tools.example/",)
    ) as running:
        yield running


def test_configured_hosts_and_origins_are_served(configured: EmulatorServer) -> None:
    response = post(
        configured, VIEWER, host="Emulator.Internal:8080", origin="https://tools.example"
    )

    assert response.status_code == 200, response.text
    assert post(configured, VIEWER, origin="http://tools.example").status_code == 403
    assert post(configured, VIEWER, host="other.internal").status_code == 403


def test_the_command_line_accepts_its_own_host_and_the_hosts_and_origins_given() -> None:
    origins = ["--allowed-origin", "https://a.example", "--allowed-origin", "https://b.example"]
    args = build_parser().parse_args(
        ["serve", "--host", "192.168.1.20", "--allowed-host", "laptop.lan", *origins]
    )

    settings = settings_from(args)

    assert settings.allowed_hosts == ("192.168.1.20", "laptop.lan")
    assert settings.allowed_origins == ("https://a.example", "https://b.example")


def test_a_web_page_cannot_open_a_websocket(server: EmulatorServer) -> None:
    with (
        pytest.raises(InvalidStatus) as refused,
        connected(server, origin="https://attacker.example"),
    ):
        pass

    assert refused.value.response.status_code == 403


def status_line(server: EmulatorServer, request: str) -> bytes:
    """Send a raw HTTP request head and return the status line of the answer."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(request.encode())
        return connection.recv(4096).split(b"\r\n", 1)[0]


def test_a_rebound_host_cannot_open_a_websocket(server: EmulatorServer) -> None:
    upgrade = (
        f"GET /api/label/v2/graphql HTTP/1.1\r\nHost: attacker.example:{server.port}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: graphql-ws\r\n\r\n"
    )

    assert status_line(server, upgrade) == b"HTTP/1.1 403 Forbidden"


def test_loopback_and_configured_pages_open_websockets(
    server: EmulatorServer, configured: EmulatorServer
) -> None:
    with connected(server, origin=f"http://localhost:{server.port}") as websocket:
        assert init(websocket, server.api_key) == {"type": "connection_ack"}
    with connected(configured, origin="https://tools.example") as websocket:
        assert init(websocket, configured.api_key) == {"type": "connection_ack"}


def test_signed_upload_urls_name_the_host_the_client_used(server: EmulatorServer) -> None:
    query = '{ urls: createUploadBucketSignedUrls(filePaths: ["a/b.png"]) }'

    response = post(server, query, host=f"localhost:{server.port}")

    [url] = response.json()["data"]["urls"]
    assert url.startswith(f"http://localhost:{server.port}/api/label/v2/files/")


def test_urls_handed_back_never_name_a_refused_host() -> None:
    state = SimpleNamespace(hosts=HostPolicy(allowed_hosts=("emulator.internal",)))
    app = SimpleNamespace(state=SimpleNamespace(emulator=state))

    def base_url(host: bytes, scheme: str = "http") -> str:
        scope = {
            "type": "http",
            "scheme": scheme,
            "server": ("127.0.0.1", 4000),
            "path": "/",
            "query_string": b"",
            "headers": [(b"host", host)],
            "app": app,
        }
        return base_url_of(Request(scope))

    assert base_url(b"attacker.example:4000") == "http://127.0.0.1:4000"
    assert base_url(b"emulator.internal:8080", "wss") == "https://emulator.internal:8080"
    assert base_url(b"localhost:4000", "ws") == "http://localhost:4000"


# --- authentication -------------------------------------------------------------------------


def test_an_anonymous_request_is_refused_without_reading_its_body(
    server: EmulatorServer,
) -> None:
    # The headers announce a body that never comes: a server reading it first would wait.
    request = (
        f"POST /api/label/v2/graphql HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
    )

    assert status_line(server, request) == b"HTTP/1.1 401 Unauthorized"


def revoke(admin: Client, member: Client) -> None:
    key_id = admin.execute(
        "query($w: ApiKeyWhere!) { apiKeys(where: $w, first: 10, skip: 0) { id } }",
        {"w": {"key": member.api_key}},
    )["apiKeys"][0]["id"]
    admin.execute(
        "mutation($w: ApiKeyWhere!) {"
        " updatePropertiesInApiKey(data: {revoked: true}, where: $w) { revoked } }",
        {"w": {"id": key_id}},
    )


def closed_after(websocket: Any) -> dict[str, Any]:
    """Return the last message before the server closes the connection."""
    message = receive(websocket)
    with pytest.raises(ConnectionClosed):
        receive(websocket)
    return message


def test_a_revoked_key_stops_working_on_an_open_websocket(
    server: EmulatorServer, admin: Client
) -> None:
    member, _ = new_member(admin, None, "LABELER")
    with connected(server) as websocket:
        assert init(websocket, member.api_key) == {"type": "connection_ack"}
        send(websocket, "start", "before", VIEWER)
        assert receive(websocket)["payload"]["data"]["viewer"]["email"].startswith("labeler-")
        assert receive(websocket) == {"type": "complete", "id": "before"}

        revoke(admin, member)
        send(
            websocket,
            "start",
            "after",
            'mutation { createProject(data: {title: "x", inputType: TEXT}) { id } }',
        )
        refusal = closed_after(websocket)

    assert refusal["type"] == "error"
    assert refusal["payload"]["extensions"]["code"] == "UNAUTHENTICATED"
    assert websocket.close_code == 4401


def test_a_subscription_ends_when_its_user_is_deactivated(
    server: EmulatorServer, admin: Client, project_id: str
) -> None:
    member, user_id = new_member(admin, project_id, "LABELER")
    [asset] = admin.import_assets(project_id, contentArray=["https://example.com/a.jpg"])
    with connected(server) as websocket:
        assert init(websocket, member.api_key) == {"type": "connection_ack"}
        send(websocket, "start", "sub", SUBSCRIBE, projectID=project_id)
        wait_for_subscriber(project_id)
        admin.execute(
            "mutation($w: UserWhere!) {"
            " updatePropertiesInUser(data: {activated: false}, where: $w) { activated } }",
            {"w": {"id": user_id}},
        )
        append_label(admin, asset["id"], {})
        refusal = closed_after(websocket)

    assert (refusal["type"], refusal["id"]) == ("error", "sub")
    assert refusal["payload"]["extensions"]["code"] == "UNAUTHENTICATED"
    wait_for_subscriber(project_id, 0)


# --- query cost -----------------------------------------------------------------------------


def nested_users(levels: int) -> str:
    selection = "id email"
    for _ in range(levels):
        selection = f"organization {{ id users {{ {selection} }} }}"
    return f"{{ viewer {{ {selection} }} }}"


def refusal_of(response: httpx.Response) -> str:
    assert response.status_code == 400, response.text
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    message: str = error["message"]
    return message


def test_a_list_selected_inside_itself_is_refused_before_it_runs(server: EmulatorServer) -> None:
    assert post(server, nested_users(1)).status_code == 200

    message = refusal_of(post(server, nested_users(3)))

    assert "Organization.users is selected inside itself" in message


def test_a_query_nested_too_deeply_is_refused(server: EmulatorServer) -> None:
    chain = "id"
    for _ in range(5):
        chain = f"latestLabel {{ labelOf {{ {chain} }} }}"
    query = f"{{ assets(where: {{}}, first: 1, skip: 0) {{ {chain} }} }}"

    assert "more than 8 levels deep" in refusal_of(post(server, query))


def test_too_many_aliases_are_refused(server: EmulatorServer) -> None:
    aliases = " ".join(f"a{index}: viewer {{ id }}" for index in range(31))

    assert "more than 30 aliases" in refusal_of(post(server, f"{{ {aliases} }}"))


def test_fragments_cannot_multiply_an_operation(server: EmulatorServer) -> None:
    fragments = ["fragment F0 on User { id email }"]
    fragments += [f"fragment F{i} on User {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, 20)]
    query = "{ viewer { ...F19 } } " + " ".join(fragments)

    assert "more than 2000 fields" in refusal_of(post(server, query))


def test_introspection_and_the_sdks_deepest_selections_pass(
    server: EmulatorServer, admin: Client, project_id: str
) -> None:
    admin.import_assets(project_id, contentArray=["https://example.com/a.jpg"])
    deepest = (
        "query($where: AssetWhere!) { data: assets(where: $where, first: 500, skip: 0) {"
        " id labels { id author { id email organization { id name } } }"
        " latestLabel { author { firstname } } project { roles { user { email } } } } }"
    )

    assert admin.execute(deepest, {"where": {"project": {"id": project_id}}})["data"]
    assert admin.execute(get_introspection_query(descriptions=True))["__schema"]["types"]
    assert admin.errors(
        "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    )


def test_a_read_past_its_budget_is_stopped() -> None:
    with EmulatorServer(query_limits=QueryLimits(max_resolved_fields=40)) as small:
        client = Client(small.endpoint, small.api_key)
        project_id = client.create_project("budget")
        urls = [f"https://example.com/{index}.jpg" for index in range(30)]
        assert len(client.import_assets(project_id, contentArray=urls)) == 30
        query = (
            "query($where: AssetWhere!) { assets(where: $where, first: 500, skip: 0)"
            " { id externalId content } }"
        )

        response = client.post(query, {"where": {"project": {"id": project_id}}})

    assert "resolved more than 40 fields" in refusal_of(response)
