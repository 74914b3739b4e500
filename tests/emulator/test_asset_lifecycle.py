"""Asset status lifecycle, imports, updates and deletion as Kili documents them."""

from __future__ import annotations

from kili_emulator import EmulatorServer
from tests.emulator.helpers import Client, insert_label, seeding, set_asset

TO_REVIEW = "mutation($w: AssetWhere!) { addAllLabeledAssetsToReview(where: $w) { id } }"
TO_QUEUE = "mutation($w: AssetWhere!) { sendBackAssetsToQueue(where: $w) { id } }"
UPDATE = (
    "mutation($where: [AssetWhere!]!, $data: [AssetData!]!) {"
    " updatePropertiesInAssets(where: $where, data: $data) {"
    " id externalId priority jsonMetadata metadata isHoneypot content } }"
)


def statuses(admin: Client, project_id: str) -> dict[str, str]:
    assets = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 100, skip: 0) { externalId status } }",
        {"w": {"project": {"id": project_id}}},
    )["assets"]
    return {asset["externalId"]: asset["status"] for asset in assets}


def test_new_assets_are_todo_in_the_order_given(admin: Client, project_id: str) -> None:
    created = admin.import_assets(
        project_id, contentArray=["c", "a", "b"], externalIDArray=["c", "a", "b"]
    )
    assert [asset["externalId"] for asset in created] == ["c", "a", "b"]
    assert statuses(admin, project_id) == {"c": "TODO", "a": "TODO", "b": "TODO"}
    assert admin.external_ids({"project": {"id": project_id}}) == ["c", "a", "b"]


def test_review_and_queue_moves(admin: Client, project_id: str, server: EmulatorServer) -> None:
    assets = admin.import_assets(
        project_id, contentArray=["x"] * 3, externalIDArray=["labeled", "ongoing", "empty"]
    )
    ids = {asset["externalId"]: asset["id"] for asset in assets}
    admin_id = admin.execute("{ viewer { id } }")["viewer"]["id"]
    with seeding(server) as db:
        insert_label(db, ids["labeled"], admin_id)
        insert_label(db, ids["ongoing"], admin_id)
        set_asset(db, ids["labeled"], status="LABELED")
        set_asset(db, ids["ongoing"], status="ONGOING")
    where = {"w": {"project": {"id": project_id}, "idIn": list(ids.values())}}
    moved = admin.execute(TO_REVIEW, where)["addAllLabeledAssetsToReview"]
    assert moved == {"id": project_id}
    assert statuses(admin, project_id) == {
        "labeled": "TO_REVIEW",
        "ongoing": "TO_REVIEW",
        "empty": "TODO",
    }
    assert admin.execute(TO_REVIEW, where)["addAllLabeledAssetsToReview"] is None
    admin.execute(TO_QUEUE, where)
    assert statuses(admin, project_id) == {
        "labeled": "ONGOING",
        "ongoing": "ONGOING",
        "empty": "TODO",
    }
    flags = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 1, skip: 0) {"
        " latestLabel { isSentBackToQueue } } }",
        {"w": {"id": ids["labeled"]}},
    )["assets"][0]["latestLabel"]
    assert flags == {"isSentBackToQueue": True}


def test_counters_follow_the_assets(admin: Client, project_id: str, server: EmulatorServer) -> None:
    assets = admin.import_assets(
        project_id, contentArray=["x"] * 4, externalIDArray=["1", "2", "3", "4"]
    )
    admin_id = admin.execute("{ viewer { id } }")["viewer"]["id"]
    with seeding(server) as db:
        set_asset(db, assets[0]["id"], status="REVIEWED")
        set_asset(db, assets[1]["id"], status="LABELED", skipped=1)
        insert_label(db, assets[1]["id"], admin_id, skipped=1)
    project = admin.execute(
        "query($w: ProjectWhere!) { projects(where: $w, first: 1, skip: 0) {"
        " numberOfAssets numberOfRemainingAssets numberOfReviewedAssets numberOfSkippedAssets"
        " numberOfAssetsWithSkippedLabels numberOfOpenIssues minAndMaxPriority } }",
        {"w": {"id": project_id}},
    )["projects"][0]
    assert project == {
        "numberOfAssets": 4,
        "numberOfRemainingAssets": 2,
        "numberOfReviewedAssets": 1,
        "numberOfSkippedAssets": 1,
        "numberOfAssetsWithSkippedLabels": 1,
        "numberOfOpenIssues": 0,
        "minAndMaxPriority": [0, 0],
    }


def test_duplicate_external_ids_refuse_the_whole_batch(admin: Client, project_id: str) -> None:
    admin.import_assets(project_id, contentArray=["x"], externalIDArray=["taken"])
    document = (
        "mutation($data: AppendManyAssetsData!, $where: ProjectWhere!) {"
        " appendManyAssets(data: $data, where: $where) { id } }"
    )
    for external_ids in (["new-1", "taken"], ["new-2", "new-2"]):
        errors = admin.errors(
            document,
            {
                "data": {"contentArray": ["x", "y"], "externalIDArray": external_ids},
                "where": {"id": project_id},
            },
        )
        assert errors[0]["extensions"]["code"] == "CONFLICT"
        assert errors[0]["extensions"]["duplicatedExternalIds"] == [external_ids[1]]
    assert admin.external_ids({"project": {"id": project_id}}) == ["taken"]
    existing = admin.execute(
        "query($p: ID!, $e: [String!]!) { filterExistingAssets(projectID: $p, externalIDs: $e) }",
        {"p": project_id, "e": ["nope", "taken"]},
    )
    assert existing["filterExistingAssets"] == ["taken"]


