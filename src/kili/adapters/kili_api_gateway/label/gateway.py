"""Label part of the gateway."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from kili.adapters.kili_api_gateway.asset.operations import ASSETS
from kili.adapters.kili_api_gateway.base import GatewayBase
from kili.adapters.kili_api_gateway.label.mappers import (
    append_many_labels_variables,
    label_data,
    label_where,
)
from kili.adapters.kili_api_gateway.label.operations import (
    APPEND_MANY_LABELS,
    CREATE_HONEYPOT,
    DELETE_LABELS,
    LABELS,
    UPDATE_PROPERTIES_IN_LABEL,
)
from kili.adapters.kili_api_gateway.schema import checked_document
from kili.domain.asset import AssetId
from kili.domain.label import LabelFilters, LabelId, LabelsToAppend
from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths, QueryOptions


class LabelGateway(GatewayBase):
    """Reads and writes of labels."""

    def list_labels(
        self, filters: LabelFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Yield the labels matching `filters`, `jsonResponse` decoded."""
        return self._list(LABELS, label_where(filters), fields, options)

    def count_labels(self, filters: LabelFilters) -> int:
        """Count the labels matching `filters`."""
        return self._count(LABELS, label_where(filters))

    def project_ids_of_assets(self, asset_ids: Sequence[AssetId]) -> dict[AssetId, ProjectId]:
        """Map each of `asset_ids` that exists to the id of its project.

        Labels given by asset id alone are checked against their project's interface;
        this read finds that project. Unknown ids are absent from the result.
        """
        rows = self._list(
            ASSETS,
            {"idIn": list(asset_ids)},
            ("id", "projectId"),
            QueryOptions(first=len(asset_ids), disable_tqdm=True),
        )
        return {AssetId(row["id"]): ProjectId(row["projectId"]) for row in rows}

    def append_many_labels(self, batch: LabelsToAppend) -> list[LabelId]:
        """Create the labels of one batch, assets given by id, and return their ids in order.

        Not retried after it may have reached the server: the labels would be made twice.
        """
        data = self.transport.execute(
            checked_document(APPEND_MANY_LABELS),
            append_many_labels_variables(batch),
            idempotent=False,
        )
        return [LabelId(label["id"]) for label in data["data"] or []]

    def create_honeypot(self, asset_id: AssetId, json_response: Mapping[str, Any]) -> LabelId:
        """Set the reference label of a honeypot asset and return the label's id.

        Not retried after it may have reached the server.
        """
        data = self.transport.execute(
            checked_document(CREATE_HONEYPOT),
            {"data": {"jsonResponse": json.dumps(json_response)}, "where": {"id": asset_id}},
            idempotent=False,
        )
        return LabelId(data["data"]["id"])

    def update_properties_in_label(
        self,
        label_id: LabelId,
        *,
        json_response: Mapping[str, Any] | None,
        seconds_to_label: float | None,
        model_name: str | None,
    ) -> LabelId:
        """Overwrite the given properties of a label; writing the same values twice is harmless."""
        data = self.transport.execute(
            checked_document(UPDATE_PROPERTIES_IN_LABEL),
            {
                "data": label_data(json_response, seconds_to_label, model_name),
                "where": {"id": label_id},
            },
        )
        return LabelId(data["data"]["id"])

    def delete_labels(self, label_ids: Sequence[LabelId]) -> list[LabelId]:
        """Delete labels and return the ids the API reports deleted."""
        data = self.transport.execute(checked_document(DELETE_LABELS), {"ids": list(label_ids)})
        return [LabelId(label_id) for label_id in data["data"] or []]
