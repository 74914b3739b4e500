"""Batched writes and the check that their effect is visible: written once, used by all.

Mutations that take arrays are sent in batches (the API caps request sizes); after the
last batch, the API's read side may lag behind its write side, so use cases that promise
"visible on return" poll for the effect with bounded exponential backoff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from tenacity import RetryError, Retrying, retry_if_result, stop_after_delay, wait_exponential

from kili.exceptions import InternalError, VerificationTimeoutError

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
) -> list[R]:
    """Send `items` batch by batch through `send`, with a progress bar counting items.

    Writes sent this way are idempotent, or verified by `send` itself: the errors of
    `send` pass through unchanged. Writes that are neither go through
    `kili.use_cases.verified_write`.

    Args:
        items: What to send, in order.
        size: Largest batch.
        send: Sends one batch and returns one result per element (or per batch).
        description: Label of the progress bar.
        disable_tqdm: Hide the progress bar.

    Returns:
        The results of every batch, concatenated in order.
    """
    results: list[R] = []
    from tqdm.auto import tqdm

    progress = tqdm(total=len(items), desc=description, disable=disable_tqdm, leave=False)
    try:
        for batch in batches(items, size):
            results.extend(send(batch))
            progress.update(len(batch))
    finally:
        progress.close()
    return results


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
