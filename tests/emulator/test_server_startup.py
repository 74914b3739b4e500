"""Start-up: the printed address accepts connections before uvicorn's loop runs."""

from __future__ import annotations

import socket

from kili_emulator.server import bind_socket


def test_a_bound_socket_queues_connections_before_the_server_accepts() -> None:
    # The CLI prints its address right after binding, then starts uvicorn: a client
    # connecting in between must wait in the backlog, not be refused.
    sock = bind_socket("127.0.0.1", 0)
    try:
        with socket.create_connection(sock.getsockname(), timeout=2) as client:
            assert client.getpeername() == sock.getsockname()
    finally:
        sock.close()
