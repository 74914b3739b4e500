from __future__ import annotations

import logging
import ssl
from collections.abc import Callable
from pathlib import Path

import certifi
import httpx
import pytest

from kili.adapters.request_budget import RequestBudget
from kili.adapters.transport import GraphQLTransport, RateLimit, RetryPolicy
from kili.config import ApiKey
from kili.exceptions import (
    AuthenticationFailed,
    GraphQLError,
    InvalidEndpointError,
    InvalidSettingError,
    KiliConnectionError,
    NotFound,
    PermissionDenied,
    RateLimitedError,
    ServerError,
    TLSHandshakeError,
    UncertainWriteError,
)

ENDPOINT = "https://kili.test/api/label/v2/graphql"
SECRET = "sk-very-secret-key-1234"
FAST = RetryPolicy(max_attempts=4, max_seconds=5, initial_backoff=0.001, max_backoff=0.01)

Handler = Callable[[httpx.Request], httpx.Response]


def transport_for(handler: Handler) -> GraphQLTransport:
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return GraphQLTransport(ENDPOINT, ApiKey(SECRET), retry=FAST, http_client=client)


def answers(*responses: httpx.Response | Exception) -> tuple[Handler, list[httpx.Request]]:
    seen: list[httpx.Request] = []
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handler, seen


OK = httpx.Response(200, json={"data": {"viewer": {"id": "u1"}}})


def test_sends_json_post_with_the_api_key_header() -> None:
    handler, seen = answers(OK)
    data = transport_for(handler).execute("query { viewer { id } }", {"a": 1})
    assert data == {"viewer": {"id": "u1"}}
    request = seen[0]
    assert request.method == "POST"
    assert request.headers["Authorization"] == f"X-API-Key: {SECRET}"
    assert request.headers["content-type"] == "application/json"
    assert b'"variables":{"a":1}' in request.content


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_reads_are_retried_on_transient_statuses(status: int) -> None:
    handler, seen = answers(httpx.Response(status), OK)
    assert transport_for(handler).execute("query { viewer { id } }") == {"viewer": {"id": "u1"}}
    assert len(seen) == 2


def test_reads_are_retried_on_connection_errors() -> None:
    handler, seen = answers(httpx.ConnectError("refused"), httpx.ReadError("reset"), OK)
    transport_for(handler).execute("query { viewer { id } }")
    assert len(seen) == 3


def test_retry_after_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr("tenacity.nap.time.sleep", slept.append)
    handler, _ = answers(httpx.Response(429, headers={"Retry-After": "0.005"}), OK)
    transport_for(handler).execute("query { viewer { id } }")
    assert slept == [0.005]


def test_retries_stop_after_the_policy_and_raise_a_typed_error() -> None:
    handler, seen = answers(httpx.Response(503))
    with pytest.raises(ServerError) as raised:
        transport_for(handler).execute("query { viewer { id } }")
    assert raised.value.status_code == 503
    assert len(seen) == FAST.max_attempts


def test_rate_limit_exhaustion_is_its_own_error() -> None:
    handler, _ = answers(httpx.Response(429))
    with pytest.raises(RateLimitedError):
        transport_for(handler).execute("query { viewer { id } }")


def test_writes_are_not_resent_after_they_may_have_been_applied() -> None:
    handler, seen = answers(httpx.Response(502), OK)
    with pytest.raises(UncertainWriteError, match="may have been applied"):
        transport_for(handler).execute("mutation { x }", idempotent=False)
    assert len(seen) == 1


def test_writes_are_not_resent_after_a_read_timeout() -> None:
    handler, seen = answers(httpx.ReadTimeout("slow"), OK)
    with pytest.raises(UncertainWriteError):
        transport_for(handler).execute("mutation { x }", idempotent=False)
    assert len(seen) == 1


def test_writes_are_retried_when_the_server_never_saw_them() -> None:
    handler, seen = answers(httpx.ConnectError("refused"), httpx.Response(429), OK)
    transport_for(handler).execute("mutation { x }", idempotent=False)
    assert len(seen) == 3


def test_connection_failure_after_retries_is_a_connection_error() -> None:
    handler, _ = answers(httpx.ConnectError("refused"))
    with pytest.raises(KiliConnectionError, match="Cannot reach"):
        transport_for(handler).execute("query { viewer { id } }")


