"""Streaming reads of paginated queries: pages in flight together, progress, de-duplication.

Pages are read with `first`/`skip`. Several may be requested at once from worker
threads over the transport's pooled connections; they are handed to the reader in
order, so that a listing reads the same whatever order its pages arrive in.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any

from kili.adapters.collection_pause import collection_paused
from kili.adapters.kili_api_gateway.documents import PaginatedQuery
from kili.adapters.kili_api_gateway.json_fields import decode_json_fields_of_rows
from kili.adapters.port import Transport
from kili.domain.query import FieldPaths, QueryOptions

PAGE_SIZE = 500
"""The API's largest page (its `PageSize` scalar)."""


def count(transport: Transport, query: PaginatedQuery, where: Mapping[str, Any]) -> int:
    """Count the objects of `query` matching `where`."""
    data = transport.execute(query.count_document(), {"where": where})
    return int(data["data"])


def paginate(
    transport: Transport,
    query: PaginatedQuery,
    where: Mapping[str, Any],
    fields: FieldPaths,
    options: QueryOptions,
    *,
    description: str,
    page_size: int = PAGE_SIZE,
    max_concurrency: int = 1,
) -> Iterator[dict[str, Any]]:
    """Return a generator of the objects of `query` matching `where`, read page by page.

    When the number of objects is known (the count the progress bar asks for, or
    `options.first`), up to `max_concurrency` pages are requested at once; otherwise the
    next page is requested while the caller reads the current one, and, once the first
    page came back full, the count is asked beside it so that the following pages can go
    together. Objects are yielded
    in order whatever order the pages arrive in, and at most `max_concurrency` pages are
    held or in flight at any time. Each object is yielded once even if the data moves
    while paging (objects are told apart by `id`, which is fetched for that purpose and
    dropped again if the caller did not ask for it). A progress bar sized by the count
    query is shown unless `options.disable_tqdm`.

    Args:
        transport: Sends the requests; called from several threads when
            `max_concurrency` is above 1.
        query: The paginated query to read.
        where: Its `where` variable.
        fields: Dotted paths of the fields to return.
        options: `first`, `skip` and whether to show progress.
        description: Label of the progress bar.
        page_size: Objects per request, at most the API's `PAGE_SIZE`.
        max_concurrency: Pages in flight at once; `1` reads one page at a time.

    Raises:
        ValueError: A field is unknown; raised here, before any request, not on iteration.
    """
    wanted = tuple(fields)
    document = query.document((*wanted, "id"))
    return _pages(
        transport,
        query,
        document,
        where,
        options=options,
        description=description,
        page_size=page_size,
        strip_id="id" not in wanted,
        max_concurrency=max_concurrency,
    )


def _pages(
    transport: Transport,
    query: PaginatedQuery,
    document: str,
    where: Mapping[str, Any],
    *,
    options: QueryOptions,
    description: str,
    page_size: int,
    strip_id: bool,
    max_concurrency: int,
) -> Iterator[dict[str, Any]]:
    total = None
    if not options.disable_tqdm:
        matching = max(0, count(transport, query, where) - options.skip)
        total = matching if options.first is None else min(matching, options.first)
    from tqdm.auto import tqdm

    def fetch(skip: int, size: int) -> list[dict[str, Any]]:
        variables = {"where": where, "first": size, "skip": skip}
        rows: list[dict[str, Any]] = transport.execute(document, variables)["data"]
        with collection_paused():
            decode_json_fields_of_rows(rows, query.json_fields)
        return rows

    seen: set[str] = set()

    def still_wanted() -> int | None:
        return None if options.first is None else options.first - len(seen)

    pages = PageWindow(
        fetch,
        skip=options.skip,
        page_size=page_size,
        known_size=total if total is not None else options.first,
        still_wanted=still_wanted,
        max_concurrency=max_concurrency,
        size_probe=lambda: max(0, count(transport, query, where) - options.skip),
    )
    progress = tqdm(total=total, desc=description, disable=options.disable_tqdm, leave=False)
    try:
        for rows in pages:
            for row in rows:
                row_id = row["id"]
                if row_id in seen:
                    continue
                seen.add(row_id)
                if strip_id:
                    del row["id"]
                progress.update(1)
                yield row
            del rows  # not held while the next pages are requested
    finally:
        pages.close()
        progress.close()


