"""Label imports from geospatial files: GeoJSON feature collections and shapefiles.

The files are read, converted and checked against the project's json interface before
anything is sent; the label they make is then imported as `append_labels` imports one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kili.domain.asset import AssetDesignation
from kili.domain.label import LabelsToAppend, LabelToCreate
from kili.domain.project import ProjectId
from kili.use_cases.label import LabelUseCases
from kili.use_cases.project import ProjectUseCases

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway
    from kili.domain.label import LabelId


class GeospatialLabelUseCases:
    """Build one label from geospatial files and import it on one asset."""

    def __init__(self, gateway: KiliAPIGateway) -> None:
        self._gateway = gateway

    def append_label_from_geojson_files(
        self,
        project_id: ProjectId,
        asset: AssetDesignation,
        paths: Sequence[str],
        job_names: Sequence[str] | None,
        category_names: Sequence[str] | None,
        label: LabelsToAppend,
    ) -> list[LabelId]:
        """Import the features of GeoJSON files as one label of the asset.

        Args:
            project_id: The project of the asset.
            asset: The asset labeled.
            paths: The GeoJSON files.
            job_names: One job per file, or `None` to follow the features' properties.
            category_names: One category per file, with `job_names`.
            label: What the label is (type, model, step); its `labels` are ignored.

        Returns:
            The id of the label created.

        Raises:
            GeospatialFileError: A file or feature cannot become an annotation of the
                project; nothing was sent.
        """
        from kili.utils.labels.geospatial import json_response_from_geojson_files

        interface, input_type = self._interface(project_id)
        response = json_response_from_geojson_files(
            paths, interface, input_type, job_names, category_names
        )
        return self._append(response, asset, label)

    def append_label_from_shapefiles(
        self,
        project_id: ProjectId,
        asset: AssetDesignation,
        paths: Sequence[str],
        job_names: Sequence[str],
        category_names: Sequence[str],
        from_epsgs: Sequence[int] | None,
        label: LabelsToAppend,
    ) -> list[LabelId]:
        """Import the shapes of shapefiles as one label of the asset.

        Raises:
            GeospatialFileError: A file or shape cannot become an annotation of the
                project; nothing was sent.
        """
        from kili.utils.labels.geospatial import json_response_from_shapefiles

        interface, input_type = self._interface(project_id)
        response = json_response_from_shapefiles(
            paths, job_names, category_names, interface, input_type, from_epsgs
        )
        return self._append(response, asset, label)

    def _interface(self, project_id: ProjectId) -> tuple[dict[str, Any], str]:
        project = ProjectUseCases(self._gateway).get_project(
            project_id, ("jsonInterface", "inputType")
        )
        return project.get("jsonInterface") or {}, str(project.get("inputType") or "")

    def _append(
        self, response: dict[str, Any], asset: AssetDesignation, label: LabelsToAppend
    ) -> list[LabelId]:
        request = replace(label, labels=(LabelToCreate(json_response=response),))
        return LabelUseCases(self._gateway).append_labels(request, assets=asset, disable_tqdm=True)
