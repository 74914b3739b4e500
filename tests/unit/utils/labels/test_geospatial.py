"""Labels from GeoJSON files and shapefiles: conversion, reprojection, refusals, client."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import shapefile

from kili.client import Kili
from kili.domain.asset import AssetId
from kili.domain.label import LabelId
from kili.domain.project import ProjectId
from kili.domain.workflow import StepDesignation
from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError
from kili.utils.labels.exceptions import GeospatialFileError
from kili.utils.labels.geospatial import (
    json_response_from_geojson_files,
    json_response_from_shapefiles,
)

INTERFACE: dict[str, Any] = {
    "jobs": {
        job: {
            "mlTask": "OBJECT_DETECTION",
            "tools": [tool],
            "isChild": False,
            "content": {"categories": {"A": {"name": "A"}, "B": {"name": "B"}}, "input": "radio"},
        }
        for job, tool in [
            ("MARKERS", "marker"),
            ("LINES", "polyline"),
            ("BOXES", "rectangle"),
            ("POLYGONS", "polygon"),
            ("AREAS", "semantic"),
        ]
    }
}

CLOCKWISE_SQUARE = [[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]
HOLE = [[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]]


def write_geojson(path: Path, features: list[dict[str, Any]]) -> str:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return str(path)


def point(x: float, y: float, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [x, y]},
        "properties": properties,
    }


def write_shapefile(path: Path, kind: int, shapes: list[Any]) -> str:
    with shapefile.Writer(str(path), shapeType=kind) as writer:
        writer.field("name", "C")
        for shape in shapes:
            if kind == shapefile.POINT:
                writer.point(*shape)
            elif kind == shapefile.POLYLINE:
                writer.line(shape)
            else:
                writer.poly(shape)
            writer.record("x")
    return str(path) + ".shp"


def test_geojson_files_merge_into_one_response(tmp_path: Path) -> None:
    points = write_geojson(tmp_path / "a.geojson", [point(2.35, 48.85), point(4.83, 45.76)])
    tagged = write_geojson(
        tmp_path / "b.geojson",
        [point(1, 2, kili={"job": "MARKERS", "type": "marker", "categories": [{"name": "B"}]})],
    )

    response = json_response_from_geojson_files([points, tagged], INTERFACE, "GEOSPATIAL")

    markers = response["MARKERS"]["annotations"]
    assert [(m["point"], m["categories"]) for m in markers] == [
        ({"x": 2.35, "y": 48.85}, [{"name": "A"}]),
        ({"x": 4.83, "y": 45.76}, [{"name": "A"}]),
        ({"x": 1, "y": 2}, [{"name": "B"}]),
    ]
    assert set(response) == {"MARKERS"}


def test_geojson_files_with_a_mapping_go_to_their_job_and_category(tmp_path: Path) -> None:
    path = write_geojson(tmp_path / "a.geojson", [point(1, 1)])

    response = json_response_from_geojson_files(
        [path], INTERFACE, "GEOSPATIAL", job_names=["MARKERS"], category_names=["B"]
    )

    assert response["MARKERS"]["annotations"][0]["categories"] == [{"name": "B"}]
    with pytest.raises(GeospatialFileError, match=r"a\.geojson: Category 'Z' not found"):
        json_response_from_geojson_files(
            [path], INTERFACE, "GEOSPATIAL", job_names=["MARKERS"], category_names=["Z"]
        )


def test_bad_geojson_files_name_the_file_and_the_feature(tmp_path: Path) -> None:
    broken = tmp_path / "broken.geojson"
    broken.write_text("{not json")
    unknown = write_geojson(
        tmp_path / "unknown.geojson",
        [
            point(0, 0),
            point(1, 1, kili={"job": "MARKERS", "type": "marker", "categories": [{"name": "Z"}]}),
        ],
    )
    not_feature = write_geojson(tmp_path / "odd.geojson", [{"type": "Point"}])

    with pytest.raises(GeospatialFileError, match=r"broken\.geojson: cannot read it as JSON"):
        json_response_from_geojson_files([str(broken)], INTERFACE, "GEOSPATIAL")
    with pytest.raises(GeospatialFileError) as caught:
        json_response_from_geojson_files([unknown], INTERFACE, "GEOSPATIAL")
    assert caught.value.feature == 1
    assert "unknown.geojson, feature 1: job 'MARKERS'" in str(caught.value)
    assert "unknown category 'Z'" in str(caught.value)
    with pytest.raises(GeospatialFileError, match=r"odd\.geojson, feature 0: is not a GeoJSON"):
        json_response_from_geojson_files([not_feature], INTERFACE, "GEOSPATIAL")


def test_shapefiles_become_annotations_of_the_jobs_tool(tmp_path: Path) -> None:
    points = write_shapefile(tmp_path / "points", shapefile.POINT, [(1.5, 2.5), (3, 4)])
    lines = write_shapefile(tmp_path / "lines", shapefile.POLYLINE, [[[[0, 0], [1, 1], [2, 0]]]])
    areas = write_shapefile(tmp_path / "areas", shapefile.POLYGON, [[CLOCKWISE_SQUARE, HOLE]])

    response = json_response_from_shapefiles(
        [points, lines, areas, areas, areas],
        ["MARKERS", "LINES", "AREAS", "POLYGONS", "BOXES"],
        ["A", "A", "B", "B", "B"],
        INTERFACE,
        "GEOSPATIAL",
    )

    assert [m["point"] for m in response["MARKERS"]["annotations"]] == [
        {"x": 1.5, "y": 2.5},
        {"x": 3.0, "y": 4.0},
    ]
    assert response["LINES"]["annotations"][0]["polyline"] == [
        {"x": 0.0, "y": 0.0},
        {"x": 1.0, "y": 1.0},
        {"x": 2.0, "y": 0.0},
    ]
    [area] = response["AREAS"]["annotations"]
    assert [len(poly["normalizedVertices"]) for poly in area["boundingPoly"]] == [4, 4]
    assert area["categories"] == [{"name": "B"}]
    [polygon] = response["POLYGONS"]["annotations"]
    assert len(polygon["boundingPoly"]) == 1
    assert response["BOXES"]["annotations"][0]["type"] == "rectangle"


def test_shapefiles_are_reprojected_to_wgs84(tmp_path: Path) -> None:
    # Paris in Web Mercator (EPSG:3857)
    path = write_shapefile(tmp_path / "paris", shapefile.POINT, [(261_845.7, 6_250_564.3)])

    response = json_response_from_shapefiles(
        [path], ["MARKERS"], ["A"], INTERFACE, "GEOSPATIAL", from_epsgs=[3857]
    )

    vertex = response["MARKERS"]["annotations"][0]["point"]
    assert vertex["x"] == pytest.approx(2.3522, abs=1e-3)
    assert vertex["y"] == pytest.approx(48.8566, abs=1e-3)


def test_bad_shapefiles_name_the_file_and_the_shape(tmp_path: Path) -> None:
    lines = write_shapefile(tmp_path / "lines", shapefile.POLYLINE, [[[[0, 0], [1, 1]]]])
    garbage = tmp_path / "garbage.shp"
    garbage.write_bytes(b"not a shapefile at all" * 10)

    with pytest.raises(GeospatialFileError, match=r"lines\.shp, feature 0: a POLYLINE shape"):
        json_response_from_shapefiles([lines], ["MARKERS"], ["A"], INTERFACE, "GEOSPATIAL")
    with pytest.raises(GeospatialFileError, match=r"garbage\.shp: cannot read the shapefile"):
        json_response_from_shapefiles([str(garbage)], ["MARKERS"], ["A"], INTERFACE, "GEOSPATIAL")
    with pytest.raises(GeospatialFileError, match="job 'NOPE' is not an object detection job"):
        json_response_from_shapefiles([lines], ["NOPE"], ["A"], INTERFACE, "GEOSPATIAL")
    with pytest.raises(GeospatialFileError, match="unknown category 'Z'"):
        json_response_from_shapefiles([lines], ["LINES"], ["Z"], INTERFACE, "GEOSPATIAL")
    with pytest.raises(GeospatialFileError, match="unknown EPSG code 999999"):
        json_response_from_shapefiles(
            [lines], ["LINES"], ["A"], INTERFACE, "GEOSPATIAL", from_epsgs=[999999]
        )


@pytest.fixture
def geo_gateway(gateway: Any) -> Any:
    gateway.list_projects.side_effect = lambda *args: iter(
        [
            {
                "id": "project-1",
                "inputType": "GEOSPATIAL",
                "jsonInterface": INTERFACE,
                "workflowVersion": "V2",
                "steps": [{"id": "step-1", "name": "Labeling"}],
            }
        ]
    )
    gateway.asset_ids_by_external_id.side_effect = lambda project_id, external_ids: {
        external_id: [AssetId("asset-1")] for external_id in external_ids
    }
    gateway.project_ids_of_assets.side_effect = lambda ids: {
        asset_id: ProjectId("project-1") for asset_id in ids
    }
    gateway.get_current_user.return_value = {"id": "me"}
    gateway.append_many_labels.side_effect = lambda batch: [LabelId("label-1")]
    return gateway


def test_the_client_imports_one_label_from_geojson_files(
    kili: Kili, geo_gateway: Any, tmp_path: Path
) -> None:
    path = write_geojson(tmp_path / "a.geojson", [point(1, 1), point(2, 2)])

    result = kili.append_labels_from_geojson_files(
        project_id="project-1",
        asset_external_id="tile-1",
        geojson_file_paths=[path],
        label_type="PREDICTION",
        model_name="detector",
    )

    assert result is None
    (batch,) = [call.args[0] for call in geo_gateway.append_many_labels.call_args_list]
    assert (batch.label_type, batch.model_name) == ("PREDICTION", "detector")
    [label] = batch.labels
    assert label.asset_id == "asset-1"
    assert len(label.json_response["MARKERS"]["annotations"]) == 2


def test_the_client_makes_the_label_in_the_step_given_by_id(
    kili: Kili, geo_gateway: Any, tmp_path: Path
) -> None:
    path = write_geojson(tmp_path / "a.geojson", [point(1, 1)])

    kili.append_labels_from_geojson_files("project-1", "tile-1", [path], step_id="step-1")

    (batch,) = [call.args[0] for call in geo_gateway.append_many_labels.call_args_list]
    assert batch.step == StepDesignation(step_id="step-1")


def test_the_client_sends_nothing_for_a_bad_file(
    kili: Kili, geo_gateway: Any, tmp_path: Path
) -> None:
    good = write_shapefile(tmp_path / "good", shapefile.POINT, [(1, 1)])
    bad = write_shapefile(tmp_path / "bad", shapefile.POLYLINE, [[[[0, 0], [1, 1]]]])

    with pytest.raises(GeospatialFileError, match=r"bad\.shp, feature 0"):
        kili.append_labels_from_shapefiles(
            project_id="project-1",
            asset_external_id="tile-1",
            shapefile_paths=[good, bad],
            job_names=["MARKERS", "MARKERS"],
            category_names=["A", "A"],
        )
    geo_gateway.append_many_labels.assert_not_called()


def test_the_client_checks_its_arguments_before_reading_anything(
    kili: Kili, geo_gateway: Any
) -> None:
    with pytest.raises(IncompatibleArgumentsError, match="Both job_names and category_names"):
        kili.append_labels_from_geojson_files("project-1", "tile-1", ["a"], job_names=["MARKERS"])
    with pytest.raises(InvalidArgumentError, match="one element per shapefile"):
        kili.append_labels_from_shapefiles("project-1", "tile-1", ["a", "b"], ["MARKERS"], ["A"])
    with pytest.raises(InvalidArgumentError, match="geojson_file_paths is empty"):
        kili.append_labels_from_geojson_files("project-1", "tile-1", [])
    with pytest.raises(IncompatibleArgumentsError, match="not both"):
        kili.append_labels_from_geojson_files(
            "project-1", "tile-1", ["a"], step_name="Labeling", step_id="s"
        )
    geo_gateway.list_projects.assert_not_called()


def test_geojson_polygons_with_holes_go_to_a_semantic_job(tmp_path: Path) -> None:
    polygon = {"type": "Polygon", "coordinates": [CLOCKWISE_SQUARE, HOLE]}
    path = write_geojson(tmp_path / "fields.geojson", [{"type": "Feature", "geometry": polygon}])

    response = json_response_from_geojson_files(
        [path], INTERFACE, "GEOSPATIAL", job_names=["AREAS"], category_names=["A"]
    )

    [area] = response["AREAS"]["annotations"]
    [rings] = area["boundingPoly"]
    assert len(rings) == 2
