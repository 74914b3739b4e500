"""GraphQL over HTTP: the one place that sends requests, retries them and maps their errors.

`GraphQLTransport` implements the `Transport` port over httpx. Everything above it speaks
in documents, variables and `kili.exceptions`; nothing above it sees httpx. Reads are
retried on any transient fault. Writes are retried only when the request provably never
reached the server (connection refused, rate-limited before processing); any other
failure of a write raises `UncertainWriteError`, so that the caller can check what was
applied instead of duplicating it. Configuration mistakes (a TLS handshake that fails, a
URL httpx cannot send to, a refused key) are raised at once. Large request bodies are
gzipped, as the official SDK does, unless compression is turned off.
"""

from __future__ import annotations

import gzip
import json
import logging
import ssl
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx

from kili.adapters.collection_pause import collection_paused
from kili.adapters.http_files import MediaFiles
from kili.adapters.port import FileDownload, WebSocketTarget
from kili.adapters.request_budget import RequestBudget
from kili.adapters.retrying import (
    RETRYABLE_STATUSES,
    SentButFailed,
    Transient,
    network_failure,
    run_with_retries,
)
from kili.config import CLOUD_RATE_LIMIT, ApiKey, RateLimit, RetryPolicy, Timeout
from kili.exceptions import (
    AuthenticationFailed,
    GraphQLError,
    InvalidSettingError,
    KiliError,
    NotFound,
    PermissionDenied,
    RateLimitedError,
    ServerError,
    UncertainWriteError,
)
from kili.version import __version__

logger = logging.getLogger("kili")

COMPRESSION_THRESHOLD_BYTES = 1_000_000
"""Bodies from this size on are gzipped, as the official SDK does.

Below it a body uploads in a few seconds even on a slow link; above it, large JSON
payloads (metadata, label responses) shrink several times over.
"""

COMPRESSION_LEVEL = 6
"""zlib's default: most of the size gain of the higher levels, for a fraction of their CPU."""

_CODE_TO_ERROR: dict[str, type[GraphQLError]] = {
    "NOT_FOUND": NotFound,
    "FORBIDDEN": PermissionDenied,
}


