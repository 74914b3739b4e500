"""The asset gateway: the variables it sends for each operation."""

from __future__ import annotations

from typing import Any

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.domain.asset import AssetExternalId, AssetFilters, AssetId, AssetToCreate, AssetUpdate
from kili.domain.project import ProjectId
from kili.domain.query import QueryOptions
from tests.unit.adapters.fake_asset_server import FakeAssetServer

PROJECT = ProjectId("project-1")
QUIET = QueryOptions(disable_tqdm=True)


def gateway_on(server: FakeAssetServer) -> KiliAPIGateway:
    return KiliAPIGateway(server)  # type: ignore[arg-type]


def seeded(count: int) -> FakeAssetServer:
    server = FakeAssetServer()
    gateway_on(server).append_many_assets(
        PROJECT,
        [AssetToCreate(AssetExternalId(f"e{i}"), content=f"https://x/{i}") for i in range(count)],
    )
    server.requests.clear()
    return server


def last(server: FakeAssetServer, operation: str) -> dict[str, Any]:
    return [variables for name, variables, _ in server.requests if name == operation][-1]


def test_list_assets_pages_by_500_with_the_mapped_where() -> None:
    server = seeded(1100)
    filters = AssetFilters(PROJECT, status_in=("TODO",))
    rows = list(gateway_on(server).list_assets(filters, ("id", "externalId"), QUIET))
    assert len(rows) == 1100
    pages = [v for name, v, _ in server.requests if name == "assets"]
    assert [(v["first"], v["skip"]) for v in pages] == [(500, 0), (500, 500), (500, 1000)]
    assert pages[0]["where"] == {"project": {"id": "project-1"}, "statusIn": ["TODO"]}


def test_list_assets_decodes_the_json_fields() -> None:
    server = seeded(0)
    gateway_on(server).append_many_assets(
        PROJECT,
        [AssetToCreate(AssetExternalId("j"), json_metadata='{"a": 1}', json_content='{"0": "u"}')],
    )
    row = next(
        gateway_on(server).list_assets(
            AssetFilters(PROJECT), ("jsonMetadata", "jsonContent"), QUIET
        )
    )
    assert (row["jsonMetadata"], row["jsonContent"]) == ({"a": 1}, {"0": "u"})


def test_count_assets_sends_the_where() -> None:
    server = seeded(3)
    assert gateway_on(server).count_assets(AssetFilters(PROJECT, asset_id_in=("asset-2",))) == 1
    assert last(server, "countAssets") == {
        "where": {"project": {"id": "project-1"}, "idIn": ["asset-2"]}
    }


def test_asset_ids_by_external_id_reads_ids_and_external_ids_only() -> None:
    server = seeded(3)
    found = gateway_on(server).asset_ids_by_external_id(PROJECT, [AssetExternalId("e2")])
    assert found == {"e2": ["asset-3"]}
    variables = last(server, "assets")
    assert variables["where"] == {
        "project": {"id": "project-1"},
        "externalIdStrictlyIn": ["e2"],
    }


def test_existing_external_ids_uses_filter_existing_assets() -> None:
    server = seeded(2)
    existing = gateway_on(server).existing_external_ids(
        PROJECT, [AssetExternalId("e1"), AssetExternalId("new")]
    )
    assert existing == {"e1"}
    assert last(server, "filterExistingAssets") == {
        "projectID": "project-1",
        "externalIDs": ["e1", "new"],
    }


def test_append_many_assets_is_a_write_that_is_not_retried() -> None:
    server = FakeAssetServer()
    created = gateway_on(server).append_many_assets(
        PROJECT, [AssetToCreate(AssetExternalId("e"), content="https://x")]
    )
    assert created == [{"id": "asset-1", "externalId": "e"}]
    name, variables, idempotent = server.requests[-1]
    assert (name, idempotent) == ("appendManyAssets", False)
    assert variables["where"] == {"id": "project-1"}


def test_update_properties_sends_one_where_and_one_data_per_asset() -> None:
    server = seeded(2)
    updated = gateway_on(server).update_properties_in_assets(
        [AssetUpdate(AssetId("asset-1"), priority=2), AssetUpdate(AssetId("asset-2"), content="c")]
    )
    assert updated == ["asset-1", "asset-2"]
    assert last(server, "updatePropertiesInAssets") == {
        "where": [{"id": "asset-1"}, {"id": "asset-2"}],
        "data": [{"priority": 2}, {"content": "c"}],
    }


def test_queue_mutations_designate_assets_by_id_in_and_return_the_project() -> None:
    server = seeded(2)
    gateway = gateway_on(server)
    ids = [AssetId("asset-1"), AssetId("asset-2")]
    assert gateway.send_back_to_queue(ids) == "project-1"
    assert last(server, "sendBackAssetsToQueue") == {"where": {"idIn": ids}}
    assert gateway.add_to_review(ids) is None  # nothing labeled: nothing moved
    assert last(server, "addAllLabeledAssetsToReview") == {"where": {"idIn": ids}}
    assert gateway.delete_many_from_dataset(ids[:1]) == "project-1"
    assert last(server, "deleteManyFromDataset") == {"where": {"idIn": ["asset-1"]}}
    assert [asset["id"] for asset in server.assets] == ["asset-2"]
