"""Simulated round trip: every request answered no earlier than the latency, none blocking."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kili_emulator import EmulatorServer
from kili_emulator.cli import build_parser, settings_from
from tests.emulator.helpers import Client

LATENCY_MS = 300
CONCURRENT = 8
VIEWER = "query { viewer: me { id } }"


def test_concurrent_requests_wait_the_latency_side_by_side() -> None:
    with EmulatorServer(latency_ms=LATENCY_MS) as server:
        client = Client(server.endpoint, server.api_key)

        def timed_request(_: int) -> float:
            started = time.monotonic()
            response = client.post(VIEWER)
            assert response.status_code == 200, response.text
            assert response.json()["data"]["viewer"]["id"]
            return time.monotonic() - started

        started = time.monotonic()
        with ThreadPoolExecutor(CONCURRENT) as pool:
            durations = list(pool.map(timed_request, range(CONCURRENT)))
        elapsed = time.monotonic() - started
    assert min(durations) >= LATENCY_MS / 1000
    # One after the other, they would take CONCURRENT times the latency.
    assert elapsed < CONCURRENT * LATENCY_MS / 1000 / 2


def test_the_command_line_sets_the_latency() -> None:
    args = build_parser().parse_args(["serve", "--latency-ms", "50"])
    assert settings_from(args).latency_ms == 50


def _run_pytest(tmp_path: Path, *arguments: str, ini: str = "") -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_with_latency.py").write_text(
        textwrap.dedent(
            """
            import os
            import time

            import httpx


            def test_latency(emulator_server):
                expected = int(os.environ["EXPECTED_LATENCY_MS"])
                assert emulator_server.settings.latency_ms == expected
                started = time.monotonic()
                httpx.get(emulator_server.base_url + "/api/label/v2/version")
                assert time.monotonic() - started >= expected / 1000
            """
        )
    )
    (tmp_path / "pytest.ini").write_text(f"[pytest]\n{ini}\n")
    environment = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    environment["EXPECTED_LATENCY_MS"] = arguments[-1] if arguments else "120"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_pytest_option_slows_the_session_emulator(tmp_path: Path) -> None:
    result = _run_pytest(tmp_path, "--kili-emulator-latency-ms", "150")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pytest_configuration_slows_the_session_emulator(tmp_path: Path) -> None:
    result = _run_pytest(tmp_path, ini="kili_emulator_latency_ms = 120")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_negative_latency_is_a_usage_error(tmp_path: Path) -> None:
    result = _run_pytest(tmp_path, "--kili-emulator-latency-ms", "-5")
    assert result.returncode != 0
    assert "kili_emulator_latency_ms must be >= 0" in result.stdout + result.stderr
