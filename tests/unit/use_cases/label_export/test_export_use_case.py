"""The streamed export over an in-memory gateway: refusals first, pages written as they come."""

from __future__ import annotations

import gc
import inspect
import json
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.domain.asset import AssetFilters
from kili.domain.label_export import ExportOptions, LabelExport
from kili.domain.project import ProjectId
from kili.exceptions import (
    ExportDestinationError,
    NoCompatibleJobError,
    NotCompatibleInputType,
    NotCompatibleOptions,
    NothingToExportError,
)
from kili.use_cases import label_export
from kili.use_cases.label_export import LabelExportUseCase
from kili.use_cases.port import LabelExportGateway
from tests.unit.use_cases.label_export.fake_export_gateway import InMemoryExportGateway

PROJECT = "project-1"
PORT_METHODS = sorted(name for name in dir(LabelExportGateway) if not name.startswith("_"))
INTERFACE = {
    "jobs": {
        "BOXES": {
            "mlTask": "OBJECT_DETECTION",
            "tools": ["rectangle"],
            "content": {"categories": {"CAR": {"name": "Car"}, "BUS": {"name": "Bus"}}},
        },
        "KIND": {"mlTask": "CLASSIFICATION", "content": {"categories": {"A": {"name": "A"}}}},
    }
}


def box(category: str) -> dict[str, Any]:
    vertices = [
        {"x": 0.1, "y": 0.5},
        {"x": 0.1, "y": 0.1},
        {"x": 0.4, "y": 0.1},
        {"x": 0.4, "y": 0.5},
    ]
    return {"categories": [{"name": category}], "boundingPoly": [{"normalizedVertices": vertices}]}


def asset(index: int, label_type: str = "DEFAULT", **extra: Any) -> dict[str, Any]:
    return {
        "id": f"asset-{index}",
        "externalId": f"img {index}",
        "content": f"https://media.example/{index}.png",
        "jsonContent": "",
        "jsonMetadata": {},
        "status": "LABELED",
        "resolution": {"width": 200, "height": 100},
        "pageResolutions": None,
        "latestLabel": {
            "jsonResponse": {"BOXES": {"annotations": [box("CAR"), box("BUS")]}},
            "author": {"id": "u", "email": "u@x", "firstname": "Ada", "lastname": "L"},
            "labelType": label_type,
            "isSentBackToQueue": False,
            "createdAt": "2026-01-01T00:00:00Z",
        },
        **extra,
    }


def project(input_type: str = "IMAGE", interface: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"id": PROJECT, "title": "T", "description": "D", "inputType": input_type,
            "jsonInterface": interface or INTERFACE}  # fmt: skip


def export(tmp_path: Path, fmt: str = "kili", **options: Any) -> LabelExport:
    return LabelExport(
        project_id=PROJECT,
        filename=str(tmp_path / "out.zip"),
        options=ExportOptions(fmt=fmt, **{"with_assets": False, **options}),  # type: ignore[arg-type]
        filters=AssetFilters(project_id=ProjectId(PROJECT)),
    )


