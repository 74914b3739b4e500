"""File storage behind signed upload URLs, like Kili's bucket, served by the emulator.

`createUploadBucketSignedUrls` hands out URLs of the form
``<base>/api/label/v2/files/<path>?signature=<hmac>&namespace=<organization>&id=<path>``.
The SDK PUTs the bytes to the URL cut before ``&id=``, then stores the URL as asset
content. The unsigned URL (no query) serves the file back to API-key holders, as does
``/api/label/v2/files?id=<path>``, the form the SDK builds for video frames.

Files live in their organization's namespace (`kili_emulator.store.files`): the
signature covers the namespace, and a reader reads in its own organization's only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import quote, urlsplit, urlunsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kili_emulator.errors import BadUserInputError, UnauthenticatedError
from kili_emulator.protocol.auth import authenticate
from kili_emulator.protocol.http_io import BodyTooLargeError, error_response, read_limited_body
from kili_emulator.settings import FILES_PATH
from kili_emulator.storage import Database
from kili_emulator.store import files

SECRET_META_KEY = "upload_signing_secret"


class UploadSigner:
    """Signs file paths with a per-database secret, so signed URLs survive restarts."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    @classmethod
    def for_database(cls, db: Database) -> UploadSigner:
        """Load the database's signing secret, creating it on first use."""
        with db.transaction():
            secret = db.get_meta(SECRET_META_KEY)
            if secret is None:
                secret = secrets.token_hex(32)
                db.set_meta(SECRET_META_KEY, secret)
        return cls(bytes.fromhex(secret))

    def sign(self, path: str) -> str:
        """Return the signature of `path`."""
        return hmac.new(self._secret, path.encode(), hashlib.sha256).hexdigest()

    def verify(self, path: str, signature: str) -> bool:
        """Whether `signature` was made by `sign(path)`."""
        return hmac.compare_digest(self.sign(path), signature)

    def signed_url(self, base_url: str, organization_id: str, path: str) -> str:
        """Return the URL a client PUTs `path`'s bytes to (and later reads from).

        The signature covers the organization's namespace, so the URL writes there only.
        """
        signature = self.sign(files.stored_path(organization_id, path))
        query = f"signature={signature}&namespace={quote(organization_id, safe='')}"
        return f"{file_url(base_url, path)}?{query}&id={quote(path, safe='')}"


def check_file_path(path: str) -> str:
    """Return `path` if it is a safe relative bucket path.

    Raises:
        BadUserInputError: The path is empty, absolute or climbs with ``..``.
    """
    parts = path.split("/")
    if not path or path.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise BadUserInputError(f"Invalid file path {path!r}: use a relative path like a/b/c")
    return path


def file_url(base_url: str, path: str) -> str:
    """Return the unsigned URL serving `path`."""
    return f"{base_url}{FILES_PATH}/{quote(path)}"


def strip_upload_signature(content: str) -> str:
    """Drop the query of a signed URL of this emulator, as stored asset content.

    Other strings (text content, foreign URLs) are returned unchanged.
    """
    parts = urlsplit(content)
    if not parts.scheme.startswith("http") or not parts.path.startswith(FILES_PATH + "/"):
        return content
    if "signature=" not in parts.query:
        return content
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


async def put_file(request: Request, db: Database, signer: UploadSigner, limit: int) -> Response:
    """Store the body of a PUT to a signed URL; the signature is the only credential."""
    path = request.path_params["path"]
    signature = request.query_params.get("signature", "")
    namespace = request.query_params.get("namespace", "")
    if not signature or not signer.verify(files.stored_path(namespace, path), signature):
        return error_response(403, "Invalid or missing upload signature", "FORBIDDEN")
    try:
        check_file_path(path)
        data = await read_limited_body(request, limit)
    except BadUserInputError as error:
        return error_response(400, error.message, error.code)
    except BodyTooLargeError as error:
        return error_response(413, str(error), "PAYLOAD_TOO_LARGE")
    content_type = request.headers.get("content-type", "application/octet-stream")
    await run_in_threadpool(files.put_file, db, namespace, path, content_type, data)
    return Response(status_code=200)


async def get_file(request: Request, db: Database) -> Response:
    """Serve a stored file to a holder of a valid API key."""
    path = request.path_params.get("path") or request.query_params.get("id", "")
    return await run_in_threadpool(_read_file, db, request.headers.get("authorization"), path)


def _read_file(db: Database, authorization: str | None, path: str) -> Response:
    try:
        user = authenticate(db, authorization)
    except UnauthenticatedError as error:
        return error_response(401, error.message, error.code)
    row = files.get_file(db, str(user["organization_id"]), path)
    if row is None:
        return error_response(404, f"File {path!r} not found", "NOT_FOUND")
    return Response(content=bytes(row["data"]), media_type=str(row["content_type"]))
