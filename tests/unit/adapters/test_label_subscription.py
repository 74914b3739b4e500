"""The label subscription client against a scripted `graphql-ws` server."""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.adapters.kili_api_gateway.subscription.graphql_ws import (
    Operation,
    ReconnectPolicy,
    WebSocketSubscription,
    websocket_url,
)
from kili.adapters.kili_api_gateway.subscription.operations import (
    LABEL_CREATED_OR_UPDATED,
    READY_PROBE,
)
from kili.adapters.transport import GraphQLTransport
from kili.config import ApiKey
from kili.domain.project import ProjectId
from kili.exceptions import (
    AuthenticationFailed,
    GraphQLError,
    KiliConnectionError,
    MissingExtraError,
)
from tests.unit.adapters.fake_graphql_ws import API_KEY, FakeGraphQLWSServer

FAST = ReconnectPolicy(initial_backoff=0.01, max_backoff=0.05, max_attempts=3, handshake_timeout=2)

Event = tuple[str, dict[str, Any]]


@pytest.fixture
def server() -> Iterator[FakeGraphQLWSServer]:
    fake = FakeGraphQLWSServer()
    yield fake
    fake.shutdown()


@pytest.fixture
def events() -> queue.Queue[Event]:
    return queue.Queue()


def subscribe(
    server: FakeGraphQLWSServer,
    events: queue.Queue[Event],
    *,
    api_key: str = API_KEY,
    policy: ReconnectPolicy = FAST,
) -> WebSocketSubscription:
    gateway = KiliAPIGateway(GraphQLTransport(server.endpoint, ApiKey(api_key)))

    def on_label(asset_id: str, label: dict[str, Any]) -> None:
        events.put((asset_id, label))

    return gateway.subscribe_to_labels(ProjectId("project-1"), on_label, policy=policy)


def test_subscribes_with_the_key_in_connection_init_then_probes_readiness(
    server: FakeGraphQLWSServer, events: queue.Queue[Event]
) -> None:
    with subscribe(server, events):
        init = server.wait_for("connection_init")
        start = server.wait_for("start")
        probe = server.wait_for("start")

    assert init["payload"]["Authorization"] == f"X-API-Key: {API_KEY}"
    assert init["payload"]["headers"]["Authorization"] == f"X-API-Key: {API_KEY}"
    assert start["id"] == "1"
    assert start["payload"] == {
        "query": LABEL_CREATED_OR_UPDATED,
        "variables": {"projectID": "project-1"},
    }
    assert (probe["id"], probe["payload"]["query"]) == ("ready", READY_PROBE)
    assert server.paths == ["/api/label/v2/graphql"]
    assert server.subprotocols == ["graphql-ws"]


def test_each_label_event_calls_back_with_the_asset_id_and_the_decoded_label(
    server: FakeGraphQLWSServer, events: queue.Queue[Event]
) -> None:
    with subscribe(server, events):
        server.send_raw({"type": "ka"})
        server.push_label("label-1", "asset-1", {"JOB": {"categories": [{"name": "A"}]}})
        server.push_label("label-2", "asset-2", {})

        first = events.get(timeout=5)
        second = events.get(timeout=5)

    assert first[0] == "asset-1"
    assert first[1]["id"] == "label-1"
    assert first[1]["jsonResponse"] == {"JOB": {"categories": [{"name": "A"}]}}
    assert (second[0], second[1]["id"], second[1]["jsonResponse"]) == ("asset-2", "label-2", {})
    assert events.empty()


def test_an_event_with_errors_and_no_label_is_logged_not_delivered(
    server: FakeGraphQLWSServer, events: queue.Queue[Event], caplog: pytest.LogCaptureFixture
) -> None:
    with subscribe(server, events):
        server.push({"data": {"data": None}, "errors": [{"message": "author not found"}]})
        server.push_label("next", "asset-1", {})

        assert events.get(timeout=5)[1]["id"] == "next"
    assert "Label event with an error: author not found" in caplog.text
    assert events.empty()


