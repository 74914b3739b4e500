"""Translation of asset filters and inputs into the API's variables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kili.adapters.kili_api_gateway.variables import listed, nested, without_none
from kili.domain.asset import AssetFilters, AssetToCreate, AssetUpdate
from kili.domain.step_filters import StepAndStatus, StepFilters
from kili.exceptions import InternalError


def asset_where(filters: AssetFilters) -> dict[str, Any]:
    """Build the `AssetWhere` variable for `filters`; unset filters are left out."""
    where: dict[str, Any] = {
        "id": filters.asset_id,
        "project": {"id": filters.project_id},
        "idIn": listed(filters.asset_id_in),
        "idNotIn": listed(filters.asset_id_not_in),
        "externalIdStrictlyIn": listed(filters.external_id_strictly_in),
        "externalIdIn": listed(filters.external_id_in),
        "statusIn": listed(filters.status_in),
        "skipped": filters.skipped,
        "metadata": dict(filters.metadata_where) if filters.metadata_where is not None else None,
        "consensusMarkGte": filters.consensus_mark_gte,
        "consensusMarkLte": filters.consensus_mark_lte,
        "honeypotMarkGte": filters.honeypot_mark_gte,
        "honeypotMarkLte": filters.honeypot_mark_lte,
        "inferenceMarkGte": filters.inference_mark_gte,
        "inferenceMarkLte": filters.inference_mark_lte,
        "createdAtGte": filters.created_at_gte,
        "createdAtLte": filters.created_at_lte,
        "updatedAtGte": filters.updated_at_gte,
        "updatedAtLte": filters.updated_at_lte,
        "assigneeIn": listed(filters.assignee_in),
        "assigneeNotIn": listed(filters.assignee_not_in),
        "issue": nested({"type": filters.issue_type, "status": filters.issue_status}),
        "label": _label_where(filters),
        **step_where(filters.steps),
    }
    return without_none(where)


def step_where(steps: StepFilters | None) -> dict[str, Any]:
    """Build the step fields of an `AssetWhere`; steps must be given by id by now.

    Raises:
        InternalError: A step is still designated by name.
    """
    if steps is None:
        return {}
    if any(
        named is not None
        for named in (
            steps.step_name_in,
            steps.step_name_not_in,
            steps.step_name_and_status_in,
            steps.step_name_and_status_not_in,
        )
    ):
        raise InternalError("Steps are filtered by id: their names must be resolved first.")
    return {
        "stepIdIn": listed(steps.step_id_in),
        "stepIdNotIn": listed(steps.step_id_not_in),
        "stepStatusIn": listed(steps.step_status_in),
        "stepStatusNotIn": listed(steps.step_status_not_in),
        "stepIdAndStatusIn": _step_and_status(steps.step_id_and_status_in),
        "stepIdAndStatusNotIn": _step_and_status(steps.step_id_and_status_not_in),
        "groupNameIn": listed(steps.group_name_in),
        "groupNameNotIn": listed(steps.group_name_not_in),
    }


def _step_and_status(pairs: Sequence[StepAndStatus] | None) -> list[dict[str, str]] | None:
    if pairs is None:
        return None
    return [{"stepId": step_id, "status": status} for step_id, status in pairs]


def _label_where(filters: AssetFilters) -> dict[str, Any] | None:
    return nested(
        {
            "typeIn": listed(filters.label_type_in),
            "authorIn": listed(filters.label_author_in),
            "labelerIn": listed(filters.label_labeler_in),
            "labelerNotIn": listed(filters.label_labeler_not_in),
            "reviewerIn": listed(filters.label_reviewer_in),
            "reviewerNotIn": listed(filters.label_reviewer_not_in),
            "consensusMarkGte": filters.label_consensus_mark_gte,
            "consensusMarkLte": filters.label_consensus_mark_lte,
            "createdAt": filters.label_created_at,
            "createdAtGte": filters.label_created_at_gte,
            "createdAtLte": filters.label_created_at_lte,
            "honeypotMarkGte": filters.label_honeypot_mark_gte,
            "honeypotMarkLte": filters.label_honeypot_mark_lte,
            "search": filters.label_category_search,
            "jsonResponseContains": listed(filters.label_json_response_contains),
        }
    )


def append_many_assets_data(assets: Sequence[AssetToCreate]) -> dict[str, Any]:
    """Build the `AppendManyAssetsData` variable: one array per property, indexed by asset."""
    data: dict[str, Any] = {
        "contentArray": [asset.content for asset in assets],
        "externalIDArray": [asset.external_id for asset in assets],
        "isHoneypotArray": [asset.is_honeypot for asset in assets],
        "jsonContentArray": [asset.json_content for asset in assets],
        "jsonMetadataArray": [asset.json_metadata for asset in assets],
    }
    if any(asset.id is not None for asset in assets):
        data["idArray"] = [asset.id or "" for asset in assets]
    return data


def asset_data(update: AssetUpdate) -> dict[str, Any]:
    """Build the `AssetData` of one asset; properties left to `None` are not sent."""
    data: dict[str, Any] = {
        "externalId": update.external_id,
        "priority": update.priority,
        "jsonMetadata": update.json_metadata,
        "consensusMark": update.consensus_mark,
        "honeypotMark": update.honeypot_mark,
        "content": update.content,
        "jsonContent": update.json_content,
        "isUsedForConsensus": update.is_used_for_consensus,
        "isHoneypot": update.is_honeypot,
    }
    if update.to_be_labeled_by is not None:
        data["toBeLabeledBy"] = list(update.to_be_labeled_by)
        data["shouldResetToBeLabeledBy"] = not update.to_be_labeled_by
    if update.resolution is not None:
        data["resolution"] = {
            "width": update.resolution.width,
            "height": update.resolution.height,
        }
    if update.page_resolutions is not None:
        data["pageResolutions"] = [page.as_dict() for page in update.page_resolutions]
    return without_none(data)
