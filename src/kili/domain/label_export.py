"""Label exports: formats, layouts, export types and the options of one export."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from kili.domain.asset import AssetFilters

LabelFormat = Literal[
    "raw",
    "kili",
    "yolo_v4",
    "yolo_v5",
    "yolo_v7",
    "yolo_v8",
    "coco",
    "pascal_voc",
    "geojson",
]
"""The archive formats `export_labels` writes."""

SplitOption = Literal["split", "merged"]
"""`split`: one folder (or file) per job; `merged`: every job together."""

ExportType = Literal["latest", "latest_from_last_step", "latest_from_all_steps", "normal"]
"""Which labels of each asset are exported."""

CocoAnnotationModifier = Callable[[dict[str, Any], dict[str, Any], dict[str, Any]], dict[str, Any]]
"""`(coco_annotation, coco_image, kili_annotation) -> coco_annotation`, applied to each one."""

DEFAULT_EXPORTED_LABEL_TYPES = ("DEFAULT", "REVIEW")
"""Label types exported when `label_type_in` is not given."""


@dataclass(frozen=True)
class ExportOptions:
    """What the user asked of one export, checked by the format before anything is sent.

    Attributes:
        fmt: The archive format.
        layout: One folder per job, or every job together.
        single_file: One file for every asset instead of one per asset.
        with_assets: Put the media in the archive.
        normalized_coordinates: Coordinates between 0 and 1 (`True`), in pixels (`False`),
            or the format's default (`None`).
        export_type: Which labels of each asset are exported.
        label_type_in: Exported label types.
        include_sent_back_labels: Keep labels whose asset was sent back to the queue.
        annotation_modifier: For COCO, a function applied to each COCO annotation.
    """

    fmt: LabelFormat
    layout: SplitOption = "split"
    single_file: bool = False
    with_assets: bool = True
    normalized_coordinates: bool | None = None
    export_type: ExportType = "latest"
    label_type_in: tuple[str, ...] = DEFAULT_EXPORTED_LABEL_TYPES
    include_sent_back_labels: bool = True
    annotation_modifier: CocoAnnotationModifier | None = None


@dataclass(frozen=True)
class ExportProject:
    """The project fields a format needs, read once before the assets.

    Attributes:
        id: The project's id; the archive's README names it.
        title: The project's title.
        description: The project's description.
        input_type: `IMAGE`, `VIDEO`, `PDF`, `TEXT`, `GEOSPATIAL`...
        json_interface: The project's json interface (`{"jobs": {...}}`).
        geospatial_settings: The project's geospatial settings, if any.
    """

    id: str
    title: str
    description: str
    input_type: str
    json_interface: Mapping[str, Any]
    geospatial_settings: Mapping[str, Any] | None = None

    @property
    def jobs(self) -> Mapping[str, Mapping[str, Any]]:
        """The jobs of the json interface, by job name."""
        jobs = self.json_interface.get("jobs") or {}
        return jobs if isinstance(jobs, Mapping) else {}


@dataclass(frozen=True)
class LabelExport:
    """One export: which assets, of which project, into which file, how.

    Attributes:
        project_id: The exported project.
        filename: The archive to write.
        options: The format and its options.
        filters: The assets whose labels are exported.
    """

    project_id: str
    filename: str
    options: ExportOptions
    filters: AssetFilters = field(repr=False)
