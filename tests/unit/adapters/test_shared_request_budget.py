"""One request budget for every thread of a client, and a 429 that pauses them all."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from kili.adapters.request_budget import RequestBudget
from kili.adapters.transport import GraphQLTransport
from kili.config import ApiKey, RateLimit, RetryPolicy

ENDPOINT = "https://kili.test/api/label/v2/graphql"
OK = httpx.Response(200, json={"data": {"viewer": {"id": "u1"}}})


def test_threads_sharing_a_budget_never_exceed_it_in_any_window() -> None:
    window = 0.25
    budget = RequestBudget(RateLimit(max_requests=5, per_seconds=window))
    sent: list[float] = []
    lock = threading.Lock()

    def send_five() -> None:
        for _ in range(5):
            budget.acquire()
            with lock:
                sent.append(time.monotonic())

    started = time.monotonic()
    with ThreadPoolExecutor(6) as pool:
        for future in [pool.submit(send_five) for _ in range(6)]:
            future.result()
    sent.sort()
    assert len(sent) == 30
    # a slightly shorter window than the budget's absorbs the scheduling jitter of the
    # timestamps taken after each acquire
    most_in_a_window = max(
        sum(1 for other in sent if moment <= other < moment + window * 0.8) for moment in sent
    )
    assert most_in_a_window <= 5
    assert sent[-1] - started >= 5 * window * 0.95  # 30 requests need six windows


def test_a_budget_without_limit_only_waits_for_a_pause() -> None:
    budget = RequestBudget(None)
    for _ in range(1000):
        budget.acquire()
    budget.pause(0.2)
    started = time.monotonic()
    waited: list[float] = []

    def send() -> None:
        budget.acquire()
        waited.append(time.monotonic() - started)

    thread = threading.Thread(target=send)
    thread.start()
    thread.join()
    assert waited[0] >= 0.15


def test_a_429_pauses_every_thread_not_only_the_one_that_got_it() -> None:
    arrivals: list[tuple[float, str]] = []
    rate_limited = threading.Event()
    lock = threading.Lock()

    def handler(request: httpx.Request) -> httpx.Response:
        with lock:
            arrivals.append((time.monotonic(), threading.current_thread().name))
            first = len(arrivals) == 1
        if first:
            rate_limited.set()
            return httpx.Response(429, headers={"Retry-After": "0.4"})
        return OK

    transport = GraphQLTransport(
        ENDPOINT,
        ApiKey("k"),
        retry=RetryPolicy(max_attempts=3, initial_backoff=0.01, max_backoff=5),
        rate_limit=None,
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    query = "query { viewer { id } }"
    with ThreadPoolExecutor(4, thread_name_prefix="worker") as pool:
        limited = pool.submit(transport.execute, query)
        assert rate_limited.wait(timeout=5)
        time.sleep(0.05)  # the 429 is read and the pause set
        others = [pool.submit(transport.execute, query) for _ in range(3)]
        for future in [limited, *others]:
            assert future.result() == {"viewer": {"id": "u1"}}
    answered_429_at = arrivals[0][0]
    later = [moment - answered_429_at for moment, _ in arrivals[1:]]
    assert len(later) == 4  # the retry of the limited request, and the three others
    assert min(later) >= 0.35
