"""kili-emulator: a local Kili-compatible GraphQL server.

It serves the same SDL as the SDK (``kili/adapters/kili_api_gateway/schema.graphql``)
over SQLite, with Kili's authentication, permissions and asset semantics, so that
code using the Kili API can be tested without a Kili account. Start one with
`EmulatorServer` (from Python) or ``kili-emulator serve`` (from a shell).
"""

from kili_emulator.app import create_app
from kili_emulator.server import EmulatorServer
from kili_emulator.settings import (
    DEFAULT_ADMIN_EMAIL,
    DEFAULT_API_KEY,
    GRAPHQL_PATH,
    VERSION,
    EmulatorSettings,
)

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
