"""Settings of one emulator instance, shared by the CLI, the app and `EmulatorServer`."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

DEFAULT_API_KEY = "kili-emulator-dev-key"
"""Development API key owned by the seeded admin; it only ever guards a local emulator."""

API_KEY_ENV_VAR = "KILI_EMULATOR_API_KEY"
"""Environment variable that overrides `DEFAULT_API_KEY`."""

DEFAULT_ADMIN_EMAIL = "admin@kili-emulator.local"
"""Email of the organization admin created on first start."""

GRAPHQL_PATH = "/api/label/v2/graphql"
VERSION_PATH = "/api/label/v2/version"
FILES_PATH = "/api/label/v2/files"

MIB = 1024 * 1024


def default_api_key() -> str:
    """Return the API key to seed: the environment's if set, else the development key."""
    return os.environ.get(API_KEY_ENV_VAR) or DEFAULT_API_KEY


@dataclass(frozen=True)
class QueryLimits:
    """Bounds on one GraphQL operation, so that no request holds the database for long.

    The official SDK nests at most four fields deep and never selects a list inside
    itself; these bounds leave room for hand-written queries while refusing the
    recursive selections (``users { organization { users { ... } } }``) whose cost
    grows as a power of the data size.

    Attributes:
        max_depth: Deepest field nesting of an operation (introspection aside).
        max_aliases: Most aliased fields in one document.
        max_selections: Most fields in one document once its fragments are expanded.
        max_resolved_fields: Most field resolutions one execution may perform before
            it is stopped: the backstop for costs no static check can foresee.
    """

    max_depth: int = 8
    max_aliases: int = 30
    max_selections: int = 2_000
    max_resolved_fields: int = 1_000_000

    def __post_init__(self) -> None:
        limits = (self.max_depth, self.max_aliases, self.max_selections, self.max_resolved_fields)
        if min(limits) < 1:
            raise ValueError("query limits must be positive")


@dataclass(frozen=True)
class EmulatorSettings:
    """How one emulator instance stores data, authenticates and misbehaves.

    Attributes:
        db: SQLite database path, or ``":memory:"`` for a throw-away database.
        api_key: Key given to the seeded admin; requests must present an active key.
        latency_ms: Delay added to every HTTP request, to surface client timeouts.
        fault_rate: Share (0 to 1) of GraphQL requests that fail with 502/503 or a
            dropped connection, some of them after the mutation committed.
        seed: Seed of the fault generator, so that a failing run can be replayed.
        max_body_bytes: Largest GraphQL request body accepted (413 above).
        max_upload_bytes: Largest file accepted by the upload route (413 above).
        allowed_hosts: Host names accepted in the ``Host`` header besides the loopback
            names; anything else is refused, so a DNS name rebound to this machine
            cannot reach the emulator from a browser.
        allowed_origins: Browser origins (``scheme://host[:port]``) accepted besides
            loopback ones; other web pages may not use the emulator.
        query_limits: Bounds on the shape and cost of one GraphQL operation.
    """

    db: str = ":memory:"
    api_key: str = DEFAULT_API_KEY
    latency_ms: int = 0
    fault_rate: float = 0.0
    seed: int | None = None
    max_body_bytes: int = 50 * MIB
    max_upload_bytes: int = 200 * MIB
    allowed_hosts: tuple[str, ...] = ()
    allowed_origins: tuple[str, ...] = ()
    query_limits: QueryLimits = field(default_factory=QueryLimits)

    def __post_init__(self) -> None:
        if not self.api_key:
            raise ValueError("api_key must not be empty")
        if self.latency_ms < 0:
            raise ValueError("latency_ms must be >= 0")
        if not 0.0 <= self.fault_rate <= 1.0:
            raise ValueError("fault_rate must be between 0 and 1")
        if self.max_body_bytes <= 0 or self.max_upload_bytes <= 0:
            raise ValueError("body limits must be positive")


def _version() -> str:
    try:
        return version("kili")
    except PackageNotFoundError:
        return "0.1.0"


VERSION = _version()
"""Version answered by the version route: the distribution's, which ships both packages."""

API_KEY_LIFETIME_DAYS = 365
"""Lifetime of the API keys the emulator creates; clients warn when expiry is close."""
