"""File storage behind signed upload URLs, like Kili's bucket, served by the emulator.

`createUploadBucketSignedUrls` hands out URLs of the form
``<base>/api/label/v2/files/<path>?signature=<hmac>&namespace=<organization>&id=<path>``.
The SDK PUTs the bytes to the URL cut before ``&id=``, then stores the URL as asset
content. The unsigned URL (no query) serves the file back to API-key holders, as does
``/api/label/v2/files?id=<path>``, the form the SDK builds for video frames. The
routes themselves are in `kili_emulator.protocol.file_routes`.

Files live in their organization's namespace (`kili_emulator.store.files`): the
signature covers the namespace, and a reader reads in its own organization's only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import quote, urlsplit, urlunsplit

from kili_emulator.errors import BadUserInputError
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
