"""Label use cases: reads, imports, honeypots and label updates, expressed on the gateway.

Every write is checked before anything is written: the annotations must be JSON objects
whose jobs and categories exist in the project's interface (read once per call and
project), and the assets must exist (`kili.use_cases.label_checks`). Label creations are
sent in verified batches and never resent blindly (`kili.use_cases.label_import`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kili.domain.json_interface import category_search_problem
from kili.domain.label import (
    LabelFilters,
    LabelId,
    LabelOutputFormat,
    LabelsToAppend,
    LabelToCreate,
)
from kili.domain.project import ProjectId
from kili.domain.query import FieldPaths, QueryOptions
from kili.domain.values import check_duration
from kili.exceptions import (
    InvalidArgumentError,
    MissingArgumentError,
    MissingExtraError,
    NotFound,
)
from kili.use_cases.asset_resolution import resolve_assets
from kili.use_cases.author_names import AuthorNames
from kili.use_cases.batching import concurrency_of, run_in_batches
from kili.use_cases.label_checks import check_jobs, check_json_objects, jobs_of
from kili.use_cases.label_import import LabelImport, name_label
from kili.use_cases.label_verification import LabelReadBack
from kili.use_cases.project import ProjectUseCases
from kili.use_cases.step_resolution import resolve_step_filters
from kili.use_cases.verified_write import write_in_verified_batches

if TYPE_CHECKING:
    import pandas as pd

    from kili.adapters.kili_api_gateway import KiliAPIGateway
    from kili.domain.asset import AssetDesignation
    from kili.utils.labels import ParsedLabel

LABEL_IDS_PER_DELETION = 100
"""Label ids sent per `deleteLabels` request."""


class LabelUseCases:
    """Reads and writes of labels."""

    def __init__(self, gateway: KiliAPIGateway) -> None:
        self._gateway = gateway

    # --- reads ----------------------------------------------------------------------

    def list_labels(
        self, filters: LabelFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Stream the labels matching `filters`, `jsonResponse` decoded.

        Raises:
            InvalidArgumentError: The category search names an unknown job or category.
        """
        self._check_search(filters)
        return self._label_rows(self._with_steps_by_id(filters), fields, options)

    def _label_rows(
        self, filters: LabelFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[dict[str, Any]]:
        """Stream the labels, with the author's `name` built when it is asked for."""
        names = AuthorNames.requested(fields)
        return names.add_to(self._gateway.list_labels(filters, names.query_fields, options))

    def list_parsed_labels(
        self, filters: LabelFilters, fields: FieldPaths, options: QueryOptions
    ) -> Iterator[ParsedLabel]:
        """Stream the labels matching `filters` as parsed labels of their project's interface.

        Raises:
            InvalidArgumentError: `fields` lacks `jsonResponse`, which parsing needs.
            NotFound: The project does not exist.
        """
        if "jsonResponse" not in fields:
            raise InvalidArgumentError(
                "Parsed labels are built from their jsonResponse: add 'jsonResponse' to fields."
            )
        if filters.project_id is None:
            raise MissingArgumentError("Parsing labels needs the project of their interface.")
        project = self._project(filters.project_id, ("inputType", "jsonInterface"))
        if filters.search is not None:
            problem = category_search_problem(filters.search, jobs_of(project))
            if problem:
                raise InvalidArgumentError(f"Project {filters.project_id}: {problem}.")
        rows = self._label_rows(self._with_steps_by_id(filters), fields, options)
        from kili.utils.labels import parse_labels

        return parse_labels(rows, project.get("jsonInterface") or {}, project["inputType"])

    def read_labels(
        self,
        filters: LabelFilters,
        fields: FieldPaths,
        options: QueryOptions,
        output_format: LabelOutputFormat,
    ) -> Iterator[dict[str, Any]] | Iterator[ParsedLabel]:
        """Stream the labels matching `filters` as dicts, or parsed when asked.

        Raises:
            InvalidArgumentError: Parsed labels are asked for without `jsonResponse`.
            NotFound: Parsed labels are asked for and the project does not exist.
        """
        if output_format == "parsed_label":
            return self.list_parsed_labels(filters, fields, options)
        return self.list_labels(filters, fields, options)

    def count_labels(self, filters: LabelFilters) -> int:
        """Count the labels matching `filters`.

        Raises:
            InvalidArgumentError: The category search names an unknown job or category.
        """
        self._check_search(filters)
        return self._gateway.count_labels(self._with_steps_by_id(filters))

    def export_labels_as_df(
        self,
        project_id: ProjectId,
        label_fields: FieldPaths,
        asset_fields: FieldPaths,
        *,
        disable_tqdm: bool,
    ) -> pd.DataFrame:
        """Return one row per label of the project: its fields, then `asset_<field>` columns.

        Raises:
            MissingExtraError: pandas is not installed.
            NotFound: The project does not exist.
        """
        try:
            import pandas as pd
        except ImportError:
            raise MissingExtraError("export_labels_as_df", "pandas") from None
        self._project(project_id, ("id",))
        fields = (*label_fields, *(f"labelOf.{field}" for field in asset_fields))
        rows = self._gateway.list_labels(
            LabelFilters(project_id=project_id), fields, QueryOptions(disable_tqdm=disable_tqdm)
        )
        frame: pd.DataFrame = pd.DataFrame([_with_asset_columns(row) for row in rows])
        return frame

    # --- writes ---------------------------------------------------------------------

    def append_labels(
        self,
        request: LabelsToAppend,
        *,
        assets: AssetDesignation,
        disable_tqdm: bool,
    ) -> list[LabelId]:
        """Create labels on assets given by id or by external id, in batches.

        Args:
            request: The labels and what they share.
            assets: The asset of each label, in the order of `request.labels`.
            disable_tqdm: Hide the progress bar.

        Returns:
            The ids of the labels created, in the order of `request.labels`.

        Raises:
            InvalidArgumentError: No label, or an annotation names an unknown job.
            ArgumentTypeError: An annotation is not a JSON object.
            MissingArgumentError: A model label lacks `model_name`.
            NotFound: Some assets do not exist; they are listed.
            UncertainBatchWriteError: The server stayed unreachable while a batch was
                written or read back; the error lists the labels written and those
                not written (`unwritten_items`, `unwritten_indices`).
        """
        importer = LabelImport(self._gateway, max_concurrency=concurrency_of(self._gateway))
        return importer.run(request, assets=assets, disable_tqdm=disable_tqdm)

    def create_honeypot(
        self,
        json_response: Mapping[str, Any],
        asset: AssetDesignation,
    ) -> LabelId:
        """Set the reference label of a honeypot asset, given by id or by external id.

        Raises:
            NotFound: The asset does not exist.
            InvalidArgumentError: The annotation names a job the project does not have.
            UncertainBatchWriteError: The server stayed unreachable; the error says
                whether the label was made.
        """
        check_json_objects([json_response], "json_response")
        project_id = asset.project_id
        (resolved,) = resolve_assets(self._gateway, asset)
        check_jobs(self._gateway, [json_response], [resolved], project_id)
        author_id = self._gateway.get_current_user(("id",))["id"]
        label = LabelToCreate(json_response=json_response, asset_id=resolved, author_id=author_id)
        (label_id,) = write_in_verified_batches(
            [label],
            1,
            lambda _: [self._gateway.create_honeypot(resolved, json_response)],
            LabelReadBack(
                self._gateway, label_type="REVIEW", model_name=None, project_id=project_id
            ),
            description="Creating the honeypot",
            disable_tqdm=True,
            name_item=name_label,
        )
        return label_id

    def update_properties_in_label(
        self,
        label_id: LabelId,
        *,
        json_response: Mapping[str, Any] | None,
        seconds_to_label: float | None,
        model_name: str | None,
    ) -> LabelId:
        """Overwrite the given properties of a label.

        Raises:
            NotFound: The label does not exist (checked when annotations are given).
            InvalidArgumentError: The annotation names a job the project does not have.
        """
        check_duration(seconds_to_label, "seconds_to_label")
        if json_response is not None:
            check_json_objects([json_response], "json_response")
            check_jobs(self._gateway, [json_response], None, self._project_of_label(label_id))
        return self._gateway.update_properties_in_label(
            label_id,
            json_response=json_response,
            seconds_to_label=seconds_to_label,
            model_name=model_name,
        )

    def delete_labels(self, label_ids: Sequence[LabelId], *, disable_tqdm: bool) -> list[LabelId]:
        """Delete labels in batches and return the ids the API reports deleted."""
        return run_in_batches(
            label_ids,
            LABEL_IDS_PER_DELETION,
            self._gateway.delete_labels,
            description="Deleting labels",
            disable_tqdm=disable_tqdm,
            max_concurrency=concurrency_of(self._gateway),
        )

    # --- checks ---------------------------------------------------------------------

    def _with_steps_by_id(self, filters: LabelFilters) -> LabelFilters:
        """Check the asset step filters against the project's workflow; steps by id.

        Raises:
            InvalidArgumentError: A step filter does not fit the project's workflow.
            IncompatibleArgumentsError: `asset_status_in` with step filters on a
                workflow project.
            MissingArgumentError: Step filters without the project.
        """
        if filters.asset_steps is None:
            return filters
        if filters.project_id is None:
            raise MissingArgumentError("Filtering labels by asset step needs their project.")
        steps = resolve_step_filters(
            self._gateway,
            filters.project_id,
            filters.asset_steps,
            status_in=filters.asset_status_in,
        )
        return replace(filters, asset_steps=steps)

    def _check_search(self, filters: LabelFilters) -> None:
        if filters.search is not None and filters.project_id is not None:
            ProjectUseCases(self._gateway).check_category_search(filters.project_id, filters.search)

    def _project(self, project_id: ProjectId, fields: FieldPaths) -> dict[str, Any]:
        return ProjectUseCases(self._gateway).get_project(project_id, fields)

    def _project_of_label(self, label_id: LabelId) -> ProjectId:
        rows = self._gateway.list_labels(
            LabelFilters(project_id=None, id=label_id),
            ("projectId",),
            QueryOptions(first=1, disable_tqdm=True),
        )
        for row in rows:
            return ProjectId(row["projectId"])
        raise NotFound(f"No label has the id {label_id!r}, or it is not visible to you.")


def _with_asset_columns(row: dict[str, Any]) -> dict[str, Any]:
    asset = row.pop("labelOf", None) or {}
    row.update({f"asset_{key}": value for key, value in asset.items()})
    return row