def graphql_errors(code: str | None, status: int = 200) -> httpx.Response:
    error: dict[str, object] = {"message": "boom", "path": ["assets", 0]}
    if code:
        error["extensions"] = {"code": code}
    return httpx.Response(status, json={"data": None, "errors": [error]})


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (None, GraphQLError),
        ("NOT_FOUND", NotFound),
        ("FORBIDDEN", PermissionDenied),
        ("UNAUTHENTICATED", AuthenticationFailed),
    ],
)
def test_graphql_errors_are_mapped_and_never_retried(code: str | None, expected: type) -> None:
    handler, seen = answers(graphql_errors(code))
    with pytest.raises(expected) as raised:
        transport_for(handler).execute("query { assets { id } }")
    assert len(seen) == 1
    assert "boom" in str(raised.value)


def test_graphql_error_carries_message_path_and_code() -> None:
    handler, _ = answers(graphql_errors("BAD_USER_INPUT", status=400))
    with pytest.raises(GraphQLError) as raised:
        transport_for(handler).execute("query { assets { id } }")
    assert (raised.value.message, raised.value.path, raised.value.code) == (
        "boom",
        ["assets", 0],
        "BAD_USER_INPUT",
    )


def test_http_401_is_an_authentication_failure() -> None:
    handler, seen = answers(graphql_errors("UNAUTHENTICATED", status=401))
    with pytest.raises(AuthenticationFailed):
        transport_for(handler).execute("query { viewer { id } }")
    assert len(seen) == 1


def test_non_json_answer_is_a_server_error() -> None:
    handler, _ = answers(httpx.Response(500, text="<html>oops</html>"))
    with pytest.raises(ServerError):
        transport_for(handler).execute("query { viewer { id } }")


def test_api_key_never_appears_in_repr_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    handler, _ = answers(graphql_errors("UNAUTHENTICATED", status=401))
    transport = transport_for(handler)
    with pytest.raises(AuthenticationFailed) as raised:
        transport.execute("query { viewer { id } }")
    assert SECRET not in repr(transport)
    assert SECRET not in str(raised.value)
    assert SECRET not in repr(raised.value)
    assert caplog.records
    assert all(SECRET not in record.getMessage() for record in caplog.records)


def test_request_budget_blocks_once_the_window_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr("kili.adapters.request_budget.time.monotonic", lambda: clock[0])
    monkeypatch.setattr("kili.adapters.request_budget.time.sleep", sleep)
    budget = RequestBudget(RateLimit(max_requests=2, per_seconds=60))
    budget.acquire()
    budget.acquire()
    assert slept == []
    budget.acquire()
    assert slept == [60.0]


def tls_failure() -> httpx.ConnectError:
    """What httpx raises when `https://` meets a plain-HTTP port: a ConnectError over ssl."""
    error = httpx.ConnectError("handshake failed")
    error.__context__ = ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number")
    return error


@pytest.mark.parametrize("idempotent", [True, False])
def test_a_failed_tls_handshake_is_raised_at_once(idempotent: bool) -> None:
    handler, seen = answers(tls_failure(), OK)
    with pytest.raises(TLSHandshakeError, match="http://"):
        transport_for(handler).execute("query { viewer { id } }", idempotent=idempotent)
    assert len(seen) == 1


def test_an_unsupported_url_is_raised_at_once() -> None:
    handler, seen = answers(httpx.UnsupportedProtocol("Request URL has an unsupported protocol"))
    with pytest.raises(InvalidEndpointError):
        transport_for(handler).execute("query { viewer { id } }")
    assert len(seen) == 1


def test_the_websocket_target_carries_the_tls_setting_and_hides_the_key() -> None:
    transport = GraphQLTransport(ENDPOINT, ApiKey(SECRET), verify=certifi.where())
    target = transport.websocket_target()
    assert (target.endpoint, target.verify) == (ENDPOINT, certifi.where())
    assert target.authorization == f"X-API-Key: {SECRET}"
    assert SECRET not in repr(target)
    transport.close()


def test_without_a_rate_limit_nothing_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse_to_sleep(seconds: float) -> None:
        raise AssertionError(f"waited {seconds} s")

    monkeypatch.setattr("kili.adapters.request_budget.time.sleep", refuse_to_sleep)
    handler, seen = answers(OK)
    client = httpx.Client(transport=httpx.MockTransport(handler))
    transport = GraphQLTransport(ENDPOINT, ApiKey(SECRET), rate_limit=None, http_client=client)
    for _ in range(600):
        transport.execute("query { viewer { id } }")
    assert len(seen) == 600


def test_a_ca_bundle_that_cannot_be_read_is_a_setting_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidSettingError, match="CA bundle"):
        GraphQLTransport(ENDPOINT, ApiKey(SECRET), verify=str(tmp_path / "missing.pem"))
