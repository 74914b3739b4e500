"""GraphQL over HTTP: the one place that sends requests, retries them and maps their errors.

Everything above this module speaks in documents, variables and `kili.exceptions`; nothing
above it sees httpx. Reads are retried on any transient fault. Writes are retried only when
the request provably never reached the server (connection refused, rate-limited before
processing); any other failure of a write raises `UncertainWriteError`, so that the caller
can check what was applied instead of duplicating it.
"""

from __future__ import annotations

import json
import logging
import ssl
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from kili.exceptions import (
    AuthenticationFailed,
    GraphQLError,
    KiliConnectionError,
    KiliError,
    KiliTimeoutError,
    NotFound,
    PermissionDenied,
    RateLimitedError,
    ServerError,
    UncertainWriteError,
)
from kili.version import __version__

logger = logging.getLogger("kili")

RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
"""Statuses that mean "try again later"; only 429 also means "nothing was processed"."""

_CODE_TO_ERROR: dict[str, type[GraphQLError]] = {
    "NOT_FOUND": NotFound,
    "FORBIDDEN": PermissionDenied,
}


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to retry transient faults.

    Attributes:
        max_attempts: Attempts in all, the first one included.
        max_seconds: Give up once this much time has passed since the first attempt.
        initial_backoff: First wait in seconds; waits then double, with random jitter.
        max_backoff: Longest single wait in seconds, also the cap on `Retry-After`.
    """

    max_attempts: int = 6
    max_seconds: float = 120.0
    initial_backoff: float = 0.5
    max_backoff: float = 30.0


@dataclass(frozen=True)
class RateLimit:
    """Client-side budget of requests, matching the API's published limit per user."""

    max_requests: int = 500
    per_seconds: float = 60.0


class RequestBudget:
    """Sliding-window limiter: blocks the caller until a request fits in the budget."""

    def __init__(self, limit: RateLimit) -> None:
        self._limit = limit
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> None:
        """Wait, if needed, until one more request is within the budget, then count it."""
        while True:
            with self._lock:
                now = time.monotonic()
                while self._sent and now - self._sent[0] >= self._limit.per_seconds:
                    self._sent.popleft()
                if len(self._sent) < self._limit.max_requests:
                    self._sent.append(now)
                    return
                wait = self._limit.per_seconds - (now - self._sent[0])
            time.sleep(wait)


class _Transient(Exception):
    """A fault worth retrying; `final` is what the caller gets once retries are spent."""

    def __init__(self, final: KiliError, retry_after: float | None = None) -> None:
        super().__init__(str(final))
        self.final = final
        self.retry_after = retry_after


