"""Client methods that run the labeling queue: metadata, assignment, priority, consensus, skips."""

from __future__ import annotations

from typing import Any, Literal

from kili.domain.asset import (
    AssetActionOutcome,
    AssetExternalId,
    AssetId,
    AssetReference,
    AssetsByExternalId,
    AssetsById,
)
from kili.domain.project import ProjectId
from kili.domain.query import ListOrTuple
from kili.exceptions import (
    IncompatibleArgumentsError,
    InvalidArgumentError,
    MissingArgumentError,
)
from kili.presentation.client.arguments import check_lengths, checked, designated_assets
from kili.presentation.client.asset.arguments import designated_unless_empty, did_nothing
from kili.presentation.client.base import ClientBase
from kili.use_cases.asset_metadata import AssetMetadataUseCases
from kili.use_cases.asset_queue import AssetQueueUseCases

MAX_PRIORITY = 2**31 - 1
"""Largest priority: the API's priorities are 32-bit integers."""

MetadataValue = str | int | float
"""What a metadata value may be, as the official SDK types it."""


class AssetOperationMethods(ClientBase):
    """Methods of `Kili` that change how assets are labeled, without changing their content."""

    @checked
    def add_metadata(
        self,
        json_metadata: ListOrTuple[dict[str, MetadataValue]],
        project_id: str,
        asset_ids: ListOrTuple[str] | None = None,
        external_ids: ListOrTuple[str] | None = None,
    ) -> list[dict[Literal["id"], str]]:
        """Add keys to the metadata of assets, keeping the keys they already have.

        Idempotent: the metadata are read, merged and written whole, so writing them
        again leaves the same state and a failed request is retried. A key given again
        takes the new value.

        Args:
            json_metadata: The keys to add to each asset, one dict per asset.
            project_id: The project of the assets.
            asset_ids: The assets, by id.
            external_ids: The assets, by external id (if `asset_ids` is not given).

        Returns:
            The ids of the updated assets, as `[{"id": ...}]`.

        Raises:
            MissingArgumentError: Neither `asset_ids` nor `external_ids` was given.
            IncompatibleArgumentsError: Both were given.
            InvalidArgumentError: `json_metadata` does not have one dict per asset.
            NotFound: Some assets are not in the project.

        Example:
            ```python
            kili.add_metadata([{"source": "web"}, {"reviewed": 1}], project_id,
                              external_ids=["a", "b"])
            ```
        """
        return self._change_metadata(json_metadata, project_id, asset_ids, external_ids, False)

    @checked
    def set_metadata(
        self,
        json_metadata: ListOrTuple[dict[str, MetadataValue]],
        project_id: str,
        asset_ids: ListOrTuple[str] | None = None,
        external_ids: ListOrTuple[str] | None = None,
    ) -> list[dict[Literal["id"], str]]:
        """Replace the metadata of assets, keeping the keys that drive their display.

        Idempotent: the new metadata are written whole, so writing them again leaves
        the same state and a failed request is retried.

        The keys `text`, `imageUrl`, `url` and `processingParameters` tell Kili how to
        show or process an asset: an asset keeps them unless the new metadata give them.

        Args:
            json_metadata: The new metadata of each asset, one dict per asset.
            project_id: The project of the assets.
            asset_ids: The assets, by id.
            external_ids: The assets, by external id (if `asset_ids` is not given).

        Returns:
            The ids of the updated assets, as `[{"id": ...}]`.

        Raises:
            MissingArgumentError: Neither `asset_ids` nor `external_ids` was given.
            IncompatibleArgumentsError: Both were given.
            InvalidArgumentError: `json_metadata` does not have one dict per asset.
            NotFound: Some assets are not in the project.

        Example:
            ```python
            kili.set_metadata([{"batch": 3}], project_id, asset_ids=[asset_id])
            ```
        """
        return self._change_metadata(json_metadata, project_id, asset_ids, external_ids, True)

    def _change_metadata(
        self,
        json_metadata: ListOrTuple[dict[str, MetadataValue]],
        project_id: str,
        asset_ids: ListOrTuple[str] | None,
        external_ids: ListOrTuple[str] | None,
        replace: bool,
    ) -> list[dict[Literal["id"], str]]:
        method = "set_metadata" if replace else "add_metadata"
        if did_nothing(method, {"json_metadata": json_metadata}):
            return []
        assets = designated_assets(asset_ids, external_ids, project_id)
        name = "asset_ids" if isinstance(assets, AssetsById) else "external_ids"
        check_lengths({"json_metadata": json_metadata}, per="asset", expected=(name, len(assets)))
        updated = AssetMetadataUseCases(self.kili_api_gateway).change_metadata(
            ProjectId(project_id),
            assets,
            json_metadata,
            replace=replace,
            disable_tqdm=self._hide_progress(None),
        )
        return [{"id": asset_id} for asset_id in updated]

    @checked
    def assign_assets_to_labelers(
        self,
        to_be_labeled_by_array: ListOrTuple[ListOrTuple[str]],
        asset_ids: ListOrTuple[str] | None = None,
        external_ids: ListOrTuple[str] | None = None,
        project_id: str | None = None,
    ) -> dict[str, list[dict[str, Any]]]:
        """Choose who labels each asset; assigning an asset to nobody unassigns it.

        Idempotent: the assignees of each asset are replaced, not added to, so sending
        the same assignment again leaves the same state and a failed request is retried;
        the assignments are then read back to report each asset.

        Args:
            to_be_labeled_by_array: For each asset, the labelers allowed to label it, by
                user id or email; `[]` lets every labeler label it.
            asset_ids: The assets, by id.
            external_ids: The assets, by external id (with `project_id`).
            project_id: The project of `external_ids`.

        Returns:
            `succeeded`: the assets now assigned as asked, `declined`: the others, and
            `failed`: always empty, a failed request raising instead; each asset as
            `{"assetId": ..., "externalId": ...}`.

        Raises:
            MissingArgumentError: Neither `asset_ids` nor `external_ids` was given, or
                `external_ids` came without `project_id`.
            IncompatibleArgumentsError: Both were given.
            InvalidArgumentError: `to_be_labeled_by_array` does not have one list per
                asset.
            NotFound: Some assets do not exist, or some labelers are not active members
                of the project; nothing is sent.

        Example:
            ```python
            kili.assign_assets_to_labelers(
                [["ann@example.com"], []], asset_ids=[first_id, second_id]
            )
            ```
        """
        assets = designated_unless_empty(
            "assign_assets_to_labelers", asset_ids, external_ids, project_id
        )
        if assets is None:
            return _shaped(AssetActionOutcome((), ()))
        name = "asset_ids" if isinstance(assets, AssetsById) else "external_ids"
        check_lengths(
            {"to_be_labeled_by_array": to_be_labeled_by_array},
            per="asset",
            expected=(name, len(assets)),
        )
        outcome = AssetQueueUseCases(self.kili_api_gateway).assign(
            assets, to_be_labeled_by_array, disable_tqdm=self._hide_progress(None)
        )
        return _shaped(outcome)

    @checked
    def set_assets_priority(
        self,
        priority: int,
        asset_ids: ListOrTuple[str] | None = None,
        external_ids: ListOrTuple[str] | None = None,
        project_id: str | None = None,
    ) -> dict[str, list[dict[str, Any]]]:
        """Give assets a labeling priority: assets of higher priority are labeled first.

        Idempotent: setting the same priority again leaves the same state, so a failed
        request is retried; the priorities are then read back to report each asset.

        Args:
            priority: The priority of every asset, 0 or more (0 by default on import).
            asset_ids: The assets, by id.
            external_ids: The assets, by external id (with `project_id`).
            project_id: The project of `external_ids`.

        Returns:
            `succeeded`: the assets now of this priority, `declined`: the others, and
            `failed`: always empty, a failed request raising instead; each asset as
            `{"assetId": ..., "externalId": ...}`.

        Raises:
            InvalidArgumentError: `priority` is negative or over 2,147,483,647.
            MissingArgumentError: Neither `asset_ids` nor `external_ids` was given, or
                `external_ids` came without `project_id`.
            IncompatibleArgumentsError: Both were given.
            NotFound: Some assets do not exist.

        Example:
            ```python
            kili.set_assets_priority(2, external_ids=["urgent-1"], project_id=project_id)
            ```
        """
        if not 0 <= priority <= MAX_PRIORITY:
            raise InvalidArgumentError(
                f"priority must be between 0 and {MAX_PRIORITY}, got {priority}."
            )
        assets = designated_unless_empty("set_assets_priority", asset_ids, external_ids, project_id)
        if assets is None:
            return _shaped(AssetActionOutcome((), ()))
        outcome = AssetQueueUseCases(self.kili_api_gateway).set_priority(
            assets, priority, disable_tqdm=self._hide_progress(None)
        )
        return _shaped(outcome)

    @checked
    def update_asset_consensus(
        self,
        project_id: str,
        is_consensus: bool,
        asset_id: str | None = None,
        external_id: str | None = None,
    ) -> bool:
        """Make one asset take part, or not, in consensus.

        Idempotent: setting the same value again leaves the same state, so a failed
        request is retried.

        Args:
            project_id: The project of the asset.
            is_consensus: Whether the asset takes part in consensus.
            asset_id: The asset, by id.
            external_id: The asset, by external id (if `asset_id` is not given).

        Returns:
            The value set, as the API answers it.

        Raises:
            MissingArgumentError: Neither `asset_id` nor `external_id` was given.
            IncompatibleArgumentsError: Both were given.
            NotFound: The external id is not in the project.

        Example:
            ```python
            kili.update_asset_consensus(project_id, True, external_id="scan-12")
            ```
        """
        if asset_id is None and external_id is None:
            raise MissingArgumentError(
                "Give asset_id or external_id: the asset whose consensus to update."
            )
        if asset_id is not None and external_id is not None:
            raise IncompatibleArgumentsError("Give either asset_id or external_id, not both.")
        project = ProjectId(project_id)
        asset = (
            AssetsById((AssetId(asset_id),), project)
            if asset_id is not None
            else AssetsByExternalId((AssetExternalId(str(external_id)),), project)
        )
        return AssetQueueUseCases(self.kili_api_gateway).set_consensus(project, asset, is_consensus)

    @checked
    def skip_or_unskip(
        self,
        action: Literal["skip", "unskip"],
        asset_id: str,
        project_id: str,
        reason: str | None = None,
    ) -> str:
        """Skip an asset, taking it out of the labeling queue, or take a skip back.

        Idempotent: skipping a skipped asset, or unskipping one that is not skipped,
        leaves it as it is, so a failed request is retried.

        Args:
            action: `"skip"` or `"unskip"`.
            asset_id: The asset.
            project_id: The project of the asset.
            reason: Why the asset is skipped; needed to skip, not used to unskip.

        Returns:
            The id of the asset.

        Raises:
            MissingArgumentError: `action` is `"skip"` and no `reason` was given.
            InvalidArgumentError: The reason is blank.

        Example:
            ```python
            kili.skip_or_unskip("skip", asset_id, project_id, reason="Blurry image")
            ```
        """
        use_cases = AssetQueueUseCases(self.kili_api_gateway)
        if action == "unskip":
            return use_cases.unskip(ProjectId(project_id), AssetId(asset_id))
        if reason is None:
            raise MissingArgumentError("Give a reason to skip an asset.")
        if not reason.strip():
            raise InvalidArgumentError("The reason to skip an asset must not be blank.")
        return use_cases.skip(ProjectId(project_id), AssetId(asset_id), reason)


def _shaped(outcome: AssetActionOutcome) -> dict[str, list[dict[str, Any]]]:
    """Shape an outcome as the official SDK returns it."""

    def items(references: tuple[AssetReference, ...]) -> list[dict[str, Any]]:
        return [{"assetId": ref.asset_id, "externalId": ref.external_id} for ref in references]

    return {
        "succeeded": items(outcome.succeeded),
        "declined": items(outcome.declined),
        "failed": [],
    }
