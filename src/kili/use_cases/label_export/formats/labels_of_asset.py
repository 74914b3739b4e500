"""What every per-image format shares: which labels of an asset it writes, and the rotation.

The official exporters write one file per label of an asset: the asset's `latestLabel`,
then each of its `latestLabels`; when there is more than one, every file name gains a
`_label<n>` suffix (counted from 1) so that none overwrites another.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def labels_to_write(asset: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Return the labels of `asset` a per-image format writes, in the official order."""
    labels: list[Mapping[str, Any]] = []
    latest = asset.get("latestLabel")
    if latest:
        labels.append(latest)
    labels.extend(label for label in asset.get("latestLabels") or [] if label is not None)
    return labels


def label_suffix(index: int, count: int) -> str:
    """Return the file-name suffix of the `index`-th label (from 1) out of `count`."""
    return f"_label{index}" if count > 1 else ""


def rotation_of(json_response: Mapping[str, Any]) -> int:
    """Return the rotation (0, 90, 180 or 270) the labeling app recorded for the image."""
    rotation = json_response.get("ROTATION_JOB")
    if isinstance(rotation, Mapping):
        return int(rotation.get("rotation", 0))
    return 0
