"""Small demo projects, made offline, so that tutorials starting from a demo run anywhere.

Kili's cloud copies a prepared project when `createProject` names a `fromDemoProject`.
The emulator ships a few small ones instead, one per main kind of job: image
classification with object detection, text classification, and named entities in
text. Their images are drawn when the project is made (plain PNGs, written by the
standard library) and stored in the organization's files, so no network is needed.
Each asset but the last comes labeled, so that label reads and exports have data.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Image = tuple[int, int, int]
"""The colour of the shape drawn on a demo image."""


@dataclass(frozen=True)
class DemoProject:
    """A demo template: its kind of assets, its interface, its assets and their labels.

    Attributes:
        input_type: The project's input type.
        interface: The project's json interface.
        assets: External id and content (text, or the colour of an image) of each asset.
        labels: The jsonResponse of the label of each asset; fewer than the assets.
    """

    input_type: str
    interface: dict[str, Any]
    assets: tuple[tuple[str, str | Image], ...]
    labels: tuple[dict[str, Any], ...]


def _categories(*names: str) -> dict[str, Any]:
    return {name: {"name": name.lower(), "children": []} for name in names}


def _box(x: float, y: float) -> dict[str, Any]:
    """A bounding box of a quarter of the image, with its top-left corner at (x, y)."""
    corners = [(x, y + 0.5), (x, y), (x + 0.5, y), (x + 0.5, y + 0.5)]
    return {"normalizedVertices": [{"x": cx, "y": cy} for cx, cy in corners]}


_VISION = DemoProject(
    input_type="IMAGE",
    interface={
        "jobs": {
            "CLASSIFICATION_JOB": {
                "mlTask": "CLASSIFICATION",
                "content": {"categories": _categories("RED", "GREEN", "BLUE"), "input": "radio"},
                "instruction": "Colour of the square",
                "required": 1,
                "isChild": False,
            },
            "OBJECT_DETECTION_JOB": {
                "mlTask": "OBJECT_DETECTION",
                "content": {"categories": _categories("SQUARE"), "input": "radio"},
                "instruction": "The square",
                "required": 0,
                "isChild": False,
                "tools": ["rectangle"],
            },
        }
    },
    assets=(("red", (220, 40, 40)), ("green", (40, 180, 60)), ("blue", (40, 80, 220))),
    labels=tuple(
        {
            "CLASSIFICATION_JOB": {"categories": [{"name": colour, "confidence": 100}]},
            "OBJECT_DETECTION_JOB": {
                "annotations": [
                    {
                        "categories": [{"name": "SQUARE", "confidence": 100}],
                        "mid": f"square-{colour.lower()}",
                        "type": "rectangle",
                        "boundingPoly": [_box(0.25, 0.25)],
                    }
                ]
            },
        }
        for colour in ("RED", "GREEN")
    ),
)

_REVIEWS = (
    ("review-1", "The delivery was fast and the product works perfectly."),
    ("review-2", "Broken on arrival, and support never answered."),
    ("review-3", "It does the job."),
)

_TEXT = DemoProject(
    input_type="TEXT",
    interface={
        "jobs": {
            "CLASSIFICATION_JOB": {
                "mlTask": "CLASSIFICATION",
                "content": {
                    "categories": _categories("POSITIVE", "NEGATIVE", "NEUTRAL"),
                    "input": "radio",
                },
                "instruction": "Sentiment of the review",
                "required": 1,
                "isChild": False,
            }
        }
    },
    assets=_REVIEWS,
    labels=(
        {"CLASSIFICATION_JOB": {"categories": [{"name": "POSITIVE", "confidence": 100}]}},
        {"CLASSIFICATION_JOB": {"categories": [{"name": "NEGATIVE", "confidence": 100}]}},
    ),
)

_SENTENCES = (
    ("sentence-1", "Marie Curie was born in Warsaw."),
    ("sentence-2", "Alan Turing worked in Manchester."),
    ("sentence-3", "Ada Lovelace lived in London."),
)


def _entity(text: str, mention: str, category: str, mid: str) -> dict[str, Any]:
    return {
        "beginOffset": text.index(mention),
        "content": mention,
        "endOffset": text.index(mention) + len(mention),
        "categories": [{"name": category, "confidence": 100}],
        "mid": mid,
    }


_NER = DemoProject(
    input_type="TEXT",
    interface={
        "jobs": {
            "NAMED_ENTITIES_RECOGNITION_JOB": {
                "mlTask": "NAMED_ENTITIES_RECOGNITION",
                "content": {"categories": _categories("PERSON", "PLACE"), "input": "radio"},
                "instruction": "People and places",
                "required": 1,
                "isChild": False,
            }
        }
    },
    assets=_SENTENCES,
    labels=tuple(
        {
            "NAMED_ENTITIES_RECOGNITION_JOB": {
                "annotations": [
                    _entity(text, person, "PERSON", f"{external_id}-person"),
                    _entity(text, place, "PLACE", f"{external_id}-place"),
                ]
            }
        }
        for (external_id, text), person, place in zip(
            _SENTENCES[:2], ("Marie Curie", "Alan Turing"), ("Warsaw", "Manchester"), strict=True
        )
    ),
)

DEMO_PROJECTS: dict[str, DemoProject] = {
    "DEMO_COMPUTER_VISION_TUTORIAL": _VISION,
    "DEMO_ANIMALS": _VISION,
    "DEMO_TEXT_TUTORIAL": _TEXT,
    "DEMO_REVIEWS": _TEXT,
    "DEMO_NER": _NER,
    "DEMO_NER_TWEETS": _NER,
}
"""The demo templates the emulator ships, by the name `fromDemoProject` gives."""


def demo_project(name: str) -> DemoProject | None:
    """Return the demo template called `name`, if the emulator ships one."""
    return DEMO_PROJECTS.get(name)


def interface_text(demo: DemoProject) -> str:
    """Return the demo's interface as the JSON text projects store."""
    return json.dumps(demo.interface)


def asset_contents(
    demo: DemoProject, store_image: Callable[[str, bytes], str]
) -> list[tuple[str, str]]:
    """Return the external id and content of each asset, storing the images drawn.

    Args:
        demo: The template.
        store_image: Stores a PNG under a name and returns the URL serving it.
    """
    contents = []
    for external_id, content in demo.assets:
        if isinstance(content, str):
            contents.append((external_id, content))
        else:
            contents.append((external_id, store_image(f"{external_id}.png", square_png(content))))
    return contents


def square_png(colour: Image, size: int = 64) -> bytes:
    """Draw a `colour` square on a white `size` x `size` image; return the PNG bytes."""
    low, high = size // 4, 3 * size // 4
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter type: none
        for x in range(size):
            rows.extend(colour if low <= x < high and low <= y < high else (255, 255, 255))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows)))
        + chunk(b"IEND", b"")
    )
