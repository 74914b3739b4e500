"""Translation of label filters and inputs into the API's variables."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kili.adapters.kili_api_gateway.asset.mappers import step_where
from kili.adapters.kili_api_gateway.variables import listed, nested, without_none
from kili.domain.label import LabelFilters, LabelsToAppend, LabelToCreate
from kili.exceptions import InternalError


def label_where(filters: LabelFilters) -> dict[str, Any]:
    """Build the `LabelWhere` variable for `filters`."""
    asset = nested(
        {
            "id": filters.asset_id,
            "idIn": listed(filters.asset_id_in),
            "statusIn": listed(filters.asset_status_in),
            "externalIdIn": listed(filters.asset_external_id_in),
            "externalIdStrictlyIn": listed(filters.asset_external_id_strictly_in),
            **step_where(filters.asset_steps),
        }
    )
    return without_none(
        {
            "project": {"id": filters.project_id} if filters.project_id else None,
            "asset": asset,
            "authorIn": listed(filters.author_in),
            "createdAt": filters.created_at,
            "createdAtGte": filters.created_at_gte,
            "createdAtLte": filters.created_at_lte,
            "honeypotMarkGte": filters.honeypot_mark_gte,
            "honeypotMarkLte": filters.honeypot_mark_lte,
            "id": filters.id,
            "idIn": listed(filters.id_in),
            "typeIn": listed(filters.type_in),
            "user": {"id": filters.user_id} if filters.user_id else None,
            "search": filters.search,
        }
    )


def append_label_data(label: LabelToCreate, model_name: str | None) -> dict[str, Any]:
    """Build one `AppendLabelData` element; the asset must be given by id."""
    if label.asset_id is None:
        raise InternalError("A label is sent by asset id: its external id must be resolved first.")
    return without_none(
        {
            "assetID": label.asset_id,
            "authorID": label.author_id,
            "jsonResponse": json.dumps(label.json_response),
            "modelName": model_name,
            "referencedLabelId": label.referenced_label_id,
            "secondsToLabel": label.seconds_to_label,
        }
    )


def append_many_labels_variables(batch: LabelsToAppend) -> dict[str, Any]:
    """Build the `data` and `where` variables of `appendManyLabels` for one batch."""
    if batch.step is not None and batch.step.step_id is None:
        raise InternalError("The step of labels is sent by id: its name must be resolved first.")
    data = without_none(
        {
            "labelType": batch.label_type,
            "labelsData": [append_label_data(label, batch.model_name) for label in batch.labels],
            "overwrite": batch.overwrite or None,
            "stepId": batch.step.step_id if batch.step is not None else None,
        }
    )
    asset_ids = dict.fromkeys(label.asset_id for label in batch.labels)
    where: dict[str, Any] = {"idIn": list(asset_ids)}
    if batch.project_id is not None:
        where["project"] = {"id": batch.project_id}
    return {"data": data, "where": where}


def label_data(
    json_response: Mapping[str, Any] | None,
    seconds_to_label: float | None,
    model_name: str | None,
) -> dict[str, Any]:
    """Build the `LabelData` variable of `updatePropertiesInLabel`, given properties only."""
    return without_none(
        {
            "jsonResponse": json.dumps(json_response) if json_response is not None else None,
            "modelName": model_name,
            "secondsToLabel": seconds_to_label,
        }
    )
