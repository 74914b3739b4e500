"""Label events: the in-process bus, and `labelCreatedOrUpdated` over a websocket."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Subprotocol

from kili_emulator import DEFAULT_ADMIN_EMAIL, EmulatorServer, events
from kili_emulator.events import LabelEventBus, SubscriberOverflow
from tests.emulator.helpers import Client, new_member

# --- the event bus ----------------------------------------------------------------------


def publish_from_a_thread(
    bus: LabelEventBus, project_id: str, labels: list[dict[str, Any]]
) -> None:
    thread = threading.Thread(target=lambda: [bus.publish(project_id, label) for label in labels])
    thread.start()
    thread.join()


def test_events_published_from_any_thread_reach_the_project_streams_in_order() -> None:
    bus = LabelEventBus()

    async def scenario() -> tuple[list[str], list[str]]:
        mine, other = bus.open("p1"), bus.open("p2")
        publish_from_a_thread(bus, "p1", [{"id": "a"}, {"id": "b"}])
        publish_from_a_thread(bus, "p2", [{"id": "c"}])
        return [(await anext(mine))["id"], (await anext(mine))["id"]], [(await anext(other))["id"]]

    assert asyncio.run(scenario()) == (["a", "b"], ["c"])


def test_a_stream_counts_from_its_opening_not_its_first_read() -> None:
    bus = LabelEventBus()

    async def scenario() -> dict[str, Any]:
        stream = bus.open("p1")
        bus.publish("p1", {"id": "early"})
        await asyncio.sleep(0)
        return await anext(stream)

    assert asyncio.run(scenario()) == {"id": "early"}


def test_each_stream_gets_its_own_copy_of_the_label() -> None:
    bus = LabelEventBus()
    label = {"id": "a", "labelType": "DEFAULT"}

    async def scenario() -> tuple[dict[str, Any], dict[str, Any]]:
        first, second = bus.open("p1"), bus.open("p1")
        bus.publish("p1", label)
        label["labelType"] = "REVIEW"
        received = await anext(first)
        received["id"] = "changed"
        return received, await anext(second)

    received, other = asyncio.run(scenario())
    assert received == {"id": "changed", "labelType": "DEFAULT"}
    assert other == {"id": "a", "labelType": "DEFAULT"}


def test_closing_a_stream_unsubscribes_it() -> None:
    bus = LabelEventBus()

    async def scenario() -> int:
        async with bus.open("p1"):
            assert bus.subscriber_count("p1") == 1
        bus.publish("p1", {"id": "ignored"})
        return bus.subscriber_count()

    assert asyncio.run(scenario()) == 0


def test_a_subscriber_that_falls_too_far_behind_is_cut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "MAX_PENDING_EVENTS", 3)
    bus = LabelEventBus()

    async def scenario() -> list[str]:
        stream = bus.open("p1")
        for index in range(5):
            bus.publish("p1", {"id": str(index)})
        await asyncio.sleep(0)
        received = [(await anext(stream))["id"] for _ in range(3)]
        with pytest.raises(SubscriberOverflow, match="fell 3 label events behind"):
            await anext(stream)
        assert bus.subscriber_count() == 0
        return received

    assert asyncio.run(scenario()) == ["0", "1", "2"]


def test_close_all_ends_every_stream_after_its_queued_events() -> None:
    bus = LabelEventBus()

    async def scenario() -> list[str]:
        stream = bus.open("p1")
        bus.publish("p1", {"id": "last"})
        bus.close_all()
        return [label["id"] async for label in stream]

    assert asyncio.run(scenario()) == ["last"]
    assert bus.subscriber_count() == 0


def test_a_stream_whose_loop_is_gone_is_dropped_on_publish() -> None:
    bus = LabelEventBus()

    async def open_stream() -> None:
        bus.open("p1")

    asyncio.run(open_stream())
    bus.publish("p1", {"id": "nobody"})

    assert bus.subscriber_count() == 0


def test_the_module_functions_use_the_process_bus() -> None:
    async def scenario() -> dict[str, Any]:
        async with events.open_label_stream("module-project") as stream:
            events.publish_label_event("module-project", {"id": "m"})
            return await anext(stream)

    assert asyncio.run(scenario()) == {"id": "m"}
    assert events.label_event_bus.subscriber_count("module-project") == 0


# --- labelCreatedOrUpdated over a websocket -------------------------------------------------

SUBSCRIBE = (
    "subscription($projectID: ID!) { data: labelCreatedOrUpdated(projectID: $projectID) "
    "{ id jsonResponse labelType author { email } labelOf { id } } }"
)


def ws_url(server: EmulatorServer) -> str:
    return server.endpoint.replace("http://", "ws://", 1)


@contextmanager
def connected(
    server: EmulatorServer, protocol: str = "graphql-ws", **options: Any
) -> Iterator[ClientConnection]:
    with connect(ws_url(server), subprotocols=[Subprotocol(protocol)], **options) as websocket:
        yield websocket


def receive(websocket: ClientConnection) -> dict[str, Any]:
    """The next message that is not a keep-alive."""
    while True:
        message: dict[str, Any] = json.loads(websocket.recv(timeout=10))
        if message["type"] != "ka":
            return message


def init(websocket: ClientConnection, api_key: str) -> dict[str, Any]:
    websocket.send(
        json.dumps(
            {"type": "connection_init", "payload": {"Authorization": f"X-API-Key: {api_key}"}}
        )
    )
    return receive(websocket)


def send(
    websocket: ClientConnection, kind: str, operation_id: str, query: str, **variables: Any
) -> None:
    payload = {"query": query, "variables": variables}
    websocket.send(json.dumps({"type": kind, "id": operation_id, "payload": payload}))


def append_label(admin: Client, asset_id: str, json_response: dict[str, Any]) -> str:
    data = admin.execute(
        "mutation($data: AppendManyLabelsData!, $where: AssetWhere!) {"
        " appendManyLabels(data: $data, where: $where) { id } }",
        {
            "data": {
                "labelType": "DEFAULT",
                "labelsData": [{"assetID": asset_id, "jsonResponse": json.dumps(json_response)}],
            },
            "where": {"idIn": [asset_id]},
        },
    )
    label_id: str = data["appendManyLabels"][0]["id"]
    return label_id


def wait_for_subscriber(project_id: str, count: int = 1) -> None:
    deadline = time.monotonic() + 10
    while events.label_event_bus.subscriber_count(project_id) != count:
        assert time.monotonic() < deadline, "the subscription was not registered"
        time.sleep(0.01)


def test_legacy_protocol_streams_created_labels_with_their_relations(
    server: EmulatorServer, admin: Client, project_id: str
) -> None:
    [asset] = admin.import_assets(project_id, contentArray=["https://example.com/a.jpg"])

    with connected(server) as websocket:
        assert websocket.subprotocol == "graphql-ws"
        assert init(websocket, server.api_key) == {"type": "connection_ack"}
        send(websocket, "start", "sub", SUBSCRIBE, projectID=project_id)
        send(websocket, "start", "probe", "{ __typename }")
        assert receive(websocket) == {
            "type": "data",
            "id": "probe",
            "payload": {"data": {"__typename": "Query"}},
        }
        assert receive(websocket) == {"type": "complete", "id": "probe"}

        label_id = append_label(admin, asset["id"], {})
        message = receive(websocket)

        assert (message["type"], message["id"]) == ("data", "sub")
        assert message["payload"] == {
            "data": {
                "data": {
                    "id": label_id,
                    "jsonResponse": "{}",
                    "labelType": "DEFAULT",
                    "author": {"email": DEFAULT_ADMIN_EMAIL},
                    "labelOf": {"id": asset["id"]},
                }
            }
        }
        websocket.send(json.dumps({"type": "stop", "id": "sub"}))
        wait_for_subscriber(project_id, 0)


def test_graphql_transport_ws_protocol_is_spoken_too(
    server: EmulatorServer, admin: Client, project_id: str
) -> None:
    [asset] = admin.import_assets(project_id, contentArray=["https://example.com/a.jpg"])

    with connected(server, "graphql-transport-ws") as websocket:
        assert init(websocket, server.api_key) == {"type": "connection_ack"}
        websocket.send(json.dumps({"type": "ping"}))
        assert receive(websocket) == {"type": "pong"}
        send(websocket, "subscribe", "s1", SUBSCRIBE, projectID=project_id)
        wait_for_subscriber(project_id)

        label_id = append_label(admin, asset["id"], {})
        message = receive(websocket)
        websocket.send(json.dumps({"type": "complete", "id": "s1"}))
        wait_for_subscriber(project_id, 0)

    assert (message["type"], message["id"]) == ("next", "s1")
    assert message["payload"]["data"]["data"]["id"] == label_id


def test_the_key_may_come_in_the_upgrade_request_header(server: EmulatorServer) -> None:
    headers = {"Authorization": f"X-API-Key: {server.api_key}"}

    with connected(server, additional_headers=headers) as websocket:
        websocket.send(json.dumps({"type": "connection_init", "payload": {}}))

        assert receive(websocket) == {"type": "connection_ack"}


def test_a_wrong_key_is_refused_in_each_protocol(server: EmulatorServer) -> None:
    with connected(server) as legacy:
        refusal = init(legacy, "not-a-key")
        with pytest.raises(ConnectionClosed):
            legacy.recv(timeout=10)
    with connected(server, "graphql-transport-ws") as modern:
        modern.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": "X-API-Key: nope"}})
        )
        with pytest.raises(ConnectionClosed):
            modern.recv(timeout=10)

    assert refusal["type"] == "connection_error"
    assert refusal["payload"]["extensions"]["code"] == "UNAUTHENTICATED"
    assert legacy.close_code == 4401
    assert modern.close_code == 4403


def test_operations_before_connection_init_close_the_connection(
    server: EmulatorServer, project_id: str
) -> None:
    with connected(server) as websocket:
        send(websocket, "start", "sub", SUBSCRIBE, projectID=project_id)
        with pytest.raises(ConnectionClosed):
            websocket.recv(timeout=10)

    assert websocket.close_code == 4401


def test_a_client_offering_no_known_subprotocol_is_refused(server: EmulatorServer) -> None:
    with pytest.raises(InvalidStatus), connect(ws_url(server)):
        pass


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        (SUBSCRIBE, {"projectID": "no-such-project"}, "NOT_FOUND"),
        ("subscription { nope }", {}, "GRAPHQL_VALIDATION_FAILED"),
        (
            "subscription($p: ID!) { assetDeleted(projectID: $p) { assetId } }",
            {"p": "x"},
            "NOT_SUPPORTED",
        ),
    ],
)
def test_refused_subscriptions_answer_an_error_with_its_code(
    server: EmulatorServer, query: str, variables: dict[str, Any], code: str
) -> None:
    with connected(server) as websocket:
        init(websocket, server.api_key)
        send(websocket, "start", "sub", query, **variables)
        message = receive(websocket)

    assert (message["type"], message["id"]) == ("error", "sub")
    assert message["payload"]["extensions"]["code"] == code


def test_a_user_outside_the_project_cannot_subscribe_to_it(
    server: EmulatorServer, admin: Client, project_id: str
) -> None:
    outsider, _ = new_member(admin, None, "LABELER")

    with connected(server) as websocket:
        init(websocket, outsider.api_key)
        send(websocket, "start", "sub", SUBSCRIBE, projectID=project_id)
        message = receive(websocket)

    assert message["type"] == "error"
    assert message["payload"]["extensions"]["code"] == "NOT_FOUND"
    assert events.label_event_bus.subscriber_count(project_id) == 0


def test_disconnecting_ends_the_subscriptions_of_the_connection(
    server: EmulatorServer, project_id: str
) -> None:
    with connected(server) as websocket:
        init(websocket, server.api_key)
        send(websocket, "start", "a", SUBSCRIBE, projectID=project_id)
        send(websocket, "start", "b", SUBSCRIBE, projectID=project_id)
        wait_for_subscriber(project_id, 2)

    wait_for_subscriber(project_id, 0)
