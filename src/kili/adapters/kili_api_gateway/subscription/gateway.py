"""Subscription part of the gateway."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.json_fields import decode_json_fields
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.adapters.kili_api_gateway.subscription.graphql_ws import (
    Operation,
    ReconnectPolicy,
    WebSocketSubscription,
    default_connect,
    websocket_url,
)
from kili.adapters.kili_api_gateway.subscription.operations import (
    LABEL_CREATED_OR_UPDATED,
    READY_PROBE,
)
from kili.domain.project import ProjectId

logger = logging.getLogger("kili")

LabelCallback = Callable[[str, dict[str, Any]], None]
"""Receives the id of the label's asset, then the label."""


class SubscriptionGateway(GatewayBase):
    """Live events, over a websocket beside the GraphQL endpoint."""

    def subscribe_to_labels(
        self,
        project_id: ProjectId,
        on_label: LabelCallback,
        *,
        policy: ReconnectPolicy | None = None,
    ) -> WebSocketSubscription:
        """Call `on_label(asset_id, label)` for each label created or updated in a project.

        Returns once the server has taken the subscription; events then arrive in a
        background thread until the returned subscription is closed.

        Raises:
            MissingExtraError: The `websockets` package (`kili[subscriptions]`) is missing.
            AuthenticationFailed: The server refused the API key.
            GraphQLError: The server refused the subscription.
            KiliConnectionError: The server could not be reached.
        """
        connect = default_connect()
        operation = Operation(
            document=checked_document(LABEL_CREATED_OR_UPDATED),
            variables={"projectID": project_id},
            on_data=lambda payload: _deliver_label(payload, on_label),
            ready_probe=checked_document(READY_PROBE),
        )
        target = self.transport.websocket_target()
        subscription = WebSocketSubscription(
            websocket_url(target.endpoint),
            target.authorization,
            operation,
            verify=target.verify,
            policy=policy,
            connect=connect,
        )
        subscription.start()
        return subscription


def _deliver_label(payload: dict[str, Any], on_label: LabelCallback) -> None:
    """Hand the label of one `data` payload to `on_label`, its jsonResponse decoded."""
    for error in payload.get("errors") or ():
        logger.warning("Label event with an error: %s", error.get("message", error))
    label = (payload.get("data") or {}).get("data")
    if not isinstance(label, dict):
        return
    decode_json_fields(label, ("jsonResponse",))
    asset = label.get("labelOf") or {}
    on_label(str(asset.get("id") or label.get("assetId")), label)