def run(gateway: InMemoryExportGateway, job: LabelExport) -> None:
    LabelExportUseCase(gateway).export(job, disable_tqdm=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", PORT_METHODS)
def test_the_fake_and_the_real_gateway_take_the_ports_arguments(method: str) -> None:
    port = inspect.signature(getattr(LabelExportGateway, method)).parameters
    for implementation in (KiliAPIGateway, InMemoryExportGateway):
        assert list(inspect.signature(getattr(implementation, method)).parameters) == list(port)


def test_the_port_lists_every_gateway_method_the_export_calls(tmp_path: Path) -> None:
    gateway = InMemoryExportGateway(
        project(), [asset(0)], media={"https://media.example/0.png": b"x"}
    )
    run(gateway, export(tmp_path, with_assets=True))
    assert set(gateway.calls) == {"list_projects", "list_assets", "download_many_media"}
    assert {"list_projects", "list_assets", "download_many_media"} <= set(PORT_METHODS)


@pytest.mark.parametrize(
    ("fmt", "options", "error", "message"),
    [
        ("yolo_v9", {}, NotCompatibleOptions, "is not implemented or does not exist"),
        ("kili", {"layout": "diagonal"}, NotCompatibleOptions, "Unknown layout"),
        ("coco", {"normalized_coordinates": True}, NotCompatibleOptions, "normalized coordinates"),
    ],
)
def test_bad_options_are_refused_before_any_request(
    tmp_path: Path, fmt: str, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    gateway = InMemoryExportGateway(project(), [asset(0)])
    with pytest.raises(error, match=message):
        run(gateway, export(tmp_path, fmt, **options))
    assert gateway.calls == []
    assert list(tmp_path.iterdir()) == []


def test_a_missing_or_read_only_directory_is_refused_before_any_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gateway = InMemoryExportGateway(project(), [asset(0)])
    job = export(tmp_path)
    missing = LabelExport(
        job.project_id, str(tmp_path / "nope" / "a.zip"), job.options, job.filters
    )
    with pytest.raises(ExportDestinationError, match="does not exist"):
        run(gateway, missing)
    (tmp_path / "folder.zip").mkdir()
    folder = LabelExport(job.project_id, str(tmp_path / "folder.zip"), job.options, job.filters)
    with pytest.raises(ExportDestinationError, match="a directory"):
        run(gateway, folder)
    # root may write anywhere: the permission check itself is what is tested here
    monkeypatch.setattr(label_export.os, "access", lambda *_: False)
    with pytest.raises(ExportDestinationError, match="not writable"):
        run(gateway, job)
    assert gateway.calls == []


def test_project_refusals_come_before_reading_assets(tmp_path: Path) -> None:
    text = InMemoryExportGateway(project("TEXT"), [asset(0)])
    with pytest.raises(NotCompatibleInputType, match="'TEXT' not compatible with COCO"):
        run(text, export(tmp_path, "coco"))
    no_boxes = {"jobs": {"KIND": INTERFACE["jobs"]["KIND"]}}
    classification = InMemoryExportGateway(project(interface=no_boxes), [asset(0)])
    with pytest.raises(NoCompatibleJobError):
        run(classification, export(tmp_path, "coco"))
    assert "list_assets" not in text.calls + classification.calls
    assert list(tmp_path.iterdir()) == []


def test_nothing_to_export_leaves_no_file(tmp_path: Path) -> None:
    gateway = InMemoryExportGateway(project(), [asset(0, "AUTOSAVE"), asset(1, "PREDICTION")])
    with pytest.raises(NothingToExportError):
        run(gateway, export(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_single_file_is_the_official_dump_of_every_kept_asset(tmp_path: Path) -> None:
    rows = [asset(i) for i in range(250)] + [asset(250, "AUTOSAVE")]
    gateway = InMemoryExportGateway(project(), rows, page_size=100)
    run(gateway, export(tmp_path, single_file=True))
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        data = archive.read("data.json")
    assets = json.loads(data)
    assert [a["id"] for a in assets] == [f"asset-{i}" for i in range(250)]
    assert data == json.dumps(assets, sort_keys=True, indent=4).encode()
    assert gateway.pages_served == 3
    first = assets[0]["latestLabel"]
    assert first["author"]["name"] == "Ada L"
    polygon = first["jsonResponse"]["BOXES"]["annotations"][0]["boundingPoly"][0]
    assert polygon["vertices"][0] == {"x": pytest.approx(20.0), "y": pytest.approx(50.0)}


def test_coco_ids_categories_and_geometry(tmp_path: Path) -> None:
    gateway = InMemoryExportGateway(project(), [asset(0), asset(1)])
    run(gateway, export(tmp_path, "coco", layout="split"))
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        coco = json.loads(archive.read("BOXES/labels.json"))
    assert coco["categories"] == [
        {"id": 0, "name": "CAR", "supercategory": "BOXES"},
        {"id": 1, "name": "BUS", "supercategory": "BOXES"},
    ]
    assert [image["id"] for image in coco["images"]] == [0, 1]
    assert coco["images"][1]["file_name"] == "data/img 1"
    assert [a["id"] for a in coco["annotations"]] == [1, 2, 3, 4]
    first = coco["annotations"][0]
    assert (first["image_id"], first["category_id"]) == (0, 0)
    assert first["bbox"] == [20, 10, 60, 40]
    assert first["area"] == 2400
    assert first["segmentation"] == [[20.0, 50.0, 20.0, 10.0, 80.0, 10.0, 80.0, 50.0]]


def test_merged_coco_numbers_categories_across_sorted_jobs(tmp_path: Path) -> None:
    gateway = InMemoryExportGateway(project(), [asset(0)])
    run(gateway, export(tmp_path, "coco", layout="merged"))
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        coco = json.loads(archive.read("labels.json"))
    assert [(c["id"], c["name"]) for c in coco["categories"]] == [
        (0, "BOXES/BUS"),
        (1, "BOXES/CAR"),
    ]
    assert [a["category_id"] for a in coco["annotations"]] == [1, 0]


def test_memory_does_not_grow_with_the_number_of_assets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the export still holds when the COCO file is assembled: one page, whatever the size.

    Only allocations made by the export's code and the fake gateway's rows are counted,
    so threads other tests left running cannot blur the figure.
    """
    writer = label_export.FORMAT_WRITERS["coco"]
    original_finish = writer.finish
    held: list[int] = []
    traced = [
        tracemalloc.Filter(True, "*/kili/use_cases/label_export/*"),
        tracemalloc.Filter(True, "*/fake_export_gateway.py"),
    ]

    def measuring_finish(self: Any) -> None:
        gc.collect()
        snapshot = tracemalloc.take_snapshot().filter_traces(traced)
        held.append(sum(stat.size for stat in snapshot.statistics("filename")))
        original_finish(self)

    monkeypatch.setattr(writer, "finish", measuring_finish)

    def held_at_finish(count: int) -> int:
        gateway = InMemoryExportGateway(project(), [asset(i) for i in range(count)], page_size=100)
        tracemalloc.start()
        try:
            run(gateway, export(tmp_path, "coco", layout="merged"))
        finally:
            tracemalloc.stop()
        (tmp_path / "out.zip").unlink()
        return held[-1]

    small, large = held_at_finish(300), held_at_finish(1200)
    # 900 more assets held would be over 1 MB; one page of 100 is what may remain.
    assert large < small + 200_000, (small, large)
    assert small < 1_000_000, small


def test_pages_are_handed_to_the_writer_as_they_arrive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gateway = InMemoryExportGateway(project(), [asset(i) for i in range(250)], page_size=100)
    seen: list[tuple[int, int]] = []
    original = label_export.FORMAT_WRITERS["kili"].write_page

    def spy(self: Any, page: Any) -> None:
        seen.append((len(page), gateway.pages_served))
        original(self, page)

    monkeypatch.setattr(label_export.FORMAT_WRITERS["kili"], "write_page", spy)
    run(gateway, export(tmp_path))
    assert seen == [(100, 1), (100, 2), (50, 3)]


def test_two_assets_with_one_external_id_keep_both_files(tmp_path: Path) -> None:
    twin = asset(1)
    twin["externalId"] = "img 0"
    gateway = InMemoryExportGateway(project(), [asset(0), twin])
    run(gateway, export(tmp_path))
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        names = sorted(archive.namelist())
    assert names == ["README.kili.txt", "labels/img_0.json", "labels/img_0_asset-1.json"]
