"""Projects on the emulator for the YOLO / Pascal VOC / GeoJSON exports (and the interop run).

A video of twelve frames with boxes on three of them, and an image project whose jobs
no per-image format can express (a classification and a point job).
"""

from __future__ import annotations

from typing import Any

from kili.client import Kili

BOX_JOB: dict[str, Any] = {
    "mlTask": "OBJECT_DETECTION",
    "tools": ["rectangle"],
    "required": 0,
    "isChild": False,
    "content": {"input": "radio", "categories": {"CAR": {"name": "Car"}, "BUS": {"name": "Bus"}}},
}

NO_BOX_INTERFACE: dict[str, Any] = {
    "jobs": {
        "WEATHER": {
            "mlTask": "CLASSIFICATION",
            "required": 0,
            "isChild": False,
            "content": {"input": "radio", "categories": {"SUN": {"name": "Sun"}}},
        },
        "EYES": {
            "mlTask": "OBJECT_DETECTION",
            "tools": ["marker"],
            "required": 0,
            "isChild": False,
            "content": {"input": "radio", "categories": {"EYE": {"name": "Eye"}}},
        },
    }
}

ANNOTATED_FRAMES = (0, 3, 10)
FRAMES = 12


def frame_box(category: str, left: float) -> dict[str, Any]:
    """A key-frame box of a video frame."""
    vertices = [
        {"x": left, "y": 0.2},
        {"x": left, "y": 0.1},
        {"x": left + 0.2, "y": 0.1},
        {"x": left + 0.2, "y": 0.2},
    ]
    return {
        "categories": [{"name": category}],
        "type": "rectangle",
        "mid": f"{category}-{left}",
        "isKeyFrame": True,
        "boundingPoly": [{"normalizedVertices": vertices}],
    }


def build_video_project(kili: Kili, title: str = "video export") -> str:
    """Create a VIDEO project with one labeled video of twelve frame URLs."""
    project_id = str(
        kili.create_project(
            title=title, input_type="VIDEO", json_interface={"jobs": {"BOXES": BOX_JOB}}
        )["id"]
    )
    frames = [f"https://example.com/clip/{index}.jpg" for index in range(FRAMES)]
    kili.append_many_to_dataset(project_id, json_content_array=[frames], external_id_array=["clip"])
    (asset,) = kili.assets(project_id, fields=["id"])
    kili.update_properties_in_assets(
        asset_ids=[asset["id"]], resolution_array=[{"width": 320, "height": 240}]
    )
    response = {
        str(index): (
            {"BOXES": {"annotations": [frame_box("CAR", 0.1), frame_box("BUS", 0.5)]}}
            if index in ANNOTATED_FRAMES
            else {}
        )
        for index in range(FRAMES)
    }
    kili.append_labels(asset_id_array=[asset["id"]], json_response_array=[response])
    return project_id


def build_no_box_project(kili: Kili, title: str = "no box export") -> str:
    """Create an IMAGE project whose jobs are a classification and points, one label."""
    project_id = str(
        kili.create_project(title=title, input_type="IMAGE", json_interface=NO_BOX_INTERFACE)["id"]
    )
    kili.append_many_to_dataset(
        project_id, content_array=["https://example.com/a.jpg"], external_id_array=["a"]
    )
    (asset,) = kili.assets(project_id, fields=["id"])
    response = {
        "WEATHER": {"categories": [{"name": "SUN"}]},
        "EYES": {
            "annotations": [
                {"categories": [{"name": "EYE"}], "type": "marker", "point": {"x": 0.5, "y": 0.5}}
            ]
        },
    }
    kili.append_labels(asset_id_array=[asset["id"]], json_response_array=[response])
    return project_id


GEO_INTERFACE: dict[str, Any] = {
    "jobs": {
        "PLACES": {
            "mlTask": "OBJECT_DETECTION",
            "tools": ["rectangle", "marker", "polygon", "polyline"],
            "required": 0,
            "isChild": False,
            "content": {
                "input": "radio",
                "categories": {"CAR": {"name": "Car"}, "ROAD": {"name": "Road"}},
            },
        },
        "KIND": {
            "mlTask": "CLASSIFICATION",
            "required": 0,
            "isChild": False,
            "content": {"input": "radio", "categories": {"CITY": {"name": "City"}}},
        },
    }
}


