"""YOLO and Pascal VOC converters: this SDK's own against kili-formats, the official ones.

`python -m benchmarks.export_converters` (also part of `make bench`) prints, for 5,000
labeled images (three boxes and a polygon each, converted one at a time as the streamed
export does):

- exactness: how many of the files differ byte for byte between the two converters;
- time per asset of each converter;
- peak Python memory (tracemalloc) over the whole run, which stays flat when a
  converter keeps nothing between assets;
- the import time each converter's module adds;
- the peak traced memory of whole YOLO and Pascal VOC exports through the streamed
  export use case (a gateway serving generated assets in pages of 100, media left
  remote), for 1,000 and for 4,000 assets: what grows is the zip's table of contents.

These figures chose the converters: see "Formats: own converters or kili-formats" in
docs/exporting-labels.md.
"""

from __future__ import annotations

import gc
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

ASSETS = 5_000
IMPORT_RUNS = 7
JOBS: dict[str, Any] = {
    "BOXES": {
        "mlTask": "OBJECT_DETECTION",
        "tools": ["rectangle"],
        "content": {"categories": {"CAR": {}, "BUS": {}}},
    },
    "AREAS": {
        "mlTask": "OBJECT_DETECTION",
        "tools": ["polygon"],
        "content": {"categories": {"ROAD": {}}},
    },
}


def responses(seed: int) -> Iterator[dict[str, Any]]:
    """Yield the answers of `ASSETS` labels, drawn one at a time."""
    rng = random.Random(seed)

    def shape(kind: str, corners: int, category: str) -> dict[str, Any]:
        vertices = [{"x": rng.random(), "y": rng.random()} for _ in range(corners)]
        return {
            "type": kind,
            "categories": [{"name": category}],
            "boundingPoly": [{"normalizedVertices": vertices}],
        }

    for _ in range(ASSETS):
        boxes = [shape("rectangle", 4, rng.choice(["CAR", "BUS"])) for _ in range(3)]
        yield {
            "BOXES": {"annotations": boxes},
            "AREAS": {"annotations": [shape("polygon", 8, "ROAD")]},
        }


def own_converters() -> tuple[Callable[[dict[str, Any]], bytes], Callable[[dict[str, Any]], bytes]]:
    """Return this SDK's YOLO and VOC conversions of one label's answers."""
    from kili.use_cases.label_export.formats.pascal_voc_files import voc_xml
    from kili.use_cases.label_export.formats.yolo_files import yolo_class_groups, yolo_lines

    group = yolo_class_groups(JOBS, merged=True)[0]
    return (
        lambda response: yolo_lines(response, group),
        lambda response: voc_xml(response, 1920, 1080, "a.jpg", ["BOXES"]),
    )


def official_converters() -> tuple[
    Callable[[dict[str, Any]], bytes], Callable[[dict[str, Any]], bytes]
]:
    """Return kili-formats' conversions, written as the official exporter writes them."""
    from kili_formats import convert_from_kili_to_voc_format, convert_from_kili_to_yolo_format
    from kili_formats.types import JobCategory

    categories = {
        f"{job}__{name}": JobCategory(category_name=name, id=index, job_id=job)
        for index, (job, name) in enumerate(
            (job, name) for job, spec in JOBS.items() for name in spec["content"]["categories"]
        )
    }

    def yolo(response: dict[str, Any]) -> bytes:
        text = ""
        for job in JOBS:
            for class_id, *points in convert_from_kili_to_yolo_format(
                job, {"jsonResponse": response}, categories
            ):
                text += f"{class_id} {' '.join(str(point) for point in points)}\n"
        return text.encode()

    def voc(response: dict[str, Any]) -> bytes:
        xml = convert_from_kili_to_voc_format(
            response, 1920, 1080, {"filename": "a.jpg"}, ["BOXES"]
        )
        return f"{xml}\n".encode()

    return yolo, voc


def timed_run(convert: Callable[[dict[str, Any]], bytes]) -> tuple[float, float]:
    """Convert every label once; return (microseconds per asset, peak traced MiB).

    The time is taken on labels drawn beforehand and without tracing (tracing slows
    Python down several times); the memory on a second, traced pass that draws each
    label as it goes, so that only what the converter keeps shows.
    """
    drawn = list(responses(seed=1))
    gc.collect()
    started = time.perf_counter()
    for response in drawn:
        convert(response)
    elapsed = time.perf_counter() - started
    del drawn
    gc.collect()
    tracemalloc.start()
    for response in responses(seed=1):
        convert(response)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed / ASSETS * 1e6, peak / 2**20


