"""Writes that are not idempotent, made exactly once: read back, never resent blindly.

A create that fails after it may have reached the server (`UncertainWriteError`) leaves
unknown whether the server applied it. Sending it again could make everything twice;
giving up would hand the user a doubt that a read could settle. So, after such a
failure, the items of the write are looked up on the server, those found are taken as
written, and only the others are sent again, a bounded number of times.

Each domain says how to send a batch and how to find which of its items landed; this
module holds the loop, the batching, the progress bar and the error that reports,
item by item, what was written when the server stays unreachable.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Hashable, Sequence
from datetime import datetime, timedelta, timezone
from typing import Protocol, TypeGuard, TypeVar

from kili.exceptions import (
    InternalError,
    TransportError,
    UncertainBatchWriteError,
    UncertainWriteError,
)
from kili.use_cases.batching import batches

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

_MAX_LISTED = 10


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
    known: set[R] | None = None,
) -> dict[int, R]:
    """Write `items`; after an uncertain attempt, read back and resend only what is missing.

    Args:
        items: What to write, in order.
        send: Writes the items given and returns one result per item, in order.
        read_back: Finds which items were written by an uncertain attempt.
        known: Results already attributed in this call, updated with the new ones.

    Returns:
        The result of each item, by position; all of them when the write completes.

    Raises:
        _IncompleteWrite: Some items stayed missing after every resend, the server
            could not be reached, or the read-back failed; it carries the results
            found so far.
    """
    known = set() if known is None else known
    results: dict[int, R] = {}
    pending = list(range(len(items)))
    sent_after = datetime.now(timezone.utc) - timedelta(seconds=CLOCK_SKEW_SECONDS)
    failure: Exception | None = None
    for attempt in range(MAX_RESENDS + 1):
        if attempt:
            time.sleep(min(RESEND_BACKOFF_SECONDS * 2 ** (attempt - 1), 5.0))
        batch = [items[index] for index in pending]
        try:
            answered: list[R] | None = list(send(batch))
        except UncertainWriteError as error:
            failure, answered = error, None
        except TransportError as error:
            # Not uncertain: the transport knows this attempt was not applied, and the
            # earlier ones were read back, so what is pending is known not written.
            raise _IncompleteWrite(results, uncertain=[], cause=error) from None
        if answered is not None and len(answered) == len(batch):
            found = dict(enumerate(answered))
        else:
            if answered is not None:
                failure = InternalError(
                    f"The API answered {len(answered)} results for {len(batch)} items."
                )
            try:
                found = read_back(batch, sent_after, frozenset(known))
            except TransportError as read_error:
                raise _IncompleteWrite(results, uncertain=pending, cause=read_error) from None
        for position, result in found.items():
            results[pending[position]] = result
            known.add(result)
        pending = [index for index in pending if index not in results]
        if not pending:
            return results
    raise _IncompleteWrite(results, uncertain=[], cause=failure)


class _IncompleteWrite(Exception):
    """Items of one write stayed unwritten or unknown; carries what was learned."""

    def __init__(self, results: dict[int, R], *, uncertain: list[int], cause: Exception | None):
        super().__init__(str(cause))
        self.results: dict[int, object] = dict(results)
        self.uncertain = uncertain
        self.cause = cause


def write_in_verified_batches(
    items: Sequence[T],
    size: int,
    send: Callable[[Sequence[T]], Sequence[R]],
    read_back: ReadBack[T, R],
    *,
    description: str,
    disable_tqdm: bool,
    name_item: Callable[[T], str],
) -> list[R]:
    """Write `items` batch by batch, each batch exactly once.

    A batch whose write is uncertain is read back; only the items not found are sent
    again, at most `MAX_RESENDS` times, with a growing pause.

    Args:
        items: What to write, in order.
        size: Largest batch.
        send: Writes one batch, returning one result per item.
        read_back: Finds which items of an uncertain batch were written.
        description: Label of the progress bar and subject of the error message.
        disable_tqdm: Hide the progress bar.
        name_item: Names an item for the user (for instance by its asset id).

    Returns:
        The result of every item, in order.

    Raises:
        UncertainBatchWriteError: A batch could not be completed, or not read back,
            because the server stayed unreachable. The batches after it are not sent;
            the error lists what was written and what was not.
    """
    from tqdm.auto import tqdm

    known: set[R] = set()
    results: list[R] = []
    progress = tqdm(total=len(items), desc=description, disable=disable_tqdm, leave=False)
    try:
        for index, batch in enumerate(batches(items, size)):
            start = index * size
            try:
                found = _write_exactly_once(batch, send, read_back, known=known)
            except _IncompleteWrite as incomplete:
                cause = incomplete.cause
                nothing_written = start == 0 and not incomplete.results and not incomplete.uncertain
                if nothing_written and _never_applied(cause):
                    raise cause from None  # nothing was written: the error says it all
                raise _stopped(
                    items, results, start, batch, incomplete, index, size, description, name_item
                ) from incomplete.cause
            results.extend(found[position] for position in range(len(batch)))
            progress.update(len(batch))
    finally:
        progress.close()
    return results


def _stopped(
    items: Sequence[T],
    results: list[R],
    start: int,
    batch: Sequence[T],
    incomplete: _IncompleteWrite,
    batch_index: int,
    size: int,
    description: str,
    name_item: Callable[[T], str],
) -> UncertainBatchWriteError:
    """Build the error of a run stopped in the batch starting at `start`."""
    written = list(range(start)) + [start + p for p in sorted(incomplete.results)]
    ids: list[object] = [*results, *(incomplete.results[p] for p in sorted(incomplete.results))]
    uncertain = [start + position for position in incomplete.uncertain]
    settled = set(written) | set(uncertain)
    unwritten = [index for index in range(len(items)) if index not in settled]
    not_sent = len(items) - start - len(batch)
    message = f"{description} stopped at batch {batch_index + 1} of {-(-len(items) // size)}"
    message += (
        f": {len(written)} of {len(items)} items were written, {len(unwritten)} were not"
        f" ({not_sent} never sent), and {len(uncertain)} could not be read back."
        f" Not written: {_listed([items[i] for i in unwritten], name_item)}."
    )
    if uncertain:
        message += f" Unknown: {_listed([items[i] for i in uncertain], name_item)}."
    message += (
        " Send again only `unwritten_items` (or the items at `unwritten_indices`) of this"
        f" error. Cause: {incomplete.cause}"
    )
    return UncertainBatchWriteError(
        message,
        batches_written=batch_index,
        items_written=len(written),
        uncertain_items=[items[i] for i in uncertain],
        items_not_sent=not_sent,
        written_items=[items[i] for i in written],
        written_ids=ids,
        unwritten_items=[items[i] for i in unwritten],
        unwritten_indices=unwritten,
        uncertain_indices=uncertain,
    )


def _never_applied(error: Exception | None) -> TypeGuard[TransportError]:
    """Whether `error` is a transport failure known to have left the server untouched."""
    return isinstance(error, TransportError) and not isinstance(error, UncertainWriteError)


def _listed(items: Sequence[T], name_item: Callable[[T], str]) -> str:
    if not items:
        return "none"
    names = ", ".join(name_item(item) for item in items[:_MAX_LISTED])
    more = len(items) - _MAX_LISTED
    return names + (f" and {more} more" if more > 0 else "")
