"""A labeled image project on the emulator, shared by the export tests (and the interop run).

Two object-detection jobs (rectangles; polygons and semantic masks with a hole) and a
classification, assets with and without a resolution, a rotated label, an asset with
no label and one whose only label is an autosave.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

from kili.client import Kili

JSON_INTERFACE: dict[str, Any] = {
    "jobs": {
        "CLASSIFICATION_JOB": {
            "mlTask": "CLASSIFICATION",
            "required": 0,
            "isChild": False,
            "content": {
                "input": "radio",
                "categories": {"YES": {"name": "Yes"}, "NO": {"name": "No"}},
            },
        },
        "BOXES": {
            "mlTask": "OBJECT_DETECTION",
            "tools": ["rectangle"],
            "required": 0,
            "isChild": False,
            "content": {
                "input": "radio",
                "categories": {"CAR": {"name": "Car"}, "PERSON": {"name": "Person"}},
            },
        },
        "AREAS": {
            "mlTask": "OBJECT_DETECTION",
            "tools": ["semantic", "polygon"],
            "required": 0,
            "isChild": False,
            "content": {
                "input": "radio",
                "categories": {"ROAD": {"name": "Road"}, "ALLEY": {"name": "Alley"}},
            },
        },
    }
}


def rectangle(category: str, x0: float, y0: float, x1: float, y1: float) -> dict[str, Any]:
    """A rectangle annotation from its normalized corners."""
    vertices = [{"x": x0, "y": y1}, {"x": x0, "y": y0}, {"x": x1, "y": y0}, {"x": x1, "y": y1}]
    return {
        "categories": [{"name": category}],
        "type": "rectangle",
        "boundingPoly": [{"normalizedVertices": vertices}],
    }


def area_with_hole(category: str) -> dict[str, Any]:
    """A semantic annotation: a pentagon with a square hole."""
    outer = [
        {"x": 0.1, "y": 0.5},
        {"x": 0.4, "y": 0.45},
        {"x": 0.6, "y": 0.7},
        {"x": 0.35, "y": 0.95},
        {"x": 0.12, "y": 0.8},
    ]
    hole = [{"x": 0.2, "y": 0.6}, {"x": 0.3, "y": 0.6}, {"x": 0.3, "y": 0.7}, {"x": 0.2, "y": 0.7}]
    return {
        "categories": [{"name": category}],
        "type": "semantic",
        "boundingPoly": [{"normalizedVertices": outer}, {"normalizedVertices": hole}],
    }


def json_response(index: int) -> dict[str, Any]:
    """A label varying with `index`: boxes, an area every third asset, a classification."""
    boxes = [
        rectangle("CAR" if (index + k) % 2 else "PERSON", 0.05 * k, 0.1, 0.05 * k + 0.2, 0.45)
        for k in range(1 + index % 3)
    ]
    response: dict[str, Any] = {
        "BOXES": {"annotations": boxes},
        "CLASSIFICATION_JOB": {"categories": [{"name": "YES" if index % 2 else "NO"}]},
    }
    if index % 3 == 0:
        response["AREAS"] = {"annotations": [area_with_hole("ROAD" if index % 2 else "ALLEY")]}
    if index % 7 == 5:
        response["ROTATION_JOB"] = {"rotation": 90}
    return response


def png_bytes(width: int, height: int) -> bytes:
    """A valid grey PNG of `width` x `height`."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def build_export_project(
    kili: Kili, count: int, *, media_dir: Path | None = None, title: str = "export project"
) -> str:
    """Create an image project of `count` labeled assets (plus two without export label).

    With `media_dir`, the assets are local PNG files uploaded to the emulator, so
    `with_assets=True` has media to download; otherwise they are URLs with a resolution.
    """
    project_id = str(
        kili.create_project(
            title=title,
            description="Assets to export",
            input_type="IMAGE",
            json_interface=JSON_INTERFACE,
        )["id"]
    )
    external_ids = [f"image {i}" if i % 4 == 1 else f"image-{i}" for i in range(count + 2)]
    if media_dir is not None:
        contents = []
        for i in range(len(external_ids)):
            path = media_dir / f"source-{i}.png"
            path.write_bytes(png_bytes(40 + i % 3, 30 + i % 2))
            contents.append(str(path))
        kili.append_many_to_dataset(
            project_id, content_array=contents, external_id_array=external_ids
        )
    else:
        kili.append_many_to_dataset(
            project_id,
            content_array=[f"https://example.com/{i}.jpg" for i in range(count + 2)],
            external_id_array=external_ids,
        )
    rows = {r["externalId"]: r["id"] for r in kili.assets(project_id, fields=["id", "externalId"])}
    ids = [rows[name] for name in external_ids]
    if media_dir is None:
        kili.update_properties_in_assets(
            asset_ids=ids[:count],
            resolution_array=[{"width": 640 + i % 5, "height": 480} for i in range(count)],
        )
    kili.append_labels(
        asset_id_array=ids[:count],
        json_response_array=[json_response(i) for i in range(count)],
        label_type="DEFAULT",
    )
    kili.append_labels(
        asset_id_array=[ids[count]],
        json_response_array=[json_response(1)],
        label_type="AUTOSAVE",
    )
    return project_id


def build_video_export_project(kili: Kili, count: int) -> str:
    """A VIDEO project of `count` URL assets with a resolution, labeled on 12 frames."""
    interface = {"jobs": {"BOXES": JSON_INTERFACE["jobs"]["BOXES"]}}
    project_id = str(
        kili.create_project(
            title="video export", description="", input_type="VIDEO", json_interface=interface
        )["id"]
    )
    external_ids = [f"video-{i}" for i in range(count)]
    kili.append_many_to_dataset(
        project_id,
        content_array=[f"https://example.com/{i}.mp4" for i in range(count)],
        external_id_array=external_ids,
    )
    rows = {r["externalId"]: r["id"] for r in kili.assets(project_id, fields=["id", "externalId"])}
    ids = [rows[name] for name in external_ids]
    kili.update_properties_in_assets(
        asset_ids=ids, resolution_array=[{"width": 320, "height": 240}] * count
    )
    responses = [
        {
            str(frame): {"BOXES": {"annotations": [rectangle("CAR", 0.01 * frame, 0.1, 0.5, 0.6)]}}
            for frame in range(12)
        }
        for _ in ids
    ]
    kili.append_labels(asset_id_array=ids, json_response_array=responses, label_type="DEFAULT")
    return project_id
