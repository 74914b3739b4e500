"""Writes that are not idempotent, made exactly once: read back, never resent blindly.

A create that fails after it may have reached the server (`UncertainWriteError`) leaves
unknown whether the server applied it. Sending it again could make everything twice;
giving up would hand the user a doubt that a read could settle. So, after such a
failure, the items of the write are looked up on the server, those found are taken as
written, and only the others are sent again, a bounded number of times.

Each domain says how to send a batch and how to find which of its items landed; this
module holds the loop, the batching, the progress bar and the error that reports,
item by item, what was written when the server stays unreachable. Batches may be in
flight together; a read-back then waits until no batch that could have made the same
objects is being sent (`ReadBackGuard`).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Generic, Protocol, TypeVar

from kili.exceptions import (
    InternalError,
    KiliError,
    TransportError,
    UncertainWriteError,
)
from kili.use_cases.batching import Unfinished, batches, send_batches, stopped_error

T = TypeVar("T")
R = TypeVar("R", bound=Hashable)
T_contra = TypeVar("T_contra", contravariant=True)

MAX_RESENDS = 8
"""How many times the missing part of an uncertain write is sent again."""

RESEND_BACKOFF_SECONDS = 0.2
"""First pause before a resend; the pause doubles with each resend, up to 5 s."""

CLOCK_SKEW_SECONDS = 5.0
"""Margin taken on the send time when reading back what a write created.

The read-back keeps what was created after the write was sent, a time taken on this
machine's clock and compared with the server's; the margin absorbs a small skew.
"""


class ReadBack(Protocol[T_contra, R]):
    """Find which of `items` a write sent after `sent_after` created on the server."""

    def __call__(
        self, items: Sequence[T_contra], sent_after: datetime, known: Collection[R], /
    ) -> dict[int, R]:
        """Return the result (an id) of each item found, by its position in `items`.

        Args:
            items: The items whose write is uncertain.
            sent_after: A time before the first attempt of the write, skew included.
            known: Results already attributed to other items of the same call; a
                found object among them belongs to another item and must be skipped.
        """
        ...  # pragma: no cover


def _write_exactly_once(
    items: Sequence[T],
    send: Callable[[Sequence[T]], Sequence[R]],
    read_back: ReadBack[T, R],
    *,
    known: KnownResults[R],
    guard: ReadBackGuard,
    key_of: Callable[[T], Hashable],
) -> dict[int, R]:
    """Write `items`; after an uncertain attempt, read back and resend only what is missing.

    Args:
        items: What to write, in order.
        send: Writes the items given and returns one result per item, in order.
        read_back: Finds which items were written by an uncertain attempt.
        known: Results already attributed in this call, updated with the new ones.
        guard: Keeps each read-back apart from the sends of the same keys.
        key_of: The key of an item, as `guard` tells writes apart.

    Returns:
        The result of each item, by position; all of them when the write completes.

    Raises:
        _IncompleteWrite: Some items stayed missing after every resend, the server
            could not be reached or refused the write, or the read-back failed; it
            carries the results found so far.
    """
    results: dict[int, R] = {}
    pending = list(range(len(items)))
    sent_after = datetime.now(timezone.utc) - timedelta(seconds=CLOCK_SKEW_SECONDS)
    failure: Exception | None = None
    for attempt in range(MAX_RESENDS + 1):
        if attempt:
            time.sleep(min(RESEND_BACKOFF_SECONDS * 2 ** (attempt - 1), 5.0))
        batch = [items[index] for index in pending]
        keys = {key_of(item) for item in batch}
        with guard.sending(keys):
            try:
                answered: list[R] | None = list(send(batch))
            except UncertainWriteError as error:
                failure, answered = error, None
            except KiliError as error:
                # Not uncertain: the API refused this attempt, or the transport knows it
                # was not applied; earlier ones were read back, so what is pending is
                # known not written.
                raise _IncompleteWrite(results, uncertain=[], cause=error) from None
            if answered is not None and len(answered) == len(batch):
                _record(dict(enumerate(answered)), pending, results, known)
                return results
        if answered is not None:
            failure = InternalError(
                f"The API answered {len(answered)} results for {len(batch)} items."
            )
        with guard.reading(keys):
            try:
                found = read_back(batch, sent_after, known.snapshot())
            except TransportError as read_error:
                raise _IncompleteWrite(results, uncertain=pending, cause=read_error) from None
            _record(found, pending, results, known)
        pending = [index for index in pending if index not in results]
        if not pending:
            return results
    raise _IncompleteWrite(results, uncertain=[], cause=failure)


def _record(
    found: Mapping[int, R], pending: list[int], results: dict[int, R], known: KnownResults[R]
) -> None:
    """Take what was found of the `pending` items (by position among them) as written."""
    for position, result in found.items():
        results[pending[position]] = result
    known.add(found.values())


class KnownResults(Generic[R]):
    """Results attributed so far in one call, shared by the threads of its batches."""

    def __init__(self) -> None:
        self._results: set[R] = set()
        self._lock = threading.Lock()

    def add(self, results: Iterable[R]) -> None:
        """Take `results` as attributed."""
        with self._lock:
            self._results.update(results)

    def snapshot(self) -> frozenset[R]:
        """Return the results attributed so far."""
        with self._lock:
            return frozenset(self._results)


class ReadBackGuard:
    """Keeps every read-back apart from the sends, and read-backs, of the same keys.

    A read-back attributes what it finds to its own items. A send of the same keys in
    flight meanwhile (two batches creating labels on one asset) could land an object
    the read-back would take for its own, while that send's answer claims it again:
    one item would end up unwritten. So a read-back waits until no send of its keys is
    in flight, and holds back new ones until it is done; sends of other keys, and
    sends of the same keys among themselves, run freely.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._sending: Counter[Hashable] = Counter()
        self._reading: Counter[Hashable] = Counter()
        self._waiting_to_read: Counter[Hashable] = Counter()

    @contextmanager
    def sending(self, keys: Collection[Hashable]) -> Iterator[None]:
        """Hold `keys` for a send, once no read-back of them runs or waits."""
        with self._changed:
            self._changed.wait_for(
                lambda: not any(self._reading[k] or self._waiting_to_read[k] for k in keys)
            )
            self._sending.update(keys)
        try:
            yield
        finally:
            self._release(self._sending, keys)

    @contextmanager
    def reading(self, keys: Collection[Hashable]) -> Iterator[None]:
        """Hold `keys` for a read-back, once no send or other read-back of them runs."""
        with self._changed:
            self._waiting_to_read.update(keys)
            self._changed.wait_for(
                lambda: not any(self._sending[k] or self._reading[k] for k in keys)
            )
            self._waiting_to_read.subtract(keys)
            self._reading.update(keys)
        try:
            yield
        finally:
            self._release(self._reading, keys)

    def _release(self, held: Counter[Hashable], keys: Collection[Hashable]) -> None:
        with self._changed:
            held.subtract(keys)
            self._changed.notify_all()


