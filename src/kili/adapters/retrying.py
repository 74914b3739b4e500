"""The one retry mechanism of the SDK, shared by GraphQL requests and file transfers.

An action signals a fault worth another attempt by raising `Transient`; anything else
ends the call at once. `network_failure` sorts httpx's errors into the three kinds that
matter: never sent (safe to resend), sent and broken (resend only when idempotent), and
configuration mistakes (TLS handshake failures, unsupported URLs), which no retry fixes.
"""

from __future__ import annotations

import random
import ssl
from collections.abc import Callable
from typing import TypeVar

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
)

from kili.config import RetryPolicy
from kili.exceptions import (
    InvalidEndpointError,
    KiliConnectionError,
    KiliError,
    KiliTimeoutError,
    TLSHandshakeError,
)

T = TypeVar("T")

RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
"""Statuses that mean "try again later"; only 429 also means "nothing was processed"."""


class Transient(Exception):
    """A fault worth retrying; `final` is what the caller gets once retries are spent."""

    def __init__(self, final: KiliError, retry_after: float | None = None) -> None:
        super().__init__(str(final))
        self.final = final
        self.retry_after = retry_after


def run_with_retries(policy: RetryPolicy, action: Callable[[], T]) -> T:
    """Run `action` until it returns, raises a non-`Transient` error, or `policy` runs out.

    Raises:
        KiliError: The `final` error of the last `Transient` fault, once retries are spent,
            or whatever `action` raised that was not transient.
    """

    def wait(state: RetryCallState) -> float:
        outcome = state.outcome
        error = outcome.exception() if outcome is not None else None
        if isinstance(error, Transient) and error.retry_after is not None:
            return min(error.retry_after, policy.max_backoff)
        doubled = policy.initial_backoff * 2 ** (state.attempt_number - 1)
        jitter = random.uniform(0, policy.initial_backoff)
        return float(min(doubled + jitter, policy.max_backoff))

    retrying = Retrying(
        stop=stop_after_attempt(policy.max_attempts) | stop_after_delay(policy.max_seconds),
        wait=wait,
        retry=retry_if_exception_type(Transient),
        reraise=True,
    )
    try:
        for attempt in retrying:
            with attempt:
                return action()
    except Transient as exhausted:
        raise exhausted.final from None
    raise AssertionError("unreachable: tenacity either returns or raises")  # pragma: no cover


def network_failure(error: httpx.TransportError, url: str) -> Exception:
    """Classify an httpx error of a request to `url` into what the caller should do.

    Returns:
        A `Transient` when the request never left (safe to resend), a `SentButFailed`
        when it may have reached the server (resend only an idempotent request), or a
        `KiliError` to raise at once for a TLS or URL mistake that no retry fixes.
    """
    tls_error = _tls_failure(error)
    if isinstance(tls_error, ssl.SSLCertVerificationError):
        return TLSHandshakeError(
            f"TLS handshake with {url} failed: its certificate is not trusted ({tls_error}). "
            "If it is signed by a private authority, pass verify= the path of its CA bundle."
        )
    if tls_error is not None:
        return TLSHandshakeError(
            f"TLS handshake with {url} failed ({tls_error}): the server does not speak TLS "
            "there. If it serves plain HTTP (a local server), use an http:// URL."
        )
    if isinstance(error, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return InvalidEndpointError(f"Cannot send to {url}: {error}")
    if isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return Transient(KiliConnectionError(f"Cannot reach {url}: {error}"))
    if isinstance(error, httpx.TimeoutException):
        return SentButFailed(KiliTimeoutError(f"{url} did not answer in time: {error}"))
    return SentButFailed(KiliConnectionError(f"Connection to {url} broke: {error}"))


class SentButFailed(Exception):
    """A request failed after it may have reached the server; `error` says how."""

    def __init__(self, error: KiliError) -> None:
        super().__init__(str(error))
        self.error = error


def _tls_failure(error: BaseException) -> ssl.SSLError | None:
    """Return the TLS error behind `error`, if a failed handshake caused it."""
    seen: BaseException | None = error
    for _ in range(10):
        if seen is None or isinstance(seen, ssl.SSLError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
