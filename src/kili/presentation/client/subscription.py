"""Client methods about live events: labels created or updated in a project."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kili.domain.project import ProjectId
from kili.exceptions import InvalidArgumentError
from kili.presentation.client.arguments import checked
from kili.presentation.client.base import ClientBase
from kili.use_cases.subscription import SubscriptionUseCases

if TYPE_CHECKING:
    from kili.use_cases.port import LabelSubscription
else:  # argument validation reads the annotations at run time
    LabelSubscription = Any


class SubscriptionClientMethods(ClientBase):
    """Methods of `Kili` that subscribe to live events."""

    @checked
    def label_created_or_updated(
        self, project_id: str, callback: Callable[[str, dict[str, Any]], None]
    ) -> LabelSubscription:
        """Call `callback` each time a label of the project is created or updated.

        The subscription runs over a websocket beside the API endpoint, in a background
        thread, where `callback` is called; it keeps the program running until it is
        closed. A dropped connection is re-established, with waits growing from half a
        second to thirty seconds, and the subscription stops after ten failed attempts in
        a row; labels written while it is reconnecting are not sent afterwards.

        Args:
            project_id: The project whose labels to follow.
            callback: Called as `callback(asset_id, label)`, where `label` is a dict with
                `id`, `assetId`, `author` (`id`, `email`), `createdAt`, `labelOf` (`id`),
                `labelType` and `jsonResponse` (decoded into a dict). An exception it
                raises is logged and the subscription goes on.

        Returns:
            The running subscription: `close()` stops it, and so does leaving a `with`
            block; `wait()` blocks until it stops; `pause()` and `unpause()` drop the
            events in between; `error` says why it stopped by itself, if it did.

        Raises:
            MissingExtraError: The `websockets` package is missing: install
                `kili[subscriptions]`.
            AuthenticationFailed: The server refused the API key.
            GraphQLError: The server refused the subscription.
            KiliConnectionError: The server could not be reached.

        Example:
            ```python
            def on_label(asset_id: str, label: dict) -> None:
                print(asset_id, label["labelType"], label["jsonResponse"])

            with kili.label_created_or_updated(project_id, on_label):
                ...  # labels created or updated meanwhile reach on_label
            ```
        """
        if not project_id:
            raise InvalidArgumentError("label_created_or_updated(): 'project_id' is empty")
        return SubscriptionUseCases(self.kili_api_gateway).subscribe_to_labels(
            ProjectId(project_id), callback
        )
