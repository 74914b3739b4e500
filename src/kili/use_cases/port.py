"""The gateway as the use cases see it: the names the layers above may hold it by.

Use cases receive the gateway; they never build it. The client (the composition root,
`kili.client`) builds the adapter and the presentation layer hands it to the use cases,
typed as `KiliGateway`. That name points at the adapter's class for type checkers
only, so that no module of `kili.presentation` imports `kili.adapters`, and the
import-linter contract that forbids it holds without exceptions.

A use case that needs only a few gateway methods names them in a narrow port below (a
`typing.Protocol`): the real gateway satisfies it structurally, and the use case's unit
tests drive it with an in-memory fake of just those methods, with no GraphQL in sight.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kili.domain.asset import AssetExternalId, AssetId, AssetToCreate
from kili.domain.project import ProjectId

if TYPE_CHECKING:
    from typing import TypeAlias

    from kili.adapters.kili_api_gateway import KiliAPIGateway
    from kili.adapters.kili_api_gateway.subscription.graphql_ws import WebSocketSubscription

    KiliGateway: TypeAlias = KiliAPIGateway
    """The gateway every use case takes unless it names a narrow port."""

    LabelSubscription: TypeAlias = WebSocketSubscription
    """A live subscription to the labels of a project; `close()` ends it."""


class AssetLookup(Protocol):
    """Find assets of a project by external id: what resolving a designation needs."""

    def asset_ids_by_external_id(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> dict[AssetExternalId, list[AssetId]]:
        """Map each of `external_ids` found in the project to the ids of its assets.

        External ids missing from the project are absent from the result.
        """
        ...


class AssetImportGateway(AssetLookup, Protocol):
    """What importing assets needs: existence checks, uploads, creation, look-ups."""

    def existing_external_ids(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> set[AssetExternalId]:
        """Return those of `external_ids` already used by assets of the project."""
        ...

    def upload_local_files(self, project_id: ProjectId, paths: Sequence[Path]) -> list[str]:
        """Upload local files to the project's storage and return the URL of each."""
        ...

    def append_many_assets(
        self, project_id: ProjectId, assets: Sequence[AssetToCreate]
    ) -> list[dict[str, Any]]:
        """Create `assets` in the project and return their `id` and `externalId`.

        Raises:
            UncertainWriteError: The request failed after it may have been applied.
            GraphQLError: The API refused it; code `CONFLICT` when an external id of
                the batch is already used in the project.
        """
        ...