def test_the_frontend_import_reports_duplicates(admin: Client, project_id: str) -> None:
    admin.import_assets(project_id, contentArray=["x"], externalIDArray=["taken"])
    result = admin.execute(
        "mutation($data: AppendManyToDatasetData!, $where: ProjectWhere!) {"
        " appendManyToDatasetFrontend(data: $data, where: $where) {"
        " numberOfUploadedAssets warnings { type externalId lineNumber } } }",
        {
            "data": {"contentArray": ["a", "b"], "externalIDArray": ["fresh", "taken"]},
            "where": {"id": project_id},
        },
    )["appendManyToDatasetFrontend"]
    assert result == {
        "numberOfUploadedAssets": 1,
        "warnings": [{"type": "DUPLICATED_ID", "externalId": "taken", "lineNumber": 1}],
    }


def test_invalid_import_values_are_refused(admin: Client, project_id: str) -> None:
    document = (
        "mutation($data: AppendManyAssetsData!, $where: ProjectWhere!) {"
        " appendManyAssets(data: $data, where: $where) { id } }"
    )
    for data in (
        {"contentArray": ["a", "b"], "externalIDArray": ["a"]},
        {"contentArray": ["a"], "jsonMetadataArray": ["{not json"]},
        {"contentArray": ["a"], "jsonMetadataArray": ["[1, 2]"]},
        {"contentArray": []},
    ):
        errors = admin.errors(document, {"data": data, "where": {"id": project_id}})
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", data
    assert admin.count_assets({"project": {"id": project_id}}) == 0


def test_update_properties_in_assets(admin: Client, project_id: str) -> None:
    assets = admin.import_assets(project_id, contentArray=["a", "b"], externalIDArray=["a", "b"])
    updated = admin.execute(
        UPDATE,
        {
            "where": [{"id": assets[0]["id"]}, {"id": assets[1]["id"]}],
            "data": [
                {"priority": 2, "jsonMetadata": '{"k": "v"}'},
                {"externalId": "b-renamed", "isHoneypot": True, "content": "c2"},
            ],
        },
    )["updatePropertiesInAssets"]
    assert updated[0]["priority"] == 2
    assert updated[0]["jsonMetadata"] == '{"k": "v"}'
    assert updated[0]["metadata"] == {"k": "v"}
    assert updated[1]["externalId"] == "b-renamed"
    assert updated[1]["isHoneypot"] is True
    assert updated[1]["content"] == "c2"


def test_renaming_onto_a_used_external_id_changes_nothing(admin: Client, project_id: str) -> None:
    assets = admin.import_assets(project_id, contentArray=["a", "b"], externalIDArray=["a", "b"])
    errors = admin.errors(
        UPDATE,
        {
            "where": [{"id": assets[0]["id"]}, {"id": assets[1]["id"]}],
            "data": [{"priority": 5}, {"externalId": "a"}],
        },
    )
    assert errors[0]["extensions"]["code"] == "CONFLICT"
    assets_now = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 10, skip: 0) { externalId priority } }",
        {"w": {"project": {"id": project_id}}},
    )["assets"]
    assert assets_now == [{"externalId": "a", "priority": 0}, {"externalId": "b", "priority": 0}]


def test_status_cannot_be_written(admin: Client, project_id: str) -> None:
    assets = admin.import_assets(project_id, contentArray=["a"])
    errors = admin.errors(
        UPDATE, {"where": [{"id": assets[0]["id"]}], "data": [{"status": "LABELED"}]}
    )
    assert errors[0]["extensions"]["code"] == "NOT_SUPPORTED"


def test_delete_many_from_dataset_is_idempotent(admin: Client, project_id: str) -> None:
    assets = admin.import_assets(project_id, contentArray=["a", "b", "c"])
    ids = [asset["id"] for asset in assets[:2]]
    document = "mutation($w: AssetWhere!) { deleteManyFromDataset(where: $w) { id } }"
    assert admin.execute(document, {"w": {"idIn": ids}})["deleteManyFromDataset"] == {
        "id": project_id
    }
    assert admin.execute(document, {"w": {"idIn": ids}})["deleteManyFromDataset"] is None
    assert admin.asset_ids({"project": {"id": project_id}}) == [assets[2]["id"]]


def test_metadata_values_priorities_and_consensus(admin: Client, project_id: str) -> None:
    admin.import_assets(
        project_id,
        contentArray=["a", "b", "c"],
        externalIDArray=["a", "b", "c"],
        jsonMetadataArray=['{"k": "x"}', '{"k": 2}', '{"k": "x"}'],
    )
    values = admin.execute(
        'query($p: ID!) { getAssetsMetadataValues(projectID: $p, metadataKey: "k") }',
        {"p": project_id},
    )["getAssetsMetadataValues"]
    assert values == ["x", "2"]
    admin.execute(
        "mutation($w: AssetWhere!) { prioritizeAssets(where: $w, priority: 4) { id } }",
        {"w": {"project": {"id": project_id}, "externalId": "b"}},
    )
    admin.execute(
        'mutation($p: ID!) { setAssetConsensus(projectId: $p, externalId: "c",'
        " isConsensus: true) }",
        {"p": project_id},
    )
    assets = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 10, skip: 0) {"
        " priority isUsedForConsensus } }",
        {"w": {"project": {"id": project_id}}},
    )["assets"]
    assert [asset["priority"] for asset in assets] == [0, 4, 0]
    assert [asset["isUsedForConsensus"] for asset in assets] == [False, False, True]
