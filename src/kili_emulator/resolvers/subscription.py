"""Subscriptions: `labelCreatedOrUpdated`, fed by `kili_emulator.events`.

A subscription field resolves in two roles, told apart by its root value:

- started with a `SubscriptionRequest` root, it checks the arguments and the viewer's
  rights, and leaves on the request how to open the event stream;
- run on an event (the published label), it returns that event, which the `Label`
  type's resolvers then read.

`kili_emulator.protocol.graphql_ws` drives both over the websocket; each run is an ordinary
synchronous execution holding the database lock, like an HTTP request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

from ariadne import ObjectType

from kili_emulator.context import Info, context_of
from kili_emulator.events import open_label_stream
from kili_emulator.permissions import READ_PROJECT, require_project

subscription = ObjectType("Subscription")


class SubscriptionRequest:
    """Root value of the execution that starts a subscription.

    Attributes:
        open_stream: Set by the subscription field once the request is accepted; called
            on the event loop, it returns the subscribed events.
    """

    def __init__(self) -> None:
        self.open_stream: Callable[[], AsyncIterator[Any]] | None = None


@subscription.field("labelCreatedOrUpdated")
def resolve_label_created_or_updated(root: Any, info: Info, **args: Any) -> Any:
    """Accept a subscription to a project's labels, or return one label event."""
    if isinstance(root, SubscriptionRequest):
        project = require_project(context_of(info), args["projectID"], READ_PROJECT)
        project_id = str(project["id"])
        root.open_stream = lambda: open_label_stream(project_id)
        return None
    return root


BINDABLES = [subscription]
