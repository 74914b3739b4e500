"""The names by which the layers above the use cases hold what the adapters build.

Use cases receive the gateway; they never build it. The client (the composition root,
`kili.client`) builds the adapter, and the client methods hand it to the use cases
without calling it, holding it as `KiliGateway`. The names point at the adapters'
classes for type checkers only: no module of `kili.presentation` imports
`kili.adapters`, and the import-linter contract that forbids it holds without
exceptions. A `typing.Protocol` listing the gateway's methods would say the same
at the cost of a second copy of its thirty-odd signatures; an alias keeps one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TypeAlias

    from kili.adapters.kili_api_gateway import KiliAPIGateway
    from kili.adapters.kili_api_gateway.subscription.graphql_ws import WebSocketSubscription

    KiliGateway: TypeAlias = KiliAPIGateway
    """The gateway every use case takes."""

    LabelSubscription: TypeAlias = WebSocketSubscription
    """A live subscription to the labels of a project; `close()` ends it."""
