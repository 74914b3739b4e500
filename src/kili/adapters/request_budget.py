"""The request budget of a client: one for every thread that sends, and its pause.

The Kili cloud allows a number of requests per minute per user; a client whose pages and
batches go several at a time must keep to it as a whole, and must slow down as a whole
when the server says it goes too fast.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from kili.config import RateLimit


class RequestBudget:
    """The client's request budget and its pause, shared by every thread that sends.

    A bucket of `max_requests` tokens: each request takes one, and each token taken
    comes back `per_seconds` later. No window of `per_seconds` ever holds more than
    `max_requests` requests, however many threads send (a bucket refilled at a steady
    rate would let twice the budget through in the window after a burst). Without a
    limit, requests only wait for a pause.

    A pause holds back every thread's next request: an HTTP 429 or a `Retry-After`
    says that the client as a whole goes too fast, not the one thread that got it.
    That thread itself is not held: its retry already waits at least as long.

    Args:
        limit: The budget; `None` for none.
    """

    def __init__(self, limit: RateLimit | None) -> None:
        self._limit = limit
        self._sent: deque[float] = deque()
        self._paused_until = 0.0
        self._paused_by: int | None = None
        self._lock = threading.Lock()

    def acquire(self) -> None:
        """Wait until no pause holds and one more request fits in the budget, then count it."""
        while True:
            with self._lock:
                now = time.monotonic()
                wait = self._wait_locked(now)
                if wait <= 0:
                    if self._limit is not None:
                        self._sent.append(now)
                    return
            time.sleep(wait)

    def pause(self, seconds: float) -> None:
        """Hold back every request for `seconds` from now (a longer pause in force stays)."""
        with self._lock:
            until = time.monotonic() + seconds
            if until > self._paused_until:
                self._paused_until = until
                self._paused_by = threading.get_ident()

    def _wait_locked(self, now: float) -> float:
        """Seconds to wait before the next request may go; 0 when it may go now."""
        if now < self._paused_until and threading.get_ident() != self._paused_by:
            return self._paused_until - now
        limit = self._limit
        if limit is None:
            return 0.0
        while self._sent and now - self._sent[0] >= limit.per_seconds:
            self._sent.popleft()
        if len(self._sent) < limit.max_requests:
            return 0.0
        return limit.per_seconds - (now - self._sent[0])
