"""The gateway as the use cases see it: the one name the layers above may hold it by.

Use cases receive the gateway; they never build it. The client (the composition root,
`kili.client`) builds the adapter and the presentation layer hands it to the use cases,
typed as `KiliGateway`. The name points at the adapter's class for type checkers
only, so that no module of `kili.presentation` imports `kili.adapters`, and the
import-linter contract that forbids it holds without exceptions.
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
