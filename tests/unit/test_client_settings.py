from __future__ import annotations

import httpx
import pytest

from kili.client import DEFAULT_API_ENDPOINT, Kili
from kili.config import RateLimit, Timeout
from kili.exceptions import AuthenticationFailed, InvalidSettingError


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KILI_API_KEY", "KILI_API_ENDPOINT", "KILI_VERIFY", "KILI_DISABLE_TQDM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KILI_SDK_SKIP_CHECKS", "1")


def test_missing_key_is_an_authentication_failure() -> None:
    with pytest.raises(AuthenticationFailed, match="KILI_API_KEY"):
        Kili()


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KILI_API_KEY", "k")
    monkeypatch.setenv("KILI_API_ENDPOINT", "http://127.0.0.1:1/api/label/v2/graphql")
    monkeypatch.setenv("KILI_VERIFY", "false")
    monkeypatch.setenv("KILI_DISABLE_TQDM", "yes")
    with Kili() as kili:
        assert kili.api_endpoint == "http://127.0.0.1:1/api/label/v2/graphql"
        assert kili.verify is False
        assert kili.disable_tqdm is True


def test_defaults_and_ca_bundle_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KILI_VERIFY", "/etc/ssl/certs/ca-certificates.crt")
    with Kili(api_key="k") as kili:
        assert kili.api_endpoint == DEFAULT_API_ENDPOINT
        assert kili.verify == "/etc/ssl/certs/ca-certificates.crt"
        assert kili.disable_tqdm is False


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KILI_DISABLE_TQDM", "1")
    with Kili(api_key="k", api_endpoint="http://e", verify=False, disable_tqdm=False) as kili:
        assert (kili.api_endpoint, kili.verify, kili.disable_tqdm) == ("http://e", False, False)


def test_rejected_key_fails_with_one_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KILI_SDK_SKIP_CHECKS")
    seen: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(401, json={"errors": [{"message": "Invalid API key"}]})

    original = httpx.Client.__init__

    def mocked_init(self: httpx.Client, *args: object, **kwargs: object) -> None:
        kwargs["transport"] = httpx.MockTransport(refuse)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(httpx.Client, "__init__", mocked_init)
    with pytest.raises(AuthenticationFailed, match="Invalid API key") as raised:
        Kili(api_key="the-secret-key", api_endpoint="http://kili.test/graphql")
    assert len(seen) == 1
    assert "the-secret-key" not in str(raised.value)


def test_repr_hides_the_key() -> None:
    with Kili(api_key="the-secret-key") as kili:
        assert "the-secret-key" not in repr(kili)
        assert "the-secret-key" not in repr(kili.kili_api_gateway.transport)


class Waited(Exception):
    """Raised by the patched sleep: the request budget made the caller wait."""


@pytest.fixture
def built_clients(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Record the arguments of every httpx client built, and answer its requests."""
    built: list[dict[str, object]] = []
    original = httpx.Client.__init__

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": {"data": 3}})

    def mocked_init(self: httpx.Client, *args: object, **kwargs: object) -> None:
        built.append(dict(kwargs))
        kwargs["transport"] = httpx.MockTransport(answer)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(httpx.Client, "__init__", mocked_init)

    def refuse_to_wait(seconds: float) -> None:
        raise Waited(seconds)

    monkeypatch.setattr("kili.adapters.request_budget.time.sleep", refuse_to_wait)
    return built


def test_the_request_budget_is_the_clouds_unless_turned_off(
    built_clients: list[dict[str, object]],
) -> None:
    with Kili(api_key="k", rate_limit=RateLimit(max_requests=2, per_seconds=60)) as kili:
        kili.count_projects()
        kili.count_projects()
        with pytest.raises(Waited):
            kili.count_projects()
    with Kili(api_key="k", rate_limit=None) as kili:
        for _ in range(600):
            kili.count_projects()


def test_timeout_and_client_name_reach_the_http_client(
    built_clients: list[dict[str, object]],
) -> None:
    with Kili("k", "http://e", None, "python-cli", timeout=5) as kili:
        kili.count_projects()
    timeout = built_clients[-1]["timeout"]
    assert timeout == httpx.Timeout(5.0)
    with Kili(api_key="k", timeout=Timeout(connect=1, read=2, write=3, pool=4)):
        assert built_clients[-1]["timeout"] == httpx.Timeout(connect=1, read=2, write=3, pool=4)
    with Kili(api_key="k"):
        assert built_clients[-1]["timeout"] == httpx.Timeout(60.0, connect=10.0)


def test_max_concurrency_reaches_the_gateway_and_one_turns_it_off(
    built_clients: list[dict[str, object]],
) -> None:
    with Kili(api_key="k") as kili:
        assert kili.kili_api_gateway.max_concurrency == 4
    with Kili(api_key="k", max_concurrency=1) as kili:
        assert kili.kili_api_gateway.max_concurrency == 1


@pytest.mark.parametrize("value", [0, -2, 2.5, "4", True, None])
def test_a_max_concurrency_that_is_not_a_positive_int_is_refused_at_once(value: object) -> None:
    with pytest.raises(InvalidSettingError, match="max_concurrency"):
        Kili(api_key="k", max_concurrency=value)  # type: ignore[arg-type]
