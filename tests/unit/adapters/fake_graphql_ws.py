"""A scripted `graphql-ws` server on a loopback port, for tests of the subscription client."""

from __future__ import annotations

import json
import queue
import threading
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve
from websockets.typing import Subprotocol

API_KEY = "unit-test-key"


class FakeGraphQLWSServer:
    """Speak the server side of `graphql-ws`, recording what clients send.

    Accepts `connection_init` whose payload carries `X-API-Key: unit-test-key`, answers the
    readiness query at once, and lets the test push `data` to subscribed connections,
    drop them, or make the server refuse subscriptions.
    """

    def __init__(self) -> None:
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.paths: list[str] = []
        self.subprotocols: list[str | None] = []
        self.subscribed: queue.Queue[ServerConnection] = queue.Queue()
        self.refuse_subscription = False
        self.upgrade_status: int | None = None
        self._subscribers: list[ServerConnection] = []
        self._lock = threading.Lock()
        self._server: Server = serve(
            self._handle,
            "127.0.0.1",
            0,
            subprotocols=[Subprotocol("graphql-ws")],
            process_request=self._process_request,
        )
        self.port = self._server.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/label/v2/graphql"

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/api/label/v2/graphql"

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        if self.upgrade_status is None:
            return None
        return connection.respond(self.upgrade_status, "refused\n")

    def _handle(self, connection: ServerConnection) -> None:
        assert connection.request is not None
        self.paths.append(connection.request.path)
        self.subprotocols.append(connection.subprotocol)
        try:
            for raw in connection:
                message = json.loads(raw)
                self.messages.put(message)
                self._answer(connection, message)
        except ConnectionClosed:
            pass
        finally:
            with self._lock:
                if connection in self._subscribers:
                    self._subscribers.remove(connection)

    def _answer(self, connection: ServerConnection, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "connection_init":
            if message.get("payload", {}).get("Authorization") == f"X-API-Key: {API_KEY}":
                connection.send(json.dumps({"type": "connection_ack"}))
                connection.send(json.dumps({"type": "ka"}))
            else:
                connection.send(
                    json.dumps({"type": "connection_error", "payload": {"message": "bad key"}})
                )
                connection.close()
        elif kind == "start" and message["id"] == "ready":
            connection.send(json.dumps({"type": "data", "id": "ready", "payload": {"data": {}}}))
            connection.send(json.dumps({"type": "complete", "id": "ready"}))
        elif kind == "start" and self.refuse_subscription:
            error = {"type": "error", "id": message["id"], "payload": {"message": "no access"}}
            connection.send(json.dumps(error))
        elif kind == "start":
            with self._lock:
                self._subscribers.append(connection)
            self.subscribed.put(connection)
        elif kind == "connection_terminate":
            connection.close()

    def push(self, payload: dict[str, Any], operation_id: str = "1") -> None:
        """Send one `data` message to every subscribed connection."""
        with self._lock:
            subscribers = list(self._subscribers)
        for connection in subscribers:
            connection.send(json.dumps({"type": "data", "id": operation_id, "payload": payload}))

    def push_label(self, label_id: str, asset_id: str, json_response: dict[str, Any]) -> None:
        """Send a label event shaped as the API sends it, jsonResponse as a string."""
        label = {
            "id": label_id,
            "assetId": asset_id,
            "labelOf": {"id": asset_id},
            "labelType": "DEFAULT",
            "jsonResponse": json.dumps(json_response),
        }
        self.push({"data": {"data": label}})

    def send_raw(self, message: dict[str, Any]) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for connection in subscribers:
            connection.send(json.dumps(message))

    def drop_subscribers(self, code: int = 1011) -> None:
        """Close every subscribed connection from the server side."""
        with self._lock:
            subscribers, self._subscribers = self._subscribers, []
        for connection in subscribers:
            connection.close(code)

    def wait_for(self, kind: str, timeout: float = 5.0) -> dict[str, Any]:
        """Return the next client message of type `kind`, skipping others."""
        while True:
            message = self.messages.get(timeout=timeout)
            if message.get("type") == kind:
                return message

    def shutdown(self) -> None:
        self.drop_subscribers(1001)
        self._server.shutdown()
        self._thread.join(5)
