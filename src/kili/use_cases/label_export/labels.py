"""Which labels of each asset an export keeps, as the official exporter selects them.

The export type decides the label field read (`latestLabel`, `latestLabels` or
`labels`); then labels of other types, sent-back labels when excluded, and autosaves
are dropped, an asset left with no label is dropped too, and each author gains the
`name` of the Kili data format (first and last name).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kili.domain.label_export import ExportOptions, ExportType

_ASSET_FIELDS = (
    "id",
    "externalId",
    "content",
    "jsonContent",
    "jsonMetadata",
    "status",
    "pageResolutions.pageNumber",
    "pageResolutions.height",
    "pageResolutions.width",
    "pageResolutions.rotation",
    "resolution.height",
    "resolution.width",
)
_LABEL_FIELDS = (
    "jsonResponse",
    "jsonResponseUrl",
    "author.id",
    "author.email",
    "author.firstname",
    "author.lastname",
    "createdAt",
    "isLatestLabelForUser",
    "isSentBackToQueue",
    "labelType",
    "modelName",
)

LABEL_FIELD_OF_EXPORT_TYPE: dict[ExportType, str] = {
    "latest": "latestLabel",
    "latest_from_last_step": "latestLabels",
    "latest_from_all_steps": "labels",
    "normal": "labels",
}
"""The asset field holding the labels each export type exports."""


def asset_fields(export_type: ExportType, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Return the asset fields to read for `export_type`, as the official exporter asks."""
    label_field = LABEL_FIELD_OF_EXPORT_TYPE[export_type]
    label_fields = list(_LABEL_FIELDS)
    if label_field != "latestLabel":
        label_fields.insert(6, "isLastForStep")
    return (*_ASSET_FIELDS, *(f"{label_field}.{f}" for f in label_fields), *extra)


def exported_assets(
    assets: Iterable[dict[str, Any]], options: ExportOptions
) -> Iterator[dict[str, Any]]:
    """Yield the assets that keep a label, each with only the labels the export keeps."""
    label_field = LABEL_FIELD_OF_EXPORT_TYPE[options.export_type]
    for asset in assets:
        kept = _kept_labels(asset.get(label_field), options)
        if not kept:
            continue
        asset[label_field] = kept[0] if label_field == "latestLabel" else kept
        if asset.get("jsonContent") == {}:
            asset["jsonContent"] = ""  # the API's empty jsonContent, decoded as {} on read
        for label in kept:
            _name_author(label)
        yield asset


def _kept_labels(value: Any, options: ExportOptions) -> list[dict[str, Any]]:
    labels = [value] if isinstance(value, dict) else list(value or [])
    kept = []
    for label in labels:
        if not isinstance(label, dict) or label.get("labelType") == "AUTOSAVE":
            continue
        if options.label_type_in and label.get("labelType") not in options.label_type_in:
            continue
        if options.export_type == "latest_from_all_steps" and not label.get("isLastForStep"):
            continue
        if not options.include_sent_back_labels and label.get("isSentBackToQueue") is not False:
            continue
        kept.append(label)
    return kept


def _name_author(label: dict[str, Any]) -> None:
    author = label.get("author")
    if isinstance(author, dict) and "firstname" in author:
        author["name"] = f"{author.get('firstname')} {author.get('lastname')}"
