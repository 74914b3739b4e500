"""Metadata of assets changed key by key: merged into, or replacing, what they hold.

The metadata of the assets are read first, the new ones computed from them, and the
result written whole by idempotent updates: writing the same metadata again leaves the
same state, so a failed request is retried.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kili.domain.asset import AssetChanges, AssetDesignation, AssetFilters, AssetId
from kili.domain.project import ProjectId
from kili.domain.query import QueryOptions
from kili.exceptions import NotFound
from kili.use_cases.asset import MUTATION_BATCH_SIZE, PAGE_OF_IDS
from kili.use_cases.asset_resolution import resolve_assets
from kili.use_cases.batching import batches, run_in_batches

if TYPE_CHECKING:
    from kili.use_cases.port import KiliGateway

DISPLAY_KEYS = ("text", "imageUrl", "url", "processingParameters")
"""Metadata keys that tell Kili how to show or process an asset: replacing keeps them."""

_MAX_LISTED = 20


class AssetMetadataUseCases:
    """Additions to, and replacements of, the metadata of assets."""

    def __init__(self, gateway: KiliGateway) -> None:
        self._gateway = gateway

    def change_metadata(
        self,
        project_id: ProjectId,
        assets: AssetDesignation,
        metadata: Sequence[Mapping[str, Any]],
        *,
        replace: bool,
        disable_tqdm: bool,
    ) -> list[AssetId]:
        """Merge `metadata[i]` into the metadata of asset `i`, or replace them by it.

        A replacement keeps the keys of `DISPLAY_KEYS` the asset holds unless the new
        metadata give them. An asset given twice receives both changes, in order.

        Returns:
            The ids of the updated assets, each once, in the order first given.

        Raises:
            NotFound: Some assets are not in the project.
        """
        asset_ids = resolve_assets(self._gateway, assets)
        current = self._current_metadata(project_id, asset_ids)
        new: dict[AssetId, dict[str, Any]] = {}
        for asset_id, given in zip(asset_ids, metadata, strict=True):
            if asset_id in new:
                base = new[asset_id] if not replace else _display_keys(new[asset_id])
            else:
                base = current[asset_id] if not replace else _display_keys(current[asset_id])
            new[asset_id] = {**base, **given}
        updates = [
            AssetChanges(json_metadata=json.dumps(values)).for_asset(asset_id)
            for asset_id, values in new.items()
        ]
        return run_in_batches(
            updates,
            MUTATION_BATCH_SIZE,
            self._gateway.update_properties_in_assets,
            description="Updating metadata",
            disable_tqdm=disable_tqdm,
        )

    def _current_metadata(
        self, project_id: ProjectId, asset_ids: Sequence[AssetId]
    ) -> dict[AssetId, dict[str, Any]]:
        """Read the metadata of the assets of the project, `{}` for assets without any.

        Raises:
            NotFound: Some assets are not in the project (all are listed).
        """
        current: dict[AssetId, dict[str, Any]] = {}
        for chunk in batches(list(dict.fromkeys(asset_ids)), PAGE_OF_IDS):
            filters = AssetFilters(project_id, asset_id_in=tuple(chunk))
            rows = self._gateway.list_assets(
                filters, ("id", "jsonMetadata"), QueryOptions(disable_tqdm=True)
            )
            for row in rows:
                values = row.get("jsonMetadata")
                current[AssetId(row["id"])] = dict(values) if isinstance(values, dict) else {}
        missing = list(dict.fromkeys(a for a in asset_ids if a not in current))
        if missing:
            listed = ", ".join(repr(asset_id) for asset_id in missing[:_MAX_LISTED])
            more = len(missing) - _MAX_LISTED
            raise NotFound(
                f"Project {project_id} has no asset with the id {listed}"
                + (f" and {more} more" if more > 0 else "")
                + "."
            )
        return current


def _display_keys(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: values[key] for key in DISPLAY_KEYS if key in values}
