"""A one-thread HTTP server on a loopback socket that records what it receives.

For tests that need real sockets (TLS handshakes, httpcore's own logging) where a
mocked httpx transport would hide the behaviour under test.
"""

from __future__ import annotations

import socket
import threading
from types import TracebackType

from typing_extensions import Self


class LoopbackServer:
    """Answer every request with `status` and `body`, counting connections and keeping the requests.

    Attributes:
        connections: Connections accepted so far (one per attempt: answers close them).
        requests: Raw bytes of each request received (headers and body).
    """

    def __init__(
        self, body: bytes = b'{"data": {"data": {"id": "user-1"}}}', status: bytes = b"200 OK"
    ) -> None:
        self._body = body
        self._status = status
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen()
        self._socket.settimeout(0.05)
        self._stopped = threading.Event()
        self.port = int(self._socket.getsockname()[1])
        self.connections = 0
        self.requests: list[bytes] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def http_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/label/v2/graphql"

    @property
    def https_endpoint(self) -> str:
        return f"https://127.0.0.1:{self.port}/api/label/v2/graphql"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)
        self._socket.close()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            with connection:
                self.requests.append(_read_request(connection))
                connection.sendall(
                    b"HTTP/1.1 " + self._status + b"\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\nConnection: close\r\n\r\n"
                    % len(self._body)
                    + self._body
                )


def _read_request(connection: socket.socket) -> bytes:
    """Read headers, then as many body bytes as `Content-Length` says (or what came)."""
    connection.settimeout(5)
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = connection.recv(65536)
        if not chunk:
            return received
        received += chunk
        if received[:1] == b"\x16":  # a TLS ClientHello, not HTTP: answer at once
            return received
    head, _, body = received.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body