def geo_response(index: int) -> dict[str, Any]:
    """A geospatial label in longitude/latitude: a box, a point, a polygon and a line."""
    x, y = 2.3 + index / 100, 48.85
    square = [
        {"x": x, "y": y},
        {"x": x, "y": y + 0.01},
        {"x": x + 0.01, "y": y + 0.01},
        {"x": x + 0.01, "y": y},
    ]
    car = {"categories": [{"name": "CAR"}]}
    road = {"categories": [{"name": "ROAD"}]}
    return {
        "PLACES": {
            "annotations": [
                {
                    **car,
                    "type": "rectangle",
                    "mid": f"b{index}",
                    "boundingPoly": [{"normalizedVertices": square}],
                },
                {**car, "type": "marker", "mid": f"p{index}", "point": {"x": x, "y": y}},
                {
                    **road,
                    "type": "polygon",
                    "mid": f"g{index}",
                    "boundingPoly": [{"normalizedVertices": square[:3]}],
                },
                {**road, "type": "polyline", "mid": f"l{index}", "polyline": square[:2]},
            ]
        },
        "KIND": {"categories": [{"name": "CITY"}]},
    }


def build_geospatial_project(kili: Kili, count: int, title: str = "geospatial export") -> str:
    """Create a GEOSPATIAL project of `count` labeled tiles."""
    project_id = str(
        kili.create_project(title=title, input_type="GEOSPATIAL", json_interface=GEO_INTERFACE)[
            "id"
        ]
    )
    external_ids = [f"tile-{index}" for index in range(count)]
    kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{name}.tif" for name in external_ids],
        external_id_array=external_ids,
    )
    rows = {r["externalId"]: r["id"] for r in kili.assets(project_id, fields=["id", "externalId"])}
    kili.append_labels(
        asset_id_array=[rows[name] for name in external_ids],
        json_response_array=[geo_response(index) for index in range(count)],
    )
    return project_id


PDF_INTERFACE: dict[str, Any] = {
    "jobs": {
        "ENTITIES": {
            "mlTask": "NAMED_ENTITIES_RECOGNITION",
            "required": 0,
            "isChild": False,
            "content": {"input": "radio", "categories": {"NAME": {"name": "Name"}}},
        }
    }
}

PAGE_SIZES = ((600, 800), (1200, 900))
"""Width and height of each page of the PDF: the second page is wider than the first."""


def pdf_entity(page: int, left: float) -> dict[str, Any]:
    """A named entity of a PDF on page `page` (from 1): its box and its text's polygon."""
    square = [
        {"x": left, "y": 0.1},
        {"x": left, "y": 0.2},
        {"x": left + 0.3, "y": 0.2},
        {"x": left + 0.3, "y": 0.1},
    ]
    return {
        "categories": [{"name": "NAME"}],
        "mid": f"entity-{page}-{left}",
        "content": "Ada Lovelace",
        "annotations": [
            {
                "boundingPoly": [{"normalizedVertices": square}],
                "polys": [{"normalizedVertices": square}],
                "pageNumberArray": [page],
            }
        ],
    }


def build_pdf_project(kili: Kili, title: str = "pdf export") -> str:
    """Create a PDF project with one document of two pages of different sizes, labeled."""
    project_id = str(
        kili.create_project(title=title, input_type="PDF", json_interface=PDF_INTERFACE)["id"]
    )
    kili.append_many_to_dataset(
        project_id, content_array=["https://example.com/paper.pdf"], external_id_array=["paper"]
    )
    (asset,) = kili.assets(project_id, fields=["id"])
    pages = [
        {"pageNumber": number, "width": width, "height": height}
        for number, (width, height) in enumerate(PAGE_SIZES, start=1)
    ]
    kili.update_properties_in_assets(asset_ids=[asset["id"]], page_resolutions_array=[pages])
    response = {"ENTITIES": {"annotations": [pdf_entity(1, 0.1), pdf_entity(2, 0.5)]}}
    kili.append_labels(asset_id_array=[asset["id"]], json_response_array=[response])
    return project_id
