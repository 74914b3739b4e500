"""The formats `export_labels` writes: one table from format name to writer class."""

from __future__ import annotations

from kili.domain.label_export import LabelFormat
from kili.use_cases.label_export.formats.base import FormatWriter
from kili.use_cases.label_export.formats.coco import CocoWriter
from kili.use_cases.label_export.formats.kili import KiliWriter

FORMAT_WRITERS: dict[LabelFormat, type[FormatWriter]] = {
    "raw": KiliWriter,
    "kili": KiliWriter,
    "coco": CocoWriter,
}
"""Writer class of each format; a format absent from the table is refused by name."""

__all__ = ["FORMAT_WRITERS", "FormatWriter"]
