"""HTTP plumbing shared by the routes: bounded body reads and GraphQL-shaped errors."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse


class BodyTooLargeError(Exception):
    """The request body exceeds the route's limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"Request body exceeds the limit of {limit} bytes")
        self.limit = limit


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
