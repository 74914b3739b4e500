"""Client methods that write assets: import, update, external ids, deletion, queue moves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal
from uuid import uuid4

from kili.domain.asset import (
    AssetChanges,
    AssetDesignation,
    AssetExternalId,
    AssetId,
    AssetsById,
    AssetStatus,
    AssetToImport,
    PageResolution,
)
from kili.domain.project import ProjectId
from kili.domain.query import ListOrTuple
from kili.exceptions import IncompatibleArgumentsError
from kili.presentation.client.arguments import (
    check_lengths,
    checked,
    designated_assets,
    element,
)
from kili.presentation.client.asset.arguments import (
    asset_changes,
    designated_unless_empty,
    designating_array,
    did_nothing,
    read_text_assets_csv,
)
from kili.presentation.client.base import ClientBase
from kili.use_cases.asset import AssetUseCases
from kili.user_warnings import warn_deprecated

_STATUS_ARRAY_DEPRECATION = (
    "status_array is deprecated and is not sent: the status of an asset follows from its"
    " labels and cannot be set."
)


class AssetWriteMethods(ClientBase):
    """Methods of `Kili` that create, change or delete assets."""

    def _update_assets(
        self, assets: AssetDesignation, changes: list[AssetChanges]
    ) -> list[dict[Literal["id"], str]]:
        """Apply per-asset changes and return the ids updated, as `[{"id": ...}]`."""
        updated = AssetUseCases(self.kili_api_gateway).update_assets(
            assets, changes, disable_tqdm=self._hide_progress(None)
        )
        return [{"id": asset_id} for asset_id in updated]

    @checked
    def append_many_to_dataset(
        self,
        project_id: str,
        content_array: ListOrTuple[str | dict[str, Any] | list[Any]] | None = None,
        multi_layer_content_array: ListOrTuple[ListOrTuple[dict[str, Any]]] | None = None,
        external_id_array: ListOrTuple[str] | None = None,
        id_array: ListOrTuple[str] | None = None,
        is_honeypot_array: ListOrTuple[bool] | None = None,
        status_array: ListOrTuple[AssetStatus] | None = None,
        json_content_array: ListOrTuple[
            ListOrTuple[dict[str, Any] | str] | dict[str, Any] | str | None
        ]
        | None = None,
        json_metadata_array: ListOrTuple[dict[str, Any]] | None = None,
        disable_tqdm: bool | None = None,
        wait_until_availability: bool = True,
        from_csv: str | None = None,
        csv_separator: str = ",",
    ) -> dict[Literal["id", "asset_ids"], str | list[str]]:
        """Import assets into a project.

        Verified, not idempotent: after a batch whose answer is lost, its external ids
        are read back and only the assets not found are sent again. A batch refused
        because another import took some of its external ids meanwhile is sent again
        without them.

        Arrays are parallel: element `i` of each describes asset `i`. Assets whose
        external id is already used in the project are skipped with a warning naming
        them, so an interrupted import can simply be run again; assets given twice with
        the same external id are skipped too. After a network fault, a batch is never
        resent blindly: the assets it created are looked up first.

        Args:
            project_id: The project receiving the assets.
            content_array: One content per asset: a URL, a path to a local file
                (uploaded), a raw text (`TEXT` projects), or a dict (`LLM_RLHF` projects).
                Not needed when `multi_layer_content_array` or `json_content_array`
                describes the assets.
            multi_layer_content_array: For multi-layer `IMAGE` assets, the layers of each
                asset: dicts with the `path` of a local file and the layer's properties.
            external_id_array: The user's name of each asset; random ids by default.
            id_array: The id to give to each asset.
            is_honeypot_array: Whether each asset serves as a honeypot.
            status_array: Deprecated and ignored: statuses follow from labels. A value
                that is not a status is still refused.
            json_content_array: For `VIDEO` projects, the frames of each asset (URLs or
                local paths); for `TEXT` projects, rich text; for `IMAGE` projects, the
                layers of a multi-layer image.
            json_metadata_array: Metadata of each asset, shown with it. Keys such as
                `imageUrl`, `text` and `url` are displayed; `processingParameters` tunes
                how videos and geospatial images are processed.
            disable_tqdm: Hide the progress bar.
            wait_until_availability: Return only once the assets can be read back.
            from_csv: A CSV file of text assets with the columns `content` and
                `externalId`, instead of `content_array` and `external_id_array`.
            csv_separator: The column separator of `from_csv`.

        Returns:
            The project `id` and the `asset_ids` created, in the order given.

        Raises:
            MissingArgumentError: No content of any kind was given.
            IncompatibleArgumentsError: Two ways to give contents were mixed.
            InvalidArgumentError: Arrays of different lengths, a local file that does not
                exist, a CSV file without the needed columns, or an empty (or blank)
                external id.
            UncertainBatchWriteError: The server stayed unreachable; the error lists the
                assets created and offers the others (`unwritten_items`) to be sent again.

        Example:
            ```python
            kili.append_many_to_dataset(
                project_id,
                content_array=["https://example.com/a.png", "./images/b.png"],
                external_id_array=["a", "b"],
                json_metadata_array=[{"source": "web"}, {"source": "disk"}],
            )
            ```
        """
        if from_csv is not None:
            if content_array is not None or external_id_array is not None:
                raise IncompatibleArgumentsError(
                    "from_csv replaces content_array and external_id_array: give one or the other."
                )
            csv_contents, external_id_array = read_text_assets_csv(from_csv, csv_separator)
            content_array = list(csv_contents)
        if did_nothing(
            "append_many_to_dataset",
            {
                "content_array": content_array,
                "json_content_array": json_content_array,
                "multi_layer_content_array": multi_layer_content_array,
            },
        ):
            return {"id": project_id, "asset_ids": []}
        if status_array is not None:
            warn_deprecated(_STATUS_ARRAY_DEPRECATION)
        designating = designating_array(
            content_array, multi_layer_content_array, json_content_array
        )
        check_lengths(
            expected=designating,
            per="asset",
            arrays={
                "content_array": content_array,
                "multi_layer_content_array": multi_layer_content_array,
                "json_content_array": json_content_array,
                "external_id_array": external_id_array,
                "id_array": id_array,
                "is_honeypot_array": is_honeypot_array,
                "json_metadata_array": json_metadata_array,
            },
        )
        assets = [
            AssetToImport(
                external_id=AssetExternalId(
                    external_id_array[index] if external_id_array is not None else uuid4().hex
                ),
                content=element(content_array, index),
                json_content=element(json_content_array, index),
                multi_layer_content=tuple(multi_layer_content_array[index])
                if multi_layer_content_array is not None
                else None,
                json_metadata=element(json_metadata_array, index),
                is_honeypot=bool(element(is_honeypot_array, index)),
                id=AssetId(id_array[index]) if id_array is not None else None,
            )
            for index in range(designating[1])
        ]
        asset_ids = AssetUseCases(self.kili_api_gateway).import_assets(
            ProjectId(project_id),
            assets,
            disable_tqdm=self._hide_progress(disable_tqdm),
            wait_until_availability=wait_until_availability,
        )
        return {"id": project_id, "asset_ids": list(asset_ids)}

    @checked
    def update_properties_in_assets(
        self,
        asset_ids: ListOrTuple[str] | None = None,
        external_ids: ListOrTuple[str] | None = None,
        priorities: ListOrTuple[int | None] | None = None,
        json_metadatas: ListOrTuple[dict[str, Any] | str | None] | None = None,
        consensus_marks: ListOrTuple[float | None] | None = None,
        honeypot_marks: ListOrTuple[float | None] | None = None,
        to_be_labeled_by_array: ListOrTuple[ListOrTuple[str] | None] | None = None,
        contents: ListOrTuple[str | None] | None = None,
        json_contents: ListOrTuple[str | dict[str, Any] | list[Any] | None] | None = None,
        status_array: ListOrTuple[AssetStatus] | None = None,
        is_used_for_consensus_array: ListOrTuple[bool | None] | None = None,
        is_honeypot_array: ListOrTuple[bool | None] | None = None,
        project_id: str | None = None,
        resolution_array: ListOrTuple[dict[str, Any] | None] | None = None,
        page_resolutions_array: ListOrTuple[ListOrTuple[dict[str, Any] | PageResolution] | None]
        | None = None,
    ) -> list[dict[Literal["id"], str]]:
        """Change properties of assets; `None` (as an array or an element) changes nothing.

        Idempotent: writing the same values again leaves the same state, so a request
        that fails is retried.

        Arrays are parallel to the assets: element `i` applies to asset `i`.

        Args:
            asset_ids: The assets to change, by id.
            external_ids: The assets to change, by external id (with `project_id`).
            priorities: New priority of each asset (0 by default; higher comes first).
            json_metadatas: New metadata of each asset, as a dict or a JSON string.
            consensus_marks: New consensus mark of each asset, between 0 and 1.
            honeypot_marks: New honeypot mark of each asset, between 0 and 1.
            to_be_labeled_by_array: Emails of the labelers allowed to label each asset;
                `None` or `[]` for an asset lets every labeler label it again.
            contents: New content of each asset: a text (text projects) or a URL.
            json_contents: New JSON content of each asset: rich text, or the frame URLs
                of a video.
            status_array: Deprecated and ignored: statuses follow from labels. A value
                that is not a status is still refused.
            is_used_for_consensus_array: Whether each asset takes part in consensus.
            is_honeypot_array: Whether each asset serves as a honeypot.
            project_id: The project of `external_ids`.
            resolution_array: Size of each image or video asset: `{"width", "height"}`.
            page_resolutions_array: Size of every page of each PDF asset: a list of
                `PageResolution`, or of dicts with `width`, `height`, `pageNumber` and
                optionally `rotation`.

        Returns:
            The ids of the updated assets, as `[{"id": ...}]`.

        Raises:
            MissingArgumentError: Neither `asset_ids` nor `external_ids` was given, or
                `external_ids` came without `project_id`.
            IncompatibleArgumentsError: Both `asset_ids` and `external_ids` were given.
            InvalidArgumentError: An array's length differs from the number of assets.
            NotFound: Some external ids are not in the project.

        Example:
            ```python
            kili.update_properties_in_assets(
                asset_ids=[first_id, second_id],
                priorities=[None, 2],
                page_resolutions_array=[None, [PageResolution(640, 480, page_number=1)]],
            )
            ```
        """
        if did_nothing(
            "update_properties_in_assets", {"asset_ids": asset_ids, "external_ids": external_ids}
        ):
            return []
        if status_array is not None:
            warn_deprecated(_STATUS_ARRAY_DEPRECATION)
        if asset_ids is not None and external_ids is not None:
            warn_deprecated(
                "external_ids now designates the assets to update, as asset_ids does; to give"
                " assets new external ids, use kili.change_asset_external_ids()."
            )
        arrays: dict[str, Sequence[Any] | None] = {
            "priorities": priorities,
            "json_metadatas": json_metadatas,
            "consensus_marks": consensus_marks,
            "honeypot_marks": honeypot_marks,
            "to_be_labeled_by_array": to_be_labeled_by_array,
            "contents": contents,
            "json_contents": json_contents,
            "is_used_for_consensus_array": is_used_for_consensus_array,
            "is_honeypot_array": is_honeypot_array,
            "resolution_array": resolution_array,
            "page_resolutions_array": page_resolutions_array,
        }
        assets = designated_assets(asset_ids, external_ids, project_id)
        check_lengths(arrays, per="asset", expected=(_designation_name(assets), len(assets)))
        return self._update_assets(
            assets, [asset_changes(arrays, index) for index in range(len(assets))]
        )

    @checked
    def change_asset_external_ids(
        self,
        new_external_ids: ListOrTuple[str],
        asset_ids: ListOrTuple[str] | None = None,
        external_ids: ListOrTuple[str] | None = None,
        project_id: str | None = None,
    ) -> list[dict[Literal["id"], str]]:
        """Give assets new external ids.

        Idempotent: renaming to the same external ids again leaves the same state, so
        a request that fails is retried.

        Args:
            new_external_ids: The new external id of each asset.
            asset_ids: The assets to rename, by id.
            external_ids: The assets to rename, by current external id (with
                `project_id`).
            project_id: The project of `external_ids`.

        Returns:
            The ids of the renamed assets, as `[{"id": ...}]`.

        Raises:
            InvalidArgumentError: `new_external_ids` does not have one id per asset.

        Example:
            ```python
            kili.change_asset_external_ids(["scan-1", "scan-2"], asset_ids=[id_1, id_2])
            ```
        """
        if did_nothing("change_asset_external_ids", {"new_external_ids": new_external_ids}):
            return []
        assets = designated_assets(asset_ids, external_ids, project_id)
        check_lengths(
            {"new_external_ids": new_external_ids},
            per="asset",
            expected=(_designation_name(assets), len(assets)),
        )
        changes = [AssetChanges(external_id=AssetExternalId(new)) for new in new_external_ids]
        return self._update_assets(assets, changes)

    @checked
    def delete_many_from_dataset(
        self,
        asset_ids: ListOrTuple[str] | None = None,
        external_ids: ListOrTuple[str] | None = None,
        project_id: str | None = None,
    ) -> dict[Literal["id"], str] | None:
        """Delete assets, and return once they are gone from reads.

        Idempotent: deleting what is already gone changes nothing, so a request that
        fails is retried; the call then reads until the assets are gone.

        Args:
            asset_ids: The assets to delete, by id.
            external_ids: The assets to delete, by external id (with `project_id`).
            project_id: The project of `external_ids`.

        Returns:
            The project `id`, or `None` when there was nothing to delete.
        """
        assets = designated_unless_empty(
            "delete_many_from_dataset", asset_ids, external_ids, project_id
        )
        if assets is None:
            return None
        project = AssetUseCases(self.kili_api_gateway).delete_assets(assets)
        return {"id": project} if project is not None else None

    @checked
    def add_to_review(
        self,
        asset_ids: ListOrTuple[str] | None = None,
        external_ids: ListOrTuple[str] | None = None,
        project_id: str | None = None,
    ) -> dict[str, Any] | None:
        """Move assets to review; assets without any label are left where they are.

        Idempotent: moving an asset where it already is changes nothing, so a request
        that fails is retried; what moved is read back from the statuses.

        Args:
            asset_ids: The assets to move, by id.
            external_ids: The assets to move, by external id (with `project_id`).
            project_id: The project of `external_ids`.

        Returns:
            The project `id` and the `asset_ids` now to review, or `None` when no asset
            changed status (all already to review, or unlabeled).
        """
        assets = designated_unless_empty("add_to_review", asset_ids, external_ids, project_id)
        if assets is None:
            return None
        project, moved = AssetUseCases(self.kili_api_gateway).add_to_review(assets)
        return {"id": project, "asset_ids": moved} if project is not None else None

    @checked
    def send_back_to_queue(
        self,
        asset_ids: ListOrTuple[str] | None = None,
        external_ids: ListOrTuple[str] | None = None,
        project_id: str | None = None,
    ) -> dict[str, Any] | None:
        """Send assets back to the labeling queue.

        Idempotent: moving an asset where it already is changes nothing, so a request
        that fails is retried; what moved is read back from the statuses.

        Args:
            asset_ids: The assets to send back, by id.
            external_ids: The assets to send back, by external id (with `project_id`).
            project_id: The project of `external_ids`.

        Returns:
            The project `id` and the `asset_ids` now back in the queue, or `None` when
            the API reports no change.
        """
        assets = designated_unless_empty("send_back_to_queue", asset_ids, external_ids, project_id)
        if assets is None:
            return None
        project, moved = AssetUseCases(self.kili_api_gateway).send_back_to_queue(assets)
        return {"id": project, "asset_ids": moved} if project is not None else None


def _designation_name(assets: AssetDesignation) -> str:
    """Name the user's argument that designates `assets`, for length errors."""
    return "asset_ids" if isinstance(assets, AssetsById) else "external_ids"
