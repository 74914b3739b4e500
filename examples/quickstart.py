"""Quickstart: a labeling pipeline from project creation to export.

Runs against whatever `KILI_API_KEY` and `KILI_API_ENDPOINT` point at: the Kili cloud,
or the local emulator that `make demo` starts.

1. create a project with a classification job and a bounding-box job;
2. import assets from URLs and from local image files;
3. add labels and model predictions;
4. filter and count;
5. send the labeled assets to review;
6. write the labeled assets to a JSON file in the Kili export format;
7. export the labels as a YOLO v8 archive, as a training pipeline would read them.
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path
from urllib.parse import urlsplit

from kili import Kili, RateLimit

OUTPUT = Path("demo-output") / "labeled_assets.json"
ARCHIVE = Path("demo-output") / "labels_yolo_v8.zip"

INTERFACE = {
    "jobs": {
        "WEATHER": {
            "mlTask": "CLASSIFICATION",
            "instruction": "Weather",
            "required": 1,
            "isChild": False,
            "content": {
                "input": "radio",
                "categories": {"SUNNY": {"name": "Sunny"}, "RAINY": {"name": "Rainy"}},
            },
        },
        "VEHICLES": {
            "mlTask": "OBJECT_DETECTION",
            "tools": ["rectangle"],
            "instruction": "Vehicles",
            "required": 0,
            "isChild": False,
            "content": {
                "input": "radio",
                "categories": {"CAR": {"name": "Car"}, "BUS": {"name": "Bus"}},
            },
        },
    }
}


def weather(category: str) -> dict[str, object]:
    """A jsonResponse choosing one weather category."""
    return {"WEATHER": {"categories": [{"name": category, "confidence": 100}]}}


def car_box(left: float, top: float, size: float) -> dict[str, object]:
    """A jsonResponse with one car, as a rectangle in normalized coordinates."""
    corners = [(left, top + size), (left, top), (left + size, top), (left + size, top + size)]
    return {
        "VEHICLES": {
            "annotations": [
                {
                    "categories": [{"name": "CAR", "confidence": 100}],
                    "type": "rectangle",
                    "boundingPoly": [
                        {"normalizedVertices": [{"x": x, "y": y} for x, y in corners]}
                    ],
                }
            ]
        }
    }


def write_png(path: Path, red: int, green: int, blue: int) -> Path:
    """Write an 8x8 PNG of one colour, so the demo needs no image library or network."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes((red, green, blue)) * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def request_budget() -> RateLimit | None:
    """Keep the cloud's 500 requests a minute, but send freely to a local emulator."""
    host = urlsplit(os.getenv("KILI_API_ENDPOINT", "")).hostname
    return None if host in LOOPBACK_HOSTS else RateLimit()


def main() -> None:
    """Run the pipeline and print what each step did."""
    kili = Kili(disable_tqdm=True, rate_limit=request_budget())
    user = kili.get_current_user()
    print(f"Connected to {kili.api_endpoint} as {user['email']}")

    project_id = kili.create_project(
        title="Street scenes", input_type="IMAGE", json_interface=INTERFACE
    )["id"]
    print(f"1. Created project {project_id} with jobs {', '.join(INTERFACE['jobs'])}")

    urls = [f"https://picsum.photos/id/{n}/640/480" for n in (10, 20, 30, 40)]
    kili.append_many_to_dataset(
        project_id,
        content_array=urls,
        external_id_array=["street-10", "street-20", "street-30", "street-40"],
        json_metadata_array=[{"camera": "north"}, {"camera": "north"}, {"camera": "south"}, {}],
    )
    with tempfile.TemporaryDirectory() as folder:
        files = [
            str(write_png(Path(folder) / "red.png", 200, 30, 30)),
            str(write_png(Path(folder) / "blue.png", 30, 30, 200)),
        ]
        kili.append_many_to_dataset(
            project_id, content_array=files, external_id_array=["local-red", "local-blue"]
        )
    print(f"2. Imported {len(urls)} assets from URLs and {len(files)} local image files")

    kili.append_labels(
        project_id=project_id,
        asset_external_id_array=["street-10", "street-20", "local-red"],
        json_response_array=[
            weather("SUNNY"),
            weather("RAINY"),
            {**weather("SUNNY"), **car_box(0.1, 0.2, 0.3)},
        ],
    )
    kili.create_predictions(
        project_id,
        external_id_array=["street-30", "street-40"],
        json_response_array=[car_box(0.5, 0.5, 0.2), weather("RAINY")],
        model_name="weather-model-v1",
    )
    print("3. Added 3 labels and 2 model predictions")

    counts = {
        status: kili.count_assets(project_id, status_in=[status]) for status in ("TODO", "LABELED")
    }
    north = kili.count_assets(project_id, metadata_where={"camera": "north"})
    sunny = kili.count_assets(project_id, label_category_search="WEATHER.SUNNY.count > 0")
    print(
        f"4. {counts['LABELED']} assets labeled, {counts['TODO']} still to do "
        f"(predictions do not change a status); {north} from the north camera; "
        f"{sunny} labeled sunny"
    )

    moved = kili.add_to_review(project_id=project_id, external_ids=["street-10", "street-20"])
    print(f"5. Sent {len(moved['asset_ids']) if moved else 0} assets to review")

    labeled = kili.assets(
        project_id,
        status_in=["LABELED", "TO_REVIEW"],
        fields=[
            "id",
            "content",
            "externalId",
            "jsonMetadata",
            "status",
            "honeypotMark",
            "isHoneypot",
            "updatedAt",
            "labels.id",
            "labels.author.id",
            "labels.author.email",
            "labels.createdAt",
            "labels.jsonResponse",
            "labels.labelType",
            "labels.modelName",
            "labels.skipped",
        ],
    )
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(labeled, indent=2), encoding="utf-8")
    print(f"6. Wrote {len(labeled)} labeled assets to {OUTPUT}:")
    for asset in labeled:
        label = asset["labels"][-1]
        jobs = ", ".join(
            f"{job}={answer['categories'][0]['name']}"
            if "categories" in answer
            else f"{job}: {len(answer['annotations'])} box(es)"
            for job, answer in label["jsonResponse"].items()
        )
        print(f"   {asset['externalId']:<11} {asset['status']:<9} {jobs}")

    kili.export_labels(project_id, str(ARCHIVE), fmt="yolo_v8", layout="merged", with_assets=False)
    with zipfile.ZipFile(ARCHIVE) as archive:
        label_files = [name for name in archive.namelist() if name.startswith("labels/")]
        label_files = [name for name in label_files if name.endswith(".txt")]
        boxes = sum(len(archive.read(name).splitlines()) for name in label_files)
    print(f"7. Exported YOLO v8 labels of {len(label_files)} images, {boxes} box(es): {ARCHIVE}")
    kili.close()


if __name__ == "__main__":
    main()
