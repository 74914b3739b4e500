"""kili-emulator: a local Kili-compatible GraphQL server.

It serves the same SDL as the SDK (``kili/adapters/kili_api_gateway/schema.graphql``)
over SQLite, with Kili's authentication, permissions and asset semantics, so that
code using the Kili API can be tested without a Kili account. Start one with
`EmulatorServer` (from Python) or ``kili-emulator serve`` (from a shell).

The server needs the `kili[emulator]` extra; `create_app` and `EmulatorServer` are
imported on first use, so that importing this package (as the pytest plugin does in
every install) never requires the extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kili_emulator.settings import (
    DEFAULT_ADMIN_EMAIL,
    DEFAULT_API_KEY,
    GRAPHQL_PATH,
    VERSION,
    EmulatorSettings,
)

if TYPE_CHECKING:
    from kili_emulator.app import create_app
    from kili_emulator.server import EmulatorServer

__version__ = VERSION

__all__ = [
    "DEFAULT_ADMIN_EMAIL",
    "DEFAULT_API_KEY",
    "GRAPHQL_PATH",
    "EmulatorServer",
    "EmulatorSettings",
    "__version__",
    "create_app",
]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from kili_emulator.app import create_app

        return create_app
    if name == "EmulatorServer":
        from kili_emulator.server import EmulatorServer

        return EmulatorServer
    raise AttributeError(f"module 'kili_emulator' has no attribute {name!r}")
