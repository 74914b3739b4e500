"""GeoJSON helpers: enriching features with Kili properties, and conversions both ways."""

from __future__ import annotations

import copy
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kili.exceptions import InvalidArgumentError, MissingExtraError
from kili.utils.labels import geojson, parse_json_response
from kili.utils.labels.geojson import (
    enrich_geojson_with_kili_properties,
    enrich_geojson_with_specific_mapping,
)

INTERFACE: dict[str, Any] = {
    "jobs": {
        "CLASSIF": {
            "mlTask": "CLASSIFICATION",
            "isChild": False,
            "content": {"categories": {"X": {}}, "input": "radio"},
        },
        "MARKERS": {
            "mlTask": "OBJECT_DETECTION",
            "isChild": False,
            "tools": ["marker"],
            "content": {"categories": {"TREE": {"name": "Tree"}, "POLE": {"name": "Pole"}}},
        },
        "LINES": {
            "mlTask": "OBJECT_DETECTION",
            "isChild": False,
            "tools": ["polyline"],
            "content": {"categories": {"ROAD": {"name": "Road"}}},
        },
        "AREAS": {
            "mlTask": "OBJECT_DETECTION",
            "isChild": False,
            "tools": ["semantic"],
            "content": {"categories": {"FIELD": {"name": "Field"}}},
        },
    }
}


def feature(kind: str, coordinates: Any, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": kind, "coordinates": coordinates},
        "properties": properties,
    }


SQUARE = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]
COLLECTION = {
    "type": "FeatureCollection",
    "features": [
        feature("Point", [2.35, 48.85], name="Paris"),
        feature("LineString", [[0, 0], [1, 1]]),
        feature("Polygon", SQUARE),
        feature("MultiPolygon", [SQUARE]),
        {"type": "Feature", "geometry": None, "properties": {}},
        feature("Point", [0, 0], kili={"job": "MARKERS", "type": "marker", "categories": []}),
    ],
}


def test_features_get_the_first_job_and_category_whose_tool_draws_them() -> None:
    original = copy.deepcopy(COLLECTION)

    enriched = enrich_geojson_with_kili_properties(COLLECTION, INTERFACE)

    kinds = [
        (f["properties"]["kili"]["job"], f["properties"]["kili"]["type"])
        for f in enriched["features"]
    ]
    assert kinds == [
        ("MARKERS", "marker"),
        ("LINES", "polyline"),
        ("AREAS", "semantic"),
        ("AREAS", "semantic"),
        ("MARKERS", "marker"),
    ]
    assert enriched["features"][0]["properties"]["kili"]["categories"] == [{"name": "TREE"}]
    assert enriched["features"][0]["properties"]["name"] == "Paris"
    assert original == COLLECTION


def test_a_specific_mapping_keeps_only_what_the_job_can_draw() -> None:
    enriched = enrich_geojson_with_specific_mapping(COLLECTION, INTERFACE, "MARKERS", "POLE")

    assert [f["geometry"]["type"] for f in enriched["features"]] == ["Point", "Point"]
    assert {f["properties"]["kili"]["categories"][0]["name"] for f in enriched["features"]} == {
        "POLE"
    }


@pytest.mark.parametrize(
    ("job", "category", "message"),
    [
        ("NOPE", "TREE", "Job 'NOPE' not found in project"),
        ("CLASSIF", "X", "Job 'CLASSIF' is not an OBJECT_DETECTION job"),
        ("MARKERS", "BUS", "Category 'BUS' not found in job 'MARKERS'"),
    ],
)
def test_a_specific_mapping_to_a_wrong_job_or_category_is_refused(
    job: str, category: str, message: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        enrich_geojson_with_specific_mapping(COLLECTION, INTERFACE, job, category)


coordinate = st.floats(min_value=-180, max_value=180, allow_nan=False)


@settings(deadline=None)  # timing varies with machine load; results do not
@given(points=st.lists(st.tuples(coordinate, coordinate), min_size=2, max_size=6, unique=True))
def test_points_and_lines_come_back_from_a_feature_collection(
    points: list[tuple[float, float]],
) -> None:
    vertices = [{"x": x, "y": y} for x, y in points]
    response = {
        "MARKERS": {
            "annotations": [
                {
                    "mid": "p",
                    "type": "marker",
                    "point": vertices[0],
                    "categories": [{"name": "TREE"}],
                }
            ]
        },
        "LINES": {
            "annotations": [
                {
                    "mid": "l",
                    "type": "polyline",
                    "polyline": vertices,
                    "categories": [{"name": "ROAD"}],
                }
            ]
        },
    }

    collection = geojson.kili_json_response_to_feature_collection(response)
    back = geojson.geojson_feature_collection_to_kili_json_response(collection)

    assert back["MARKERS"]["annotations"][0]["point"] == vertices[0]
    assert back["LINES"]["annotations"][0]["polyline"] == vertices
    assert back["LINES"]["annotations"][0]["categories"] == [{"name": "ROAD"}]


def test_without_kili_formats_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "kili_formats.format.geojson", None)

    with pytest.raises(MissingExtraError, match=r"pip install 'kili\[geojson\]'"):
        _ = geojson.kili_point_to_geojson_point
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = geojson.nothing


@settings(deadline=None)  # timing varies with machine load; results do not
@given(
    left=coordinate,
    bottom=coordinate,
    width=st.floats(min_value=0.001, max_value=50),
    height=st.floats(min_value=0.001, max_value=50),
)
def test_boxes_and_polygons_come_back_from_features(
    left: float, bottom: float, width: float, height: float
) -> None:
    corners = [
        {"x": left, "y": bottom},
        {"x": left, "y": bottom + height},
        {"x": left + width, "y": bottom + height},
        {"x": left + width, "y": bottom},
    ]
    box = {"mid": "b", "type": "rectangle", "categories": [{"name": "A"}]}
    box["boundingPoly"] = [{"normalizedVertices": corners}]

    feature = geojson.kili_bbox_annotation_to_geojson_polygon_feature(box, "BOXES")
    back = geojson.geojson_polygon_feature_to_kili_bbox_annotation(feature)

    vertices = back["boundingPoly"][0]["normalizedVertices"]
    assert len(vertices) == 4
    for vertex, corner in zip(vertices, corners, strict=True):
        assert vertex["x"] == pytest.approx(corner["x"])
        assert vertex["y"] == pytest.approx(corner["y"])


def test_a_segmentation_with_a_hole_comes_back_in_the_hierarchical_format() -> None:
    outer = [{"x": 0, "y": 0}, {"x": 10, "y": 0}, {"x": 10, "y": 10}, {"x": 0, "y": 10}]
    hole = [{"x": 2, "y": 2}, {"x": 2, "y": 4}, {"x": 4, "y": 4}, {"x": 4, "y": 2}]
    area = {"mid": "s", "type": "semantic", "categories": [{"name": "FIELD"}]}
    area["boundingPoly"] = [{"normalizedVertices": outer}, {"normalizedVertices": hole}]

    collection = geojson.kili_json_response_to_feature_collection(
        {"AREAS": {"annotations": [area]}}
    )
    back = geojson.geojson_feature_collection_to_kili_json_response(collection)

    (polygon,) = back["AREAS"]["annotations"][0]["boundingPoly"]
    assert [ring["normalizedVertices"] for ring in polygon] == [outer, hole]
    parsed = parse_json_response(back, INTERFACE, "GEOSPATIAL")
    assert parsed["AREAS"].annotations[0].bounding_poly[0].normalized_vertices == [outer, hole]
    assert parsed.to_dict() == back