def test_a_failing_callback_does_not_end_the_subscription(
    server: FakeGraphQLWSServer, caplog: pytest.LogCaptureFixture
) -> None:
    received: queue.Queue[str] = queue.Queue()

    def on_label(asset_id: str, label: dict[str, Any]) -> None:
        received.put(label["id"])
        if label["id"] == "bad":
            raise RuntimeError("callback bug")

    gateway = KiliAPIGateway(GraphQLTransport(server.endpoint, ApiKey(API_KEY)))
    with gateway.subscribe_to_labels(ProjectId("p"), on_label, policy=FAST) as subscription:
        server.push_label("bad", "a", {})
        server.push_label("good", "a", {})

        assert [received.get(timeout=5), received.get(timeout=5)] == ["bad", "good"]
        assert subscription.is_running
    assert "The subscription callback raised" in caplog.text


def test_close_stops_the_operation_and_the_thread(
    server: FakeGraphQLWSServer, events: queue.Queue[Event]
) -> None:
    subscription = subscribe(server, events)
    assert subscription.is_running

    subscription.close()
    subscription.close()

    assert server.wait_for("stop")["id"] == "1"
    assert server.wait_for("connection_terminate") == {"type": "connection_terminate"}
    assert not subscription.is_running
    assert subscription.error is None


def test_reconnects_and_subscribes_again_after_the_server_drops_the_connection(
    server: FakeGraphQLWSServer, events: queue.Queue[Event]
) -> None:
    with subscribe(server, events) as subscription:
        server.subscribed.get(timeout=5)
        server.drop_subscribers(1011)
        server.subscribed.get(timeout=5)
        server.push_label("after-drop", "asset-9", {})

        asset_id, label = events.get(timeout=5)

        assert (asset_id, label["id"]) == ("asset-9", "after-drop")
        assert subscription.is_running
    assert len(server.paths) == 2


def test_subscribes_again_when_the_server_completes_the_operation(
    server: FakeGraphQLWSServer, events: queue.Queue[Event]
) -> None:
    with subscribe(server, events):
        server.subscribed.get(timeout=5)
        server.send_raw({"type": "complete", "id": "1"})
        server.subscribed.get(timeout=5)
        server.push_label("again", "asset-1", {})

        assert events.get(timeout=5)[1]["id"] == "again"


def test_gives_up_after_the_allowed_failed_attempts(
    server: FakeGraphQLWSServer, events: queue.Queue[Event]
) -> None:
    subscription = subscribe(server, events)
    server.subscribed.get(timeout=5)

    server.shutdown()

    assert subscription.wait(10)
    assert not subscription.is_running
    assert isinstance(subscription.error, KiliConnectionError)
    assert "not restored after 3 attempts" in str(subscription.error)


def test_pause_drops_the_events_handled_until_unpause() -> None:
    payloads: list[dict[str, Any]] = []
    operation = Operation(document="subscription { x }", variables={}, on_data=payloads.append)
    subscription = WebSocketSubscription("ws://unused", "X-API-Key: k", operation, connect=refuse)

    subscription.pause()
    subscription._handle({"type": "data", "id": "1", "payload": {"n": 1}})
    subscription.unpause()
    subscription._handle({"type": "data", "id": "1", "payload": {"n": 2}})
    subscription._handle({"type": "data", "id": "other", "payload": {"n": 3}})
    subscription._handle({"type": "ka"})

    assert payloads == [{"n": 2}]


def test_a_refused_key_raises_authentication_failed(
    server: FakeGraphQLWSServer, events: queue.Queue[Event]
) -> None:
    with pytest.raises(AuthenticationFailed, match="bad key"):
        subscribe(server, events, api_key="wrong")

    assert server.paths == ["/api/label/v2/graphql"]


