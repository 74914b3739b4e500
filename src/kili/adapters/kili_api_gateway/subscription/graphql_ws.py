"""GraphQL subscriptions over a websocket, with the `graphql-ws` protocol Kili speaks.

`graphql-ws` is the protocol of Apollo's subscriptions-transport-ws: the client sends
`connection_init` (credentials in its payload) and waits for `connection_ack`, then
`start`s operations by id; the server answers `data`, `error` and `complete` for each,
and `ka` (keep-alive) now and then; the client `stop`s an operation and
`connection_terminate`s the connection.

One `WebSocketSubscription` runs one operation in a background thread. It returns from
`start()` once the server has taken the operation (see `READY_PROBE`), reconnects after
a dropped connection with bounded exponential backoff, and stops on `close()`. The
`websockets` package (extra `kili[subscriptions]`) is imported only when one starts.
"""

from __future__ import annotations

import json
import logging
import random
import ssl
import threading
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from kili.exceptions import (
    AuthenticationFailed,
    GraphQLError,
    KiliConnectionError,
    KiliError,
    MissingExtraError,
)

if TYPE_CHECKING:
    from typing_extensions import Self
    from websockets.sync.client import ClientConnection

logger = logging.getLogger("kili")

SUBPROTOCOL = "graphql-ws"
OPERATION_ID = "1"
PROBE_ID = "ready"

UNAUTHORIZED_CLOSE_CODES = frozenset({4401, 4403})
"""Close codes by which servers refuse credentials."""

Connect = Callable[..., AbstractContextManager["ClientConnection"]]


@dataclass(frozen=True)
class ReconnectPolicy:
    """How a subscription comes back after its connection drops.

    Attributes:
        initial_backoff: First wait in seconds; waits then double, with random jitter.
        max_backoff: Longest single wait in seconds.
        max_attempts: Failed attempts in a row after which the subscription gives up.
        handshake_timeout: Seconds to wait for the connection and its acknowledgement.
        ready_timeout: Seconds `start()` waits, after the handshake, for the server to
            confirm the subscription before returning anyway.
    """

    initial_backoff: float = 0.5
    max_backoff: float = 30.0
    max_attempts: int = 10
    handshake_timeout: float = 10.0
    ready_timeout: float = 5.0

    def delay(self, failures: int) -> float:
        """Return the wait before the attempt that follows `failures` failures in a row."""
        ceiling = min(self.max_backoff, self.initial_backoff * 2.0 ** max(failures - 1, 0))
        return float(ceiling * random.uniform(0.5, 1.0))


@dataclass(frozen=True)
class Operation:
    """The GraphQL operation a subscription runs, and where its results go.

    Attributes:
        document: The subscription document.
        variables: Its variables.
        on_data: Called, in the subscription's thread, with each `data` payload.
        ready_probe: A query sent after the subscription; its answer proves the server
            has registered the subscription (operations on one connection are processed
            in order). None to consider the subscription ready once sent.
    """

    document: str
    variables: Mapping[str, Any]
    on_data: Callable[[dict[str, Any]], None]
    ready_probe: str | None = None


class _Fatal(Exception):
    """A refusal that reconnecting cannot cure; `error` is what the caller gets."""

    def __init__(self, error: KiliError) -> None:
        super().__init__(str(error))
        self.error = error


def websocket_url(endpoint: str) -> str:
    """Return the websocket URL of a GraphQL endpoint: same host and path, ws(s) scheme."""
    parts = urlsplit(endpoint)
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
    return urlunsplit(parts._replace(scheme=scheme))


def ssl_context(verify: bool | str) -> ssl.SSLContext:
    """Build the TLS context for `verify`, taken as the HTTP transport takes it."""
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    context = ssl.create_default_context()
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def default_connect() -> Connect:
    """Return the `websockets` client's `connect`, or say which extra provides it."""
    try:
        from websockets.sync.client import connect
    except ImportError:
        raise MissingExtraError("label_created_or_updated", "subscriptions") from None
    return connect


