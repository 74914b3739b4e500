"""Conversion of the arguments of the asset methods into domain objects.

The read methods take some fifty filter arguments, a few of them under deprecated
names; `asset_filters` maps them all, once, into `AssetFilters`. The write methods take
parallel arrays, one element per asset; `asset_changes` and the `*_of` helpers turn
them into per-asset values.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kili.domain.asset import (
    AssetChanges,
    AssetDesignation,
    AssetExternalId,
    AssetFilters,
    AssetId,
    PageResolution,
    Resolution,
)
from kili.domain.project import ProjectId
from kili.exceptions import IncompatibleArgumentsError, InvalidArgumentError, MissingArgumentError
from kili.presentation.client.arguments import (
    designated_assets,
    element,
    normalised_category_search,
    step_filters,
)
from kili.user_warnings import warn_deprecated, warn_user

DEPRECATED_BOUNDS = {
    "consensus_mark_gt": "consensus_mark_gte",
    "consensus_mark_lt": "consensus_mark_lte",
    "honeypot_mark_gt": "honeypot_mark_gte",
    "honeypot_mark_lt": "honeypot_mark_lte",
    "label_consensus_mark_gt": "label_consensus_mark_gte",
    "label_consensus_mark_lt": "label_consensus_mark_lte",
    "label_created_at_gt": "label_created_at_gte",
    "label_created_at_lt": "label_created_at_lte",
    "label_honeypot_mark_gt": "label_honeypot_mark_gte",
    "label_honeypot_mark_lt": "label_honeypot_mark_lte",
}
"""Deprecated strict bounds and their inclusive replacements; a deprecated value given wins."""

MAX_PARTIAL_EXTERNAL_IDS = 10
"""Most partial external ids the API is meant to match in one query."""


def asset_filters(project_id: str, arguments: Mapping[str, Any]) -> AssetFilters:
    """Build the filters of an asset read from the method's arguments, by name.

    Deprecated names warn with a `DeprecationWarning` and fill their replacement: a
    strict bound (`*_gt`, `*_lt`) takes precedence over the inclusive one, as it always
    did; `external_id_contains` is used when `external_id_strictly_in` is not given.

    Raises:
        CategorySearchSyntaxError: `label_category_search` is not a valid query.
        IncompatibleArgumentsError: A step filter is given both by id and by name.
        InvalidArgumentError: A step status is unknown.
    """
    values = {name: value for name, value in arguments.items() if value is not None}
    for old, new in DEPRECATED_BOUNDS.items():
        if old in values:
            warn_deprecated(f"'{old}' is deprecated, please use '{new}' instead.")
            values[new] = values[old]
    if "external_id_contains" in values:
        warn_deprecated(
            "'external_id_contains' is deprecated, please use 'external_id_strictly_in' instead."
        )
        values.setdefault("external_id_strictly_in", values["external_id_contains"])
    if "label_json_response_contains" in values:
        warn_deprecated(
            "'label_json_response_contains' is deprecated, please use 'label_category_search'"
            " instead."
        )
    if len(values.get("external_id_in") or ()) > MAX_PARTIAL_EXTERNAL_IDS:
        warn_deprecated(
            f"Matching more than {MAX_PARTIAL_EXTERNAL_IDS} partial external ids in one query is"
            " deprecated; use external_id_strictly_in to match many external ids exactly."
        )
    search = values.get("label_category_search")
    get = values.get
    return AssetFilters(
        project_id=ProjectId(project_id),
        asset_id=AssetId(values["asset_id"]) if get("asset_id") else None,
        asset_id_in=_tuple(get("asset_id_in"), AssetId),
        asset_id_not_in=_tuple(get("asset_id_not_in"), AssetId),
        external_id_strictly_in=_tuple(get("external_id_strictly_in"), AssetExternalId),
        external_id_in=_tuple(get("external_id_in"), AssetExternalId),
        status_in=_tuple(get("status_in")),
        skipped=get("skipped"),
        metadata_where=get("metadata_where"),
        consensus_mark_gte=get("consensus_mark_gte"),
        consensus_mark_lte=get("consensus_mark_lte"),
        honeypot_mark_gte=get("honeypot_mark_gte"),
        honeypot_mark_lte=get("honeypot_mark_lte"),
        inference_mark_gte=get("inference_mark_gte"),
        inference_mark_lte=get("inference_mark_lte"),
        created_at_gte=get("created_at_gte"),
        created_at_lte=get("created_at_lte"),
        updated_at_gte=get("updated_at_gte"),
        updated_at_lte=get("updated_at_lte"),
        assignee_in=_tuple(get("assignee_in")),
        assignee_not_in=_tuple(get("assignee_not_in")),
        issue_type=get("issue_type"),
        issue_status=get("issue_status"),
        label_type_in=_tuple(get("label_type_in")),
        label_author_in=_tuple(get("label_author_in")),
        label_labeler_in=_tuple(get("label_labeler_in")),
        label_labeler_not_in=_tuple(get("label_labeler_not_in")),
        label_reviewer_in=_tuple(get("label_reviewer_in")),
        label_reviewer_not_in=_tuple(get("label_reviewer_not_in")),
        label_consensus_mark_gte=get("label_consensus_mark_gte"),
        label_consensus_mark_lte=get("label_consensus_mark_lte"),
        label_created_at=get("label_created_at"),
        label_created_at_gte=get("label_created_at_gte"),
        label_created_at_lte=get("label_created_at_lte"),
        label_honeypot_mark_gte=get("label_honeypot_mark_gte"),
        label_honeypot_mark_lte=get("label_honeypot_mark_lte"),
        label_category_search=normalised_category_search(search),
        label_json_response_contains=_tuple(get("label_json_response_contains")),
        steps=step_filters(values),
    )


def _tuple(values: Sequence[Any] | None, kind: Any = None) -> tuple[Any, ...] | None:
    if values is None:
        return None
    return tuple(kind(value) for value in values) if kind is not None else tuple(values)


def metadata_text(metadata: object, where: str) -> str | None:
    """Return metadata given as a dict, a list or a JSON string as a JSON string."""
    if metadata is None or isinstance(metadata, str):
        return metadata
    try:
        return json.dumps(metadata, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise InvalidArgumentError(f"{where} cannot be written as JSON: {error}") from None


def resolution_of(value: Mapping[str, Any] | None, where: str) -> Resolution | None:
    """Read a `{"width": ..., "height": ...}` resolution."""
    if value is None:
        return None
    try:
        return Resolution(width=float(value["width"]), height=float(value["height"]))
    except (KeyError, TypeError, ValueError):
        raise InvalidArgumentError(
            f"{where} must be a dict with numeric 'width' and 'height', got {value!r}"
        ) from None


def page_resolutions_of(
    pages: Sequence[Mapping[str, Any] | PageResolution] | None, where: str
) -> tuple[PageResolution, ...] | None:
    """Read the pages of a PDF asset, given as `PageResolution`s or as API-style dicts."""
    if pages is None:
        return None
    read: list[PageResolution] = []
    for page in pages:
        if isinstance(page, PageResolution):
            read.append(page)
            continue
        try:
            read.append(
                PageResolution(
                    width=float(page["width"]),
                    height=float(page["height"]),
                    page_number=int(page["pageNumber"]),
                    rotation=int(page.get("rotation", 0)),
                )
            )
        except (KeyError, TypeError, ValueError):
            raise InvalidArgumentError(
                f"{where}: a page must have 'width', 'height' and 'pageNumber', got {page!r}"
            ) from None
    return tuple(read)


def did_nothing(method: str, arrays: dict[str, Sequence[Any] | None]) -> bool:
    """Warn and return `True` when one of `arrays` is an empty list: there is nothing to do."""
    for name, array in arrays.items():
        if array is not None and len(array) == 0:
            warn_user(
                f"Method '{method}' did nothing because the following argument is empty: {name}."
            )
            return True
    return False


def designated_unless_empty(
    method: str,
    asset_ids: Sequence[str] | None,
    external_ids: Sequence[str] | None,
    project_id: str | None,
) -> AssetDesignation | None:
    """Designate the assets `method` acts on; warn and return `None` for an empty list.

    Raises:
        IncompatibleArgumentsError: Both lists were given.
        MissingArgumentError: Neither list was given, or external ids came without
            `project_id`.
    """
    if did_nothing(method, {"asset_ids": asset_ids, "external_ids": external_ids}):
        return None
    return designated_assets(asset_ids, external_ids, project_id)


def designating_array(
    content_array: Sequence[Any] | None,
    multi_layer_content_array: Sequence[Any] | None,
    json_content_array: Sequence[Any] | None,
) -> tuple[str, int]:
    """Return the name and length of the array that says how many assets there are."""
    if content_array is not None and multi_layer_content_array is not None:
        raise IncompatibleArgumentsError(
            "Give content_array or multi_layer_content_array, not both."
        )
    for name, array in (
        ("content_array", content_array),
        ("multi_layer_content_array", multi_layer_content_array),
        ("json_content_array", json_content_array),
    ):
        if array is not None:
            return name, len(array)
    raise MissingArgumentError(
        "Give the assets' contents: content_array, multi_layer_content_array,"
        " json_content_array or from_csv."
    )


def _labelers(array: Sequence[Sequence[str] | None] | None, index: int) -> tuple[str, ...] | None:
    """Labelers allowed on asset `index`; an empty tuple (from `None` or `[]`) resets them."""
    if array is None:
        return None
    return tuple(array[index] or ())


def asset_changes(arrays: Mapping[str, Sequence[Any] | None], index: int) -> AssetChanges:
    """Return the changes of asset `index`, read from the arrays by argument name.

    Raises:
        InvalidArgumentError: A value cannot be written as the API expects it.
    """

    def at(name: str) -> Any:
        return element(arrays.get(name), index)

    return AssetChanges(
        priority=at("priorities"),
        json_metadata=metadata_text(at("json_metadatas"), f"json_metadatas[{index}]"),
        consensus_mark=at("consensus_marks"),
        honeypot_mark=at("honeypot_marks"),
        to_be_labeled_by=_labelers(arrays.get("to_be_labeled_by_array"), index),
        content=at("contents"),
        json_content=metadata_text(at("json_contents"), f"json_contents[{index}]"),
        is_used_for_consensus=at("is_used_for_consensus_array"),
        is_honeypot=at("is_honeypot_array"),
        resolution=resolution_of(at("resolution_array"), f"resolution_array[{index}]"),
        page_resolutions=page_resolutions_of(
            at("page_resolutions_array"), f"page_resolutions_array[{index}]"
        ),
    )


def read_text_assets_csv(path: str, separator: str) -> tuple[list[str], list[str]]:
    """Read the `content` and `externalId` columns of a CSV file of text assets.

    The external id column may also be spelled `external_id`.

    Raises:
        InvalidArgumentError: The file does not exist or lacks one of the columns.
    """
    csv_path = Path(path)
    if not csv_path.is_file():
        raise InvalidArgumentError(f"from_csv: no file at {path!r}")
    with csv_path.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file, delimiter=separator)
        columns = reader.fieldnames or []
        external_id_column = next((c for c in ("externalId", "external_id") if c in columns), None)
        if "content" not in columns or external_id_column is None:
            raise InvalidArgumentError(
                f"from_csv: {path!r} needs a header with the columns 'content' and 'externalId'"
                f" (separated by {separator!r}); found {columns}"
            )
        rows = list(reader)
    return [row["content"] for row in rows], [row[external_id_column] for row in rows]
