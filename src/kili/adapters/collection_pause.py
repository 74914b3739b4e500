"""Pausing Python's cyclic garbage collector while JSON answers are decoded.

Decoding a page of answers allocates tens of thousands of dicts and lists, and every
few hundred of them the collector walks the young objects, and from time to time every
object the program holds (the rows already listed among them). Decoded JSON holds no
reference cycles, so none of those walks can free anything: pausing the collector while
a page is decoded halves the client's CPU per listed object. Collections resume as soon
as the last decoding ends, and objects no longer referenced are still freed at once by
reference counting.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager


class _CollectionPause:
    """Reference-counted pause, so that threads decoding at once share one pause.

    The first decoding pauses the collector if it runs; the last one resumes it only if
    the first one paused it, so that a program that turned it off keeps it off.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._resume = False

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self._holders == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0 and self._resume:
                    gc.enable()


_PAUSE = _CollectionPause()


def collection_paused() -> AbstractContextManager[None]:
    """Return a context in which the cyclic garbage collector does not run."""
    return _PAUSE.held()
