"""`label_created_or_updated` against the emulator, over a real websocket."""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.adapters.transport import GraphQLTransport
from kili.client import Kili
from kili.config import ApiKey
from kili.exceptions import AuthenticationFailed, GraphQLError
from kili_emulator.server import EmulatorServer

A = {"CLASSIFICATION_JOB": {"categories": [{"name": "A"}]}}
B = {"CLASSIFICATION_JOB": {"categories": [{"name": "B"}]}}

Event = tuple[str, dict[str, Any]]


def add_asset(kili: Kili, project_id: str) -> str:
    kili.append_many_to_dataset(project_id, content_array=["https://example.com/a.jpg"])
    (asset,) = kili.assets(project_id, fields=["id"])
    asset_id: str = asset["id"]
    return asset_id


def recorder() -> tuple[queue.Queue[Event], Callable[[str, dict[str, Any]], None]]:
    received: queue.Queue[Event] = queue.Queue()
    return received, lambda asset_id, label: received.put((asset_id, label))


def append_label(kili: Kili, asset_id: str, json_response: dict[str, Any]) -> str:
    (created,) = kili.append_labels(
        asset_id_array=[asset_id], json_response_array=[json_response], label_type="DEFAULT"
    )
    label_id: str = created["id"]
    return label_id


def test_created_then_updated_labels_reach_the_callback(kili: Kili, project_id: str) -> None:
    asset_id = add_asset(kili, project_id)
    received, callback = recorder()

    with kili.label_created_or_updated(project_id, callback) as subscription:
        label_id = append_label(kili, asset_id, A)
        created_for, created = received.get(timeout=10)
        kili.update_properties_in_label(label_id=label_id, json_response=B)
        updated_for, updated = received.get(timeout=10)

    assert (created_for, created["id"], created["labelOf"]["id"]) == (asset_id, label_id, asset_id)
    assert created["jsonResponse"] == A
    assert created["labelType"] == "DEFAULT"
    assert created["author"]["email"] == kili.get_current_user(fields=["email"])["email"]
    assert (updated_for, updated["id"], updated["jsonResponse"]) == (asset_id, label_id, B)
    assert received.empty()
    assert not subscription.is_running


def test_only_the_labels_of_the_subscribed_project_arrive(
    kili: Kili, project_id: str, make_project: Callable[..., str]
) -> None:
    other_project = make_project()
    mine, other = add_asset(kili, project_id), add_asset(kili, other_project)
    received, callback = recorder()

    with kili.label_created_or_updated(project_id, callback):
        append_label(kili, other, A)
        label_id = append_label(kili, mine, B)
        asset_id, label = received.get(timeout=10)

    assert (asset_id, label["id"]) == (mine, label_id)
    assert received.empty()


def test_no_event_arrives_after_close(kili: Kili, project_id: str) -> None:
    asset_id = add_asset(kili, project_id)
    received, callback = recorder()

    subscription = kili.label_created_or_updated(project_id, callback)
    subscription.close()
    append_label(kili, asset_id, A)

    with pytest.raises(queue.Empty):
        received.get(timeout=1)


def test_events_keep_coming_after_the_connection_is_cut(
    kili: Kili, project_id: str, emulator_server: EmulatorServer
) -> None:
    asset_id = add_asset(kili, project_id)
    received, callback = recorder()

    with CuttableProxy(emulator_server.port) as proxy:
        endpoint = emulator_server.endpoint.replace(str(emulator_server.port), str(proxy.port))
        with (
            Kili(api_key=emulator_server.api_key, api_endpoint=endpoint) as through_proxy,
            through_proxy.label_created_or_updated(project_id, callback) as subscription,
        ):
            before_cut = append_label(kili, asset_id, A)
            assert received.get(timeout=10)[1]["id"] == before_cut
            connections_before_cut = proxy.accepted

            proxy.cut()
            after_cut = wait_for_next_event(kili, asset_id, received)

            assert after_cut[1]["id"] != before_cut
            assert proxy.accepted > connections_before_cut
            assert subscription.is_running
            assert subscription.error is None


def wait_for_next_event(
    kili: Kili, asset_id: str, received: queue.Queue[Event], within: float = 30.0
) -> Event:
    """Create labels until one is announced: those written while reconnecting are lost."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        append_label(kili, asset_id, B)
        try:
            return received.get(timeout=0.5)
        except queue.Empty:
            continue
    raise AssertionError(f"no label event within {within} s of the cut")


def test_a_wrong_api_key_is_refused(emulator_server: EmulatorServer, project_id: str) -> None:
    transport = GraphQLTransport(emulator_server.endpoint, ApiKey("wrong-key"))
    client = Kili.from_gateway(KiliAPIGateway(transport))

    with pytest.raises(AuthenticationFailed):
        client.label_created_or_updated(project_id, lambda asset_id, label: None)
    transport.close()


def test_an_unknown_project_is_refused(kili: Kili) -> None:
    with pytest.raises(GraphQLError):
        kili.label_created_or_updated("no-such-project", lambda asset_id, label: None)


# --- a network that can be cut -----------------------------------------------------------


class CuttableProxy:
    """Forward a local port to `target_port`, until `cut()` breaks every open connection.

    New connections keep being forwarded after a cut, so a client that reconnects gets
    through; `accepted` counts the connections made.
    """

    def __init__(self, target_port: int, host: str = "127.0.0.1") -> None:
        self.host = host
        self.target_port = target_port
        self.accepted = 0
        self._listener = socket.create_server((host, 0))
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection((self.host, self.target_port))
            with self._lock:
                self.accepted += 1
                self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(source, sink), daemon=True).start()

    def cut(self) -> None:
        """Break every open connection at once, without a websocket close."""
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self._listener.close()
        self.cut()

    def __enter__(self) -> CuttableProxy:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)
