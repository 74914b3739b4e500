"""Import of labels: checks first, then batched creation that never duplicates a label.

Label creations are sent in batches and never resent blindly, since a second
`appendManyLabels` would create the labels twice: after a lost answer, the labels of the
batch are read back and only the missing ones are sent again
(`kili.use_cases.verified_write`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kili.domain.label import MODEL_LABEL_TYPES, LabelId, LabelsToAppend, LabelToCreate
from kili.exceptions import InvalidArgumentError, MissingArgumentError
from kili.use_cases.asset_resolution import resolve_assets
from kili.use_cases.label_checks import check_jobs, check_json_objects
from kili.use_cases.label_verification import LabelReadBack
from kili.use_cases.step_resolution import resolve_step
from kili.use_cases.verified_write import write_in_verified_batches

if TYPE_CHECKING:
    from collections.abc import Sequence

    from kili.domain.asset import AssetDesignation, AssetId
    from kili.use_cases.port import LabelImportGateway

LABELS_PER_BATCH = 100
"""Labels sent per `appendManyLabels` request, the most the API accepts at once."""


class LabelImport:
    """Create labels on assets given by id or by external id, in verified batches.

    Args:
        gateway: Sends the requests.
        max_concurrency: Batches in flight at once.
    """

    def __init__(self, gateway: LabelImportGateway, *, max_concurrency: int = 1) -> None:
        self._gateway = gateway
        self._max_concurrency = max_concurrency

    def run(
        self,
        request: LabelsToAppend,
        *,
        assets: AssetDesignation,
        disable_tqdm: bool,
    ) -> list[LabelId]:
        """Create the labels of `request` and return their ids, in the order given.

        Args:
            request: The labels and what they share.
            assets: The asset of each label, in the order of `request.labels`.
            disable_tqdm: Hide the progress bar.

        Raises:
            InvalidArgumentError: No label, an annotation names an unknown job, or the
                step named is not one of the project's workflow.
            ArgumentTypeError: An annotation is not a JSON object.
            MissingArgumentError: A model label lacks `model_name`.
            NotFound: Some assets do not exist; they are listed.
            UncertainBatchWriteError: The server stayed unreachable while a batch was
                written or read back; the error lists the labels written and those
                not written (`unwritten_items`, `unwritten_indices`), and the batches
                that landed (`landed_batches`).
            BatchWriteError: The API refused a batch after others landed.
        """
        if not request.labels:
            raise InvalidArgumentError(
                "json_response_array is empty: give at least one label to import."
            )
        if request.label_type in MODEL_LABEL_TYPES and not request.model_name:
            raise MissingArgumentError(
                f"{request.label_type} labels are made by a model: give its `model_name`."
            )
        json_responses = [label.json_response for label in request.labels]
        check_json_objects(json_responses, "json_response")
        asset_ids = resolve_assets(self._gateway, assets)
        check_jobs(self._gateway, json_responses, asset_ids, request.project_id)
        request = self._with_step_by_id(request, asset_ids)
        labels = self._with_authors(
            [
                replace(label, asset_id=asset_id)
                for label, asset_id in zip(request.labels, asset_ids, strict=True)
            ],
        )
        return write_in_verified_batches(
            labels,
            LABELS_PER_BATCH,
            lambda batch: self._gateway.append_many_labels(replace(request, labels=tuple(batch))),
            LabelReadBack(
                self._gateway,
                label_type=request.label_type,
                model_name=request.model_name,
                project_id=request.project_id,
            ),
            description="Importing labels",
            disable_tqdm=disable_tqdm,
            name_item=name_label,
            max_concurrency=self._max_concurrency,
            overlap_key=lambda label: label.asset_id,
        )

    def _with_step_by_id(
        self, request: LabelsToAppend, asset_ids: Sequence[AssetId]
    ) -> LabelsToAppend:
        """Designate the step of the labels by id, looked up in the assets' project.

        Raises:
            InvalidArgumentError: The project's workflow has no such step, or several.
        """
        if request.step is None:
            return request
        project_id = request.project_id
        if project_id is None:
            project_id = self._gateway.project_ids_of_assets(asset_ids[:1])[asset_ids[0]]
        return replace(request, step=resolve_step(self._gateway, project_id, request.step))

    def _with_authors(self, labels: list[LabelToCreate]) -> list[LabelToCreate]:
        """Make the current user the author of the labels that name none."""
        if all(label.author_id is not None for label in labels):
            return labels
        current_user = self._gateway.get_current_user(("id",))["id"]
        return [
            label if label.author_id is not None else replace(label, author_id=current_user)
            for label in labels
        ]


def name_label(label: LabelToCreate) -> str:
    """Name a label for the user by its asset."""
    return f"the label of asset {label.asset_id}"
