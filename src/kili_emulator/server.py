"""`EmulatorServer`: a real emulator on a free loopback port, in a background thread.

Used by tests and demos::

    with EmulatorServer() as server:
        httpx.post(server.endpoint, headers={"Authorization": f"X-API-Key: {server.api_key}"}, ...)
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from types import TracebackType

import uvicorn

from kili_emulator.app import create_app
from kili_emulator.settings import (
    DEFAULT_API_KEY,
    GRAPHQL_PATH,
    MIB,
    EmulatorSettings,
    QueryLimits,
)
from kili_emulator.state import EmulatorState

STARTUP_TIMEOUT_S = 15.0


LISTEN_BACKLOG = 2048
"""Connections the kernel queues before the server accepts them (uvicorn's default)."""


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind a TCP socket and start listening at once; port 0 picks a free port.

    Listening here, before uvicorn's event loop runs, is what makes the address usable
    as soon as it is known: a client that connects between the printed banner (or
    `EmulatorServer.start`) and the moment uvicorn starts accepting waits in the
    kernel's backlog instead of being refused.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP lets asyncio recognise the socket as TCP and turn Nagle off on accepted
    # connections; without it every small response waits for a delayed ACK (~40 ms).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(LISTEN_BACKLOG)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_host(host: str) -> str:
    """Return `host` as written in a URL (IPv6 addresses in brackets)."""
    return f"[{host}]" if ":" in host else host


class EmulatorServer:
    """Runs the emulator with uvicorn in a daemon thread until `stop()`.

    Args:
        db: SQLite path, or ``":memory:"``.
        api_key: Key of the seeded admin.
        host: Interface to listen on; loopback by default.
        port: Port to listen on; 0 picks a free one.
        latency_ms: Delay added to every request.
        fault_rate: Share of GraphQL requests that fail (see `kili_emulator.protocol.faults`).
        seed: Seed of the fault generator.
        max_body_mb: Largest GraphQL body accepted, in MiB.
        schema_path: SDL to serve instead of the `kili` package's.
        allowed_hosts: Names accepted in ``Host`` besides loopback names and `host`.
        allowed_origins: Browser origins accepted besides loopback ones.
        query_limits: Bounds on each GraphQL operation; the defaults suit the SDK.
    """

    def __init__(
        self,
        db: str | Path = ":memory:",
        api_key: str = DEFAULT_API_KEY,
        host: str = "127.0.0.1",
        port: int = 0,
        latency_ms: int = 0,
        fault_rate: float = 0.0,
        seed: int | None = None,
        max_body_mb: int = 50,
        schema_path: Path | None = None,
        allowed_hosts: tuple[str, ...] = (),
        allowed_origins: tuple[str, ...] = (),
        query_limits: QueryLimits | None = None,
    ) -> None:
        self.settings = EmulatorSettings(
            db=str(db),
            api_key=api_key,
            latency_ms=latency_ms,
            fault_rate=fault_rate,
            seed=seed,
            max_body_bytes=max_body_mb * MIB,
            allowed_hosts=(host, *allowed_hosts),
            allowed_origins=allowed_origins,
            query_limits=query_limits or QueryLimits(),
        )
        self.host = host
        self._requested_port = port
        self._schema_path = schema_path
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._state: EmulatorState | None = None
        self.port = port

    @property
    def api_key(self) -> str:
        """The admin's API key."""
        return self.settings.api_key

    @property
    def base_url(self) -> str:
        """``http://host:port``, without a trailing slash."""
        return f"http://{url_host(self.host)}:{self.port}"

    @property
    def endpoint(self) -> str:
        """Full URL of the GraphQL endpoint."""
        return self.base_url + GRAPHQL_PATH

    @property
    def state(self) -> EmulatorState:
        """Shared state of the running app (database, settings), for tests."""
        if self._state is None:
            raise RuntimeError("The server is not started")
        return self._state

    def start(self) -> EmulatorServer:
        """Start serving and return once the server accepts connections.

        Raises:
            RuntimeError: The server did not start within the timeout.
        """
        if self._thread is not None:
            raise RuntimeError("The server is already started")
        app = create_app(self.settings, schema_path=self._schema_path)
        self._state = app.state.emulator
        sock = bind_socket(self.host, self._requested_port)
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="kili-emulator", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("kili-emulator did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving and close the database; safe to call twice."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=STARTUP_TIMEOUT_S)
        if self._state is not None:
            self._state.db.close()  # already closed by the app's shutdown, unless it never ran
        self._server = None
        self._thread = None

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