class GraphQLTransport:
    """Send GraphQL operations to one endpoint over a pooled HTTP connection.

    Args:
        endpoint: URL of the GraphQL endpoint.
        api_key: The Kili API key, sent as `Authorization: X-API-Key: <key>`; never shown.
        verify: TLS verification, as httpx takes it: a bool or a CA bundle path.
        timeout: Connect, read, write and pool timeouts.
        retry: How transient faults are retried.
        rate_limit: Client-side request budget.
        http_client: An httpx client to use instead of building one (tests pass a
            `MockTransport`); its headers are completed with the authorization.
    """

    def __init__(
        self,
        endpoint: str,
        api_key: str,
        *,
        verify: bool | str = True,
        timeout: httpx.Timeout | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimit | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        self.endpoint = endpoint
        self._retry = retry or RetryPolicy()
        self._budget = RequestBudget(rate_limit or RateLimit())
        headers = {
            "Authorization": f"X-API-Key: {api_key}",
            "User-Agent": f"kili-python/{__version__}",
            "apollographql-client-name": "python-sdk",
            "apollographql-client-version": __version__,
        }
        if http_client is None:
            http_client = httpx.Client(
                verify=ssl.create_default_context(cafile=verify)
                if isinstance(verify, str)
                else verify,
                timeout=timeout or httpx.Timeout(60.0, connect=10.0),
                limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
            )
        http_client.headers.update(headers)
        self.http = http_client

    def __repr__(self) -> str:
        return f"GraphQLTransport(endpoint={self.endpoint!r})"

    def close(self) -> None:
        """Release the pooled connections."""
        self.http.close()

    def execute(
        self,
        document: str,
        variables: Mapping[str, Any] | None = None,
        *,
        idempotent: bool = True,
    ) -> dict[str, Any]:
        """Send one operation and return its `data`.

        Args:
            document: The GraphQL document.
            variables: Its variables, JSON-serialisable.
            idempotent: Whether sending the operation twice has the effect of sending it
                once. Reads are; writes that create things are not, and are retried only
                when the server cannot have seen them.

        Raises:
            GraphQLError: The API answered with errors (or a subclass: NotFound, ...).
            AuthenticationFailed: The key was refused.
            TransportError: Network or HTTP failure that outlasted the retries.
            UncertainWriteError: A non-idempotent write failed after it may have been applied.
        """
        payload = {"query": document, "variables": dict(variables or {})}
        retrying = Retrying(
            stop=stop_after_attempt(self._retry.max_attempts)
            | stop_after_delay(self._retry.max_seconds),
            wait=self._wait,
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._send_once(payload, idempotent=idempotent)
        except _Transient as exhausted:
            raise exhausted.final from None
        raise AssertionError("unreachable: tenacity either returns or raises")  # pragma: no cover

    def _wait(self, state: RetryCallState) -> float:
        outcome = state.outcome
        error = outcome.exception() if outcome is not None else None
        if isinstance(error, _Transient) and error.retry_after is not None:
            return min(error.retry_after, self._retry.max_backoff)
        backoff = wait_exponential_jitter(
            multiplier=self._retry.initial_backoff, max=self._retry.max_backoff
        )
        return float(backoff(state))

    def _send_once(self, payload: dict[str, Any], *, idempotent: bool) -> dict[str, Any]:
        self._budget.acquire()
        started = time.perf_counter()
        try:
            response = self.http.post(self.endpoint, json=payload)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
            raise _Transient(
                KiliConnectionError(f"Cannot reach {self.endpoint}: {error}")
            ) from None
        except httpx.TimeoutException as error:
            raise self._sent_but_failed(
                KiliTimeoutError(f"{self.endpoint} did not answer in time: {error}"), idempotent
            ) from None
        except httpx.TransportError as error:
            raise self._sent_but_failed(
                KiliConnectionError(f"Connection to {self.endpoint} broke: {error}"), idempotent
            ) from None
        logger.debug(
            "graphql %s -> HTTP %s in %.0f ms",
            _operation_label(payload["query"]),
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return self._read_response(response, idempotent=idempotent)

    def _sent_but_failed(self, error: KiliError, idempotent: bool) -> Exception:
        """Classify a failure that happened after the request may have reached the server."""
        if idempotent:
            return _Transient(error)
        return UncertainWriteError(f"{error} The write may have been applied; it was not resent.")

    def _read_response(self, response: httpx.Response, *, idempotent: bool) -> dict[str, Any]:
        status = response.status_code
        if status == 429:
            raise _Transient(
                RateLimitedError(f"{self.endpoint} kept answering HTTP 429", status),
                retry_after=_retry_after_seconds(response),
            )
        if status in RETRYABLE_STATUSES:
            error = ServerError(f"{self.endpoint} answered HTTP {status}", status)
            failure = self._sent_but_failed(error, idempotent)
            if isinstance(failure, _Transient):
                failure.retry_after = _retry_after_seconds(response)
            raise failure
        body = _json_body(response)
        if status == 401:
            raise AuthenticationFailed(self.endpoint, _first_message(body) or "HTTP 401")
        if isinstance(body, dict) and body.get("errors"):
            raise _graphql_error(self.endpoint, body["errors"])
        if status >= 400 or not isinstance(body, dict) or "data" not in body:
            raise ServerError(
                f"{self.endpoint} answered HTTP {status} without GraphQL data", status
            )
        data = body["data"]
        return data if isinstance(data, dict) else {}


def _json_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def _first_message(body: Any) -> str | None:
    if isinstance(body, dict) and isinstance(body.get("errors"), list) and body["errors"]:
        first = body["errors"][0]
        if isinstance(first, dict):
            return str(first.get("message", ""))
    return None


def _graphql_error(endpoint: str, errors: list[dict[str, Any]]) -> KiliError:
    first = errors[0] if errors and isinstance(errors[0], dict) else {"message": str(errors)}
    message = str(first.get("message", "unknown error"))
    extensions = first.get("extensions") or {}
    code = extensions.get("code") if isinstance(extensions, dict) else None
    if code == "UNAUTHENTICATED":
        return AuthenticationFailed(endpoint, message)
    error_type = _CODE_TO_ERROR.get(str(code), GraphQLError)
    return error_type(message, path=first.get("path"), code=code, errors=errors)


def _retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _operation_label(document: str) -> str:
    """Name an operation for logs by its first line, never by its variables."""
    return document.strip().split("{", 1)[0].strip() or "anonymous operation"
