"""Transfer of asset files over HTTP: uploads to signed URLs and media downloads.

Files live outside GraphQL: uploads go to URLs the API signs, downloads come from
wherever the asset content points. The API key is sent only to the API's own host;
a signed URL or a third-party host never sees it.
"""

from __future__ import annotations

import mimetypes
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from kili.adapters.retrying import (
    RETRYABLE_STATUSES,
    SentButFailed,
    Transient,
    network_failure,
    run_with_retries,
)
from kili.config import RetryPolicy
from kili.exceptions import InvalidArgumentError, ServerError

MAX_PARALLEL_TRANSFERS = 8
"""Files sent or received at the same time; more rarely helps and strains servers."""

T = TypeVar("T")

_CHUNK_BYTES = 1024 * 1024


class MediaFiles:
    """Upload and download files with the transport's HTTP client.

    Transfers are idempotent (a PUT to the same signed URL, a GET to a temporary name
    renamed at the end), so every transient fault is retried, under the client's one
    `RetryPolicy`.

    Args:
        http: The pooled client; its default headers carry the API key.
        api_endpoint: The GraphQL endpoint, whose host alone may receive the API key.
        retry: How transient faults are retried.
    """

    def __init__(self, http: httpx.Client, api_endpoint: str, retry: RetryPolicy) -> None:
        self._http = http
        self._api_origin = _origin(api_endpoint)
        self._retry = retry

    def upload_all(self, signed_urls: Sequence[str], paths: Sequence[Path]) -> list[str]:
        """Upload each file of `paths` to the signed URL at the same index, concurrently."""
        with ThreadPoolExecutor(MAX_PARALLEL_TRANSFERS) as pool:
            return list(pool.map(self.upload, signed_urls, paths))

    def upload(self, signed_url: str, path: Path) -> str:
        """PUT the bytes of `path` to `signed_url` and return the URL to store as content.

        The part of the signed URL from ``&id=`` on names the file for the API and is not
        part of the storage URL, so it is cut before the PUT and kept in what is returned.
        """
        data = path.read_bytes()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type == "text/plain":
            content_type += "; charset=utf-8"
        headers = {"Content-Type": content_type}
        upload_url = signed_url.split("&id=", 1)[0]
        if "blob.core.windows.net" in upload_url:
            headers["x-ms-blob-type"] = "BlockBlob"

        def put() -> None:
            with self._send("PUT", upload_url, content=data, headers=headers) as response:
                _check_status(response, f"Upload of {path.name}")

        self._with_retries(put, upload_url)
        return signed_url

    def download_all(self, downloads: Sequence[tuple[str, Path, str]]) -> list[Path]:
        """Download `(url, directory, file_stem)` triples concurrently, results in order."""
        with ThreadPoolExecutor(MAX_PARALLEL_TRANSFERS) as pool:
            return list(pool.map(lambda job: self.download(*job), downloads))

    def download(self, url: str, directory: Path, file_stem: str) -> Path:
        """Save the file at `url` in `directory`, unless a file of that name is there.

        The name is `file_stem` plus the extension of the media type; the file is written
        under a temporary name first, so that an interrupted download leaves no file that
        a later call would take for complete.

        Raises:
            InvalidArgumentError: The name would put the file outside `directory`.
        """
        target = _inside(directory, file_stem + (self._known_extension(url) or ""))
        if target.is_file():
            return target
        directory.mkdir(parents=True, exist_ok=True)

        def get() -> Path:
            with self._send("GET", url, stream=True) as response:
                _check_status(response, f"Download of {url}")
                final = target
                if not target.suffix:
                    final = _inside(directory, file_stem + _extension_of(response))
                    if final.is_file():
                        return final
                partial = final.with_name(f".{final.name}.{uuid.uuid4().hex}.part")
                try:
                    with partial.open("wb") as file:
                        for chunk in response.iter_bytes(_CHUNK_BYTES):
                            file.write(chunk)
                    os.replace(partial, final)
                finally:
                    partial.unlink(missing_ok=True)
                return final

        return self._with_retries(get, url)

    def read_json(self, url: str) -> Any:
        """Fetch the JSON document at `url`."""

        def get() -> Any:
            with self._send("GET", url) as response:
                _check_status(response, f"Download of {url}")
                response.read()
                return response.json()

        return self._with_retries(get, url)

    def _known_extension(self, url: str) -> str | None:
        """Guess the extension from the URL, else from a HEAD request's media type."""
        suffix = Path(urlsplit(url).path).suffix
        if suffix and mimetypes.guess_type(f"file{suffix}")[0] is not None:
            return suffix
        try:
            with self._send("HEAD", url) as response:
                if response.is_success:
                    return _extension_of(response)
        except httpx.HTTPError:
            return None
        return None

    def _with_retries(self, action: Callable[[], T], url: str) -> T:
        """Run one transfer under the retry policy, mapping httpx's errors to ours."""

        def attempt() -> T:
            try:
                return action()
            except httpx.TransportError as error:
                failure = network_failure(error, url)
                if isinstance(failure, SentButFailed):
                    raise Transient(failure.error) from None
                raise failure from None

        return run_with_retries(self._retry, attempt)

    @contextmanager
    def _send(self, method: str, url: str, **kwargs: Any) -> Iterator[httpx.Response]:
        """Send one request; the API key goes only to the API's own origin."""
        stream = bool(kwargs.pop("stream", False))
        request = self._http.build_request(method, url, **kwargs)
        if _origin(url) != self._api_origin:
            request.headers.pop("Authorization", None)
        response = self._http.send(request, stream=stream)
        try:
            yield response
        finally:
            response.close()


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def _inside(directory: Path, name: str) -> Path:
    """Return `directory / name`, refusing any name that would land elsewhere."""
    root = directory.resolve()
    target = (root / name).resolve()
    if target.parent != root:
        raise InvalidArgumentError(f"File name {name!r} would be written outside {root}")
    return target


def _extension_of(response: httpx.Response) -> str:
    media_type = response.headers.get("content-type", "").split(";", 1)[0].strip()
    return (mimetypes.guess_extension(media_type) or "") if media_type else ""


def _check_status(response: httpx.Response, what: str) -> None:
    if response.is_success:
        return
    error = ServerError(f"{what} failed with HTTP {response.status_code}", response.status_code)
    if response.status_code in RETRYABLE_STATUSES:
        raise Transient(error)
    raise error