class _IncompleteWrite(Exception):
    """Items of one write stayed unwritten or unknown; carries what was learned."""

    def __init__(self, results: dict[int, R], *, uncertain: list[int], cause: Exception | None):
        super().__init__(str(cause))
        self.results: dict[int, object] = dict(results)
        self.uncertain = uncertain
        self.cause = cause or InternalError("A write stopped without a cause.")


def _one_key(_item: object) -> str:
    """Give every item the same key: each read-back then waits for every send."""
    return ""


def write_in_verified_batches(
    items: Sequence[T],
    size: int,
    send: Callable[[Sequence[T]], Sequence[R]],
    read_back: ReadBack[T, R],
    *,
    description: str,
    disable_tqdm: bool,
    name_item: Callable[[T], str],
    max_concurrency: int = 1,
    overlap_key: Callable[[T], Hashable] = _one_key,
) -> list[R]:
    """Write `items` batch by batch, each batch exactly once.

    A batch whose write is uncertain is read back; only the items not found are sent
    again, at most `MAX_RESENDS` times, with a growing pause. Up to `max_concurrency`
    batches are in flight at once; a read-back never runs while a batch sharing one of
    its `overlap_key`s is being sent, so that it cannot take that batch's objects for
    its own.

    Args:
        items: What to write, in order.
        size: Largest batch.
        send: Writes one batch, returning one result per item; called from worker
            threads when `max_concurrency` is above 1.
        read_back: Finds which items of an uncertain batch were written.
        description: Label of the progress bar and subject of the error message.
        disable_tqdm: Hide the progress bar.
        name_item: Names an item for the user (for instance by its asset id).
        max_concurrency: Batches in flight at once.
        overlap_key: What a read-back of an item could confuse it with another by (its
            asset for a label, its external id for an asset); by default all items
            share one key, and a read-back waits for every send in flight.

    Returns:
        The result of every item, in order.

    Raises:
        UncertainBatchWriteError: A batch could not be completed, or not read back,
            because the server stayed unreachable. No batch is sent after it; the
            error lists what was written, by item and by batch, and what was not.
        BatchWriteError: The API refused a batch after others landed.
        KiliError: The error of the first batch, as it is, when nothing was written.
    """
    from tqdm.auto import tqdm

    chunks = list(batches(items, size))
    known: KnownResults[R] = KnownResults()
    guard = ReadBackGuard()
    landed: dict[int, list[R]] = {}
    progress = tqdm(total=len(items), desc=description, disable=disable_tqdm, leave=False)

    def write(index: int) -> dict[int, R]:
        return _write_exactly_once(
            chunks[index], send, read_back, known=known, guard=guard, key_of=overlap_key
        )

    def on_landed(index: int, found: dict[int, R]) -> None:
        landed[index] = [found[position] for position in range(len(chunks[index]))]
        progress.update(len(chunks[index]))

    try:
        settled = send_batches(
            len(chunks), write, max_concurrency=max_concurrency, on_landed=on_landed
        )
    finally:
        progress.close()
    if settled.failures:
        unfinished = {index: _unfinished(error) for index, error in settled.failures.items()}
        first = unfinished[min(unfinished)].cause
        raise stopped_error(
            items, size, landed, unfinished, description=description, name_item=name_item
        ) from first
    return [result for index in range(len(chunks)) for result in landed[index]]


def _unfinished(error: Exception) -> Unfinished:
    """Describe a failed batch from what its write learned."""
    if isinstance(error, _IncompleteWrite):
        return Unfinished(error.results, error.uncertain, error.cause)
    return Unfinished({}, (), error)
