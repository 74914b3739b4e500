"""Unit-test fixtures: a client on a mocked gateway, and a fake transport."""

from __future__ import annotations

from typing import Any
from unittest.mock import create_autospec

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.client import Kili
from tests.unit.fakes import FakeTransport


@pytest.fixture
def gateway() -> Any:
    """A gateway mock that refuses calls to methods the real gateway does not have."""
    return create_autospec(KiliAPIGateway, instance=True)


@pytest.fixture
def kili(gateway: Any) -> Kili:
    """A client whose every method goes to the mocked gateway."""
    return Kili.from_gateway(gateway)


@pytest.fixture
def fake_transport() -> FakeTransport:
    """A fake transport holding 1,234 projects."""
    return FakeTransport([{"id": f"p{i}", "title": f"Project {i}"} for i in range(1234)])


@pytest.fixture(autouse=True)
def no_configuration_file_of_the_user(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Keep a `kili-sdk-config.json` in the developer's home out of every client built."""
    monkeypatch.setenv("HOME", str(tmp_path_factory.getbasetemp() / "home-without-config"))