class PageWindow:
    """The pages of one listing, requested ahead of the reader and handed over in order.

    Up to `max_concurrency` pages are held or in flight: requested pages not yet
    handed over, plus the one the reader holds. Within the known size of the listing
    every slot is used; past it (or when the size is unknown) the next page is requested
    only once the current one came back full, while the reader reads it, so that a
    listing of one page costs one request. A short page ends the listing. A listing of
    unknown size that proves longer than a page asks its size (`size_probe`) beside the
    next page; once known, the window opens to `max_concurrency`.

    Args:
        fetch: Reads `size` objects after skipping `skip`; called from worker threads
            when `max_concurrency` is above 1.
        skip: Objects to pass over before the first page.
        page_size: Largest page.
        known_size: Objects the listing is known to hold, or `None`.
        still_wanted: How many more objects the reader wants (`None`: all), asked
            before each request; it may grow if pages overlap as the data moves.
        max_concurrency: Pages held or in flight; `1` reads each page when asked for.
        size_probe: Returns how many objects the listing holds, asked at most once,
            from a worker, when the size is unknown and the first page came back full.
    """

    def __init__(
        self,
        fetch: Callable[[int, int], list[dict[str, Any]]],
        *,
        skip: int,
        page_size: int,
        known_size: int | None,
        still_wanted: Callable[[], int | None],
        max_concurrency: int,
        size_probe: Callable[[], int] | None = None,
    ) -> None:
        self._fetch = fetch
        self._next_skip = skip
        self._requested = 0
        self._page_size = page_size
        self._known_size = known_size
        self._still_wanted = still_wanted
        self._max_concurrency = max(1, max_concurrency)
        self._pending: deque[tuple[int, Callable[[], list[dict[str, Any]]]]] = deque()
        self._executor: ThreadPoolExecutor | None = None
        self._size_probe = size_probe
        self._probed_size: Future[int] | None = None

    def __iter__(self) -> Iterator[list[dict[str, Any]]]:
        """Yield the pages in order until a short page, or until nothing more is wanted."""
        while True:
            self._request_ahead(held=0)
            if not self._pending:
                return
            size, answer = self._pending.popleft()
            page = answer()
            short = len(page) < size
            if not short:
                self._probe_size()
                self._request_ahead(held=size)  # read on while the caller reads this page
            yield page
            del page  # released before the next request: the window stays bounded
            if short:
                return

    def close(self) -> None:
        """Drop the pages not handed over; requests already sent end on their own.

        Nothing waits for them: their threads end once their request does (bounded by
        the transport's timeouts), and the ones not started are cancelled.
        """
        self._pending.clear()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def _probe_size(self) -> None:
        """Ask, once, beside the pages, how many objects a listing of unknown size holds."""
        if self._size_probe is None or self._known_size is not None or self._probed_size:
            return
        if self._max_concurrency > 1:
            self._probed_size = self._workers().submit(self._size_probe)

    def _learn_size(self) -> None:
        """Take the size asked for once it arrived; a failed probe leaves it unknown."""
        probe = self._probed_size
        if self._known_size is None and probe is not None and probe.done():
            failed = probe.cancelled() or probe.exception() is not None
            self._known_size = None if failed else probe.result()

    def _request_ahead(self, *, held: int) -> None:
        """Request pages until the window is full; `held` objects are in the reader's page."""
        self._learn_size()
        while len(self._pending) < self._window(holding=held > 0):
            size = self._next_size(held)
            if size <= 0:
                return
            skip = self._next_skip
            self._next_skip += size
            self._requested += size
            in_reader = not self._pending and not held
            self._pending.append((size, self._request(skip, size, in_reader=in_reader)))

    def _window(self, holding: bool) -> int:
        """How many pages may be pending: past the known size, one, and only ahead of a full one."""
        free = self._max_concurrency - int(holding)
        within_known = self._known_size is not None and self._requested < self._known_size
        return free if within_known else min(1, free)

    def _next_size(self, held: int) -> int:
        wanted = self._still_wanted()
        if wanted is None:
            return self._page_size
        coming = held + sum(size for size, _ in self._pending)
        return min(self._page_size, wanted - coming)

    def _request(
        self, skip: int, size: int, *, in_reader: bool
    ) -> Callable[[], list[dict[str, Any]]]:
        """Send a page request from a worker, or, for the next page, from the reader itself.

        The page the reader waits for next, with nothing ahead of it, is read in the
        reader's thread when it is handed over: a listing of one page starts no thread.
        """
        if in_reader or self._max_concurrency == 1:
            return partial(self._fetch, skip, size)
        return self._workers().submit(self._fetch, skip, size).result

    def _workers(self) -> ThreadPoolExecutor:
        """Return the listing's threads, started on first use: one per page, one for the size."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(
                self._max_concurrency + 1, thread_name_prefix="kili-page"
            )
        return self._executor
