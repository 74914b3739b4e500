"""Conversion of the project methods' arguments, deprecated ones included."""

from __future__ import annotations

import dataclasses
from typing import Any

from kili.domain.project import InputType, ProjectUpdate
from kili.exceptions import InvalidArgumentError
from kili.user_warnings import warn_deprecated

METADATA_DEFAULTS: dict[str, object] = {
    "filterable": True,
    "type": "string",
    "visibleByLabeler": True,
    "visibleByReviewer": True,
}
"""Properties a metadata key gets when they are not given, as the API defaults them."""


def project_update(
    *,
    input_type: InputType | None,
    metadata_types: dict[str, Any] | None,
    metadata_properties: dict[str, Any] | None,
    seconds_to_label_before_auto_assign: int | None,
    should_auto_assign: bool | None,
    settings: ProjectUpdate,
) -> ProjectUpdate:
    """Complete `settings` with the metadata and auto-assignment arguments.

    The deprecated arguments warn: `input_type` is ignored (it cannot change),
    `metadata_types` becomes `metadata_properties` when those are not given, and any
    `seconds_to_label_before_auto_assign` turns `should_auto_assign` on unless given.

    Raises:
        InvalidArgumentError: A metadata key's properties are not a dict.
    """
    if input_type is not None:
        warn_deprecated(
            "`input_type` is deprecated and ignored: the input type of a project cannot "
            "change after its creation."
        )
    if seconds_to_label_before_auto_assign is not None:
        warn_deprecated(
            "`seconds_to_label_before_auto_assign` is deprecated: use `should_auto_assign`."
        )
        if should_auto_assign is None:
            should_auto_assign = True
    if metadata_types is not None:
        warn_deprecated("`metadata_types` is deprecated: use `metadata_properties`.")
        if metadata_properties is None:
            metadata_properties = {key: {"type": kind} for key, kind in metadata_types.items()}
    return dataclasses.replace(
        settings,
        metadata_properties=_completed(metadata_properties),
        should_auto_assign=should_auto_assign,
    )


def _completed(properties: dict[str, Any] | None) -> dict[str, dict[str, object]] | None:
    """Give every metadata key the properties it lacks, without changing the caller's dict."""
    if properties is None:
        return None
    completed = {}
    for key, given in properties.items():
        if not isinstance(given, dict):
            raise InvalidArgumentError(
                f"`metadata_properties[{key!r}]` must be a dict of properties, not {given!r}"
            )
        completed[key] = {**METADATA_DEFAULTS, **given}
    return completed
