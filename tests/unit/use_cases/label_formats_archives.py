"""Write a format's archive from pages of assets, as the export use case drives a writer."""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kili.domain.label_export import ExportOptions, ExportProject
from kili.use_cases.label_export.archive import ZipArchive
from kili.use_cases.label_export.formats import FORMAT_WRITERS
from tests.unit.use_cases.label_formats_samples import JOBS


def png(width: int, height: int) -> bytes:
    """Return the bytes of a PNG whose header says `width` x `height` (readers need no more)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(header))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


def project(input_type: str = "IMAGE", jobs: dict[str, Any] | None = None) -> ExportProject:
    """Return an exported project over `JOBS` (or `jobs`)."""
    return ExportProject(
        id="project-1",
        title="Streets",
        description="",
        input_type=input_type,
        json_interface={"jobs": JOBS if jobs is None else jobs},
    )


def box(rng: random.Random) -> list[dict[str, float]]:
    """Draw an axis-aligned box as the labeling app stores it (four corners)."""
    left, top = rng.uniform(0, 0.5), rng.uniform(0, 0.5)
    right, bottom = left + rng.uniform(0.05, 0.5), top + rng.uniform(0.05, 0.5)
    return [
        {"x": left, "y": bottom},
        {"x": left, "y": top},
        {"x": right, "y": top},
        {"x": right, "y": bottom},
    ]


def box_assets(count: int, media_dir: Path | None, seed: int = 0) -> list[dict[str, Any]]:
    """Return labeled image assets with boxes of the `BOXES` job; media saved if a dir is given."""
    rng = random.Random(seed)
    assets = []
    for index in range(count):
        width, height = rng.randrange(50, 2000), rng.randrange(50, 2000)
        name = f"image-{index:04d}.png"
        content = f"https://media.example/{name}"
        if media_dir is not None:
            (media_dir / name).write_bytes(png(width, height))
            content = str(media_dir / name)
        annotations = [
            {
                "categories": [{"name": rng.choice(["CAR", "BUS"])}],
                "type": "rectangle",
                "boundingPoly": [{"normalizedVertices": box(rng)}],
                "mid": f"{index}-{k}",
            }
            for k in range(rng.randrange(1, 4))
        ]
        assets.append(
            {
                "id": f"asset-{index}",
                "externalId": name,
                "content": content,
                "jsonContent": "",
                "resolution": None if media_dir is not None else {"width": width, "height": height},
                "latestLabel": {
                    "jsonResponse": {"BOXES": {"annotations": annotations}},
                    "author": {"email": "a@b.c"},
                },
            }
        )
    return assets


def write_archive(
    target: Path,
    exported: ExportProject,
    options: ExportOptions,
    pages: Sequence[Sequence[dict[str, Any]]],
) -> Path:
    """Check, then write the archive of `options.fmt` from `pages`, media included."""
    writer_type = FORMAT_WRITERS[options.fmt]
    writer_type.check_options(options)
    writer_type.check_project(exported, options)
    with ZipArchive(target) as archive:
        writer = writer_type(exported, options, archive)
        for page in pages:
            writer.write_page(list(page))
            for asset in page:
                content = Path(str(asset["content"]))
                if options.with_assets and content.is_file():
                    archive.add_file(writer.media_path(str(content)), content)
        writer.finish()
    return target
