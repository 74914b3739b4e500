"""Print the figures of the reliability scenarios once the session is over."""

from __future__ import annotations

import pytest

from tests.reliability.figures import (
    FAULT_RATE_ENV_VAR,
    FIGURES,
    RUN_COMMAND,
    fault_rate,
    fault_seed,
    max_attempts,
)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Write the table of calls, requests, time, lost and duplicated items."""
    if not FIGURES:
        return
    from tests.reliability.figures import render_table

    terminalreporter.section(
        f"reliability at fault rate {fault_rate()} (seed {fault_seed()},"
        f" {max_attempts()} attempts per request)",
        sep="-",
    )
    for line in render_table(FIGURES):
        terminalreporter.write_line(line)
    terminalreporter.write_line(
        f"Other rates: {RUN_COMMAND} (or {FAULT_RATE_ENV_VAR}=<rate> pytest tests/reliability)"
    )
