"""Pages read several at a time: order, bounded memory, failures and early stops.

The fake transport below serves pages from worker threads, holds each for as long as a
test says, records how many requests were in flight at once, and fails chosen pages.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Mapping
from typing import Any

import pytest

from kili.adapters.kili_api_gateway.pagination import PAGE_SIZE, paginate
from kili.adapters.kili_api_gateway.project.operations import PROJECTS
from kili.domain.query import QueryOptions
from kili.exceptions import KiliConnectionError
from tests.unit.fakes import FakeTransport

ROWS = 2345
PAGES = -(-ROWS // PAGE_SIZE)


class SlowPageServer(FakeTransport):
    """Serve pages concurrently, each after `delay(skip)` seconds, failing chosen pages.

    Attributes:
        started: The `skip` of every page request, in the order they began.
        completed: The `skip` of every page answered, in the order they were answered.
        most_in_flight: The most page requests in flight at one time.
    """

    def __init__(self, rows: int = ROWS) -> None:
        super().__init__([{"id": f"p{i}", "title": f"Project {i}"} for i in range(rows)])
        self.delay: Callable[[int], float] = lambda skip: 0.0
        self.failing_skips: set[int] = set()
        self.release = threading.Event()
        self.release.set()
        self.started: list[int] = []
        self.completed: list[int] = []
        self.most_in_flight = 0
        self.threads: set[str] = set()
        self._in_flight = 0
        self._lock = threading.Lock()

    def execute(
        self, document: str, variables: Mapping[str, Any] | None = None, *, idempotent: bool = True
    ) -> dict[str, Any]:
        if document.startswith("query count"):
            return super().execute(document, variables, idempotent=idempotent)
        skip = int((variables or {})["skip"])
        with self._lock:
            self.threads.add(threading.current_thread().name)
            self.started.append(skip)
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
        try:
            time.sleep(self.delay(skip))
            self.release.wait(timeout=10)
            if skip in self.failing_skips:
                raise KiliConnectionError(f"page at {skip} could not be read")
            with self._lock:
                answer = super().execute(document, variables, idempotent=idempotent)
                self.completed.append(skip)
            return answer
        finally:
            with self._lock:
                self._in_flight -= 1


def read(
    server: SlowPageServer, options: QueryOptions, max_concurrency: int = 4
) -> Generator[dict[str, Any], None, None]:
    rows = paginate(
        server,
        PROJECTS,
        {},
        ("id",),
        options,
        description="projects",
        max_concurrency=max_concurrency,
    )
    assert isinstance(rows, Generator)
    return rows


COUNTED = QueryOptions(disable_tqdm=False)
"""The progress bar asks for the count: the size of the listing is known."""


def test_pages_are_yielded_in_order_whatever_order_they_arrive_in() -> None:
    server = SlowPageServer()
    server.delay = lambda skip: 0.05 * (PAGES - skip // PAGE_SIZE) / PAGES
    ids = [row["id"] for row in read(server, COUNTED)]
    assert ids == [f"p{i}" for i in range(ROWS)]
    assert server.completed != sorted(server.completed)  # later pages did arrive first
    assert server.most_in_flight == 4


def test_at_most_the_window_of_pages_is_held_or_in_flight() -> None:
    server = SlowPageServer()
    server.delay = lambda skip: 0.002
    held_at_each_row = []
    for position, _row in enumerate(read(server, COUNTED, max_concurrency=3)):
        pages_read_whole = position // PAGE_SIZE
        held_at_each_row.append(len(server.started) - pages_read_whole)
    assert max(held_at_each_row) == 3
    assert server.most_in_flight <= 3


def test_first_bounds_the_requests_sent_together() -> None:
    server = SlowPageServer()
    rows = list(read(server, QueryOptions(first=1200, skip=10, disable_tqdm=True)))
    assert [row["id"] for row in rows] == [f"p{i}" for i in range(10, 1210)]
    sent = sorted((variables["skip"], variables["first"]) for _, variables in server.requests)
    assert sent == [(10, 500), (510, 500), (1010, 200)]


def test_a_listing_of_unknown_size_reads_one_page_ahead() -> None:
    server = SlowPageServer()
    server.delay = lambda skip: 0.002
    rows = read(server, QueryOptions(disable_tqdm=True), max_concurrency=2)
    next(rows)
    time.sleep(0.05)
    assert sorted(server.started) == [0, 500]  # the next page, while this one is read
    assert len(list(rows)) == ROWS - 1
    assert server.most_in_flight <= 2


def test_a_listing_of_unknown_size_longer_than_a_page_asks_its_size_to_read_wider() -> None:
    server = SlowPageServer()
    server.delay = lambda skip: 0.01
    ids = [row["id"] for row in read(server, QueryOptions(disable_tqdm=True))]
    assert ids == [f"p{i}" for i in range(ROWS)]
    counts = [document for document, _ in server.requests if document.startswith("query count")]
    assert len(counts) == 1
    assert server.most_in_flight > 2


def test_a_listing_that_fits_one_page_costs_one_request_and_starts_no_thread() -> None:
    for options in (QueryOptions(disable_tqdm=True), COUNTED, QueryOptions(first=1)):
        server = SlowPageServer(rows=120)
        assert len(list(read(server, options))) == (1 if options.first else 120)
        assert server.started == [0]
        assert server.threads == {threading.current_thread().name}
        counts = [doc for doc, _ in server.requests if doc.startswith("query count")]
        assert len(counts) == (0 if options.disable_tqdm else 1)


def test_a_page_failing_midway_raises_after_the_pages_before_it_only() -> None:
    server = SlowPageServer()
    server.failing_skips = {1000}
    server.delay = lambda skip: 0.0 if skip > 1000 else 0.02  # later pages arrive first
    got: list[str] = []

    def read_all() -> None:
        got.extend(row["id"] for row in read(server, COUNTED))

    with pytest.raises(KiliConnectionError, match="page at 1000"):
        read_all()
    assert got == [f"p{i}" for i in range(1000)]
    assert len(set(got)) == len(got)


def test_rows_shifted_by_an_insert_are_yielded_once() -> None:
    server = SlowPageServer()
    rows = read(server, COUNTED)
    first_page = [next(rows) for _ in range(PAGE_SIZE)]
    server.rows.insert(0, {"id": "new", "title": "inserted while paging"})
    ids = [row["id"] for row in first_page + list(rows)]
    assert len(ids) == len(set(ids))
    assert {f"p{i}" for i in range(ROWS)} <= set(ids)


def test_stopping_early_neither_waits_for_the_pages_in_flight_nor_leaks_threads() -> None:
    server = SlowPageServer()
    rows = read(server, COUNTED)
    next(rows)  # page one read; pages two to four requested
    while len(server.completed) < 4:
        time.sleep(0.005)
    server.release.clear()  # the pages requested from now on hang
    for _ in range(PAGE_SIZE):
        next(rows)  # reaching page two asks for page five, which hangs
    started = time.monotonic()
    rows.close()
    assert time.monotonic() - started < 1
    server.release.set()
    deadline = time.monotonic() + 5
    while any(thread.name.startswith("kili-page") for thread in threading.enumerate()):
        assert time.monotonic() < deadline, "a page thread outlived its listing"
        time.sleep(0.01)


def test_one_request_at_a_time_uses_no_thread() -> None:
    server = SlowPageServer()
    seen_threads: set[str] = set()
    original = server.execute

    def execute(document: str, variables: Any = None, *, idempotent: bool = True) -> Any:
        seen_threads.add(threading.current_thread().name)
        return original(document, variables, idempotent=idempotent)

    server.execute = execute  # type: ignore[method-assign]
    assert len(list(read(server, COUNTED, max_concurrency=1))) == ROWS
    assert seen_threads == {threading.current_thread().name}
    assert server.most_in_flight == 1
