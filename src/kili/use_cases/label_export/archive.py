"""The export archive: a zip written to a temporary file beside its target, moved in place.

Formats never touch the file system of the archive: they hand an `ArchiveSink` bytes,
streams or local media files, under paths relative to the archive's root. Nothing is
held in memory beyond the member being written, and a failed export leaves no file
behind: the zip is written to a hidden temporary file in the target's directory and
renamed over the target only when every member is written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Protocol

from kili.exceptions import InternalError

_COPY_CHUNK = 1 << 20


class ArchiveSink(Protocol):
    """Where a format writes the files of an export, by archive path (`labels/a.json`)."""

    def add_bytes(self, path: str, data: bytes) -> None:
        """Add a member holding `data`."""

    def open_member(self, path: str) -> AbstractContextManager[IO[bytes]]:
        """Open a member for incremental writes (a context manager; one open at a time)."""

    def add_file(self, path: str, source: Path) -> None:
        """Add a member copied from the local file `source` (a downloaded media)."""

    def add_directory(self, path: str) -> None:
        """Add an empty directory entry, as the official archives have for empty folders."""

    def has_member(self, path: str) -> bool:
        """Tell whether a member was already added under `path`."""


def archive_path(*parts: str) -> str:
    """Join archive path parts with `/`, refusing any part that would leave the root."""
    path = PurePosixPath(*parts)
    if path.is_absolute() or ".." in path.parts:
        raise InternalError(f"archive member outside the archive root: {path}")
    return str(path)


class ZipArchive:
    """A zip archive written to a temporary file and moved onto `target` on success.

    Use it as a context manager: on a clean exit the archive is closed and renamed over
    `target`; on an exception the temporary file is removed and `target` is untouched.

    Args:
        target: The archive the user asked for.
    """

    def __init__(self, target: Path) -> None:
        self._target = target
        descriptor, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
        os.close(descriptor)
        self._temporary = Path(name)
        self._zip = zipfile.ZipFile(self._temporary, "w", zipfile.ZIP_DEFLATED)
        self._members: set[str] = set()

    def __enter__(self) -> ZipArchive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self._zip.close()
        except BaseException:
            self._temporary.unlink(missing_ok=True)
            raise
        if exc_type is None:
            os.replace(self._temporary, self._target)
        else:
            self._temporary.unlink(missing_ok=True)

    def add_bytes(self, path: str, data: bytes) -> None:
        """Add a member holding `data`."""
        self._zip.writestr(self._claim(path), data)

    @contextmanager
    def open_member(self, path: str) -> Iterator[IO[bytes]]:
        """Open a member for incremental writes; it is complete when the block exits."""
        with self._zip.open(self._claim(path), "w", force_zip64=True) as member:
            yield member

    def add_file(self, path: str, source: Path) -> None:
        """Add a member copied from the local file `source`, a chunk at a time."""
        with source.open("rb") as reader, self.open_member(path) as writer:
            shutil.copyfileobj(reader, writer, _COPY_CHUNK)

    def add_directory(self, path: str) -> None:
        """Add an empty directory entry `path/`."""
        name = archive_path(path).rstrip("/") + "/"
        if name not in self._members:
            self._members.add(name)
            self._zip.writestr(zipfile.ZipInfo(name), b"")

    def has_member(self, path: str) -> bool:
        """Tell whether a member was already added under `path`."""
        return archive_path(path) in self._members

    def _claim(self, path: str) -> str:
        name = archive_path(path)
        if name in self._members:
            raise InternalError(f"archive member written twice: {name}")
        self._members.add(name)
        return name


class Spool:
    """A temporary file a format appends to page after page, added to the archive at the end.

    The archive takes one streamed member at a time while media arrive in between, so a
    file that grows with every page (`data.json`, COCO's annotations) is spooled on disk,
    never in memory, and copied into the archive by `finish`.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by `close`

    def write(self, data: bytes) -> None:
        """Append `data`."""
        self._file.write(data)

    def copy_to(self, writer: IO[bytes]) -> None:
        """Copy everything written so far into `writer`, a chunk at a time."""
        self._file.flush()
        self._file.seek(0)
        shutil.copyfileobj(self._file, writer, _COPY_CHUNK)
        self._file.seek(0, os.SEEK_END)

    def close(self) -> None:
        """Delete the temporary file."""
        self._file.close()
