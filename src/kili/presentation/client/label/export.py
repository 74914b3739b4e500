"""`export_labels`: the labels of a project as a Kili, COCO, YOLO, Pascal VOC or GeoJSON archive.

The method keeps the official signature whole; it turns the arguments into a
`LabelExport` and hands it to the streamed export use case, which refuses bad options
before sending anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from kili.domain.asset import AssetExternalId, AssetFilters, AssetId
from kili.domain.label_export import (
    DEFAULT_EXPORTED_LABEL_TYPES,
    CocoAnnotationModifier,
    ExportOptions,
    ExportType,
    LabelExport,
    LabelFormat,
    SplitOption,
)
from kili.domain.project import ProjectId
from kili.domain.query import ListOrTuple
from kili.domain.step_filters import StepFilters
from kili.exceptions import (
    IncompatibleArgumentsError,
    InvalidArgumentError,
    MissingArgumentError,
    NoCompatibleJobError,
)
from kili.presentation.client.arguments import checked
from kili.presentation.client.asset.arguments import asset_filters
from kili.presentation.client.base import ClientBase
from kili.use_cases.label_export import LabelExportUseCase
from kili.user_warnings import warn_user

EXPORT_ASSET_FILTERS = frozenset(
    {
        "consensus_mark_gte",
        "consensus_mark_lte",
        "external_id_strictly_in",
        "external_id_in",
        "external_id_contains",
        "honeypot_mark_gte",
        "honeypot_mark_lte",
        "label_author_in",
        "label_labeler_in",
        "label_labeler_not_in",
        "label_reviewer_in",
        "label_reviewer_not_in",
        "assignee_in",
        "assignee_not_in",
        "skipped",
        "status_in",
        "label_category_search",
        "created_at_gte",
        "created_at_lte",
        "issue_type",
        "issue_status",
        "inference_mark_gte",
        "inference_mark_lte",
        "metadata_where",
        "step_name_in",
        "step_id_in",
        "step_status_in",
        "group_name_in",
        "group_name_not_in",
    }
)
"""The `kili.assets()` filters `asset_filter_kwargs` accepts, as the official SDK lists them."""


class LabelExportMethods(ClientBase):
    """The `export_labels` method of `Kili`."""

    @checked
    def export_labels(
        self,
        project_id: str,
        filename: str | None,
        fmt: LabelFormat,
        asset_ids: ListOrTuple[str] | None = None,
        layout: SplitOption = "split",
        single_file: bool = False,
        disable_tqdm: bool | None = None,
        with_assets: bool = True,
        external_ids: ListOrTuple[str] | None = None,
        annotation_modifier: CocoAnnotationModifier | None = None,
        asset_filter_kwargs: dict[str, Any] | None = None,
        normalized_coordinates: bool | None = None,
        label_type_in: ListOrTuple[str] | None = None,
        include_sent_back_labels: bool | None = None,
        export_type: ExportType = "latest",
    ) -> None:
        """Export the labels of a project into an archive, in the format asked for.

        The assets are read a page at a time and written as they arrive, so memory does
        not grow with the project; the archive is written to a temporary file beside
        `filename` and moved in place once complete, so a failed export leaves nothing.

        Args:
            project_id: The project.
            filename: Path of the zip archive to write; its directory must exist.
            fmt: `kili` (alias `raw`), `coco`, `yolo_v4`, `yolo_v5`, `yolo_v7`,
                `yolo_v8`, `pascal_voc` or `geojson`.
            asset_ids: Export only these assets.
            layout: `split`: one folder (or COCO file) per job; `merged`: all jobs together.
            single_file: One `data.json` for every asset (Kili format; COCO writes one
                file anyway).
            disable_tqdm: Hide the progress bar; `None` follows the client's setting.
            with_assets: Put the media in the archive (refused for cloud-storage projects).
            external_ids: Export only the assets with these external ids.
            annotation_modifier: COCO only: `f(coco_annotation, coco_image, kili_annotation)`
                returning the COCO annotation to write.
            asset_filter_kwargs: Filters of `kili.assets()` selecting the exported assets
                (`status_in`, `metadata_where`, `label_author_in`, ...).
            normalized_coordinates: Coordinates between 0 and 1 (`True`), in pixels
                (`False`), or the format's default (`None`); each format refuses what
                it cannot write.
            label_type_in: Label types exported; `DEFAULT` and `REVIEW` by default.
            include_sent_back_labels: Keep the labels of assets sent back to the queue
                (the default).
            export_type: `latest` (the latest label of each asset), `latest_from_last_step`,
                `latest_from_all_steps` or `normal` (every label).

        Returns:
            None, as the official SDK; when no job of the project fits the format, a
            warning says so and nothing is written.

        Raises:
            NotCompatibleOptions: The format refuses an option (single file, layout,
                normalized coordinates, assets of a cloud-storage project).
            NotCompatibleInputType: The format cannot express the project's input type.
            ExportDestinationError: The directory of `filename` is missing or read-only.
            NothingToExportError: No selected asset has a label to export.
            IncompatibleArgumentsError: Both `asset_ids` and `external_ids` were given.
            InvalidArgumentError: `asset_filter_kwargs` holds an unknown filter.
            MissingArgumentError: `filename` is None.
        """
        if filename is None:
            raise MissingArgumentError("Output file is required for this export format.")
        options = ExportOptions(
            fmt=fmt,
            layout=layout,
            single_file=single_file,
            with_assets=with_assets,
            normalized_coordinates=normalized_coordinates,
            export_type=export_type,
            label_type_in=tuple(label_type_in or DEFAULT_EXPORTED_LABEL_TYPES),
            include_sent_back_labels=include_sent_back_labels is not False,
            annotation_modifier=annotation_modifier,
        )
        export = LabelExport(
            project_id=project_id,
            filename=filename,
            options=options,
            filters=export_filters(
                project_id, asset_ids, external_ids, asset_filter_kwargs, options.label_type_in
            ),
        )
        try:
            LabelExportUseCase(self.kili_api_gateway).export(
                export, disable_tqdm=self._hide_progress(disable_tqdm)
            )
        except NoCompatibleJobError as error:
            warn_user(str(error))


def export_filters(
    project_id: str,
    asset_ids: ListOrTuple[str] | None,
    external_ids: ListOrTuple[str] | None,
    asset_filter_kwargs: Mapping[str, Any] | None,
    label_type_in: tuple[str, ...],
) -> AssetFilters:
    """Build the filters of the exported assets from the method's arguments.

    Raises:
        IncompatibleArgumentsError: Both `asset_ids` and `external_ids` were given.
        InvalidArgumentError: `asset_filter_kwargs` names an unknown filter.
    """
    if asset_ids is not None and external_ids is not None:
        raise IncompatibleArgumentsError("Give either `asset_ids` or `external_ids`, not both.")
    arguments = dict(asset_filter_kwargs or {})
    unknown = sorted(
        name
        for name in arguments
        if name not in EXPORT_ASSET_FILTERS
        or (name not in _FILTER_FIELDS and name != "external_id_contains")
    )
    if unknown:
        raise InvalidArgumentError(f"Unknown asset filter arguments: {unknown}")
    if asset_ids:
        arguments["asset_id_in"] = [AssetId(one) for one in asset_ids]
    if external_ids:
        arguments["external_id_strictly_in"] = [AssetExternalId(one) for one in external_ids]
    arguments["label_type_in"] = list(label_type_in)
    return asset_filters(str(ProjectId(project_id)), arguments)


_FILTER_FIELDS = frozenset(field.name for field in (*fields(AssetFilters), *fields(StepFilters)))
