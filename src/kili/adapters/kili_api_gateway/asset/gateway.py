"""Asset part of the gateway."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from uuid import uuid4

from kili.adapters.kili_api_gateway.asset.mappers import (
    append_many_assets_data,
    asset_data,
    asset_where,
)
from kili.adapters.kili_api_gateway.asset.operations import (
    ADD_ALL_LABELED_ASSETS_TO_REVIEW,
    APPEND_MANY_ASSETS,
    ASSETS,
    CREATE_UPLOAD_BUCKET_SIGNED_URLS,
    DELETE_MANY_FROM_DATASET,
    FILTER_EXISTING_ASSETS,
    SEND_BACK_ASSETS_TO_QUEUE,
    SET_ASSET_CONSENSUS,
    SKIP_ASSET,
    UNSKIP_ASSET,
    UPDATE_PROPERTIES_IN_ASSETS,
)
from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.domain.asset import (
    AssetExternalId,
    AssetFilters,
    AssetId,
    AssetToCreate,
    AssetUpdate,
)
from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths, QueryOptions
from kili.domain.user import UserId

SIGNED_URLS_PER_REQUEST = 30
"""Most upload URLs asked for in one request, as the API hands them out."""


class AssetGateway(GatewayBase):
    """Reads and writes of assets, and the transfer of their files."""

    def list_assets(
        self, filters: AssetFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the assets matching `filters`, JSON fields decoded."""
        return self._list(ASSETS, asset_where(filters), fields, options)

    def count_assets(self, filters: AssetFilters) -> int:
        """Count the assets matching `filters`."""
        return self._count(ASSETS, asset_where(filters))

    def asset_ids_by_external_id(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> dict[AssetExternalId, list[AssetId]]:
        """Map each of `external_ids` found in the project to the ids of its assets.

        External ids missing from the project are absent from the result. The API does
        not forbid two assets to share an external id, hence a list per external id.
        """
        filters = AssetFilters(project_id=project_id, external_id_strictly_in=tuple(external_ids))
        rows = self.list_assets(filters, ("id", "externalId"), QueryOptions(disable_tqdm=True))
        found: dict[AssetExternalId, list[AssetId]] = {}
        for row in rows:
            found.setdefault(AssetExternalId(row["externalId"]), []).append(AssetId(row["id"]))
        return found

    def existing_external_ids(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> set[AssetExternalId]:
        """Return those of `external_ids` already used by assets of the project."""
        data = self.transport.execute(
            checked_document(FILTER_EXISTING_ASSETS),
            {"projectID": project_id, "externalIDs": list(external_ids)},
        )
        return {AssetExternalId(external_id) for external_id in data["data"] or ()}

    def append_many_assets(
        self, project_id: ProjectId, assets: Sequence[AssetToCreate]
    ) -> list[dict[str, Any]]:
        """Create `assets` in the project and return their `id` and `externalId`.

        Not retried once it may have reached the server: a second copy of every asset
        would be made. `UncertainWriteError` then tells the caller to check what exists.
        """
        data = self.transport.execute(
            checked_document(APPEND_MANY_ASSETS),
            {"data": append_many_assets_data(assets), "where": {"id": project_id}},
            idempotent=False,
        )
        created: list[dict[str, Any]] = data["data"] or []
        return created

    def update_properties_in_assets(self, updates: Sequence[AssetUpdate]) -> list[AssetId]:
        """Apply `updates`, one per asset, and return the ids of the updated assets."""
        data = self.transport.execute(
            checked_document(UPDATE_PROPERTIES_IN_ASSETS),
            {
                "where": [{"id": update.asset_id} for update in updates],
                "data": [asset_data(update) for update in updates],
            },
        )
        return [AssetId(asset["id"]) for asset in data["data"] or () if asset is not None]

    def assign_assets(
        self, assignments: Sequence[tuple[AssetId, Sequence[UserId]]]
    ) -> list[AssetId]:
        """Make each asset labelable by exactly its users (nobody: every labeler).

        The assignees are replaced, not added to, so sending the same assignment again
        leaves the same state.
        """
        data = self.transport.execute(
            checked_document(UPDATE_PROPERTIES_IN_ASSETS),
            {
                "where": [{"id": asset_id} for asset_id, _ in assignments],
                "data": [
                    {"toBeLabeledBy": list(user_ids), "shouldResetToBeLabeledBy": True}
                    for _, user_ids in assignments
                ],
            },
        )
        return [AssetId(asset["id"]) for asset in data["data"] or () if asset is not None]

    def set_asset_consensus(
        self, project_id: ProjectId, asset_id: AssetId, is_consensus: bool
    ) -> bool:
        """Make the asset take part, or not, in consensus; return the API's answer."""
        data = self.transport.execute(
            checked_document(SET_ASSET_CONSENSUS),
            {"projectId": project_id, "assetId": asset_id, "isConsensus": is_consensus},
        )
        return bool(data["data"])

    def skip_asset(self, project_id: ProjectId, asset_id: AssetId, reason: str) -> AssetId:
        """Take the asset out of the labeling queue, with the reason why."""
        data = self.transport.execute(
            checked_document(SKIP_ASSET),
            {"reason": reason, "where": {"id": asset_id, "project": {"id": project_id}}},
        )
        skipped = data["data"]
        return AssetId(skipped["id"]) if isinstance(skipped, dict) else asset_id

    def unskip_asset(self, project_id: ProjectId, asset_id: AssetId) -> AssetId:
        """Put a skipped asset back in the labeling queue."""
        data = self.transport.execute(
            checked_document(UNSKIP_ASSET), {"projectId": project_id, "assetId": asset_id}
        )
        return AssetId(data["data"] or asset_id)

    def delete_many_from_dataset(self, asset_ids: Sequence[AssetId]) -> ProjectId | None:
        """Delete the assets and return the id of their project, if the API gives it."""
        return self._project_mutation(DELETE_MANY_FROM_DATASET, asset_ids)

    def add_to_review(self, asset_ids: Sequence[AssetId]) -> ProjectId | None:
        """Move the labeled ones of the assets to review; the project id if any moved."""
        return self._project_mutation(ADD_ALL_LABELED_ASSETS_TO_REVIEW, asset_ids)

    def send_back_to_queue(self, asset_ids: Sequence[AssetId]) -> ProjectId | None:
        """Send the assets back to the labeling queue; the project id, if the API gives it."""
        return self._project_mutation(SEND_BACK_ASSETS_TO_QUEUE, asset_ids)

    def _project_mutation(self, document: str, asset_ids: Sequence[AssetId]) -> ProjectId | None:
        data = self.transport.execute(
            checked_document(document), {"where": {"idIn": list(asset_ids)}}
        )
        project = data["data"]
        return ProjectId(project["id"]) if isinstance(project, dict) and project.get("id") else None

    def upload_local_files(self, project_id: ProjectId, paths: Sequence[Path]) -> list[str]:
        """Upload local files to the project's storage and return the URL of each.

        Each file goes to a signed URL handed out by the API, concurrently; the URLs
        returned are what the API expects as asset content.
        """
        if not paths:
            return []
        bucket_paths = [_new_bucket_path(project_id) for _ in paths]
        signed_urls: list[str] = []
        for start in range(0, len(bucket_paths), SIGNED_URLS_PER_REQUEST):
            data = self.transport.execute(
                checked_document(CREATE_UPLOAD_BUCKET_SIGNED_URLS),
                {"filePaths": bucket_paths[start : start + SIGNED_URLS_PER_REQUEST]},
            )
            signed_urls.extend(data["data"])
        return self.transport.upload_files(signed_urls, paths)

    def download_media(self, url: str, directory: Path, file_stem: str) -> Path:
        """Download `url` into `directory` as `file_stem` plus the media's extension.

        A file already there is kept and not downloaded again.
        """
        return self.transport.download_files([(url, directory, file_stem)])[0]

    def download_many_media(self, downloads: Sequence[tuple[str, Path, str]]) -> list[Path]:
        """Download `(url, directory, file_stem)` triples concurrently, in order."""
        return self.transport.download_files(downloads)

    def read_json_file(self, url: str) -> Any:
        """Fetch and decode the JSON document at `url`."""
        return self.transport.read_json_file(url)


def _new_bucket_path(project_id: str) -> str:
    """Return a fresh storage path for one file of the project, as the API expects."""
    return f"projects/{project_id}/assets/{uuid4().hex}/content"
