"""The formats `export_labels` writes: one table from format name to writer class."""

from __future__ import annotations

from kili.domain.label_export import LabelFormat
from kili.use_cases.label_export.formats.base import FormatWriter
from kili.use_cases.label_export.formats.coco import CocoWriter
from kili.use_cases.label_export.formats.geojson import GeoJsonWriter
from kili.use_cases.label_export.formats.kili import KiliWriter
from kili.use_cases.label_export.formats.pascal_voc import PascalVocWriter
from kili.use_cases.label_export.formats.yolo import YoloWriter

FORMAT_WRITERS: dict[LabelFormat, type[FormatWriter]] = {
    "raw": KiliWriter,
    "kili": KiliWriter,
    "coco": CocoWriter,
    "yolo_v4": YoloWriter,
    "yolo_v5": YoloWriter,
    "yolo_v7": YoloWriter,
    "yolo_v8": YoloWriter,
    "pascal_voc": PascalVocWriter,
    "geojson": GeoJsonWriter,
}
"""Writer class of each format; a format absent from the table is refused by name."""

__all__ = ["FORMAT_WRITERS", "FormatWriter"]
