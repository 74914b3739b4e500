"""Batched writes and the check that their effect is visible: written once, used by all.

Mutations that take arrays are sent in batches (the API caps request sizes); after the
last batch, the API's read side may lag behind its write side, so use cases that promise
"visible on return" poll for the effect with bounded exponential backoff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from tenacity import RetryError, Retrying, retry_if_result, stop_after_delay, wait_exponential

from kili.exceptions import (
    InternalError,
    UncertainBatchWriteError,
    UncertainWriteError,
    VerificationTimeoutError,
)

T = TypeVar("T")
R = TypeVar("R")


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Yield consecutive slices of `items` of at most `size` elements."""
    if size < 1:
        raise InternalError(f"A batch size must be positive, got {size}.")
    for start in range(0, len(items), size):
        yield items[start : start + size]


def run_in_batches(
    items: Sequence[T],
    size: int,
    send: Callable[[Sequence[T]], Sequence[R]],
    *,
    description: str,
    disable_tqdm: bool,
    describe_batch: Callable[[Sequence[T]], str] | None = None,
) -> list[R]:
    """Send `items` batch by batch through `send`, with a progress bar counting items.

    Args:
        items: What to send, in order.
        size: Largest batch.
        send: Sends one batch and returns one result per element (or per batch).
        description: Label of the progress bar.
        disable_tqdm: Hide the progress bar.
        describe_batch: Names the items of a batch for the user (for instance by their
            asset ids). When given, a batch whose write is uncertain stops the run with an
            `UncertainBatchWriteError` saying which batch it was and what was written
            before it; otherwise `send`'s errors pass through unchanged.

    Returns:
        The results of every batch, concatenated in order.

    Raises:
        UncertainBatchWriteError: `send` raised `UncertainWriteError` and `describe_batch`
            was given.
    """
    results: list[R] = []
    from tqdm.auto import tqdm

    progress = tqdm(total=len(items), desc=description, disable=disable_tqdm, leave=False)
    written = 0
    try:
        for index, batch in enumerate(batches(items, size)):
            try:
                results.extend(send(batch))
            except UncertainWriteError as error:
                if describe_batch is None:
                    raise
                raise _uncertain_batch(
                    error, description, index, size, len(items), written, batch, describe_batch
                ) from error
            written += len(batch)
            progress.update(len(batch))
    finally:
        progress.close()
    return results


def _uncertain_batch(
    error: UncertainWriteError,
    description: str,
    index: int,
    size: int,
    total: int,
    written: int,
    batch: Sequence[T],
    describe_batch: Callable[[Sequence[T]], str],
) -> UncertainBatchWriteError:
    batch_count = -(-total // size)
    not_sent = total - written - len(batch)
    message = (
        f"{description}: batch {index + 1} of {batch_count} ({describe_batch(batch)}) may or"
        f" may not have been written, and was not resent. The {index} batch(es) before it"
        f" ({written} items) were written; the {not_sent} items after it were not sent."
        f" Cause: {error}"
    )
    return UncertainBatchWriteError(
        message,
        batches_written=index,
        items_written=written,
        uncertain_items=batch,
        items_not_sent=not_sent,
    )


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
