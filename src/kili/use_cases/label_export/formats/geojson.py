"""The GeoJSON writer: `labels/<asset>.geojson`, one feature collection per label.

For geospatial projects, and geotiff images labeled in latitude and longitude. The
conversion of each annotation kind (boxes, polygons, segmentations, points, lines,
classifications, transcriptions) is Kili's own, from `kili-formats` (the `geojson`
extra), as the official exporter does: the features are then those of the official
archive by construction. Each collection carries `properties.kili` with the asset id,
the label's author and the export date, as the official files do.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from kili.domain.label_export import ExportOptions, ExportProject
from kili.exceptions import MissingExtraError, NotCompatibleInputType, NotCompatibleOptions
from kili.use_cases.label_export.archive import ArchiveSink
from kili.use_cases.label_export.formats.base import Asset, FormatWriter, refuse_input_types
from kili.use_cases.label_export.formats.geotiff import is_geotiff_with_lat_lon
from kili.use_cases.label_export.formats.labels_of_asset import label_suffix, labels_to_write

GEOJSON_TOOLS = frozenset({"rectangle", "polygon", "semantic", "marker", "polyline"})


class GeoJsonWriter(FormatWriter):
    """Write the GeoJSON archive."""

    extra_asset_fields = ("geospatialExportMetadata",)

    def __init__(self, project: ExportProject, options: ExportOptions, sink: ArchiveSink) -> None:
        super().__init__(project, options, sink)
        try:
            geojson = importlib.import_module("kili_formats.format.geojson")
        except ImportError:
            raise MissingExtraError("The GeoJSON export", "geojson") from None
        self.converter = geojson.convert_from_kili_to_geojson_format
        self.export_date = (
            datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        )
        self.skipped = 0
        sink.add_directory("labels")

    @classmethod
    def check_options(cls, options: ExportOptions) -> None:
        """Refuse normalized or pixel coordinates, the split layout and a single file."""
        if options.normalized_coordinates is not None:
            raise NotCompatibleOptions(
                "The GeoJson annotation format can only be exported with lat/long coordinates."
                " Please set `normalized_coordinates` to None."
            )
        if options.layout != "merged":
            raise NotCompatibleOptions(
                "The current implementation only supports merged annotations."
            )
        if options.single_file:
            raise NotCompatibleOptions(
                "The GeoJson annotation format cannot be exported into a single file."
            )

    @classmethod
    def check_project(cls, project: ExportProject, options: ExportOptions) -> None:
        """Refuse projects other than images and geospatial ones, and pixel labeling."""
        del options  # check_options has checked them
        refuse_input_types(project, ("IMAGE", "GEOSPATIAL"), "GeoJson")
        settings = project.geospatial_settings or {}
        if settings.get("labelingCRSCode") == "PIXEL":
            raise NotCompatibleInputType(
                "GeoJson export is not available for projects labeled in image pixel"
                " coordinates. Use the Kili format, which exports pixel coordinates."
            )

    @classmethod
    def is_job_compatible(cls, job: Mapping[str, Any]) -> bool:
        """Tell whether the job is an object detection whose tools all have a GeoJSON form."""
        tools = job.get("tools")
        return (
            job.get("mlTask") == "OBJECT_DETECTION"
            and tools is not None
            and all(tool in GEOJSON_TOOLS for tool in tools)
        )

    def write_page(self, assets: Sequence[Asset]) -> None:
        """Write a feature collection per label of each geographic asset of the page."""
        for asset in assets:
            if self.project.input_type != "GEOSPATIAL" and not is_geotiff_with_lat_lon(asset):
                self.skipped += 1
                continue
            labels = labels_to_write(asset)
            for index, label in enumerate(labels, start=1):
                collection = self.converter(
                    label.get("jsonResponse") or {}, dict(self.project.json_interface), True
                )
                collection.setdefault("properties", {})["kili"] = self._kili_properties(
                    asset, label
                )
                path = f"labels/{asset['externalId']}{label_suffix(index, len(labels))}.geojson"
                self.sink.add_bytes(path, json.dumps(collection).encode("utf-8"))

    def _kili_properties(self, asset: Asset, label: Mapping[str, Any]) -> dict[str, Any]:
        """Return what the collection says of its asset and export, as the official file."""
        properties: dict[str, Any] = {
            "assetId": asset.get("id"),
            "author": (label.get("author") or {}).get("email"),
            "exportDate": self.export_date,
        }
        if asset.get("geospatialExportMetadata"):
            properties["geospatialExportMetadata"] = asset["geospatialExportMetadata"]
        return properties
