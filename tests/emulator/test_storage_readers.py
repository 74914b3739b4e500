"""Reads beside writes: a file database serves read-only requests from per-thread snapshots."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from kili_emulator import EmulatorServer
from kili_emulator.storage import Database

WAIT_S = 10.0


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(str(tmp_path / "readers.db"))
    database.execute("CREATE TABLE IF NOT EXISTS counter (value INTEGER)")
    database.execute("INSERT INTO counter VALUES (1)")
    yield database
    database.close()


def _value(db: Database) -> int:
    return int(db.scalar("SELECT SUM(value) FROM counter"))


def test_two_threads_read_at_the_same_time(db: Database) -> None:
    both_inside = threading.Barrier(2, timeout=WAIT_S)

    def read() -> int:
        with db.reading():
            both_inside.wait()  # a lock held by the other reader would time this out
            return _value(db)

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(lambda _: read(), range(2))) == [1, 1]


def test_a_reading_block_sees_the_state_committed_when_it_began(db: Database) -> None:
    first_read, written = threading.Event(), threading.Event()
    seen: list[int] = []

    def reader() -> None:
        with db.reading():
            seen.append(_value(db))
            first_read.set()
            assert written.wait(WAIT_S)
            seen.append(_value(db))
        seen.append(_value(db))

    thread = threading.Thread(target=reader)
    thread.start()
    assert first_read.wait(WAIT_S)
    db.execute("INSERT INTO counter VALUES (10)")  # the writer is not blocked by the reader
    written.set()
    thread.join(WAIT_S)
    assert seen == [1, 1, 11]


def test_a_write_inside_a_reading_block_is_seen_by_its_later_reads(db: Database) -> None:
    with db.reading():
        assert _value(db) == 1
        db.execute("INSERT INTO counter VALUES (5)")
        assert _value(db) == 6
        with db.transaction():
            db.execute("INSERT INTO counter VALUES (100)")
        assert _value(db) == 106


def test_sql_functions_reach_the_read_connections(db: Database) -> None:
    db.register_function("doubled", 1, lambda value: value * 2)

    def read() -> int:
        with db.reading():
            return int(db.scalar("SELECT doubled(SUM(value)) FROM counter"))

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(read).result(WAIT_S) == 2


def test_an_emulator_on_a_file_serves_concurrent_reads_and_writes(tmp_path: Path) -> None:
    with EmulatorServer(db=tmp_path / "served.db") as server:
        headers = {"Authorization": f"X-API-Key: {server.api_key}"}
        create = (
            "mutation($d: CreateProjectData!) { createProject(data: $d) { id } }",
            {"d": {"title": "t", "description": "", "inputType": "TEXT", "jsonInterface": "{}"}},
        )
        count = ("query { countProjects(where: {}) }", {})

        def send(index: int) -> int:
            query, variables = create if index % 2 else count
            response = httpx.post(
                server.endpoint,
                json={"query": query, "variables": variables},
                headers=headers,
                timeout=30,
            )
            assert response.status_code == 200, response.text
            assert "errors" not in response.json(), response.text
            return index

        with ThreadPoolExecutor(8) as pool:
            assert sorted(pool.map(send, range(40))) == list(range(40))
        final = httpx.post(
            server.endpoint, json={"query": count[0]}, headers=headers, timeout=30
        ).json()
    assert final["data"]["countProjects"] == 20