class GraphQLTransport:
    """Send GraphQL operations to one endpoint, and files, over a pooled HTTP connection.

    Args:
        endpoint: URL of the GraphQL endpoint.
        api_key: The Kili API key, sent as `Authorization: X-API-Key: <key>`; never shown.
        verify: TLS verification, as httpx takes it: a bool or a CA bundle path.
        client_name: Sent as `apollographql-client-name`.
        timeout: Connect, read, write and pool timeouts.
        retry: How transient faults are retried, for requests and file transfers.
        rate_limit: Client-side request budget; `None` sends without one.
        http_client: An httpx client to use instead of building one (tests pass a
            `MockTransport`); its headers are completed with the authorization.
        compress_requests: Gzip bodies of `COMPRESSION_THRESHOLD_BYTES` or more. A
            compressed request refused for its encoding (HTTP 415, or a 400 that is not a
            GraphQL answer: a proxy dropped the header) is sent again uncompressed, and
            compression stays off from then on.
    """

    def __init__(
        self,
        endpoint: str,
        api_key: ApiKey,
        *,
        verify: bool | str = True,
        client_name: str = "python-sdk",
        timeout: Timeout | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimit | None = CLOUD_RATE_LIMIT,
        http_client: httpx.Client | None = None,
        compress_requests: bool = True,
    ) -> None:
        self._endpoint = endpoint
        self._compress_requests = compress_requests
        self._verify = verify
        self._retry = retry or RetryPolicy()
        self._budget = RequestBudget(rate_limit)
        headers = {
            "Authorization": api_key.check().header_value(),
            "User-Agent": f"kili-python/{__version__}",
            "apollographql-client-name": client_name,
            "apollographql-client-version": __version__,
        }
        if http_client is None:
            limits = timeout or Timeout()
            http_client = httpx.Client(
                verify=_tls_setting(verify),
                timeout=httpx.Timeout(
                    connect=limits.connect, read=limits.read, write=limits.write, pool=limits.pool
                ),
                limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
            )
        http_client.headers.update(headers)
        self._http = http_client
        self._files = MediaFiles(http_client, endpoint, self._retry)

    @property
    def endpoint(self) -> str:
        """The GraphQL endpoint requests go to."""
        return self._endpoint

    def __repr__(self) -> str:
        return f"GraphQLTransport(endpoint={self._endpoint!r})"

    def close(self) -> None:
        """Release the pooled connections."""
        self._http.close()

    def upload_files(self, signed_urls: Sequence[str], paths: Sequence[Path]) -> list[str]:
        """PUT each file of `paths` to the signed URL at the same index, concurrently."""
        return self._files.upload_all(signed_urls, paths)

    def download_files(self, downloads: Sequence[FileDownload]) -> list[Path]:
        """Download `(url, directory, file_stem)` triples concurrently, results in order."""
        return self._files.download_all(downloads)

    def read_json_file(self, url: str) -> Any:
        """Fetch and decode the JSON document at `url`."""
        return self._files.read_json(url)

    def websocket_target(self) -> WebSocketTarget:
        """Return the endpoint, authorization and TLS setting a subscription needs."""
        return WebSocketTarget(
            self._endpoint, self._http.headers["Authorization"], verify=self._verify
        )

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
            TLSHandshakeError: TLS failed (wrong scheme or untrusted certificate).
            TransportError: Network or HTTP failure that outlasted the retries.
            UncertainWriteError: A non-idempotent write failed after it may have been applied.
        """
        body = _json_bytes({"query": document, "variables": dict(variables or {})})
        label = _operation_label(document)
        compressed = self._compressed(body)
        return run_with_retries(
            self._retry,
            lambda: self._send_once(body, compressed, label=label, idempotent=idempotent),
        )

    def _compressed(self, body: bytes) -> bytes | None:
        """Return `body` gzipped if it is large enough and compression is on, else `None`."""
        if not self._compress_requests or len(body) < COMPRESSION_THRESHOLD_BYTES:
            return None
        return gzip.compress(body, compresslevel=COMPRESSION_LEVEL)

    def _send_once(
        self, body: bytes, compressed: bytes | None, *, label: str, idempotent: bool
    ) -> dict[str, Any]:
        """Send the request once, gzipped when `compressed` is given and still wanted.

        A refusal of the encoding means that no resolver ran, so even a write is safely
        sent again uncompressed.
        """
        if compressed is not None and self._compress_requests:
            response = self._post(compressed, label=label, idempotent=idempotent, gzipped=True)
            if not _refuses_compression(response):
                return self._read_response(response, idempotent=idempotent)
            refused = response.status_code
            response = self._post(body, label=label, idempotent=idempotent, gzipped=False)
            if response.is_success:
                self._compress_requests = False
                logger.warning(
                    "A proxy between you and Kili refused a compressed request (HTTP %s). It"
                    " was sent again uncompressed, and requests are no longer compressed. To"
                    " skip the refused attempt, create the client with"
                    " disable_request_compression=True or set"
                    " KILI_DISABLE_REQUEST_COMPRESSION=true.",
                    refused,
                )
        else:
            response = self._post(body, label=label, idempotent=idempotent, gzipped=False)
        return self._read_response(response, idempotent=idempotent)

    def _post(
        self, content: bytes, *, label: str, idempotent: bool, gzipped: bool
    ) -> httpx.Response:
        """POST one body within the request budget; map network failures to our errors."""
        self._budget.acquire()
        headers = {"Content-Type": "application/json"}
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        started = time.perf_counter()
        try:
            response = self._http.post(self._endpoint, content=content, headers=headers)
        except httpx.TransportError as error:
            failure = network_failure(error, self._endpoint)
            if isinstance(failure, SentButFailed):
                raise self._sent_but_failed(failure.error, idempotent) from None
            raise failure from None
        logger.debug(
            "graphql %s -> HTTP %s in %.0f ms%s",
            label,
            response.status_code,
            (time.perf_counter() - started) * 1000,
            " (gzipped body)" if gzipped else "",
        )
        return response

    def _sent_but_failed(self, error: KiliError, idempotent: bool) -> Exception:
        """Classify a failure that happened after the request may have reached the server."""
        if idempotent:
            return Transient(error)
        return UncertainWriteError(f"{error} The write may have been applied; it was not resent.")

    def _pause_everyone(self, status: int, retry_after: float | None) -> None:
        """Hold back every thread's requests after a 429, or an answer naming a delay.

        A 429 without `Retry-After` pauses for the policy's first backoff; a delay the
        server names is kept to the policy's longest backoff, as a retry's wait is.
        """
        if retry_after is not None:
            self._budget.pause(min(retry_after, self._retry.max_backoff))
        elif status == 429:
            self._budget.pause(self._retry.initial_backoff)

    def _read_response(self, response: httpx.Response, *, idempotent: bool) -> dict[str, Any]:
        status = response.status_code
        if status in RETRYABLE_STATUSES:
            retry_after = _retry_after_seconds(response)
            self._pause_everyone(status, retry_after)
        if status == 429:
            raise Transient(
                RateLimitedError(f"{self._endpoint} kept answering HTTP 429", status),
                retry_after=retry_after,
            )
        if status in RETRYABLE_STATUSES:
            error = ServerError(f"{self._endpoint} answered HTTP {status}", status)
            failure = self._sent_but_failed(error, idempotent)
            if isinstance(failure, Transient):
                failure.retry_after = retry_after
            raise failure
        body = _json_body(response)
        if status == 401:
            raise AuthenticationFailed(self._endpoint, _first_message(body) or "HTTP 401")
        if isinstance(body, dict) and body.get("errors"):
            raise _graphql_error(self._endpoint, body["errors"])
        if status >= 400 or not isinstance(body, dict) or "data" not in body:
            raise ServerError(
                f"{self._endpoint} answered HTTP {status} without GraphQL data", status
            )
        data = body["data"]
        return data if isinstance(data, dict) else {}


def _tls_setting(verify: bool | str) -> bool | ssl.SSLContext:
    """Turn `verify` into what httpx takes; a CA bundle path must be readable."""
    if not isinstance(verify, str):
        return verify
    try:
        return ssl.create_default_context(cafile=verify)
    except (OSError, ssl.SSLError) as error:
        raise InvalidSettingError(
            f"verify={verify!r} is not a readable CA bundle: {error.strerror or error}"
        ) from None


def _json_bytes(payload: dict[str, Any]) -> bytes:
    """Serialise a request as httpx's `json=` does; NaN and infinities are refused."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _refuses_compression(response: httpx.Response) -> bool:
    """Whether the answer to a gzipped request says that its encoding was refused.

    Either a 415, or a 400 that is not a GraphQL answer: a proxy dropped
    `Content-Encoding` and forwarded the gzipped bytes, which the server could not read
    as JSON. A GraphQL error is a JSON object with `errors`, and is not mistaken for one.
    """
    if response.status_code == 415:
        return True
    if response.status_code != 400:
        return False
    body = _json_body(response)
    return not (isinstance(body, dict) and ("data" in body or "errors" in body))


def _json_body(response: httpx.Response) -> Any:
    try:
        with collection_paused():
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
