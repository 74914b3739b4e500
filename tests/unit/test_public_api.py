"""The public surface: what `kili` exports, and the client's signature.

As in httpx, the names exported from the package (`__all__`) are the API; modules under
it (`kili.adapters`, `kili.use_cases`, ...) may change between versions. Adding a public
name is a decision, so this test lists them.
"""

from __future__ import annotations

import dataclasses
import inspect

import kili
import kili.exceptions
from kili.client import Kili
from kili.config import CLOUD_RATE_LIMIT, RateLimit, RetryPolicy, Timeout

PUBLIC_NAMES = {"Kili", "KiliError", "RateLimit", "RetryPolicy", "Timeout", "__version__"}

OFFICIAL_POSITIONAL_ARGUMENTS = [
    "api_key",
    "api_endpoint",
    "verify",
    "client_name",
    "graphql_client_params",
    "disable_tqdm",
    "disable_request_compression",
]


def test_the_package_exports_exactly_the_public_names() -> None:
    assert set(kili.__all__) == PUBLIC_NAMES
    assert len(kili.__all__) == len(PUBLIC_NAMES)


def test_every_public_name_resolves_to_an_object_of_the_package() -> None:
    for name in kili.__all__:
        value = getattr(kili, name)
        if name != "__version__":
            assert value.__module__.startswith("kili."), name
            assert not name.startswith("_"), name


def test_configuration_objects_are_immutable_values() -> None:
    for config in (RetryPolicy, RateLimit, Timeout):
        assert dataclasses.is_dataclass(config)
        assert config.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert RetryPolicy() == RetryPolicy(max_attempts=6, max_seconds=120.0)
    assert RateLimit() == RateLimit(max_requests=500, per_seconds=60.0) == CLOUD_RATE_LIMIT


def test_the_client_keeps_the_official_positional_order_then_keyword_only_settings() -> None:
    parameters = list(inspect.signature(Kili.__init__).parameters.values())[1:]
    positional = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    keyword_only = [p.name for p in parameters if p.kind is p.KEYWORD_ONLY]
    assert positional == OFFICIAL_POSITIONAL_ARGUMENTS
    assert keyword_only == ["retry", "rate_limit", "timeout", "max_concurrency"]
    defaults = {p.name: p.default for p in parameters}
    assert defaults["rate_limit"] == RateLimit()
    assert defaults["retry"] is None
    assert defaults["timeout"] is None


def test_exceptions_lists_every_error_it_defines() -> None:
    defined = {
        name
        for name, value in vars(kili.exceptions).items()
        if isinstance(value, type) and issubclass(value, kili.exceptions.KiliError)
    }
    assert defined == set(kili.exceptions.__all__)
