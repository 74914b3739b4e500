"""The file routes: PUT to a signed upload URL, GET with an API key.

What a signature covers and where files live is `kili_emulator.files`' business;
these routes only check the request and move the bytes.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kili_emulator.errors import BadUserInputError, UnauthenticatedError
from kili_emulator.files import UploadSigner, check_file_path
from kili_emulator.protocol.auth import authenticate
from kili_emulator.protocol.http_io import BodyTooLargeError, error_response, read_limited_body
from kili_emulator.state import state_of
from kili_emulator.storage import Database
from kili_emulator.store import files


async def files_endpoint(request: Request) -> Response:
    """Store (PUT, signed URL) or serve (GET, API key) an uploaded file."""
    state = state_of(request)
    if request.method == "PUT":
        return await put_file(request, state.db, state.signer, state.settings.max_upload_bytes)
    return await get_file(request, state.db)


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