def test_a_refused_upgrade_raises_a_connection_error(
    server: FakeGraphQLWSServer, events: queue.Queue[Event]
) -> None:
    server.upgrade_status = 403

    with pytest.raises(KiliConnectionError, match="403"):
        subscribe(server, events)


def test_a_refused_subscription_raises_graphql_error(
    server: FakeGraphQLWSServer, events: queue.Queue[Event]
) -> None:
    server.refuse_subscription = True

    with pytest.raises(GraphQLError, match="no access"):
        subscribe(server, events)


def test_an_unreachable_server_raises_a_connection_error(events: queue.Queue[Event]) -> None:
    fake = FakeGraphQLWSServer()
    fake.shutdown()

    with pytest.raises(KiliConnectionError, match=r"Subscription to ws://127\.0\.0\.1"):
        subscribe(fake, events)


def test_close_from_the_callback_ends_the_subscription(server: FakeGraphQLWSServer) -> None:
    closed = threading.Event()
    holder: list[WebSocketSubscription] = []

    def on_label(asset_id: str, label: dict[str, Any]) -> None:
        holder[0].close()
        closed.set()

    gateway = KiliAPIGateway(GraphQLTransport(server.endpoint, ApiKey(API_KEY)))
    holder.append(gateway.subscribe_to_labels(ProjectId("p"), on_label, policy=FAST))
    server.push_label("l", "a", {})

    assert closed.wait(5)
    assert holder[0].wait(5)


@pytest.mark.parametrize(
    ("endpoint", "url"),
    [
        (
            "https://cloud.kili-technology.com/api/label/v2/graphql",
            "wss://cloud.kili-technology.com/api/label/v2/graphql",
        ),
        (
            "http://localhost:4000/api/label/v2/graphql?x=1",
            "ws://localhost:4000/api/label/v2/graphql?x=1",
        ),
        ("http://httpbin.local/graphql", "ws://httpbin.local/graphql"),
        ("wss://already.example/graphql", "wss://already.example/graphql"),
    ],
)
def test_the_websocket_url_keeps_host_and_path_and_swaps_the_scheme(
    endpoint: str, url: str
) -> None:
    assert websocket_url(endpoint) == url


def refuse(url: str, **options: Any) -> Any:
    """A `connect` that records its arguments and fails as an unreachable host does."""
    refuse.seen = {**options, "url": url}  # type: ignore[attr-defined]
    raise OSError("no network in this test")


def test_wss_urls_get_a_tls_context_that_follows_verify() -> None:
    operation = Operation(document="subscription { x }", variables={}, on_data=lambda _: None)
    subscription = WebSocketSubscription(
        "wss://kili.example/graphql",
        "X-API-Key: k",
        operation,
        verify=False,
        policy=FAST,
        connect=refuse,
    )

    with pytest.raises(KiliConnectionError, match="no network in this test"):
        subscription.start()

    seen = refuse.seen  # type: ignore[attr-defined]
    assert seen["url"] == "wss://kili.example/graphql"
    assert seen["subprotocols"] == ["graphql-ws"]
    assert seen["ssl"].verify_mode.name == "CERT_NONE"


def test_backoff_doubles_with_jitter_up_to_its_bound() -> None:
    policy = ReconnectPolicy(initial_backoff=0.5, max_backoff=4.0)

    for failures, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (9, 4.0)]:
        delays = [policy.delay(failures) for _ in range(50)]
        assert all(ceiling / 2 <= delay <= ceiling for delay in delays), failures


def test_without_websockets_the_extra_is_named(
    monkeypatch: pytest.MonkeyPatch, server: FakeGraphQLWSServer, events: queue.Queue[Event]
) -> None:
    monkeypatch.setitem(sys.modules, "websockets.sync.client", None)

    with pytest.raises(MissingExtraError, match=r"pip install 'kili\[subscriptions\]'"):
        subscribe(server, events)

    assert server.paths == []
