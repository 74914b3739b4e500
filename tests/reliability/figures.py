"""What each reliability scenario measured, collected for the table printed at the end.

`lost` counts items whose write did not take effect (an asset not imported, a label not
written, an update not applied, an asset not deleted, or one deleted that was to be kept);
`duplicated` counts extra copies (a second asset with the same external id, a second label,
a second project with the same title). Both must be zero.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from kili import RetryPolicy
from kili.client import Kili
from kili_emulator.settings import GRAPHQL_PATH

FAULT_RATE_ENV_VAR = "KILI_RELIABILITY_FAULT_RATE"
FAULT_SEED_ENV_VAR = "KILI_RELIABILITY_FAULT_SEED"
MAX_ATTEMPTS_ENV_VAR = "KILI_RELIABILITY_MAX_ATTEMPTS"
DEFAULT_FAULT_RATE = 0.3
DEFAULT_FAULT_SEED = 20261129
DEFAULT_MAX_ATTEMPTS = 10
"""Attempts per request the suite's clients make (the SDK's default is 6).

Faults fall independently on each request, so at a rate of 0.4 one request in 250 fails
six times in a row, and the call that sent it gives up, telling what it wrote. That
measures the retry budget, not whether writes land exactly once: with 10 attempts it
happens to one request in 10,000. Set 6 to measure the default client.
"""
RUN_COMMAND = "make reliability FAULT_RATE=<rate> [FAULT_SEED=<seed>] [MAX_ATTEMPTS=<n>]"


def fault_rate() -> float:
    """Return the fault rate the suite runs at, from the environment."""
    return float(os.environ.get(FAULT_RATE_ENV_VAR) or DEFAULT_FAULT_RATE)


def fault_seed() -> int:
    """Return the seed of the emulator's fault generator, from the environment."""
    return int(os.environ.get(FAULT_SEED_ENV_VAR) or DEFAULT_FAULT_SEED)


def max_attempts() -> int:
    """Return the attempts per request of the suite's clients, from the environment."""
    return int(os.environ.get(MAX_ATTEMPTS_ENV_VAR) or DEFAULT_MAX_ATTEMPTS)


def client(endpoint: str, api_key: str | None = None, attempts: int | None = None) -> Kili:
    """Return a client of the emulator at `endpoint`, as the suite configures them.

    No request budget (the emulator is local), no progress bars, and `attempts` (by
    default `max_attempts()`) attempts per request.
    """
    return Kili(
        api_key=api_key,
        api_endpoint=endpoint,
        disable_tqdm=True,
        rate_limit=None,
        retry=RetryPolicy(max_attempts=attempts or max_attempts()),
    )


@dataclass
class Figure:
    """The measures of one scenario.

    Attributes:
        scenario: What was done, in a few words.
        items: How many items the call(s) wrote.
        sdk_calls: SDK method calls made (one, unless the scenario re-runs a call).
        requests: HTTP requests the SDK sent, retries included.
        faults: Requests that failed (5xx or broken connection), as the SDK saw them.
        seconds: Wall time of the SDK calls.
        outcome: `ok`, or the name of the exception the last call raised.
        errors: The messages of the exceptions the calls raised.
        failures: The names of the exceptions the calls raised.
        lost: Items whose write did not take effect.
        duplicated: Extra copies written.
    """

    scenario: str
    items: int
    sdk_calls: int = 0
    requests: int = 0
    faults: int = 0
    seconds: float = 0.0
    outcome: str = "ok"
    lost: int | None = None
    duplicated: int | None = None
    errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        """Whether nothing was lost or duplicated and no call failed."""
        return self.outcome == "ok" and not self.lost and not self.duplicated

    def summary(self) -> str:
        """One line for assertion messages."""
        return (
            f"{self.scenario}: {self.items} items, lost {self.lost}, duplicated"
            f" {self.duplicated}, outcome {self.outcome}"
            + (f" ({self.errors[-1][:300]})" if self.errors else "")
        )


FIGURES: list[Figure] = []
"""Every figure measured in this session, in order."""


class RequestCounter:
    """Counts, while installed, the GraphQL requests sent through httpx and those that fail.

    It wraps `httpx.Client.send`, which reads the body of each answer: a connection cut
    before the end of the body raises there, and counts as a fault like a 5xx answer.
    Installed for the whole process, so that it sees the SDK's client without reaching
    into it.

    Args:
        on_request: Called before each request is sent, with the count so far.
    """

    def __init__(self, on_request: Callable[[int], None] | None = None) -> None:
        self.requests = 0
        self.answers = 0
        self._on_request = on_request
        self._lock = threading.Lock()
        self._original_send = httpx.Client.send

    @property
    def faults(self) -> int:
        """Requests that got no complete answer, or a 5xx one."""
        return self.requests - self.answers

    def __enter__(self) -> RequestCounter:
        counter, original_send = self, self._original_send

        def send(client: httpx.Client, request: httpx.Request, **kwargs: Any) -> httpx.Response:
            if not request.url.path.endswith(GRAPHQL_PATH):
                return original_send(client, request, **kwargs)
            with counter._lock:
                counter.requests += 1
                sent = counter.requests
            if counter._on_request is not None:
                counter._on_request(sent)
            response = original_send(client, request, **kwargs)
            if response.status_code < 500:
                with counter._lock:
                    counter.answers += 1
            return response

        httpx.Client.send = send  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *_exc_info: object) -> None:
        httpx.Client.send = self._original_send  # type: ignore[method-assign]


@contextmanager
def measured_call(figure: Figure, counter: RequestCounter) -> Iterator[None]:
    """Time one SDK call, count its requests, and record how it ended on `figure`."""
    requests, faults = counter.requests, counter.faults
    started = time.perf_counter()
    figure.sdk_calls += 1
    try:
        yield
    except Exception as error:  # the figure reports whatever the call raised
        figure.outcome = type(error).__name__
        figure.errors.append(str(error))
        figure.failures.append(type(error).__name__)
    else:
        figure.outcome = "ok"
    finally:
        figure.seconds += time.perf_counter() - started
        figure.requests += counter.requests - requests
        figure.faults += counter.faults - faults


def render_table(figures: list[Figure]) -> list[str]:
    """Return the lines of the table of `figures`."""
    header = (
        "scenario",
        "items",
        "calls",
        "requests",
        "faults",
        "time s",
        "lost",
        "dup",
        "outcome",
    )
    rows = [
        (
            figure.scenario,
            str(figure.items),
            str(figure.sdk_calls),
            str(figure.requests),
            str(figure.faults),
            f"{figure.seconds:.1f}",
            "?" if figure.lost is None else str(figure.lost),
            "?" if figure.duplicated is None else str(figure.duplicated),
            figure.outcome,
        )
        for figure in figures
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.ljust(width) if index in (0, 8) else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    return [line(header), "  ".join("-" * width for width in widths), *map(line, rows)]
