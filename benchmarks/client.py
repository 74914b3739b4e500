"""A client for benchmarks: no request budget, and a count of the HTTP requests it sends.

The count comes from an httpx event hook on the client the transport is given, so it sees
every request the SDK sends, retries included.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.adapters.transport import GraphQLTransport
from kili.client import Kili
from kili.config import ApiKey


class RequestCounter:
    """Count the HTTP requests a client sends."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, request: httpx.Request) -> None:
        del request
        self.count += 1


def counted_client(
    endpoint: str, api_key: str, *hooks: Callable[[httpx.Request], None]
) -> tuple[Kili, RequestCounter]:
    """Build a client on `endpoint` with no request budget, and the counter of its requests.

    `hooks` also see every request the client sends.
    """
    counter = RequestCounter()
    http = httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0))
    http.event_hooks["request"] += [counter, *hooks]
    transport = GraphQLTransport(endpoint, ApiKey(api_key), rate_limit=None, http_client=http)
    return Kili.from_gateway(KiliAPIGateway(transport)), counter


def timed(action: Callable[[], Any], counter: RequestCounter) -> tuple[Any, float, int]:
    """Run `action`; return its result, the seconds it took and the requests it sent."""
    before = counter.count
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started, counter.count - before
