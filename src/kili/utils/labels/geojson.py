"""GeoJSON and Kili labels: give features the Kili properties, and convert both ways.

`enrich_geojson_with_kili_properties` and `enrich_geojson_with_specific_mapping` are
written here. The conversions between Kili annotations (points, lines, bounding boxes,
polygons, segmentation, classifications, transcriptions) and GeoJSON features or feature
collections are those of Kili's `kili-formats` package, the code the official SDK runs,
installed by the ``geojson`` extra (``pip install 'kili[geojson]'``) and imported on first
use: `from kili.utils.labels.geojson import kili_json_response_to_feature_collection`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kili.exceptions import InvalidArgumentError
from kili.utils.labels._extras import import_extra

EXTRA = "geojson"

CONVERSIONS = frozenset(
    {
        "features_to_feature_collection",
        "geojson_feature_collection_to_kili_json_response",
        "geojson_geometrycollection_feature_to_kili_annotations",
        "geojson_linestring_feature_to_kili_line_annotation",
        "geojson_multilinestring_feature_to_kili_line_annotations",
        "geojson_multipoint_feature_to_kili_point_annotations",
        "geojson_point_feature_to_kili_point_annotation",
        "geojson_polygon_feature_to_kili_bbox_annotation",
        "geojson_polygon_feature_to_kili_polygon_annotation",
        "geojson_polygon_feature_to_kili_segmentation_annotation",
        "kili_bbox_annotation_to_geojson_polygon_feature",
        "kili_bbox_to_geojson_polygon",
        "kili_json_response_to_feature_collection",
        "kili_line_annotation_to_geojson_linestring_feature",
        "kili_line_to_geojson_linestring",
        "kili_point_annotation_to_geojson_point_feature",
        "kili_point_to_geojson_point",
        "kili_polygon_annotation_to_geojson_polygon_feature",
        "kili_polygon_to_geojson_polygon",
        "kili_segmentation_annotation_to_geojson_polygon_feature",
        "kili_segmentation_to_geojson_geometry",
    }
)
"""The conversions taken from `kili_formats.format.geojson`, under their names there."""

_TOOL_FOR_GEOMETRY = {
    "Point": ("marker",),
    "MultiPoint": ("marker",),
    "LineString": ("polyline",),
    "MultiLineString": ("polyline",),
    "Polygon": ("polygon", "semantic"),
    "MultiPolygon": ("semantic",),
}
"""The tools that can draw each geometry type, the first one preferred."""


def __getattr__(name: str) -> Any:
    """Give the conversions of `kili-formats`, imported when first asked for."""
    if name in CONVERSIONS:
        module = import_extra("kili_formats.format.geojson", EXTRA, f"geojson.{name}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *CONVERSIONS})


def _kili_property(job_name: str, category: str, tool: str) -> dict[str, Any]:
    return {
        "kili": {"children": {}, "categories": [{"name": category}], "type": tool, "job": job_name}
    }


def _with_property(feature: Mapping[str, Any], kili: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of `feature` whose properties hold `kili`; the input is left alone."""
    properties = dict(feature.get("properties") or {})
    properties.update(kili)
    return {**feature, "properties": properties}


def _geometry_type(feature: Mapping[str, Any]) -> str | None:
    geometry = feature.get("geometry")
    return geometry.get("type") if isinstance(geometry, Mapping) else None


def enrich_geojson_with_kili_properties(
    feature_collection: Mapping[str, Any], json_interface: Mapping[str, Any]
) -> dict[str, Any]:
    """Give each feature without Kili properties the first job and category that can hold it.

    A point goes to the first object detection job with the marker tool, a line to the
    first with the polyline tool, a polygon to the first with the polygon tool (else the
    semantic tool), a multipolygon to the first with the semantic tool; each gets the
    first category of its job. Features that already have ``properties.kili`` are kept as
    they are; features no job can hold, or without geometry, are left out.

    Args:
        feature_collection: A GeoJSON FeatureCollection.
        json_interface: The json interface of the project.

    Returns:
        A new feature collection; the one given is not modified.
    """
    first_job_for_tool: dict[str, tuple[str, str]] = {}
    for job_name, job in (json_interface.get("jobs") or {}).items():
        categories = list((job.get("content") or {}).get("categories") or {})
        if job.get("mlTask") != "OBJECT_DETECTION" or not categories:
            continue
        for tool in job.get("tools") or ():
            first_job_for_tool.setdefault(tool, (job_name, categories[0]))
    features = []
    for feature in feature_collection.get("features", []):
        if (feature.get("properties") or {}).get("kili") is not None:
            features.append(feature)
            continue
        for tool in _TOOL_FOR_GEOMETRY.get(str(_geometry_type(feature)), ()):
            if tool in first_job_for_tool:
                job_name, category = first_job_for_tool[tool]
                features.append(_with_property(feature, _kili_property(job_name, category, tool)))
                break
    return {**feature_collection, "features": features}


def enrich_geojson_with_specific_mapping(
    feature_collection: Mapping[str, Any],
    json_interface: Mapping[str, Any],
    target_job_name: str,
    target_category_name: str,
) -> dict[str, Any]:
    """Give every feature the same job and category, with the tool its geometry needs.

    Args:
        feature_collection: A GeoJSON FeatureCollection.
        json_interface: The json interface of the project.
        target_job_name: The object detection job every feature goes to.
        target_category_name: The category every feature gets.

    Returns:
        A new feature collection holding the features the job has a tool for (points need
        the marker tool, lines the polyline tool, polygons the polygon or semantic tool,
        multipolygons the semantic tool); the one given is not modified.

    Raises:
        InvalidArgumentError: The job does not exist, is not an object detection job, or
            has no such category.
    """
    job = (json_interface.get("jobs") or {}).get(target_job_name)
    if not job:
        raise InvalidArgumentError(f"Job '{target_job_name}' not found in project")
    if job.get("mlTask") != "OBJECT_DETECTION":
        raise InvalidArgumentError(f"Job '{target_job_name}' is not an OBJECT_DETECTION job")
    if target_category_name not in ((job.get("content") or {}).get("categories") or {}):
        raise InvalidArgumentError(
            f"Category '{target_category_name}' not found in job '{target_job_name}'"
        )
    tools = job.get("tools") or ()
    features = []
    for feature in feature_collection.get("features", []):
        for tool in _TOOL_FOR_GEOMETRY.get(str(_geometry_type(feature)), ()):
            if tool in tools:
                kili = _kili_property(target_job_name, target_category_name, tool)
                features.append(_with_property(feature, kili))
                break
    return {**feature_collection, "features": features}


__all__ = ["enrich_geojson_with_kili_properties", "enrich_geojson_with_specific_mapping"]
