"""Designation of assets: built from the user's arguments, resolved into ids."""

from __future__ import annotations

from typing import Any

import pytest

from kili.domain.asset import AssetDesignation, AssetId
from kili.exceptions import IncompatibleArgumentsError, MissingArgumentError, NotFound
from kili.presentation.client.arguments import designated_assets
from kili.use_cases.asset_resolution import EXTERNAL_IDS_PER_REQUEST, resolve_assets


def resolve_asset_ids(
    gateway: Any,
    *,
    asset_ids: list[str] | None,
    external_ids: list[str] | None,
    project_id: str | None,
    names: tuple[str, str] = ("asset_ids", "external_ids"),
) -> list[AssetId]:
    """Designate as a client method does, then resolve as a use case does."""
    assets: AssetDesignation = designated_assets(asset_ids, external_ids, project_id, names=names)
    return resolve_assets(gateway, assets)


def project_with(gateway: Any, assets: dict[str, list[str]]) -> None:
    """Make the mocked gateway answer lookups from `assets` (external id -> ids)."""

    def look_up(project_id: str, external_ids: list[str]) -> dict[str, list[str]]:
        assert project_id == "p1"
        return {key: assets[key] for key in external_ids if key in assets}

    gateway.asset_ids_by_external_id.side_effect = look_up


def test_asset_ids_are_returned_as_given_without_a_request(gateway: Any) -> None:
    ids = resolve_asset_ids(gateway, asset_ids=["b", "a"], external_ids=None, project_id=None)
    assert ids == ["b", "a"]
    gateway.asset_ids_by_external_id.assert_not_called()


def test_external_ids_are_resolved_in_the_order_given(gateway: Any) -> None:
    project_with(gateway, {"x": ["id-x"], "y": ["id-y"], "z": ["id-z"]})
    ids = resolve_asset_ids(gateway, asset_ids=None, external_ids=["z", "x", "y"], project_id="p1")
    assert ids == ["id-z", "id-x", "id-y"]


def test_external_ids_are_looked_up_in_chunks(gateway: Any) -> None:
    wanted = [f"e{i}" for i in range(EXTERNAL_IDS_PER_REQUEST * 2 + 3)]
    project_with(gateway, {key: [f"id-{key}"] for key in wanted})
    ids = resolve_asset_ids(gateway, asset_ids=None, external_ids=wanted, project_id="p1")
    assert ids == [f"id-{key}" for key in wanted]
    sizes = [len(call.args[1]) for call in gateway.asset_ids_by_external_id.call_args_list]
    assert sizes == [EXTERNAL_IDS_PER_REQUEST, EXTERNAL_IDS_PER_REQUEST, 3]


def test_a_repeated_external_id_is_looked_up_once_and_resolved_twice(gateway: Any) -> None:
    project_with(gateway, {"x": ["id-x"]})
    ids = resolve_asset_ids(gateway, asset_ids=None, external_ids=["x", "x"], project_id="p1")
    assert ids == ["id-x", "id-x"]
    assert gateway.asset_ids_by_external_id.call_args.args[1] == ["x"]


def test_external_ids_not_in_the_project_are_listed(gateway: Any) -> None:
    project_with(gateway, {"x": ["id-x"]})
    with pytest.raises(NotFound, match=r"'ghost', 'gone'") as raised:
        resolve_asset_ids(
            gateway, asset_ids=None, external_ids=["x", "ghost", "gone"], project_id="p1"
        )
    assert "p1" in str(raised.value)


def test_an_external_id_shared_by_several_assets_is_refused(gateway: Any) -> None:
    project_with(gateway, {"x": ["id-1", "id-2"]})
    with pytest.raises(NotFound, match="share the external id 'x'"):
        resolve_asset_ids(gateway, asset_ids=None, external_ids=["x"], project_id="p1")


def test_both_designations_are_refused_before_any_request(gateway: Any) -> None:
    with pytest.raises(IncompatibleArgumentsError, match="`asset_ids` or `external_ids`"):
        resolve_asset_ids(gateway, asset_ids=["a"], external_ids=["x"], project_id="p1")
    gateway.asset_ids_by_external_id.assert_not_called()


def test_no_designation_is_refused(gateway: Any) -> None:
    with pytest.raises(MissingArgumentError):
        resolve_asset_ids(gateway, asset_ids=None, external_ids=None, project_id="p1")


def test_external_ids_without_project_are_refused_before_any_request(gateway: Any) -> None:
    with pytest.raises(MissingArgumentError, match="project_id"):
        resolve_asset_ids(gateway, asset_ids=None, external_ids=["x"], project_id=None)
    gateway.asset_ids_by_external_id.assert_not_called()


def test_error_messages_use_the_caller_argument_names(gateway: Any) -> None:
    with pytest.raises(
        IncompatibleArgumentsError, match="`asset_id_array` or `asset_external_id_array`"
    ):
        resolve_asset_ids(
            gateway,
            asset_ids=["a"],
            external_ids=["x"],
            project_id="p1",
            names=("asset_id_array", "asset_external_id_array"),
        )
