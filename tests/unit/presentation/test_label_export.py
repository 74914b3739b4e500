"""`export_labels` arguments: the official signature, and refusals before the gateway is called."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest

from kili.client import Kili
from kili.domain.asset import AssetExternalId, AssetId
from kili.exceptions import (
    IncompatibleArgumentsError,
    InvalidArgumentError,
    MissingArgumentError,
    NotCompatibleOptions,
)
from kili.presentation.client.label.export import export_filters

OFFICIAL_PARAMETERS = [
    ("project_id", inspect.Parameter.empty),
    ("filename", inspect.Parameter.empty),
    ("fmt", inspect.Parameter.empty),
    ("asset_ids", None),
    ("layout", "split"),
    ("single_file", False),
    ("disable_tqdm", None),
    ("with_assets", True),
    ("external_ids", None),
    ("annotation_modifier", None),
    ("asset_filter_kwargs", None),
    ("normalized_coordinates", None),
    ("label_type_in", None),
    ("include_sent_back_labels", None),
    ("export_type", "latest"),
]


def test_the_signature_is_the_official_one() -> None:
    parameters = list(inspect.signature(Kili.export_labels).parameters.values())[1:]
    assert [(p.name, p.default) for p in parameters] == OFFICIAL_PARAMETERS


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({"fmt": "yolo_v9"}, InvalidArgumentError),
        ({"fmt": "kili", "layout": "both"}, InvalidArgumentError),
        ({"fmt": "kili", "asset_ids": ["a"], "external_ids": ["b"]}, IncompatibleArgumentsError),
        ({"fmt": "kili", "asset_filter_kwargs": {"colour": "red"}}, InvalidArgumentError),
        ({"fmt": "coco", "normalized_coordinates": True}, NotCompatibleOptions),
        ({"fmt": "kili", "filename": None}, MissingArgumentError),
    ],
)
def test_bad_arguments_are_refused_before_any_request(
    kili: Kili, gateway: Any, tmp_path: Path, arguments: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        kili.export_labels(**{"project_id": "p", "filename": str(tmp_path / "a.zip"), **arguments})
    assert gateway.method_calls == []
    assert list(tmp_path.iterdir()) == []


def test_ids_external_ids_and_filters_become_asset_filters() -> None:
    by_id = export_filters("p", ["a", "b"], None, {"status_in": ["LABELED"]}, ("DEFAULT",))
    assert by_id.asset_id_in == (AssetId("a"), AssetId("b"))
    assert by_id.status_in == ("LABELED",)
    assert by_id.label_type_in == ("DEFAULT",)
    by_external_id = export_filters("p", None, ["x"], None, ("DEFAULT", "REVIEW"))
    assert by_external_id.external_id_strictly_in == (AssetExternalId("x"),)
    assert by_external_id.asset_id_in is None


def test_step_filters_are_accepted_as_the_official_sdk_lists_them() -> None:
    filters = export_filters("p", None, None, {"step_name_in": ["Review"]}, ("DEFAULT",))
    assert filters.steps is not None
    assert filters.steps.step_name_in == ("Review",)
