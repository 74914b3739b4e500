"""How the in-memory fakes of the ports fail: scripted write by write, the way a network does.

A fake records each call by method name, can be told how its next writes fail (before
the server applied them, after, or partway), to answer a write without some of its ids,
and to become unreachable after a number of writes, for every call that follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from kili.exceptions import KiliConnectionError, UncertainWriteError

T = TypeVar("T")


@dataclass(frozen=True)
class Fault:
    """How one write call fails.

    Attributes:
        commits: How many of the call's items are applied before `error` is raised:
            `0` for a request lost on the way, `None` for all of them (the answer was
            lost on the way back).
        error: What the call raises.
    """

    commits: int | None
    error: Exception = field(
        default_factory=lambda: UncertainWriteError("the connection dropped mid-request")
    )

    def applied(self, items: Sequence[T]) -> Sequence[T]:
        """Return those of `items` the server applies before the call fails."""
        return items if self.commits is None else items[: self.commits]


LOST_BEFORE = Fault(commits=0)
"""The request never reached the server, but the client cannot know it."""

LOST_AFTER = Fault(commits=None)
"""The server applied the request, then the answer was lost."""

REFUSED_CONNECTION = Fault(commits=0, error=KiliConnectionError("connection refused"))
"""The server could not be reached at all: known not applied."""


class ScriptedFaults:
    """The calls a fake received, and how its next writes fail.

    Attributes:
        calls: `(method, argument)` of every call, in order; the argument is what the
            call was about (ids, paths, items), as the fake chooses to record it.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[Any]]] = []
        self._faults: dict[str, list[Fault | None]] = {}
        self._writes_before_outage: int | None = None
        self._left_out_of_next_answer = 0

    # --- steering the fake -------------------------------------------------------

    def fail(self, method: str, *faults: Fault | None) -> None:
        """Make the next calls of the write `method` fail as `faults` say, in order.

        A `None` among `faults` lets its call succeed.
        """
        self._faults.setdefault(method, []).extend(faults)

    def go_down_after(self, writes: int) -> None:
        """Serve the next `writes` writes (faults included), then refuse every call."""
        self._writes_before_outage = writes

    def leave_out_of_next_answer(self, count: int) -> None:
        """Make the next write apply everything but answer without its last `count` ids."""
        self._left_out_of_next_answer = count

    def sent(self, method: str) -> list[list[Any]]:
        """The arguments of every call of `method`, in order."""
        return [argument for name, argument in self.calls if name == method]

    def methods_called(self) -> set[str]:
        """The names of the methods called at least once."""
        return {name for name, _ in self.calls}

    # --- for the fakes' methods --------------------------------------------------

    def _receive(self, method: str, argument: list[Any], *, write: bool = False) -> Fault | None:
        """Record a call, refuse it when the server is down; return a write's fault."""
        self.calls.append((method, argument))
        if self._writes_before_outage is not None:
            if self._writes_before_outage <= 0:
                raise KiliConnectionError("Cannot reach the server")
            self._writes_before_outage -= int(write)
        if not write:
            return None
        pending = self._faults.get(method)
        return pending.pop(0) if pending else None

    def _answer(self, results: list[T]) -> list[T]:
        """Return a write's results, less those to leave out of this answer."""
        left_out, self._left_out_of_next_answer = self._left_out_of_next_answer, 0
        return results[: len(results) - left_out]
