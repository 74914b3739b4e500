"""An in-memory fake of the label import port, for the use cases' unit tests.

It holds one project (its interface), its assets and their labels, records each call by
method name, and can be told to fail chosen writes the way a network does
(`tests.unit.use_cases.faults`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from typing import Any

from kili.domain.asset import AssetExternalId, AssetId
from kili.domain.label import LabelFilters, LabelId, LabelsToAppend, LabelToCreate
from kili.domain.project import ProjectFilters, ProjectId
from kili.domain.query import FieldPaths, QueryOptions
from kili.use_cases.port import LabelImportGateway
from tests.unit.use_cases.faults import ScriptedFaults

CURRENT_USER = "me"
"""Id of the user the fake answers as the current one."""


class InMemoryLabelGateway(ScriptedFaults):
    """The label import port over lists of assets and labels of one project.

    Attributes:
        project_id: The only project that exists.
        json_interface: Its interface.
        assets: External id of each asset, by asset id.
        labels: The stored labels, as the API lists them, in creation order.
    """

    def __init__(
        self,
        json_interface: dict[str, Any],
        project_id: str = "project-1",
        input_type: str = "IMAGE",
    ) -> None:
        super().__init__()
        self.project_id = ProjectId(project_id)
        self.json_interface = json_interface
        self.input_type = input_type
        self.assets: dict[AssetId, AssetExternalId] = {}
        self.labels: list[dict[str, Any]] = []

    # --- steering the fake -------------------------------------------------------

    def store_assets(self, count: int) -> list[AssetId]:
        """Create assets `a0`, `a1`... of external ids `x0`, `x1`...; return their ids."""
        start = len(self.assets)
        ids = [AssetId(f"a{index}") for index in range(start, start + count)]
        self.assets.update({asset_id: AssetExternalId(f"x{asset_id[1:]}") for asset_id in ids})
        return ids

    def labels_per_asset(self) -> dict[str, int]:
        """How many labels each asset that has any holds."""
        counts: dict[str, int] = {}
        for label in self.labels:
            counts[label["assetId"]] = counts.get(label["assetId"], 0) + 1
        return counts

    # --- the port ----------------------------------------------------------------

    def get_current_user(self, fields: FieldPaths) -> dict[str, Any]:
        self._receive("get_current_user", list(fields))
        return {"id": CURRENT_USER}

    def asset_ids_by_external_id(
        self, project_id: ProjectId, external_ids: Sequence[AssetExternalId]
    ) -> dict[AssetExternalId, list[AssetId]]:
        self._receive("asset_ids_by_external_id", list(external_ids))
        wanted = set(external_ids) if project_id == self.project_id else set()
        found: dict[AssetExternalId, list[AssetId]] = {}
        for asset_id, external_id in self.assets.items():
            if external_id in wanted:
                found.setdefault(external_id, []).append(asset_id)
        return found

    def project_ids_of_assets(self, asset_ids: Sequence[AssetId]) -> dict[AssetId, ProjectId]:
        self._receive("project_ids_of_assets", list(asset_ids))
        return {asset_id: self.project_id for asset_id in asset_ids if asset_id in self.assets}

    def list_projects(
        self, filters: ProjectFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        self._receive("list_projects", [filters.id])
        if filters.id not in (None, self.project_id):
            return iter([])
        row = {"id": self.project_id, "inputType": self.input_type}
        return iter([{**row, "jsonInterface": json.loads(json.dumps(self.json_interface))}])

    def append_many_labels(self, batch: LabelsToAppend) -> list[LabelId]:
        fault = self._receive(
            "append_many_labels", [label.asset_id for label in batch.labels], write=True
        )
        if fault is not None and fault.commits == 0:
            raise fault.error  # the server never saw the request
        applied = batch.labels if fault is None else fault.applied(batch.labels)
        created = [self._store(label, batch) for label in applied]
        if fault is not None:
            raise fault.error
        return self._answer(created)

    def list_labels(
        self, filters: LabelFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        self._receive("list_labels", list(filters.asset_id_in or ()))
        since = datetime.fromisoformat(filters.created_at_gte) if filters.created_at_gte else None
        return iter(
            [
                dict(label)
                for label in self.labels
                if filters.project_id in (None, self.project_id)
                and (filters.id is None or label["id"] == filters.id)
                and (filters.asset_id_in is None or label["assetId"] in filters.asset_id_in)
                and (filters.type_in is None or label["labelType"] in filters.type_in)
                and (since is None or label["createdAt"] >= since)
            ]
        )

    def _store(self, label: LabelToCreate, batch: LabelsToAppend) -> LabelId:
        label_id = LabelId(f"l{len(self.labels)}")
        self.labels.append(
            {
                "id": label_id,
                "assetId": label.asset_id,
                "authorId": label.author_id,
                "labelType": batch.label_type,
                "modelName": batch.model_name,
                "jsonResponse": json.loads(json.dumps(label.json_response)),
                "createdAt": datetime.now(timezone.utc),
            }
        )
        return label_id


def as_port(gateway: InMemoryLabelGateway) -> LabelImportGateway:
    """Return the fake typed as the port: `mypy --strict` on this module checks it fits."""
    return gateway