class WebSocketSubscription:
    """One GraphQL subscription, kept alive in a background thread until `close()`.

    Args:
        url: The websocket URL (``wss://.../graphql``).
        authorization: The `Authorization` value, sent in `connection_init`; never shown.
        operation: What to subscribe to, and the callback of its results.
        verify: TLS verification for ``wss`` URLs.
        policy: Reconnection and timeouts.
        connect: The websocket `connect` function; tests pass their own.
    """

    def __init__(
        self,
        url: str,
        authorization: str,
        operation: Operation,
        *,
        verify: bool | str = True,
        policy: ReconnectPolicy | None = None,
        connect: Connect | None = None,
    ) -> None:
        self.url = url
        self._authorization = authorization
        self._operation = operation
        self._verify = verify
        self._policy = policy or ReconnectPolicy()
        self._connect = connect or default_connect()
        self._stopping = threading.Event()
        self._ready = threading.Event()
        self._paused = False
        self._confirmed = False
        self._lock = threading.Lock()
        self._connection: ClientConnection | None = None
        self._thread = threading.Thread(target=self._run, name="kili-subscription")
        self.error: KiliError | None = None
        """Why the subscription ended by itself, if it did."""

    def __repr__(self) -> str:
        state = "running" if self.is_running else "closed"
        return f"WebSocketSubscription(url={self.url!r}, {state})"

    @property
    def is_running(self) -> bool:
        """Whether the subscription is connected or reconnecting."""
        return self._thread.is_alive()

    def start(self) -> None:
        """Connect, subscribe, and return once the server has taken the subscription.

        Raises:
            AuthenticationFailed: The server refused the credentials.
            GraphQLError: The server refused the subscription.
            KiliConnectionError: The server could not be reached.
        """
        self._thread.start()
        if not self._ready.wait(self._policy.handshake_timeout + self._policy.ready_timeout):
            logger.debug("Subscription to %s not confirmed yet; continuing", self.url)
        if self.error is not None:  # set before the first confirmation: the start failed
            self._thread.join(self._policy.handshake_timeout)
            raise self.error

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the subscription stops, closed or given up; True once it has.

        A script that only listens can call `wait()` after subscribing, and stop with
        `close()` from the callback or from another thread.
        """
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def pause(self) -> None:
        """Drop the events that arrive until `unpause()`; the connection stays open."""
        self._paused = True

    def unpause(self) -> None:
        """Deliver events again after `pause()`."""
        self._paused = False

    def close(self, timeout: float = 10.0) -> None:
        """Stop the subscription and close its connection; idempotent."""
        self._stopping.set()
        with self._lock:
            connection = self._connection
        if connection is not None:
            try:
                connection.send(json.dumps({"type": "stop", "id": OPERATION_ID}))
                connection.send(json.dumps({"type": "connection_terminate"}))
            except Exception:  # the connection may already be gone
                logger.debug("Could not say goodbye to %s", self.url)
            connection.close()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- background thread -------------------------------------------------------------

    def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            self._confirmed = False
            try:
                self._serve_one_connection()
                reason = "the server closed the connection"
            except _Fatal as fatal:
                self._give_up(fatal.error)
                return
            except Exception as error:  # any fault of the network: reconnect
                reason = f"{type(error).__name__}: {error}"
            if self._stopping.is_set():
                break
            if not self._ready.is_set():
                self._give_up(KiliConnectionError(f"Subscription to {self.url} failed: {reason}"))
                return
            failures = 1 if self._confirmed else failures + 1
            if failures > self._policy.max_attempts:
                self._give_up(
                    KiliConnectionError(
                        f"Subscription to {self.url} lost and not restored after "
                        f"{self._policy.max_attempts} attempts: {reason}"
                    )
                )
                return
            logger.warning("Subscription to %s lost (%s); reconnecting", self.url, reason)
            self._stopping.wait(self._policy.delay(failures))
        self._ready.set()

    def _give_up(self, error: KiliError) -> None:
        if not self._stopping.is_set():
            self.error = error
            if self._ready.is_set():  # before that, start() raises the error instead
                logger.error("Subscription to %s stopped: %s", self.url, error)
        self._ready.set()

    def _serve_one_connection(self) -> None:
        with self._connect(self.url, **self._connect_options()) as connection:
            with self._lock:
                if self._stopping.is_set():  # close() ran while this connection opened
                    return
                self._connection = connection
            try:
                self._converse(connection)
            except _Fatal:
                raise
            except Exception:
                connection.close()
                _raise_if_refused(connection, self.url)
                raise
            finally:
                with self._lock:
                    self._connection = None
        if not self._stopping.is_set():
            _raise_if_refused(connection, self.url)

    def _connect_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "subprotocols": [SUBPROTOCOL],
            "open_timeout": self._policy.handshake_timeout,
            "max_size": 2**26,
        }
        if self.url.startswith("wss:"):
            options["ssl"] = ssl_context(self._verify)
        return options

    def _converse(self, connection: ClientConnection) -> None:
        # Kili reads the key at the payload's top level; older servers read `headers`.
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        payload = {
            "Authorization": self._authorization,
            "headers": {**headers, "Authorization": self._authorization},
        }
        connection.send(json.dumps({"type": "connection_init", "payload": payload}))
        while True:
            message = json.loads(connection.recv(timeout=self._policy.handshake_timeout))
            if message.get("type") == "connection_error":
                raise _Fatal(AuthenticationFailed(self.url, _payload_message(message)))
            if message.get("type") == "connection_ack":
                break
        operation = self._operation
        connection.send(_start(OPERATION_ID, operation.document, operation.variables))
        if operation.ready_probe is None:
            self._confirm()
        else:
            connection.send(_start(PROBE_ID, operation.ready_probe, {}))
        for raw in connection:
            if not self._handle(json.loads(raw)):
                return

    def _confirm(self) -> None:
        self._confirmed = True
        self._ready.set()

    def _handle(self, message: dict[str, Any]) -> bool:
        """Act on one server message; return False when the connection should be left."""
        kind, operation_id = message.get("type"), message.get("id")
        if operation_id == PROBE_ID:
            self._confirm()
        elif kind == "data" and operation_id == OPERATION_ID:
            self._deliver(message.get("payload") or {})
        elif kind == "error" and operation_id == OPERATION_ID:
            raise _Fatal(GraphQLError(_payload_message(message)))
        elif kind == "connection_error":
            raise _Fatal(AuthenticationFailed(self.url, _payload_message(message)))
        elif kind == "complete" and operation_id == OPERATION_ID:
            logger.info("The server ended the subscription to %s; subscribing again", self.url)
            return False
        return True

    def _deliver(self, payload: dict[str, Any]) -> None:
        if self._paused or self._stopping.is_set():
            return
        try:
            self._operation.on_data(payload)
        except Exception:
            logger.exception("The subscription callback raised; the subscription goes on")


def _start(operation_id: str, document: str, variables: Mapping[str, Any]) -> str:
    payload = {"query": document, "variables": dict(variables)}
    return json.dumps({"type": "start", "id": operation_id, "payload": payload})


def _payload_message(message: Mapping[str, Any]) -> str:
    payload = message.get("payload")
    if isinstance(payload, list) and payload:
        payload = payload[0]
    if isinstance(payload, Mapping):
        return str(payload.get("message", payload))
    return str(payload or "no reason given")


def _raise_if_refused(connection: ClientConnection, url: str) -> None:
    """Turn a close for bad credentials into a failure that reconnecting cannot cure."""
    if connection.close_code in UNAUTHORIZED_CLOSE_CODES:
        raise _Fatal(
            AuthenticationFailed(url, f"the websocket was closed with code {connection.close_code}")
        )
