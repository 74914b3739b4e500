"""Batched writes and the check that their effect is visible: written once, used by all.

Mutations that take arrays are sent in batches (the API caps request sizes), several at
a time from worker threads when the client allows it (`max_concurrency`); a batch that
fails stops the sending of new ones, and the error reports every batch that landed.
After the last batch, the API's read side may lag behind its write side, so use cases
that promise "visible on return" poll for the effect with bounded exponential backoff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TypeVar

from tenacity import RetryError, Retrying, retry_if_result, stop_after_delay, wait_exponential

from kili.exceptions import (
    BatchWriteError,
    InternalError,
    KiliError,
    TransportError,
    UncertainBatchWriteError,
    UncertainWriteError,
    VerificationTimeoutError,
)

T = TypeVar("T")
R = TypeVar("R")

_MAX_LISTED = 10


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Yield consecutive slices of `items` of at most `size` elements."""
    if size < 1:
        raise InternalError(f"A batch size must be positive, got {size}.")
    for start in range(0, len(items), size):
        yield items[start : start + size]


def concurrency_of(gateway: object) -> int:
    """Return the batches a use case may keep in flight: the gateway's `max_concurrency`.

    A gateway that names no usable number (a test double of it) gets one at a time.
    """
    value = getattr(gateway, "max_concurrency", 1)
    return value if type(value) is int and value >= 1 else 1


def read_in_chunks(
    items: Sequence[T], size: int, read: Callable[[Sequence[T]], R], *, max_concurrency: int
) -> list[R]:
    """Run the read `read` on consecutive chunks of `items`, several at once; keep order.

    Reads change nothing, so chunks run side by side (up to `max_concurrency`); the
    first chunk that fails raises its error once the chunks in flight have finished.

    Returns:
        The result of each chunk, in the order of the chunks.
    """
    chunks = list(batches(items, size))
    results: dict[int, R] = {}
    settled = send_batches(
        len(chunks),
        lambda index: read(chunks[index]),
        max_concurrency=max_concurrency,
        on_landed=results.__setitem__,
    )
    if settled.failures:
        raise settled.failures[min(settled.failures)]
    return [results[index] for index in range(len(chunks))]


def run_in_batches(
    items: Sequence[T],
    size: int,
    send: Callable[[Sequence[T]], Sequence[R]],
    *,
    description: str,
    disable_tqdm: bool,
    max_concurrency: int = 1,
) -> list[R]:
    """Send `items` batch by batch through `send`, with a progress bar counting items.

    Writes sent this way are idempotent, or verified by `send` itself. Writes that are
    neither go through `kili.use_cases.verified_write`.

    Args:
        items: What to send, in order.
        size: Largest batch.
        send: Sends one batch and returns one result per element (or per batch); called
            from worker threads when `max_concurrency` is above 1.
        description: Label of the progress bar.
        disable_tqdm: Hide the progress bar.
        max_concurrency: Batches in flight at once.

    Returns:
        The results of every batch, concatenated in order.

    Raises:
        BatchWriteError: A batch failed after others landed; it says which landed.
        KiliError: The error of the failed batch, as it is, when no batch landed.
    """
    chunks = list(batches(items, size))
    answers: dict[int, Sequence[R]] = {}
    from tqdm.auto import tqdm

    progress = tqdm(total=len(items), desc=description, disable=disable_tqdm, leave=False)

    def landed(index: int, answer: Sequence[R]) -> None:
        answers[index] = answer
        progress.update(len(chunks[index]))

    try:
        settled = send_batches(
            len(chunks),
            lambda index: send(chunks[index]),
            max_concurrency=max_concurrency,
            on_landed=landed,
        )
    finally:
        progress.close()
    if settled.failures:
        raise stopped_error(
            items,
            size,
            {index: list(answer) for index, answer in answers.items()},
            {index: Unfinished({}, (), error) for index, error in settled.failures.items()},
            description=description,
            name_item=str,
        ) from settled.failures[min(settled.failures)]
    return [result for index in range(len(chunks)) for result in answers[index]]


@dataclass(frozen=True)
class Settled:
    """How the batches of a run ended, apart from those that landed.

    Attributes:
        failures: The error of each batch that failed, by batch position.
        not_sent: Positions of the batches never sent, after a failure.
    """

    failures: dict[int, Exception]
    not_sent: list[int]


def send_batches(
    count: int,
    send: Callable[[int], R],
    *,
    max_concurrency: int,
    on_landed: Callable[[int, R], None],
) -> Settled:
    """Send batches `0` to `count - 1`, in order, up to `max_concurrency` at once.

    After the first failure no batch is sent any more, and those in flight are let
    finish, so that every batch that lands is reported. With `max_concurrency` 1 the
    batches are sent from the calling thread, one after the other.

    Args:
        count: Number of batches.
        send: Sends the batch at a position and returns its result.
        max_concurrency: Batches in flight at once.
        on_landed: Receives each batch's result as it lands, in the calling thread.

    Returns:
        The batches that failed, with their errors, and those never sent.
    """
    failures: dict[int, Exception] = {}
    if max_concurrency <= 1 or count <= 1:
        for index in range(count):
            try:
                result = send(index)
            except Exception as error:
                failures[index] = error
                return Settled(failures, list(range(index + 1, count)))
            on_landed(index, result)
        return Settled(failures, [])
    next_index = 0
    in_flight: dict[Future[R], int] = {}
    executor = ThreadPoolExecutor(min(max_concurrency, count), thread_name_prefix="kili-batch")
    try:
        while in_flight or (next_index < count and not failures):
            while len(in_flight) < max_concurrency and next_index < count and not failures:
                in_flight[executor.submit(send, next_index)] = next_index
                next_index += 1
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=in_flight.__getitem__):
                index = in_flight.pop(future)
                failure = future.exception()
                if failure is None:
                    on_landed(index, future.result())
                elif isinstance(failure, Exception):
                    failures[index] = failure
                else:
                    raise failure
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
    return Settled(failures, list(range(next_index, count)))


