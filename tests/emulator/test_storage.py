"""Transactions of the storage: side effects wait for the commit."""

from __future__ import annotations

import pytest

from kili_emulator.storage import Database


@pytest.fixture
def db() -> Database:
    return Database(":memory:")


def test_after_commit_runs_once_the_outer_transaction_commits(db: Database) -> None:
    ran: list[str] = []
    with db.transaction():
        with db.transaction():
            db.after_commit(lambda: ran.append("published"))
        assert ran == []
    assert ran == ["published"]


def test_after_commit_is_dropped_when_the_transaction_rolls_back(db: Database) -> None:
    ran: list[str] = []

    def failing_mutation() -> None:
        with db.transaction():
            db.after_commit(lambda: ran.append("published"))
            raise RuntimeError("the mutation failed")

    with pytest.raises(RuntimeError):
        failing_mutation()
    with db.transaction():
        pass
    assert ran == []


def test_after_commit_outside_a_transaction_runs_at_once(db: Database) -> None:
    ran: list[str] = []
    db.after_commit(lambda: ran.append("published"))
    assert ran == ["published"]
