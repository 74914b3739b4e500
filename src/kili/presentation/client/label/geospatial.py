"""Client methods importing labels from geospatial files: GeoJSON and shapefiles."""

from __future__ import annotations

from kili.domain.label import LabelsToAppend, LabelType
from kili.domain.project import ProjectId
from kili.domain.query import ListOrTuple
from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError
from kili.presentation.client.arguments import check_lengths, checked, designated_assets
from kili.presentation.client.base import ClientBase
from kili.presentation.client.label.arguments import step_designation
from kili.use_cases.label_geospatial import GeospatialLabelUseCases


def _label(
    project_id: str,
    label_type: LabelType,
    model_name: str | None,
    step_name: str | None,
    step_id: str | None,
    group_name: str | None,
) -> LabelsToAppend:
    """Describe the label to create and the workflow step it is made in."""
    return LabelsToAppend(
        labels=(),
        label_type=label_type,
        model_name=model_name,
        project_id=ProjectId(project_id),
        step=step_designation(step_id, step_name, group_name),
    )


def _check_paths(paths: ListOrTuple[str], argument: str) -> None:
    if not paths:
        raise InvalidArgumentError(f"{argument} is empty: give at least one file.")


class LabelGeospatialMethods(ClientBase):
    """Methods of `Kili` that make labels from GeoJSON files and shapefiles."""

    @checked
    def append_labels_from_shapefiles(
        self,
        project_id: str,
        asset_external_id: str,
        shapefile_paths: ListOrTuple[str],
        job_names: ListOrTuple[str],
        category_names: ListOrTuple[str],
        from_epsgs: ListOrTuple[int] | None = None,
        label_type: LabelType = "DEFAULT",
        step_name: str | None = None,
        model_name: str | None = None,
        step_id: str | None = None,
        group_name: str | None = None,
    ) -> None:
        """Import the shapes of shapefiles as one label of an asset.

        Verified, not idempotent, as `append_labels`, which sends the label. Each file's
        shapes become annotations of its job (drawn with the job's first tool) and
        category, read with pyshp and reprojected to EPSG:4326 with pyproj
        (``pip install 'kili[shapefile]'``). Every file is checked against the project's
        interface first: a bad one raises an error naming it and the shape; nothing is sent.

        Args:
            project_id: The project of the asset.
            asset_external_id: External id of the asset to label.
            shapefile_paths: The `.shp` files (their `.shx` and `.dbf` beside them).
            job_names: The object detection job of each file's shapes.
            category_names: The category of each file's shapes.
            from_epsgs: The EPSG code of each file's coordinates; 4326 (WGS84) by default.
            label_type: `AUTOSAVE`, `DEFAULT`, `PREDICTION`, `REVIEW` or `INFERENCE`.
            step_name: Workflow step the label is made for.
            model_name: Model that made the label, for `PREDICTION` and `INFERENCE`.
            step_id: Workflow step the label is made in, by id; exclusive with
                `step_name` and `group_name`.
            group_name: Group of the step named `step_name`, in the multi-group
                workflow; needed when several groups have a step of that name.

        Raises:
            InvalidArgumentError: No file, or arrays of different lengths.
            GeospatialFileError: A file or shape cannot become an annotation.
        """
        _check_paths(shapefile_paths, "shapefile_paths")
        check_lengths(
            {
                "shapefile_paths": shapefile_paths,
                "job_names": job_names,
                "category_names": category_names,
                "from_epsgs": from_epsgs,
            },
            per="shapefile",
        )
        label = _label(project_id, label_type, model_name, step_name, step_id, group_name)
        asset = designated_assets(
            None, [asset_external_id], project_id, names=("asset_id", "asset_external_id")
        )
        GeospatialLabelUseCases(self.kili_api_gateway).append_label_from_shapefiles(
            ProjectId(project_id),
            asset,
            shapefile_paths,
            job_names,
            category_names,
            from_epsgs,
            label,
        )

    @checked
    def append_labels_from_geojson_files(
        self,
        project_id: str,
        asset_external_id: str,
        geojson_file_paths: ListOrTuple[str],
        job_names: ListOrTuple[str] | None = None,
        category_names: ListOrTuple[str] | None = None,
        label_type: LabelType = "DEFAULT",
        step_name: str | None = None,
        model_name: str | None = None,
        step_id: str | None = None,
        group_name: str | None = None,
    ) -> None:
        """Import the features of GeoJSON files as one label of an asset.

        Verified, not idempotent, as `append_labels`, which sends the label. A feature
        goes where its ``properties.kili`` says, or to its file's job and category, or to
        the first job whose tool draws it; conversions are those of `kili-formats`
        (``pip install 'kili[geojson]'``). Every file is checked against the project's
        interface first: a bad one raises an error naming it and the feature; nothing is sent.

        Args:
            project_id: The project of the asset.
            asset_external_id: External id of the asset to label.
            geojson_file_paths: The GeoJSON files, each a FeatureCollection.
            job_names: The job of each file's features; give it with `category_names`.
            category_names: The category of each file's features.
            label_type: `AUTOSAVE`, `DEFAULT`, `PREDICTION`, `REVIEW` or `INFERENCE`.
            step_name: Workflow step the label is made for.
            model_name: Model that made the label, for `PREDICTION` and `INFERENCE`.
            step_id: Workflow step the label is made in, by id; exclusive with
                `step_name` and `group_name`.
            group_name: Group of the step named `step_name`, in the multi-group
                workflow; needed when several groups have a step of that name.

        Raises:
            InvalidArgumentError: No file, or arrays of different lengths.
            IncompatibleArgumentsError: Only one of `job_names` and `category_names`.
            GeospatialFileError: A file or feature cannot become an annotation.
        """
        _check_paths(geojson_file_paths, "geojson_file_paths")
        if (job_names is None) != (category_names is None):
            raise IncompatibleArgumentsError(
                "Both job_names and category_names must be provided together, or both must be None"
            )
        check_lengths(
            {
                "geojson_file_paths": geojson_file_paths,
                "job_names": job_names,
                "category_names": category_names,
            },
            per="GeoJSON file",
        )
        label = _label(project_id, label_type, model_name, step_name, step_id, group_name)
        asset = designated_assets(
            None, [asset_external_id], project_id, names=("asset_id", "asset_external_id")
        )
        GeospatialLabelUseCases(self.kili_api_gateway).append_label_from_geojson_files(
            ProjectId(project_id),
            asset,
            geojson_file_paths,
            job_names,
            category_names,
            label,
        )
