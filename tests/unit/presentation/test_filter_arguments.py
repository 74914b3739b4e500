"""Every filter argument of a read method reaches its filters, under its own name.

The asset readers hand their arguments to `asset_filters` by name (the step filters
among them to `StepFilters`), and the model-label readers hand theirs to
`label_filters`: nothing but these tests ties a parameter to
its mapping, so each parameter is checked to change the filters it builds.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable
from typing import Any

import pytest

from kili.client import Kili
from kili.domain.asset import AssetFilters
from kili.domain.step_filters import StepFilters
from kili.presentation.client.asset.arguments import DEPRECATED_BOUNDS, asset_filters
from kili.presentation.client.label.arguments import LABEL_FILTER_ARGUMENTS, label_filters

NOT_FILTERS = frozenset(
    {
        "self",
        "project_id",
        "fields",
        "first",
        "skip",
        "disable_tqdm",
        "format",
        "download_media",
        "local_media_dir",
        "label_output_format",
        "as_generator",
        "output_format",
    }
)
"""Arguments of the readers that shape the answer rather than select what is read."""

DEPRECATED_ALIASES = {
    **DEPRECATED_BOUNDS,
    "external_id_contains": "external_id_strictly_in",
}

SAMPLES: dict[str, Any] = {
    "skipped": True,
    "metadata_where": {"key": "value"},
    "issue_type": "ISSUE",
    "issue_status": "OPEN",
    "label_category_search": "JOB.A.count > 0",
    "category_search": "JOB.A.count > 0",
    "status_in": ["TODO"],
    "asset_status_in": ["TODO"],
    "label_type_in": ["DEFAULT"],
    "type_in": ["DEFAULT"],
    "step_status_in": ["DONE"],
    "step_status_not_in": ["TO_DO"],
    "asset_step_status_in": ["REWORK"],
}


def sample(name: str) -> Any:
    """A valid value of the argument `name`, judged by its name."""
    if name in SAMPLES:
        return SAMPLES[name]
    if "_and_status_" in name:
        return [("x", "DONE")]
    if name.endswith(("_in", "_contains")):
        return ["x"]
    if "mark" in name:
        return 0.5
    if "_at" in name:
        return "2024-01-31"
    return "x"


def filter_arguments(method: Callable[..., Any]) -> list[str]:
    return [name for name in inspect.signature(method).parameters if name not in NOT_FILTERS]


@pytest.mark.parametrize("method", [Kili.assets, Kili.count_assets])
def test_every_asset_filter_argument_sets_its_filter(method: Callable[..., Any]) -> None:
    unfiltered = asset_filters("p1", {})
    unmapped = []
    for name in filter_arguments(method):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            filters = asset_filters("p1", {name: sample(name)})
        if filters == unfiltered:
            unmapped.append(name)
    assert unmapped == []


@pytest.mark.parametrize("method", [Kili.assets, Kili.count_assets])
def test_asset_filter_arguments_are_fields_or_deprecated_aliases(
    method: Callable[..., Any],
) -> None:
    step_fields = set(StepFilters.__dataclass_fields__)
    fields = set(AssetFilters.__dataclass_fields__) - {"steps"} | step_fields
    names = set(filter_arguments(method))
    assert names - fields - set(DEPRECATED_ALIASES) == set()
    assert set(DEPRECATED_ALIASES.values()) <= fields
    assert fields - {"project_id"} - names == set(), "a filter no argument can set"


@pytest.mark.parametrize(
    "method", [Kili.labels, Kili.count_labels, Kili.predictions, Kili.inferences]
)
def test_every_label_filter_argument_sets_its_filter(method: Callable[..., Any]) -> None:
    accepted = set(inspect.signature(label_filters).parameters)
    names = filter_arguments(method)
    assert set(names) - accepted == set()
    base = dict.fromkeys(accepted) | {"project_id": "p1"}
    unfiltered = label_filters(**base)
    assert [
        name for name in names if label_filters(**base | {name: sample(name)}) == unfiltered
    ] == []


@pytest.mark.parametrize("method", [Kili.predictions, Kili.inferences])
def test_model_label_readers_pass_every_filter_argument(method: Callable[..., Any]) -> None:
    assert set(filter_arguments(method)) | {"project_id"} == set(LABEL_FILTER_ARGUMENTS)


def test_the_check_spots_an_argument_without_a_mapping() -> None:
    assert asset_filters("p1", {"no_such_filter": ["x"]}) == asset_filters("p1", {})
