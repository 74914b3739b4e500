"""Opt-in misbehaviour: added latency and failed GraphQL requests.

Failures come in two timings. Before execution, the request has no effect (503, or
a connection dropped before any byte). After execution, the mutation is committed
but the client still sees a 502 or a dropped connection: a client that blindly
retries such a write duplicates it, which is what this mode is there to reveal.
"""

from __future__ import annotations

import asyncio
import enum
import random
import threading

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send


class Fault(enum.Enum):
    """One injected failure."""

    UNAVAILABLE_BEFORE = "503 before execution"
    DROP_BEFORE = "connection dropped before execution"
    BAD_GATEWAY_AFTER = "502 after execution"
    DROP_AFTER = "connection dropped after execution"

    @property
    def after_execution(self) -> bool:
        """Whether the request is executed (and committed) before failing."""
        return self in (Fault.BAD_GATEWAY_AFTER, Fault.DROP_AFTER)

    @property
    def drops_connection(self) -> bool:
        """Whether the client sees a broken connection rather than a status code."""
        return self in (Fault.DROP_BEFORE, Fault.DROP_AFTER)


class FaultInjector:
    """Decides, from a seeded generator, which GraphQL requests fail and how.

    Args:
        rate: Share of requests that fail, between 0 and 1.
        seed: Seed of the generator; the same seed replays the same sequence.
    """

    def __init__(self, rate: float, seed: int | None = None) -> None:
        self.rate = rate
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def draw(self) -> Fault | None:
        """Return the fault for the next request, None to serve it normally."""
        if self.rate <= 0:
            return None
        with self._lock:
            if self._random.random() >= self.rate:
                return None
            return self._random.choice(list(Fault))


class DroppedConnectionResponse(Response):
    """A response that starts, sends part of its body, then gives up.

    The server then closes the connection with the response incomplete, which clients
    see as a protocol error: the closest an ASGI app gets to a dropped connection.
    """

    def __init__(self) -> None:
        super().__init__(status_code=200)

    async def __call__(self, _scope: Scope, _receive: Receive, send: Send) -> None:
        """Send a truncated response; the server then closes the connection."""
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"data":', "more_body": True})


class LatencyMiddleware:
    """Delays every HTTP request by a fixed number of milliseconds: a simulated round trip.

    The wait is an asynchronous sleep before the request is read, so a request is
    answered no earlier than the latency after it arrived, and concurrent requests wait
    side by side instead of one after the other, as they would over a slow network.
    """

    def __init__(self, app: ASGIApp, latency_ms: int) -> None:
        self.app = app
        self.latency_ms = latency_ms

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Sleep, then pass the request on."""
        if scope["type"] == "http" and self.latency_ms > 0:
            await asyncio.sleep(self.latency_ms / 1000)
        await self.app(scope, receive, send)
