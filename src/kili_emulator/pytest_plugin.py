"""Pytest fixtures that run tests against a local Kili emulator over real HTTP.

The plugin registers itself with every install of `kili`; a test only names the
fixtures it needs:

```python
def test_import(kili, project_id):
    kili.append_many_to_dataset(project_id, content_array=["https://example.com/a.jpg"])
    assert kili.count_assets(project_id) == 1
```

One emulator (in-memory database, free loopback port) serves the whole session; each
test gets a fresh project, so tests do not see each other's data. To see how code
behaves over a slow network, give every request a simulated round trip:
``pytest --kili-emulator-latency-ms 50`` (or ``kili_emulator_latency_ms = 50`` in the
pytest configuration).

This module imports nothing from the `kili[emulator]` extra at load time: pytest loads
it in every project of an environment where `kili` is installed, and a plain install
must not break unrelated test runs. The server is imported when a fixture first needs
it; without the extra, that fixture fails with the command that installs it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from kili.client import Kili
    from kili_emulator.server import EmulatorServer

MISSING_EXTRA_MESSAGE = (
    "The Kili emulator fixtures need the emulator extra, which is not installed "
    "({missing}): pip install 'kili[emulator]'"
)

DEFAULT_JSON_INTERFACE: dict[str, Any] = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "content": {
                "categories": {"A": {"name": "A"}, "B": {"name": "B"}},
                "input": "radio",
            },
            "instruction": "Class",
            "required": 1,
            "isChild": False,
        },
        "OBJECT_DETECTION_JOB": {
            "mlTask": "OBJECT_DETECTION",
            "tools": ["rectangle"],
            "content": {
                "categories": {"CAR": {"name": "Car"}, "PERSON": {"name": "Person"}},
                "input": "radio",
            },
            "instruction": "Objects",
            "required": 0,
            "isChild": False,
        },
    }
}
"""Interface of the projects `project_id` makes: one classification and one box job."""

ProjectFactory = Callable[..., str]

LATENCY_OPTION = "kili_emulator_latency_ms"
LATENCY_HELP = "milliseconds the session's Kili emulator waits before answering each request"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add the emulator's simulated round trip, as a command-line and a configuration option."""
    parser.addoption(
        "--kili-emulator-latency-ms", dest=LATENCY_OPTION, type=int, default=None, help=LATENCY_HELP
    )
    parser.addini(LATENCY_OPTION, LATENCY_HELP, default="0")


def latency_ms(config: pytest.Config) -> int:
    """Return the simulated round trip asked for: command line first, then configuration.

    Raises:
        pytest.UsageError: The value is not a whole number of milliseconds, or negative.
    """
    value = config.getoption(LATENCY_OPTION)
    if value is None:
        value = config.getini(LATENCY_OPTION)
    try:
        milliseconds = int(value)
    except ValueError:
        raise pytest.UsageError(f"{LATENCY_OPTION} must be an integer, got {value!r}") from None
    if milliseconds < 0:
        raise pytest.UsageError(f"{LATENCY_OPTION} must be >= 0, got {milliseconds}")
    return milliseconds


@pytest.fixture(scope="session")
def emulator_server(pytestconfig: pytest.Config) -> Iterator[EmulatorServer]:
    """Run one emulator, with an in-memory database, for the whole test session."""
    try:
        from kili_emulator.server import EmulatorServer
    except ImportError as missing:
        pytest.fail(MISSING_EXTRA_MESSAGE.format(missing=missing), pytrace=False)
    with EmulatorServer(db=":memory:", latency_ms=latency_ms(pytestconfig)) as server:
        yield server


@pytest.fixture(scope="session")
def kili(emulator_server: EmulatorServer) -> Iterator[Kili]:
    """A `Kili` client connected to the session's emulator, progress bars off.

    The client has no request budget: the cloud's 500 requests a minute protect a shared
    service, and spending them against a local emulator would only make tests wait.
    """
    from kili.client import Kili

    with Kili(
        api_key=emulator_server.api_key,
        api_endpoint=emulator_server.endpoint,
        disable_tqdm=True,
        rate_limit=None,
    ) as client:
        yield client


@pytest.fixture
def make_project(kili: Kili) -> ProjectFactory:
    """Create projects on the emulator: `make_project(input_type=..., json_interface=...)`."""

    def create(input_type: str = "IMAGE", json_interface: dict[str, Any] | None = None) -> str:
        created = kili.create_project(
            title=f"test project {uuid.uuid4().hex[:8]}",
            input_type=input_type,  # type: ignore[arg-type]
            json_interface=json_interface or DEFAULT_JSON_INTERFACE,
        )
        return created["id"]

    return create


@pytest.fixture
def project_id(make_project: ProjectFactory) -> str:
    """The id of a fresh IMAGE project with `DEFAULT_JSON_INTERFACE`."""
    return make_project()
