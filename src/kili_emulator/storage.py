"""The emulator's only door to SQLite: connection, transactions, ids and timestamps.

One connection serves the whole process, guarded by a re-entrant lock: requests run
in worker threads, and SQLite's own locking is not needed when a single connection
is serialized. A file database runs in WAL mode with ``synchronous=FULL``, so every
committed transaction survives a restart or a ``kill -9``.
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


def _base36(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, digit = divmod(number, 36)
        digits.append(_ALPHABET[digit])
    return "".join(reversed(digits))


def new_id() -> str:
    """Return a new 25-character cuid-like id: time, process counter, randomness.

    Ids made in one process sort by creation time, like Kili's, which helps when
    reading logs; uniqueness comes from the random tail.
    """
    millis = _base36(int(time.time() * 1000), 8)
    counter = _base36(next(_id_counter) % 36**4, 4)
    tail = "".join(secrets.choice(_ALPHABET) for _ in range(12))
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
        if not self.is_memory:
            _restrict_to_owner(path)
        self._connection = sqlite3.connect(
            path, check_same_thread=False, isolation_level=None, timeout=30.0
        )
        self._connection.row_factory = sqlite3.Row
        self._configure()
        self.apply_ddl(DDL)

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
        """Close the connection; a WAL checkpoint folds the log into the main file."""
        with self._lock:
            self._connection.close()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the connection for a whole request, so it reads one consistent state."""
        with self._lock:
            yield

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block atomically: commit on success, roll back on any exception.

        Nested blocks become savepoints, so a helper may open a transaction whether or
        not its caller already did.
        """
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
        with self._lock, self._reraising_function_errors():
            return [dict(row) for row in self._connection.execute(sql, params).fetchall()]

    def fetch_one(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Row | None:
        """Return the first row of a query, or None."""
        with self._lock, self._reraising_function_errors():
            row = self._connection.execute(sql, params).fetchone()
            return dict(row) if row is not None else None

    def scalar(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        """Return the first column of the first row, or None."""
        with self._lock, self._reraising_function_errors():
            row = self._connection.execute(sql, params).fetchone()
            return row[0] if row is not None else None

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> int:
        """Run a write and return how many rows it touched."""
        with self._lock, self._reraising_function_errors():
            return self._connection.execute(sql, params).rowcount

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
        with self._lock:
            self._connection.executemany(sql, [[row[c] for c in columns] for row in rows])

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
