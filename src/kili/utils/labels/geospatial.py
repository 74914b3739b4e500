"""Build one label's jsonResponse from GeoJSON files or shapefiles, checked before sending.

`json_response_from_geojson_files` and `json_response_from_shapefiles` do what
`kili.append_labels_from_geojson_files` and `kili.append_labels_from_shapefiles` do before
they send anything: read every file, turn each feature into Kili annotations, and parse
the result against the project's json interface. Any problem raises a
`GeospatialFileError` naming the file and the feature, so a bad file sends nothing.

GeoJSON conversions are those of `kili-formats` (the ``geojson`` extra); shapefiles are
read with pyshp and reprojected with pyproj (the ``shapefile`` extra). Coordinates stay
geographic (longitude as `x`, latitude as `y`, in EPSG:4326), as the official SDK sends them.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

from kili.exceptions import InvalidArgumentError, LabelParsingError
from kili.utils.labels import geojson as geojson_helpers
from kili.utils.labels._extras import import_extra
from kili.utils.labels._shapes import UnusableShapeError, shapefile_annotations
from kili.utils.labels.exceptions import GeospatialFileError
from kili.utils.labels.parsing import parse_json_response


def json_response_from_geojson_files(
    paths: Sequence[str],
    json_interface: Mapping[str, Any],
    input_type: str,
    job_names: Sequence[str] | None = None,
    category_names: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Merge the features of GeoJSON files into one jsonResponse.

    Each feature goes where its ``properties.kili`` says; with `job_names` and
    `category_names` (one per file) every feature of a file goes to that job and
    category; otherwise to the first job whose tools can draw it.

    Raises:
        GeospatialFileError: A file cannot be read, is not a FeatureCollection, or one of
            its features does not convert or does not fit the interface.
        MissingExtraError: `kili-formats` is not installed (``pip install 'kili[geojson]'``).
    """
    formats = import_extra("kili_formats.format.geojson", "geojson", "GeoJSON label imports")
    convert = formats.geojson_feature_collection_to_kili_json_response
    merged: dict[str, Any] = {}
    for index, path in enumerate(paths):
        collection = _read_feature_collection(path)
        if job_names is not None and category_names is not None:
            try:
                enriched = geojson_helpers.enrich_geojson_with_specific_mapping(
                    collection, json_interface, job_names[index], category_names[index]
                )
            except InvalidArgumentError as error:
                raise GeospatialFileError(path, str(error)) from None
        else:
            enriched = geojson_helpers.enrich_geojson_with_kili_properties(
                collection, json_interface
            )
        for number, feature in enumerate(enriched["features"]):
            single = {"type": "FeatureCollection", "features": [feature]}
            try:
                response = convert(single)
            except Exception as error:  # the converter fails in many ways
                raise GeospatialFileError(
                    path, f"cannot convert: {type(error).__name__}: {error}", feature=number
                ) from None
            _check(response, json_interface, input_type, path, number)
            _merge(merged, response)
    return merged


def json_response_from_shapefiles(
    paths: Sequence[str],
    job_names: Sequence[str],
    category_names: Sequence[str],
    json_interface: Mapping[str, Any],
    input_type: str,
    from_epsgs: Sequence[int] | None = None,
) -> dict[str, Any]:
    """Turn the shapes of shapefiles into annotations of the given jobs and categories.

    Each file's shapes go to its job (drawn with the job's first tool) and category,
    reprojected from its EPSG code (4326 when `from_epsgs` is omitted) to EPSG:4326.

    Raises:
        GeospatialFileError: A file cannot be read, a shape is empty or cannot be drawn
            by the job's tool, or the result does not fit the interface.
        MissingExtraError: pyshp or pyproj is not installed (``pip install 'kili[shapefile]'``).
    """
    shapefile = import_extra("shapefile", "shapefile", "append_labels_from_shapefiles")
    jobs = json_interface.get("jobs") or {}
    merged: dict[str, Any] = {}
    for index, path in enumerate(paths):
        job_name, category = job_names[index], category_names[index]
        job = jobs.get(job_name)
        if not isinstance(job, Mapping) or not job.get("tools"):
            raise GeospatialFileError(
                path, f"job {job_name!r} is not an object detection job of the project"
            )
        transform = _transform_to_wgs84(from_epsgs[index] if from_epsgs else 4326, path)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # pyshp warns of corrupt headers: refuse them
                with shapefile.Reader(path) as reader:
                    shapes = list(reader.iterShapes())
        except Exception as error:  # pyshp fails in many ways
            raise GeospatialFileError(path, f"cannot read the shapefile: {error}") from None
        annotations = []
        for number, shape in enumerate(shapes):
            try:
                annotations += shapefile_annotations(
                    shape, str(job["tools"][0]), category, transform
                )
            except UnusableShapeError as error:
                raise GeospatialFileError(path, str(error), feature=number) from None
        response = {job_name: {"annotations": annotations}}
        _check(response, json_interface, input_type, path, None)
        _merge(merged, response)
    return merged


def _transform_to_wgs84(from_epsg: int, path: str) -> Any:
    if from_epsg == 4326:
        return None
    pyproj = import_extra("pyproj", "shapefile", "reprojecting shapefiles (from_epsgs)")
    try:
        return pyproj.Transformer.from_crs(f"EPSG:{from_epsg}", "EPSG:4326", always_xy=True)
    except pyproj.exceptions.CRSError as error:
        raise GeospatialFileError(path, f"unknown EPSG code {from_epsg}: {error}") from None


def _read_feature_collection(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as file:
            collection = json.load(file)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GeospatialFileError(path, f"cannot read it as JSON: {error}") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise GeospatialFileError(path, "is not a GeoJSON FeatureCollection")
    features = collection.get("features")
    if not isinstance(features, list):
        raise GeospatialFileError(path, "has no 'features' list")
    for number, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise GeospatialFileError(path, "is not a GeoJSON Feature", feature=number)
    return collection


def _check(
    response: Mapping[str, Any],
    json_interface: Mapping[str, Any],
    input_type: str,
    path: str,
    feature: int | None,
) -> None:
    """Parse `response` against the interface, naming the file and feature if it fails."""
    try:
        parse_json_response(response, json_interface, input_type)
    except LabelParsingError as error:
        raise GeospatialFileError(path, str(error), feature=feature) from None


def _merge(merged: dict[str, Any], response: Mapping[str, Any]) -> None:
    """Add a file's (or feature's) jsonResponse to `merged`, appending annotations."""
    for job_name, answer in response.items():
        target = merged.setdefault(job_name, {})
        for key, value in answer.items():
            if key == "annotations":
                target.setdefault("annotations", []).extend(value)
            else:
                target[key] = value