def differing_files(
    ours: Callable[[dict[str, Any]], bytes], theirs: Callable[[dict[str, Any]], bytes]
) -> int:
    """Count the labels whose files differ between the two converters."""
    return sum(ours(response) != theirs(response) for response in responses(seed=2))


def import_ms(module: str) -> float:
    """Median cumulative import time of `module` when imported after `kili.client`.

    Measured with `python -X importtime` (the interpreter's own count, immune to the
    noise of process start-up): what a module imported by `kili.client` already costs
    inside it, and what kili-formats adds on top, since whoever exports has the SDK.
    """

    def run() -> float:
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import kili.client; import {module}"],
            check=True,
            capture_output=True,
            text=True,
        )
        for line in done.stderr.splitlines():
            parts = [part.strip() for part in line.removeprefix("import time:").split("|")]
            if len(parts) == 3 and parts[2] == module:
                return int(parts[1]) / 1000
        return 0.0

    run()
    return statistics.median(run() for _ in range(IMPORT_RUNS))


class GeneratedAssets:
    """A gateway serving one image project and `count` labeled assets, made as they are read."""

    def __init__(self, count: int) -> None:
        self.count = count

    def list_projects(self, *_: Any) -> Iterator[dict[str, Any]]:
        """Serve the project."""
        yield {"id": "p", "title": "T", "description": "", "inputType": "IMAGE",
               "jsonInterface": {"jobs": JOBS}, "dataConnections": []}  # fmt: skip

    def list_assets(self, *_: Any) -> Iterator[dict[str, Any]]:
        """Serve the assets, each drawn when read."""
        for index, response in enumerate(responses(seed=3)):
            if index == self.count:
                return
            yield {
                "id": f"a{index}", "externalId": f"image-{index}", "jsonContent": "",
                "content": f"https://media.example/{index}.jpg",
                "resolution": {"width": 1920, "height": 1080},
                "latestLabel": {"jsonResponse": response, "labelType": "DEFAULT",
                                "isSentBackToQueue": False, "author": {"email": "a@b.c"}},
            }  # fmt: skip

    def download_many_media(self, *_: Any) -> list[Any]:
        """Download nothing: the media stay remote."""
        return []

    def read_json_file(self, *_: Any) -> Any:
        """Read nothing: there are no videos."""
        return None


def export_peak_mib(fmt: str, layout: str, count: int) -> float:
    """Peak traced memory of a whole export of `count` generated assets, in MiB."""
    from kili.domain.asset import AssetFilters
    from kili.domain.label_export import ExportOptions, LabelExport
    from kili.domain.project import ProjectId
    from kili.use_cases.label_export import LabelExportUseCase

    with tempfile.TemporaryDirectory() as folder:
        job = LabelExport(
            project_id="p",
            filename=f"{folder}/export.zip",
            options=ExportOptions(fmt=fmt, layout=layout, with_assets=False),  # type: ignore[arg-type]
            filters=AssetFilters(project_id=ProjectId("p")),
        )
        use_case = LabelExportUseCase(GeneratedAssets(count))  # type: ignore[arg-type]
        gc.collect()
        tracemalloc.start()
        use_case.export(job, disable_tqdm=True)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak / 2**20


def run() -> list[str]:
    """Measure and return the figures, one line each."""
    own_yolo, own_voc = own_converters()
    official_yolo, official_voc = official_converters()
    lines = [f"{ASSETS} labels of 3 boxes + 1 polygon, converted one at a time"]
    for name, ours, theirs in (("YOLO", own_yolo, official_yolo), ("VOC", own_voc, official_voc)):
        ours_us, ours_mib = timed_run(ours)
        theirs_us, theirs_mib = timed_run(theirs)
        lines.append(
            f"{name:5} files differing: {differing_files(ours, theirs)}/{ASSETS}  "
            f"own {ours_us:.1f} us/asset, peak {ours_mib:.2f} MiB  "
            f"kili-formats {theirs_us:.1f} us/asset, peak {theirs_mib:.2f} MiB"
        )
    for module in (
        "kili.use_cases.label_export.formats.yolo_files",
        "kili.use_cases.label_export.formats.pascal_voc_files",
        "kili_formats",
    ):
        lines.append(f"import of {module} (after kili.client): {import_ms(module):.1f} ms")
    for fmt, layout in (("yolo_v8", "split"), ("pascal_voc", "merged")):
        small, large = export_peak_mib(fmt, layout, 1000), export_peak_mib(fmt, layout, 4000)
        lines.append(
            f"streamed {fmt} {layout} export, peak traced memory: 1,000 assets {small:.1f} MiB,"
            f" 4,000 assets {large:.1f} MiB"
        )
    return lines


def main() -> None:
    """Print the figures."""
    for line in run():
        print(line)


if __name__ == "__main__":
    main()
