"""Configuration mistakes fail at once, with a typed error, and are never retried.

Attempts are counted (requests or accepted connections), not seconds: the default retry
policy allows six attempts, so one attempt proves that nothing was retried.
"""

from __future__ import annotations

import httpx
import pytest

from kili.adapters.retrying import network_failure
from kili.client import Kili
from kili.config import RateLimit, RetryPolicy, Timeout
from kili.exceptions import (
    ConfigurationError,
    InvalidApiKeyError,
    InvalidEndpointError,
    InvalidSettingError,
    KiliConnectionError,
    KiliError,
    TLSHandshakeError,
)
from tests.unit.loopback import LoopbackServer


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KILI_API_KEY", "KILI_API_ENDPOINT", "KILI_VERIFY", "KILI_SDK_SKIP_CHECKS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[httpx.Request]:
    """Every request any httpx client sends, answered by a stub that accepts the key."""
    requests: list[httpx.Request] = []

    def record(self: httpx.Client, request: httpx.Request, **kwargs: object) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json={"data": {"data": {"id": "u"}}}, request=request)

    monkeypatch.setattr(httpx.Client, "send", record)
    return requests


@pytest.mark.parametrize(
    "endpoint",
    [
        "cloud.kili-technology.com/api/label/v2/graphql",
        "htps://cloud.kili-technology.com/api/label/v2/graphql",
        "ftp://cloud.kili-technology.com/graphql",
        "https:///api/label/v2/graphql",
        "https://cloud.kili-technology.com:port/graphql",
        "https://[::1/graphql",
        " https://cloud.kili-technology.com/api/label/v2/graphql",
        "https://cloud.kili-technology.com/api label/graphql",
    ],
)
def test_a_malformed_endpoint_fails_at_construction_without_a_request(
    endpoint: str, sent: list[httpx.Request]
) -> None:
    with pytest.raises(InvalidEndpointError) as raised:
        Kili(api_key="key", api_endpoint=endpoint)
    assert isinstance(raised.value, ConfigurationError)
    assert isinstance(raised.value, ValueError)
    assert sent == []


def test_a_malformed_endpoint_from_the_environment_fails_too(
    monkeypatch: pytest.MonkeyPatch, sent: list[httpx.Request]
) -> None:
    monkeypatch.setenv("KILI_API_ENDPOINT", "localhost:4000/graphql")
    with pytest.raises(InvalidEndpointError, match="localhost:4000"):
        Kili(api_key="key")
    assert sent == []


@pytest.mark.parametrize("key", ["sk-a\nb", "sk-\x00", "sk-\tkey", "sk-\x7f", "sk-é", "sk-密钥"])
def test_an_api_key_that_cannot_be_a_header_fails_without_a_request(
    key: str, sent: list[httpx.Request]
) -> None:
    with pytest.raises(InvalidApiKeyError) as raised:
        Kili(api_key=key, api_endpoint="http://127.0.0.1:1/graphql")
    assert isinstance(raised.value, ValueError)
    assert key not in str(raised.value)
    assert sent == []


def test_https_to_a_plain_http_port_fails_once_with_a_tls_error() -> None:
    with LoopbackServer() as server, pytest.raises(TLSHandshakeError) as raised:
        Kili(api_key="key", api_endpoint=server.https_endpoint, retry=RetryPolicy())
    message = str(raised.value)
    assert "TLS handshake" in message
    assert "http://" in message
    assert server.connections == 1
    assert isinstance(raised.value, KiliConnectionError)


def test_the_same_endpoint_over_http_works() -> None:
    with LoopbackServer() as server, Kili(api_key="key", api_endpoint=server.http_endpoint):
        assert server.connections == 1


def test_an_untrusted_certificate_names_the_verify_setting() -> None:
    import ssl

    cause = ssl.SSLCertVerificationError(1, "certificate verify failed: self-signed")
    error = httpx.ConnectError("handshake failed")
    error.__cause__ = cause
    failure = network_failure(error, "https://kili.example/graphql")
    assert isinstance(failure, TLSHandshakeError)
    assert "verify=" in str(failure)


@pytest.mark.parametrize(
    "error",
    [httpx.UnsupportedProtocol("no scheme"), httpx.InvalidURL("bad")],
)
def test_an_url_httpx_cannot_send_to_is_a_configuration_error(error: httpx.TransportError) -> None:
    assert isinstance(network_failure(error, "x"), InvalidEndpointError)


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: RetryPolicy(max_attempts=0), "max_attempts"),
        (lambda: RetryPolicy(max_seconds=-1), "max_seconds"),
        (lambda: RetryPolicy(initial_backoff=float("nan")), "initial_backoff"),
        (lambda: RateLimit(max_requests=0), "max_requests"),
        (lambda: RateLimit(per_seconds=0), "per_seconds"),
        (lambda: Timeout(read=-1), "read"),
        (lambda: Timeout.of("ten"), "timeout"),  # type: ignore[arg-type]
    ],
)
def test_settings_out_of_range_are_typed_errors(make: object, match: str) -> None:
    with pytest.raises(InvalidSettingError, match=match):
        make()  # type: ignore[operator]


@pytest.mark.parametrize(
    "settings",
    [{"retry": 3}, {"rate_limit": 500}, {"timeout": "30"}, {"client_name": 7}],
)
def test_settings_of_the_wrong_type_fail_at_construction(
    settings: dict[str, object], sent: list[httpx.Request]
) -> None:
    with pytest.raises(InvalidSettingError):
        Kili("key", "http://127.0.0.1:1/graphql", **settings)  # type: ignore[arg-type]
    assert sent == []


def test_configuration_errors_are_kili_errors() -> None:
    for error in (InvalidApiKeyError, InvalidEndpointError, InvalidSettingError):
        assert issubclass(error, KiliError)
        assert issubclass(error, ValueError)
