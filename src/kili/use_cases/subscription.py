"""Subscription use cases: live label events of a project."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kili.domain.project import ProjectId

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway
    from kili.adapters.kili_api_gateway.subscription.graphql_ws import WebSocketSubscription


class SubscriptionUseCases:
    """Subscriptions to what happens in a project."""

    def __init__(self, gateway: KiliAPIGateway) -> None:
        self._gateway = gateway

    def subscribe_to_labels(
        self,
        project_id: ProjectId,
        on_label: Callable[[str, dict[str, Any]], None],
    ) -> WebSocketSubscription:
        """Run `on_label(asset_id, label)` for each label created or updated in the project."""
        return self._gateway.subscribe_to_labels(project_id, on_label)