@dataclass(frozen=True)
class Unfinished:
    """What is known of a batch that failed.

    Attributes:
        written: The result of each item found written, by position in the batch.
        uncertain: Positions of the items whose effect could not be read back.
        cause: Why the batch stopped.
    """

    written: Mapping[int, object]
    uncertain: Sequence[int]
    cause: Exception


def stopped_error(
    items: Sequence[T],
    size: int,
    landed: Mapping[int, Sequence[object]],
    unfinished: Mapping[int, Unfinished],
    *,
    description: str,
    name_item: Callable[[T], str],
) -> Exception:
    """Build the error of a batched write some of whose batches failed.

    Args:
        items: Everything the call was to write, in order.
        size: Largest batch.
        landed: What each batch that landed answered, by batch position.
        unfinished: What is known of each batch that failed, by batch position.
        description: Subject of the message.
        name_item: Names an item for the user.

    Returns:
        The first failure as it is when nothing was written and nothing is in doubt
        (it says it all); else a `BatchWriteError` (an `UncertainBatchWriteError`
        when the server could not be reached, or some items could not be read back).
    """
    batch_count = -(-len(items) // size)
    written: list[int] = []
    ids: list[object] = []
    uncertain: list[int] = []
    for index in range(batch_count):
        start = index * size
        if index in landed:
            written += range(start, min(start + size, len(items)))
            ids += landed[index]
        elif index in unfinished:
            done = unfinished[index]
            written += (start + position for position in sorted(done.written))
            ids += (done.written[position] for position in sorted(done.written))
            uncertain += (start + position for position in done.uncertain)
    first = unfinished[min(unfinished)].cause
    if not written and not uncertain and all(_refused(u.cause) for u in unfinished.values()):
        return first
    settled = set(written) | set(uncertain)
    unwritten = [index for index in range(len(items)) if index not in settled]
    never_sent = [i for i in range(batch_count) if i not in landed and i not in unfinished]
    not_sent = sum(len(items[i * size : (i + 1) * size]) for i in never_sent)
    message = (
        f"{description} stopped: batch {_positions(sorted(unfinished))} of {batch_count}"
        f" failed, {len(landed)} landed ({_positions(sorted(landed))}). {len(written)} of"
        f" {len(items)} items were written, {len(unwritten)} were not ({not_sent} never"
        f" sent), and {len(uncertain)} could not be read back."
        f" Not written: {_listed([items[i] for i in unwritten], name_item)}."
    )
    if uncertain:
        message += f" Unknown: {_listed([items[i] for i in uncertain], name_item)}."
    message += (
        " Send again only `unwritten_items` (or the items at `unwritten_indices`) of this"
        f" error. Cause: {first}"
    )
    in_doubt = bool(uncertain) or isinstance(first, TransportError)
    error_type = UncertainBatchWriteError if in_doubt else BatchWriteError
    return error_type(
        message,
        batches_written=len(landed),
        items_written=len(written),
        uncertain_items=[items[i] for i in uncertain],
        items_not_sent=not_sent,
        written_items=[items[i] for i in written],
        written_ids=ids,
        unwritten_items=[items[i] for i in unwritten],
        unwritten_indices=unwritten,
        uncertain_indices=uncertain,
        landed_batches=sorted(landed),
        failed_batches=sorted(unfinished),
    )


def _refused(error: Exception) -> bool:
    """Whether `error` says its batch was not applied: refused, or never reached the API."""
    if isinstance(error, TransportError):
        return not isinstance(error, UncertainWriteError)
    return isinstance(error, KiliError)


def _positions(indices: Sequence[int]) -> str:
    """Name batches by their 1-based numbers, as a user counts them."""
    if not indices:
        return "none"
    named = ", ".join(str(index + 1) for index in indices[:_MAX_LISTED])
    return named + (f" and {len(indices) - _MAX_LISTED} more" if len(indices) > _MAX_LISTED else "")


def _listed(items: Sequence[T], name_item: Callable[[T], str]) -> str:
    if not items:
        return "none"
    names = ", ".join(name_item(item) for item in items[:_MAX_LISTED])
    more = len(items) - _MAX_LISTED
    return names + (f" and {more} more" if more > 0 else "")


def wait_until(is_done: Callable[[], bool], *, what: str, timeout_seconds: float = 60.0) -> None:
    """Poll `is_done` with exponential backoff until it returns `True`.

    Raises:
        VerificationTimeoutError: `is_done` still returns `False` after `timeout_seconds`.
    """
    retrying = Retrying(
        retry=retry_if_result(lambda done: not done),
        wait=wait_exponential(multiplier=0.05, max=2.0),
        stop=stop_after_delay(timeout_seconds),
    )
    try:
        retrying(is_done)
    except RetryError:
        raise VerificationTimeoutError(
            f"{what} was accepted but is still not visible after {timeout_seconds:.0f} s"
        ) from None
