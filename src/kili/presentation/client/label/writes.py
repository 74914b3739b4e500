"""Client methods writing labels: imports, predictions, honeypots, updates, deletions."""

from __future__ import annotations

from typing import Any, Literal

from kili.domain.asset import AssetExternalId, AssetId
from kili.domain.label import LabelId, LabelsToAppend, LabelToCreate, LabelType
from kili.domain.project import ProjectId
from kili.domain.query import ListOrTuple
from kili.domain.user import UserId
from kili.exceptions import InvalidArgumentError
from kili.presentation.client.arguments import (
    check_lengths,
    checked,
    designated_assets,
    element,
)
from kili.presentation.client.base import ClientBase
from kili.presentation.client.label.arguments import single_model_name, step_designation
from kili.use_cases.label import LabelUseCases
from kili.user_warnings import warn_deprecated


class LabelWriteMethods(ClientBase):
    """Methods of `Kili` that create, change or delete labels."""

    @checked
    def append_labels(
        self,
        asset_id_array: ListOrTuple[str] | None = None,
        json_response_array: ListOrTuple[dict[str, Any]] = (),
        author_id_array: ListOrTuple[str] | None = None,
        seconds_to_label_array: ListOrTuple[float] | None = None,
        model_name: str | None = None,
        label_type: LabelType = "DEFAULT",
        project_id: str | None = None,
        asset_external_id_array: ListOrTuple[str] | None = None,
        disable_tqdm: bool | None = None,
        overwrite: bool = False,
        step_name: str | None = None,
        reviewed_label_id_array: ListOrTuple[str] | None = None,
        step_id: str | None = None,
        group_name: str | None = None,
    ) -> list[dict[Literal["id"], str]]:
        """Add labels to assets given by id, or by external id with their project.

        The labels are checked before anything is written: their annotations must be
        JSON objects naming only jobs of the project's interface, and the assets must
        exist. They are then sent in batches of a hundred.

        Verified, not idempotent (a second request would label the assets twice): after
        a batch whose answer is lost, the labels of its assets are read back and matched
        label by label (asset, author, type, model, annotations, made since the batch was
        sent); only the missing ones are sent again, a bounded number of times.

        Args:
            asset_id_array: Ids of the assets, one per label.
            json_response_array: The annotations of each label, as dicts.
            author_id_array: Author of each label; the current user by default.
            seconds_to_label_array: Time spent on each label, in seconds.
            model_name: Name of the model that made the labels; required for
                `PREDICTION` and `INFERENCE` labels.
            label_type: `AUTOSAVE`, `DEFAULT`, `PREDICTION`, `REVIEW` or `INFERENCE`.
            project_id: Project of the assets; required with `asset_external_id_array`.
            asset_external_id_array: External ids of the assets, one per label.
            disable_tqdm: Hide the progress bar.
            overwrite: For model labels, replace those of the same model and type
                already on the assets.
            step_name: Workflow step the labels are made in, by name. Exclusive with
                `step_id`.
            reviewed_label_id_array: For `REVIEW` labels, the label each one reviews.
            step_id: Workflow step the labels are made in, by id. Exclusive with
                `step_name` and `group_name`.
            group_name: Group of the step named `step_name`, in the multi-group
                workflow; needed when several groups have a step of that name.

        Returns:
            One `{"id": label_id}` per label created, in order.

        Raises:
            InvalidArgumentError: No label, arrays of different lengths, an
                annotation naming a job the project does not have, or a step the
                project's workflow does not have (or several, by a name without group).
            MissingArgumentError: No assets designated, external ids without
                `project_id`, or a model label without `model_name`.
            IncompatibleArgumentsError: `step_id` with `step_name` or `group_name`, or
                `group_name` without `step_name`.
            NotFound: Some assets do not exist; they are listed.
            UncertainBatchWriteError: The server stayed unreachable; the error says which
                labels were written and offers the others (`unwritten_items`,
                `unwritten_indices`) to be sent again.

        Example:
            ```python
            kili.append_labels(
                asset_id_array=["asset-1", "asset-2"],
                json_response_array=[
                    {"CLASSIF": {"categories": [{"name": "A"}]}},
                    {"CLASSIF": {"categories": [{"name": "B"}]}},
                ],
            )
            ```
        """
        if not json_response_array:
            raise InvalidArgumentError(
                "json_response_array is empty: give at least one label to import."
            )
        check_lengths(
            {
                "json_response_array": json_response_array,
                "asset_id_array": asset_id_array,
                "asset_external_id_array": asset_external_id_array,
                "author_id_array": author_id_array,
                "seconds_to_label_array": seconds_to_label_array,
                "reviewed_label_id_array": reviewed_label_id_array,
            },
            per="label",
        )
        assets = designated_assets(
            asset_id_array,
            asset_external_id_array,
            project_id,
            names=("asset_id_array", "asset_external_id_array"),
        )
        count = len(json_response_array)
        labels = tuple(
            LabelToCreate(
                json_response=json_response_array[index],
                asset_id=element(asset_id_array, index, AssetId),
                asset_external_id=element(asset_external_id_array, index, AssetExternalId),
                author_id=element(author_id_array, index, UserId),
                seconds_to_label=element(seconds_to_label_array, index, float),
                referenced_label_id=element(reviewed_label_id_array, index, LabelId),
            )
            for index in range(count)
        )
        request = LabelsToAppend(
            labels=labels,
            label_type=label_type,
            model_name=model_name,
            project_id=ProjectId(project_id) if project_id else None,
            overwrite=overwrite,
            step=step_designation(step_id, step_name, group_name),
        )
        label_ids = LabelUseCases(self.kili_api_gateway).append_labels(
            request, assets=assets, disable_tqdm=self._hide_progress(disable_tqdm)
        )
        return [{"id": label_id} for label_id in label_ids]

    @checked
    def create_predictions(
        self,
        project_id: str,
        external_id_array: ListOrTuple[str] | None = None,
        model_name_array: ListOrTuple[str] | None = None,
        json_response_array: ListOrTuple[dict[str, Any]] | None = None,
        model_name: str | None = None,
        asset_id_array: ListOrTuple[str] | None = None,
        disable_tqdm: bool | None = None,
        overwrite: bool = False,
    ) -> dict[Literal["id"], str]:
        """Add the predictions of one model to assets, as `PREDICTION` labels.

        Verified, not idempotent, as `append_labels`: after a batch whose answer is
        lost, the labels of its assets are read back and only the missing ones are sent
        again.

        Predictions pre-annotate assets for the labelers. They are checked and sent
        as `append_labels` does.

        Args:
            project_id: The project.
            external_id_array: External ids of the assets, one per prediction.
            model_name_array: Deprecated: one model name per prediction, all equal.
                Use `model_name`.
            json_response_array: The annotations of each prediction, as dicts.
            model_name: Name of the model that made the predictions.
            asset_id_array: Ids of the assets, one per prediction.
            disable_tqdm: Hide the progress bar.
            overwrite: Replace the predictions of the same model already on the assets.

        Returns:
            `{"id": project_id}`.

        Raises:
            InvalidArgumentError: No prediction, arrays of different lengths, several
                models in `model_name_array`, or unknown jobs in an annotation.
            MissingArgumentError: No model name, or no assets designated.
        """
        if not json_response_array:
            raise InvalidArgumentError(
                "json_response_array is empty: give at least one prediction to import."
            )
        check_lengths(
            {
                "json_response_array": json_response_array,
                "external_id_array": external_id_array,
                "model_name_array": model_name_array,
                "asset_id_array": asset_id_array,
            },
            per="label",
        )
        if model_name is None:
            model_name = single_model_name(model_name_array)
        assets = designated_assets(
            asset_id_array,
            external_id_array,
            project_id,
            names=("asset_id_array", "external_id_array"),
        )
        labels = tuple(
            LabelToCreate(
                json_response=json_response,
                asset_id=element(asset_id_array, index, AssetId),
                asset_external_id=element(external_id_array, index, AssetExternalId),
            )
            for index, json_response in enumerate(json_response_array)
        )
        request = LabelsToAppend(
            labels=labels,
            label_type="PREDICTION",
            model_name=model_name,
            project_id=ProjectId(project_id),
            overwrite=overwrite,
        )
        LabelUseCases(self.kili_api_gateway).append_labels(
            request, assets=assets, disable_tqdm=self._hide_progress(disable_tqdm)
        )
        return {"id": project_id}

    @checked
    def append_to_labels(
        self,
        json_response: dict[str, Any],
        author_id: str | None = None,
        label_asset_external_id: str | None = None,
        label_asset_id: str | None = None,
        label_type: LabelType = "DEFAULT",
        project_id: str | None = None,
        seconds_to_label: float | None = 0,
    ) -> dict[Literal["id"], str]:
        """Add one label to an asset. Deprecated: use `append_labels`, which takes many.

        Verified, not idempotent, as `append_labels`: after an answer that is lost,
        the labels of the asset are read back before the label is sent again.

        Args:
            json_response: The annotations, as a dict.
            author_id: Author of the label; the current user by default.
            label_asset_external_id: External id of the asset (with `project_id`).
            label_asset_id: Id of the asset.
            label_type: `AUTOSAVE`, `DEFAULT`, `PREDICTION`, `REVIEW` or `INFERENCE`.
            project_id: Project of the asset; required with `label_asset_external_id`.
            seconds_to_label: Time spent on the label, in seconds.

        Returns:
            `{"id": label_id}` of the label created.
        """
        warn_deprecated(
            "append_to_labels is deprecated: use append_labels, which imports many labels"
            " per request."
        )
        assets = designated_assets(
            [label_asset_id] if label_asset_id else None,
            [label_asset_external_id] if label_asset_external_id else None,
            project_id,
            names=("label_asset_id", "label_asset_external_id"),
        )
        request = LabelsToAppend(
            labels=(
                LabelToCreate(
                    json_response=json_response,
                    asset_id=AssetId(label_asset_id) if label_asset_id else None,
                    asset_external_id=(
                        AssetExternalId(label_asset_external_id)
                        if label_asset_external_id
                        else None
                    ),
                    author_id=UserId(author_id) if author_id else None,
                    seconds_to_label=seconds_to_label,
                ),
            ),
            label_type=label_type,
            project_id=ProjectId(project_id) if project_id else None,
        )
        (label_id,) = LabelUseCases(self.kili_api_gateway).append_labels(
            request, assets=assets, disable_tqdm=True
        )
        return {"id": label_id}

    @checked
    def update_properties_in_label(
        self,
        label_id: str,
        seconds_to_label: float | None = None,
        model_name: str | None = None,
        json_response: dict[str, Any] | None = None,
    ) -> dict[Literal["id"], str]:
        """Change properties of an existing label; properties left to `None` are kept.

        Idempotent: writing the same values again leaves the same state, so a request
        that fails is retried.

        Args:
            label_id: The label.
            seconds_to_label: New time spent on the label, in seconds.
            model_name: New model name.
            json_response: New annotations, checked against the project's interface.

        Returns:
            `{"id": label_id}`.
        """
        updated = LabelUseCases(self.kili_api_gateway).update_properties_in_label(
            LabelId(label_id),
            json_response=json_response,
            seconds_to_label=seconds_to_label,
            model_name=model_name,
        )
        return {"id": updated}

    @checked
    def create_honeypot(
        self,
        json_response: dict[str, Any],
        asset_external_id: str | None = None,
        asset_id: str | None = None,
        project_id: str | None = None,
    ) -> dict[Literal["id"], str]:
        """Give a honeypot asset its reference annotations, as a `REVIEW` label.

        Verified, not idempotent: after an answer that is lost, the asset's `REVIEW`
        labels by the current user made since are read back, and the reference is sent
        again only if it is not there.

        Labels later made on the asset get a `honeypotMark`: their agreement with
        this reference.

        Args:
            json_response: The reference annotations, as a dict.
            asset_external_id: External id of the asset (with `project_id`).
            asset_id: Id of the asset.
            project_id: Project of the asset; required with `asset_external_id`.

        Returns:
            `{"id": label_id}` of the reference label.

        Raises:
            MissingArgumentError: Neither `asset_id` nor `asset_external_id` with
                `project_id` was given.
        """
        asset = designated_assets(
            [asset_id] if asset_id else None,
            [asset_external_id] if asset_external_id else None,
            project_id,
            names=("asset_id", "asset_external_id"),
        )
        label_id = LabelUseCases(self.kili_api_gateway).create_honeypot(json_response, asset)
        return {"id": label_id}

    @checked
    def delete_labels(self, ids: ListOrTuple[str], disable_tqdm: bool | None = None) -> list[str]:
        """Delete labels; the API deletes only `PREDICTION` and `INFERENCE` labels.

        Idempotent: deleting what is already gone changes nothing, so a request that
        fails is retried.

        Args:
            ids: Ids of the labels.
            disable_tqdm: Hide the progress bar.

        Returns:
            The ids of the labels deleted.
        """
        if not ids:
            return []
        deleted = LabelUseCases(self.kili_api_gateway).delete_labels(
            [LabelId(label_id) for label_id in ids], disable_tqdm=self._hide_progress(disable_tqdm)
        )
        return list(deleted)
