"""The emulator's only door to SQLite: connections, transactions, ids and timestamps.

Writes go through one connection, guarded by a re-entrant lock: requests run in worker
threads, and writes are serialized. A file database runs in WAL mode with
``synchronous=FULL``, so every committed transaction survives a restart or a
``kill -9``; WAL also lets readers run beside the writer, so a read-only request
(`Database.reading`) uses a read connection of its own thread, in a transaction that
sees one committed state, without taking the lock. An in-memory database has a single
connection, and its reads hold the lock instead.
"""

from __future__ import annotations

import itertools
import os
import secrets
import sqlite3
import string
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any

from kili_emulator.store.schema import DDL, SCHEMA_VERSION

Row = dict[str, Any]
"""A database row, column name to value."""


def utc_now() -> str:
    """Return the current time as Kili writes it: ISO 8601, UTC, milliseconds, 'Z'."""
    return format_timestamp(datetime.now(timezone.utc))


def utc_in(days: int) -> str:
    """Return the time `days` from now, formatted like `utc_now`."""
    return format_timestamp(datetime.now(timezone.utc) + timedelta(days=days))


def format_timestamp(moment: datetime) -> str:
    """Format `moment` (naive means UTC) like `utc_now`, so strings sort as times do."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


_ALPHABET = string.digits + string.ascii_lowercase
_id_counter = itertools.count()


_PAIRS = [first + second for first in _ALPHABET for second in _ALPHABET]
"""Every two-digit base-36 string, by value: ids are written two digits at a time."""


def _base36(number: int, width: int) -> str:
    """Write the last `width` base-36 digits of `number`, zero-padded."""
    pairs = []
    for _ in range(width // 2):
        number, pair = divmod(number, 36 * 36)
        pairs.append(_PAIRS[pair])
    text = "".join(reversed(pairs))
    return _ALPHABET[number % 36] + text if width % 2 else text


def new_id() -> str:
    """Return a new 25-character cuid-like id: time, process counter, randomness.

    Ids made in one process sort by creation time, like Kili's, which helps when
    reading logs; uniqueness comes from the random tail.
    """
    millis = _base36(int(time.time() * 1000), 8)
    counter = _base36(next(_id_counter) % 36**4, 4)
    tail = _base36(int.from_bytes(secrets.token_bytes(8), "big"), 12)
    return f"c{millis}{counter}{tail}"


DATABASE_FILE_MODE = 0o600
"""Owner read and write only: the file holds every organization's data."""


def _restrict_to_owner(path: str) -> None:
    """Create the database file readable by its owner only, or narrow an existing one.

    SQLite gives the ``-wal`` and ``-shm`` files it creates later the mode of the
    database file, so they are private too.
    """
    if path.startswith("file:"):
        return
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, DATABASE_FILE_MODE))
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.chmod(path + suffix, DATABASE_FILE_MODE)


