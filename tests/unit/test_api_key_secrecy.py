"""The API key never shows: not in errors, logs, tracebacks with locals, or reprs.

Each test uses the key through module constants only, so that the test's own frame (part
of every traceback it catches) holds no copy of it in its locals.
"""

from __future__ import annotations

import logging
import traceback

import pytest

from kili.client import Kili
from kili.config import ApiKey
from kili.exceptions import AuthenticationFailed, InvalidApiKeyError, KiliError
from tests.unit.loopback import LoopbackServer

SECRET = "sk-7d1c0ffee5ec4e7b"
KEY_FROM_A_FILE = SECRET + "\n"
REFUSED = b'{"errors": [{"message": "Invalid API key", "extensions": {"code": "UNAUTHENTICATED"}}]}'
BAD_KEYS = [SECRET + "\x00", SECRET[:6] + "\n" + SECRET[6:], SECRET + "é", "é" + SECRET]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KILI_API_KEY", "KILI_API_ENDPOINT", "KILI_SDK_SKIP_CHECKS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    for name in ("httpx", "httpcore", "kili"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def with_locals(error: BaseException) -> str:
    """Format `error` as pytest --showlocals or Sentry would: every frame's locals."""
    formatted = traceback.TracebackException.from_exception(error, capture_locals=True)
    return "".join(formatted.format())


def test_a_key_read_from_a_file_is_stripped_and_never_logged(
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    with LoopbackServer() as server, Kili(KEY_FROM_A_FILE, server.http_endpoint) as kili:
        assert f"X-API-Key: {SECRET}\r\n".encode() in server.requests[0]
        assert SECRET not in repr(kili)
        assert SECRET not in repr(kili.kili_api_gateway.transport)
        assert SECRET not in repr(kili.kili_api_gateway.transport.websocket_target())
    httpcore_lines = [r for r in debug_logs.records if r.name.startswith("httpcore")]
    assert httpcore_lines, "httpcore logged at DEBUG, so the check below means something"
    assert SECRET not in debug_logs.text
    assert all(SECRET not in str(record.args) for record in debug_logs.records)


def test_a_refused_key_shows_neither_in_the_error_nor_in_its_traceback(
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    with (
        LoopbackServer(REFUSED, status=b"401 Unauthorized") as server,
        pytest.raises(AuthenticationFailed) as raised,
    ):
        Kili(KEY_FROM_A_FILE, server.http_endpoint)
    assert "Invalid API key" in str(raised.value)
    assert SECRET not in str(raised.value)
    assert SECRET not in with_locals(raised.value)
    assert SECRET not in debug_logs.text


@pytest.mark.parametrize("position", range(len(BAD_KEYS)))
def test_a_key_that_cannot_be_sent_is_refused_without_showing_it(
    position: int, debug_logs: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(InvalidApiKeyError) as raised:
        Kili(BAD_KEYS[position], "http://127.0.0.1:1/api/label/v2/graphql")
    shown = str(raised.value) + repr(raised.value) + with_locals(raised.value)
    assert SECRET not in shown
    assert SECRET[:6] not in shown
    assert SECRET not in debug_logs.text
    assert isinstance(raised.value, KiliError)
    assert isinstance(raised.value, ValueError)


def test_a_key_from_the_environment_is_checked_the_same_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KILI_API_KEY", BAD_KEYS[1])
    with pytest.raises(InvalidApiKeyError) as raised:
        Kili(api_endpoint="http://127.0.0.1:1/api/label/v2/graphql")
    assert SECRET not in with_locals(raised.value)


def test_the_wrapper_masks_the_key_wherever_it_is_printed() -> None:
    key = ApiKey(KEY_FROM_A_FILE)
    assert SECRET not in f"{key} {key!r} {[key]} { ({'k': key}) }"
    assert key == ApiKey(SECRET)
    assert key.header_value() == f"X-API-Key: {SECRET}"
    assert not ApiKey("  \n")
