"""Fixtures: one emulator per test session (file database), and clients per role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kili_emulator import EmulatorServer
from tests.emulator.helpers import Client


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session server's database file."""
    return tmp_path_factory.mktemp("emulator") / "emulator.db"


@pytest.fixture(scope="session")
def server(db_path: Path) -> Iterator[EmulatorServer]:
    """One emulator shared by the whole session; tests isolate themselves by project."""
    with EmulatorServer(db=db_path) as running:
        yield running


@pytest.fixture(scope="session")
def admin(server: EmulatorServer) -> Client:
    """Client of the seeded organization admin."""
    return Client(server.endpoint, server.api_key)


@pytest.fixture
def project_id(admin: Client, request: pytest.FixtureRequest) -> str:
    """A fresh project owned by the admin, named after the test."""
    return admin.create_project(title=request.node.name)
