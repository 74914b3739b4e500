"""Parsed labels against the emulator: read every job kind, edit, re-import, read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import shapefile

from kili.client import Kili
from kili.utils.labels import ParsedLabel
from kili.utils.labels.exceptions import GeospatialFileError
from kili_emulator.pytest_plugin import ProjectFactory

CATEGORIES = {"A": {"name": "Alpha", "children": []}, "B": {"name": "Beta", "children": []}}


def job(ml_task: str, input_: str = "radio", **extra: Any) -> dict[str, Any]:
    return {
        "mlTask": ml_task,
        "required": 0,
        "isChild": False,
        "content": {"categories": CATEGORIES, "input": input_},
        **extra,
    }


IMAGE_INTERFACE = {
    "jobs": {
        "RADIO": job("CLASSIFICATION"),
        "CHECKBOX": job("CLASSIFICATION", "checkbox"),
        "CAPTION": {
            "mlTask": "TRANSCRIPTION",
            "required": 0,
            "isChild": False,
            "content": {"input": "textField"},
        },
        "SHAPES": job(
            "OBJECT_DETECTION", tools=["rectangle", "polygon", "marker", "polyline", "semantic"]
        ),
        "POSE": job("OBJECT_DETECTION", tools=["pose"]),
        "LINKS": job("OBJECT_RELATION"),
    }
}
TEXT_INTERFACE = {
    "jobs": {
        "NER": job("NAMED_ENTITIES_RECOGNITION"),
        "NER_LINKS": job("NAMED_ENTITIES_RELATION"),
    }
}
SQUARE = [{"x": 0.1, "y": 0.1}, {"x": 0.1, "y": 0.4}, {"x": 0.3, "y": 0.4}, {"x": 0.3, "y": 0.1}]


def shape(mid: str, tool: str, **geometry: Any) -> dict[str, Any]:
    return {"mid": mid, "type": tool, "categories": [{"name": "A"}], **geometry}


IMAGE_ANSWER = {
    "RADIO": {"categories": [{"name": "A", "confidence": 90}]},
    "CHECKBOX": {"categories": [{"name": "A"}, {"name": "B"}]},
    "CAPTION": {"text": "two shapes"},
    "SHAPES": {
        "annotations": [
            shape("box", "rectangle", boundingPoly=[{"normalizedVertices": SQUARE}]),
            shape("poly", "polygon", boundingPoly=[{"normalizedVertices": SQUARE[:3]}]),
            shape("dot", "marker", point={"x": 0.5, "y": 0.5}),
            shape("line", "polyline", polyline=SQUARE[:2]),
            shape("area", "semantic", boundingPoly=[{"normalizedVertices": SQUARE}]),
        ]
    },
    "POSE": {
        "annotations": [
            {
                **shape("body", "pose", kind="POSE_ESTIMATION"),
                "points": [
                    {"code": "NOSE", "mid": "n", "type": "marker", "point": {"x": 0.2, "y": 0.2}}
                ],
            }
        ]
    },
    "LINKS": {
        "annotations": [
            {**shape("rel", "x"), "startObjects": [{"mid": "box"}], "endObjects": [{"mid": "dot"}]}
        ]
    },
}
for relation in IMAGE_ANSWER["LINKS"]["annotations"]:
    relation.pop("type")
TEXT_ANSWER = {
    "NER": {
        "annotations": [
            {"mid": "ada", "beginOffset": 0, "endOffset": 3, "content": "Ada", "categories": []},
            {"mid": "lab", "beginOffset": 13, "endOffset": 16, "content": "lab", "categories": []},
        ]
    },
    "NER_LINKS": {
        "annotations": [
            {
                "mid": "works",
                "categories": [{"name": "B"}],
                "startEntities": [{"mid": "ada"}],
                "endEntities": [{"mid": "lab"}],
            }
        ]
    },
}
for entity in TEXT_ANSWER["NER"]["annotations"]:
    entity["categories"] = [{"name": "A"}]


def labeled_project(
    kili: Kili, make_project: ProjectFactory, input_type: str, interface: Any, answer: Any
) -> str:
    project_id = make_project(input_type=input_type, json_interface=interface)
    kili.append_many_to_dataset(
        project_id, content_array=["https://example.com/a.jpg"], external_id_array=["asset-1"]
    )
    kili.append_labels(
        json_response_array=[answer], asset_external_id_array=["asset-1"], project_id=project_id
    )
    return project_id


def read_back(kili: Kili, project_id: str) -> list[ParsedLabel]:
    fields = ["id", "createdAt", "jsonResponse"]
    labels: list[ParsedLabel] = kili.labels(project_id, fields=fields, output_format="parsed_label")
    return sorted(labels, key=lambda label: label["createdAt"])


def test_every_image_job_kind_reads_edits_and_comes_back(
    kili: Kili, make_project: ProjectFactory
) -> None:
    project_id = labeled_project(kili, make_project, "IMAGE", IMAGE_INTERFACE, IMAGE_ANSWER)
    (label,) = read_back(kili, project_id)

    jobs = label.jobs
    assert jobs["RADIO"].category.display_name == "Alpha"
    assert [c.name for c in jobs["CHECKBOX"].categories] == ["A", "B"]
    assert jobs["CAPTION"].text == "two shapes"
    box, poly, dot, line, area = jobs["SHAPES"].annotations
    assert (box.type, len(poly.bounding_poly[0].normalized_vertices)) == ("rectangle", 3)
    assert (dot.point, line.polyline, area.type) == ({"x": 0.5, "y": 0.5}, SQUARE[:2], "semantic")
    assert jobs["POSE"].annotations[0].points[0].code == "NOSE"
    assert jobs["LINKS"].annotations[0].start_objects == [{"mid": "box"}]
    assert label.to_dict()["jsonResponse"] == IMAGE_ANSWER

    jobs["RADIO"].category.name = "B"
    jobs["CAPTION"].text = "three shapes"
    dot.point = {"x": 0.75, "y": 0.25}
    jobs["SHAPES"].add_annotation(shape("dot2", "marker", point={"x": 0.1, "y": 0.9}))
    edited = label.to_dict()
    kili.append_labels(
        json_response_array=[edited["jsonResponse"]],
        asset_external_id_array=["asset-1"],
        project_id=project_id,
    )

    first, second = read_back(kili, project_id)
    assert second.to_dict()["jsonResponse"] == edited["jsonResponse"]
    assert second.jobs["RADIO"].category.name == "B"
    assert second.jobs["SHAPES"].annotations[2].point == {"x": 0.75, "y": 0.25}
    assert first.to_dict()["jsonResponse"] == IMAGE_ANSWER


def test_text_jobs_read_edit_and_come_back(kili: Kili, make_project: ProjectFactory) -> None:
    project_id = labeled_project(kili, make_project, "TEXT", TEXT_INTERFACE, TEXT_ANSWER)
    (label,) = read_back(kili, project_id)

    ada, lab = label.jobs["NER"].entity_annotations
    assert (ada.content, ada.begin_offset, lab.end_offset) == ("Ada", 0, 16)
    assert label.jobs["NER_LINKS"].annotations[0].end_entities == [{"mid": "lab"}]

    lab.content, lab.begin_offset, lab.end_offset = "Lovelace", 4, 12
    kili.append_labels(
        json_response_array=[label.to_dict()["jsonResponse"]],
        asset_external_id_array=["asset-1"],
        project_id=project_id,
    )

    _, second = read_back(kili, project_id)
    assert second.jobs["NER"].annotations[1].content == "Lovelace"
    assert second.to_dict()["jsonResponse"] == label.to_dict()["jsonResponse"]


def test_labels_give_the_author_name_of_the_export_format(kili: Kili, project_id: str) -> None:
    kili.append_many_to_dataset(project_id, content_array=["https://example.com/a.jpg"])
    (asset,) = kili.assets(project_id, fields=["id"])
    kili.append_labels(asset_id_array=[asset["id"]], json_response_array=[{}])

    (label,) = kili.labels(project_id, fields=["author.email", "author.name"])

    assert set(label["author"]) == {"email", "name"}
    assert label["author"]["name"] == "Admin Emulator"  # the seeded admin's first and last names


GEO_INTERFACE = {
    "jobs": {
        "MARKERS": job("OBJECT_DETECTION", tools=["marker"]),
        "AREAS": job("OBJECT_DETECTION", tools=["polygon"]),
    }
}


def geo_project(kili: Kili, make_project: ProjectFactory) -> str:
    project_id = make_project(input_type="IMAGE", json_interface=GEO_INTERFACE)
    kili.append_many_to_dataset(
        project_id, content_array=["https://example.com/tile.png"], external_id_array=["tile"]
    )
    return project_id


def test_geojson_and_shapefile_imports_become_labels(
    kili: Kili, make_project: ProjectFactory, tmp_path: Path
) -> None:
    project_id = geo_project(kili, make_project)
    geojson_path = tmp_path / "points.geojson"
    point = {"type": "Point", "coordinates": [2.35, 48.85]}
    geojson_path.write_text(
        json.dumps(
            {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": point}]}
        )
    )
    with shapefile.Writer(str(tmp_path / "fields"), shapeType=shapefile.POLYGON) as writer:
        writer.field("name", "C")
        writer.poly([[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]])
        writer.record("field")

    kili.append_labels_from_geojson_files(project_id, "tile", [str(geojson_path)])
    kili.append_labels_from_shapefiles(
        project_id, "tile", [str(tmp_path / "fields.shp")], ["AREAS"], ["B"]
    )

    first, second = read_back(kili, project_id)
    assert first.jobs["MARKERS"].annotations[0].point == {"x": 2.35, "y": 48.85}
    [area] = second.jobs["AREAS"].annotations
    assert (area.category.name, len(area.bounding_poly[0].normalized_vertices)) == ("B", 4)


def test_a_bad_geospatial_file_sends_nothing(
    kili: Kili, make_project: ProjectFactory, tmp_path: Path
) -> None:
    project_id = geo_project(kili, make_project)
    with shapefile.Writer(str(tmp_path / "roads"), shapeType=shapefile.POLYLINE) as writer:
        writer.field("name", "C")
        writer.line([[[0, 0], [1, 1]]])
        writer.record("road")

    with pytest.raises(GeospatialFileError, match=r"roads\.shp, feature 0"):
        kili.append_labels_from_shapefiles(
            project_id, "tile", [str(tmp_path / "roads.shp")], ["MARKERS"], ["A"]
        )
    assert kili.count_labels(project_id) == 0


def test_video_frames_read_edit_and_come_back(kili: Kili, make_project: ProjectFactory) -> None:
    interface = {"jobs": {"RADIO": job("CLASSIFICATION")}}
    answer = {"0": {"RADIO": {"categories": [{"name": "A"}]}}, "1": {}}
    project_id = labeled_project(kili, make_project, "VIDEO", interface, answer)
    (label,) = read_back(kili, project_id)

    assert label.jobs["RADIO"].frames[0].category.name == "A"
    assert label.jobs["RADIO"][1].category is None
    label.jobs["RADIO"][1].add_category("B")
    kili.append_labels(
        json_response_array=[label.to_dict()["jsonResponse"]],
        asset_external_id_array=["asset-1"],
        project_id=project_id,
    )

    _, second = read_back(kili, project_id)
    assert [frame.category.name for frame in second.jobs["RADIO"]] == ["A", "B"]
