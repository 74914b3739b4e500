"""HTTP plumbing shared by the routes: bounded body reads and GraphQL-shaped errors."""

from __future__ import annotations

import zlib
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse


class BodyTooLargeError(Exception):
    """The request body exceeds the route's limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"Request body exceeds the limit of {limit} bytes")
        self.limit = limit


class UnreadableEncodingError(Exception):
    """The body's `Content-Encoding` is not served, or the body does not decode with it."""

    def __init__(self, message: str, status_code: int) -> None:
        super().__init__(message)
        self.status_code = status_code


def error_response(
    status_code: int, message: str, code: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """Build a response whose body is a GraphQL error list with `extensions.code`."""
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status_code, headers=dict(headers or {}))


def declared_length(request: Request) -> int | None:
    """Return the Content-Length the client declared, None if absent or not a number."""
    value = request.headers.get("content-length")
    if value is None or not value.strip().isdigit():
        return None
    return int(value)


async def read_limited_body(request: Request, limit: int) -> bytes:
    """Read the body, refusing it as soon as it exceeds `limit` bytes.

    Streams chunks rather than trusting Content-Length, which may be absent (chunked
    uploads) or wrong; the memory used stays bounded by `limit`.

    Raises:
        BodyTooLargeError: The declared or actual size exceeds `limit`.
    """
    declared = declared_length(request)
    if declared is not None and declared > limit:
        raise BodyTooLargeError(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLargeError(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def decoded_body(body: bytes, content_encoding: str | None, limit: int) -> bytes:
    """Undo the request's `Content-Encoding` (`gzip` or none), within `limit` bytes decoded.

    The official SDK gzips large request bodies; the limit applies to the decoded size
    too, so that a small compressed body cannot expand into an unbounded one.

    Raises:
        BodyTooLargeError: The decoded body exceeds `limit`.
        UnreadableEncodingError: Another encoding (415), or bytes that are not gzip (400).
    """
    encoding = (content_encoding or "identity").strip().lower()
    if encoding == "identity":
        return body
    if encoding != "gzip":
        raise UnreadableEncodingError(f"Content-Encoding {encoding!r} is not supported", 415)
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        decoded = decompressor.decompress(body, limit + 1)
    except zlib.error:
        raise UnreadableEncodingError("The body is not valid gzip", 400) from None
    if len(decoded) > limit:
        raise BodyTooLargeError(limit)
    if not decompressor.eof:
        raise UnreadableEncodingError("The gzip body is truncated", 400)
    return decoded
