"""An in-memory fake of the asset import port, for the use cases' unit tests.

It holds the assets of one project, applies the API's rules that the import relies on
(an external id is unique: a batch reusing one is refused whole with `CONFLICT`), records
each call by method name, and can be told to fail chosen writes the way a network does
(`tests.unit.use_cases.faults`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kili.domain.asset import AssetExternalId, AssetId, AssetToCreate
from kili.domain.project import ProjectId
from kili.exceptions import GraphQLError
from kili.use_cases.port import AssetImportGateway
from tests.unit.use_cases.faults import ScriptedFaults


class InMemoryAssetGateway(ScriptedFaults):
    """The asset import port over a dict of assets of one project.

    Attributes:
        project_id: The only project that exists.
        assets: The stored assets by id, in creation order.
        uploads: The local files uploaded, in order.
    """

    def __init__(self, project_id: str = "project-1") -> None:
        super().__init__()
        self.project_id = ProjectId(project_id)
        self.assets: dict[AssetId, AssetToCreate] = {}
        self.uploads: list[Path] = []
        self._before_write: list[Callable[[], None]] = []
        self._ids = itertools.count(1)

    # --- steering the fake -------------------------------------------------------

    def before_next_write(self, action: Callable[[], None]) -> None:
        """Run `action` just before the next write, as a concurrent client would."""
        self._before_write.append(action)

    def store(self, external_id: str, asset_id: str | None = None) -> AssetId:
        """Create an asset directly, as another client would; return its id."""
        new_id = AssetId(asset_id or f"asset-{next(self._ids)}")
        self.assets[new_id] = AssetToCreate(AssetExternalId(external_id))
        return new_id

    def external_ids(self) -> list[str]:
        """External ids of the stored assets, in creation order."""
        return [asset.external_id for asset in self.assets.values()]

    # --- the port ----------------------------------------------------------------

    def asset_ids_by_external_id(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> dict[AssetExternalId, list[AssetId]]:
        self._receive("asset_ids_by_external_id", list(external_ids))
        return self._found(project_id, external_ids)

    def existing_external_ids(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> set[AssetExternalId]:
        self._receive("existing_external_ids", list(external_ids))
        return set(self._found(project_id, external_ids))

    def upload_local_files(self, project_id: ProjectId, paths: Sequence[Path]) -> list[str]:
        self._receive("upload_local_files", list(paths))
        self.uploads.extend(paths)
        return [
            f"https://storage.example/projects/{project_id}/{next(self._ids)}-{path.name}"
            for path in paths
        ]

    def append_many_assets(
        self, project_id: ProjectId, assets: Sequence[AssetToCreate]
    ) -> list[dict[str, Any]]:
        external_ids = [asset.external_id for asset in assets]
        fault = self._receive("append_many_assets", external_ids, write=True)
        while self._before_write:
            self._before_write.pop(0)()
        if fault is not None and fault.commits == 0:
            raise fault.error  # the server never saw the request
        if project_id != self.project_id:
            raise GraphQLError(f"No project {project_id}", code="NOT_FOUND")
        if set(self.external_ids()) & set(external_ids):
            raise GraphQLError("Nothing imported: external ids already used", code="CONFLICT")
        applied = assets if fault is None else fault.applied(assets)
        created = [{"id": self._create(a), "externalId": a.external_id} for a in applied]
        if fault is not None:
            raise fault.error
        return self._answer(created)

    def _found(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> dict[AssetExternalId, list[AssetId]]:
        wanted = set(external_ids) if project_id == self.project_id else set()
        found: dict[AssetExternalId, list[AssetId]] = {}
        for asset_id, asset in self.assets.items():
            if asset.external_id in wanted:
                found.setdefault(asset.external_id, []).append(asset_id)
        return found

    def _create(self, asset: AssetToCreate) -> AssetId:
        asset_id = AssetId(asset.id or f"asset-{next(self._ids)}")
        self.assets[asset_id] = asset
        return asset_id


def as_port(gateway: InMemoryAssetGateway) -> AssetImportGateway:
    """Return the fake typed as the port: `mypy --strict` on this module checks it fits."""
    return gateway