class Database:
    """A serialized SQLite connection with explicit, nestable transactions.

    Args:
        path: File path, or ``":memory:"`` for a database that lives as long as this object.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0
        self._on_commit: list[Callable[[], None]] = []
        self._function_errors = threading.local()
        self._thread_reader = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._functions: list[tuple[str, int, Callable[..., Any]]] = []
        if not self.is_memory:
            _restrict_to_owner(path)
        self._connection = self._connect()
        self._configure()
        self.apply_ddl(DDL)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path, check_same_thread=False, isolation_level=None, timeout=30.0
        )
        connection.row_factory = sqlite3.Row
        return connection

    @property
    def is_memory(self) -> bool:
        """Whether data vanishes with the process."""
        return self.path == ":memory:" or self.path.startswith("file::memory:")

    def _configure(self) -> None:
        pragmas = ["foreign_keys = ON", "busy_timeout = 30000"]
        if not self.is_memory:
            pragmas += ["journal_mode = WAL", "synchronous = FULL"]
        for pragma in pragmas:
            self._connection.execute(f"PRAGMA {pragma}")

    def apply_ddl(self, statements: Iterable[str]) -> None:
        """Create missing tables and indexes in one transaction."""
        with self.transaction():
            for statement in statements:
                self._connection.execute(statement)
            self._connection.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )

    def close(self) -> None:
        """Close the connections; a WAL checkpoint folds the log into the main file."""
        with self._lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
            self._connection.close()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the connection for a whole request, so it reads one consistent state."""
        with self._lock:
            yield

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Read one consistent state for a whole request, beside other readers if possible.

        With a file database, the reads of the block go to this thread's read
        connection, inside one read transaction: other requests read and write
        meanwhile, and the block sees the state committed when it began. A write in
        the block ends that: the block then reads through the write connection (and
        sees its own write), holding the lock. An in-memory database holds the lock
        for the whole block, as `locked` does.
        """
        if getattr(self._thread_reader, "active", None) is not None:
            yield  # already reading a snapshot: this block is part of it
            return
        if self.is_memory:
            with self._lock:
                yield
            return
        reader = self._reader()
        reader.execute("BEGIN")
        self._thread_reader.active = reader
        try:
            yield
        finally:
            if self._thread_reader.active is reader:
                self._thread_reader.active = None
                reader.execute("COMMIT")

    def _reader(self) -> sqlite3.Connection:
        reader: sqlite3.Connection | None = getattr(self._thread_reader, "connection", None)
        if reader is None:
            reader = self._connect()
            reader.execute("PRAGMA query_only = ON")
            reader.execute("PRAGMA busy_timeout = 30000")
            for name, arity, function in self._functions:
                reader.create_function(name, arity, function, deterministic=True)
            with self._lock:
                self._readers.append(reader)
            self._thread_reader.connection = reader
        return reader

    @contextmanager
    def _read_connection(self) -> Iterator[sqlite3.Connection]:
        reader: sqlite3.Connection | None = getattr(self._thread_reader, "active", None)
        if reader is not None:
            yield reader
            return
        with self._lock:
            yield self._connection

    @contextmanager
    def _write_connection(self) -> Iterator[sqlite3.Connection]:
        self._leave_snapshot()
        with self._lock:
            yield self._connection

    def _leave_snapshot(self) -> None:
        # After a write, the reads of a `reading` block must see it: they go to the
        # write connection from then on.
        reader: sqlite3.Connection | None = getattr(self._thread_reader, "active", None)
        if reader is not None:
            self._thread_reader.active = None
            reader.execute("COMMIT")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block atomically: commit on success, roll back on any exception.

        Nested blocks become savepoints, so a helper may open a transaction whether or
        not its caller already did.
        """
        self._leave_snapshot()
        with self._lock:
            savepoint = f"sp{self._depth}"
            begin = "BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {savepoint}"
            self._connection.execute(begin)
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self._connection.execute("ROLLBACK")
                    self._on_commit.clear()
                else:
                    self._connection.execute(f"ROLLBACK TO {savepoint}")
                    self._connection.execute(f"RELEASE {savepoint}")
                raise
            self._depth -= 1
            if self._depth > 0:
                self._connection.execute(f"RELEASE {savepoint}")
                return
            self._connection.execute("COMMIT")
            callbacks, self._on_commit = self._on_commit, []
        for callback in callbacks:
            callback()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the current transaction commits; never if it rolls back.

        Outside a transaction, the callback runs at once.
        """
        with self._lock:
            if self._depth > 0:
                self._on_commit.append(callback)
                return
        callback()

    @contextmanager
    def _reraising_function_errors(self) -> Iterator[None]:
        # SQLite reports an exception raised by a Python SQL function as a bare
        # OperationalError; the original error (often a client error) is re-raised.
        self._function_errors.error = None
        try:
            yield
        except sqlite3.OperationalError:
            error: BaseException | None = self._function_errors.error
            if error is not None:
                raise error from None
            raise

    def fetch_all(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[Row]:
        """Return every row of a query as dicts."""
        with self._read_connection() as connection, self._reraising_function_errors():
            return [dict(row) for row in connection.execute(sql, params).fetchall()]

    def fetch_one(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Row | None:
        """Return the first row of a query, or None."""
        with self._read_connection() as connection, self._reraising_function_errors():
            row = connection.execute(sql, params).fetchone()
            return dict(row) if row is not None else None

    def scalar(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        """Return the first column of the first row, or None."""
        with self._read_connection() as connection, self._reraising_function_errors():
            row = connection.execute(sql, params).fetchone()
            return row[0] if row is not None else None

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> int:
        """Run a write and return how many rows it touched."""
        with self._write_connection() as connection, self._reraising_function_errors():
            return connection.execute(sql, params).rowcount

    def insert(self, table: str, values: Mapping[str, Any]) -> None:
        """Insert one row; `table` and the keys come from code, never from clients."""
        self.insert_many(table, [values])

    def insert_many(self, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert rows that all have the keys of the first one."""
        if not rows:
            return
        columns = list(rows[0])
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        )
        with self._write_connection() as connection:
            connection.executemany(sql, [[row[c] for c in columns] for row in rows])

    def update(self, table: str, row_id: str, values: Mapping[str, Any]) -> None:
        """Set `values` on the row of `table` whose id is `row_id`."""
        if not values:
            return
        assignments = ", ".join(f"{column} = ?" for column in values)
        self.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), row_id])

    def register_function(self, name: str, arity: int, function: Callable[..., Any]) -> None:
        """Expose a Python function to SQL; its exceptions reach the caller unchanged."""

        def guarded(*args: Any) -> Any:
            try:
                return function(*args)
            except Exception as error:
                self._function_errors.error = error
                raise

        with self._lock:
            self._functions.append((name, arity, guarded))
            self._connection.create_function(name, arity, guarded, deterministic=True)

    def get_meta(self, key: str) -> str | None:
        """Read a value of the `meta` table."""
        value = self.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return str(value) if value is not None else None

    def set_meta(self, key: str, value: str) -> None:
        """Write a value of the `meta` table."""
        self.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
