"""Reads made before a write, in chunks side by side: order kept, concurrency bounded."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import pytest

from kili.exceptions import TransportError
from kili.use_cases.batching import read_in_chunks


class SlowReads:
    """Answers each chunk with its items doubled; earlier chunks take longer."""

    def __init__(self, failing: frozenset[int] = frozenset()) -> None:
        self.failing = failing
        self.most_in_flight = 0
        self.read_chunks: list[int] = []
        self._in_flight = 0
        self._lock = threading.Lock()

    def __call__(self, chunk: Sequence[int]) -> list[int]:
        with self._lock:
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
            self.read_chunks.append(chunk[0])
        try:
            time.sleep(0.02 / (1 + chunk[0] // 10))
            if chunk[0] in self.failing:
                raise TransportError(f"chunk starting at {chunk[0]} failed")
            return [item * 2 for item in chunk]
        finally:
            with self._lock:
                self._in_flight -= 1


def test_chunks_are_read_together_and_their_results_come_back_in_order() -> None:
    reads = SlowReads()

    results = read_in_chunks(list(range(95)), 10, reads, max_concurrency=4)

    assert results == [
        [item * 2 for item in range(start, min(start + 10, 95))] for start in range(0, 95, 10)
    ]
    assert reads.most_in_flight == 4
    assert sorted(reads.read_chunks) == list(range(0, 95, 10))


def test_one_at_a_time_reads_in_the_callers_order() -> None:
    reads = SlowReads()

    read_in_chunks(list(range(30)), 10, reads, max_concurrency=1)

    assert reads.read_chunks == [0, 10, 20]
    assert reads.most_in_flight == 1


def test_a_failed_chunk_raises_its_error_and_no_later_chunk_is_started() -> None:
    reads = SlowReads(failing=frozenset({10, 30}))

    with pytest.raises(TransportError, match="chunk starting at 10"):
        read_in_chunks(list(range(200)), 10, reads, max_concurrency=2)

    assert len(reads.read_chunks) < 20


def test_no_item_no_read() -> None:
    reads = SlowReads()

    assert read_in_chunks([], 10, reads, max_concurrency=4) == []
    assert reads.read_chunks == []
