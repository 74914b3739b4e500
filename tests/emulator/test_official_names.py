"""Asset actions under the names the official SDK 26.2.4 sends, with per-asset outcomes."""

from __future__ import annotations

from typing import Any

import httpx

from kili_emulator.server import EmulatorServer
from tests.emulator.helpers import Client, insert_label, new_member, seeding, set_asset

OUTCOME = "{ succeeded { assetId externalId } declined { assetId } failed { assetId details } }"


def action(client: Client, name: str, where: dict[str, Any], **extra: Any) -> Any:
    arguments = "".join(f", {key}: ${key}" for key in extra)
    types = {"userIds": "[String!]!", "priority": "Int!"}
    declared = "".join(f", ${key}: {types[key]}" for key in extra)
    return client.post(
        f"mutation($where: AssetWhere!{declared}) {{"
        f" data: {name}(where: $where{arguments}) {OUTCOME} }}",
        {"where": where, **extra},
    ).json()


def two_assets(admin: Client, project_id: str) -> list[dict[str, Any]]:
    return admin.import_assets(
        project_id, contentArray=["https://x/1.jpg", "https://x/2.jpg"], externalIDArray=["a", "b"]
    )


def viewer_id(admin: Client) -> str:
    user_id: str = admin.execute("{ viewer { id } }")["viewer"]["id"]
    return user_id


def test_add_assets_to_review_declines_unlabeled_assets(
    server: EmulatorServer, admin: Client, project_id: str
) -> None:
    first, second = two_assets(admin, project_id)
    author_id = viewer_id(admin)
    with seeding(server) as db:
        insert_label(db, first["id"], author_id)
    body = action(admin, "addAssetsToReview", {"idIn": [first["id"], second["id"]]})
    assert body["data"]["data"] == {
        "succeeded": [{"assetId": first["id"], "externalId": "a"}],
        "declined": [{"assetId": second["id"]}],
        "failed": [],
    }
    assert admin.count_assets({"project": {"id": project_id}, "statusIn": ["TO_REVIEW"]}) == 1
    body = action(admin, "sendAssetsBackToQueue", {"idIn": [first["id"]]})
    assert [item["assetId"] for item in body["data"]["data"]["succeeded"]] == [first["id"]]
    assert admin.count_assets({"project": {"id": project_id}, "statusIn": ["TO_REVIEW"]}) == 0


def test_priority_assignment_and_deletion(admin: Client, project_id: str) -> None:
    first, second = two_assets(admin, project_id)
    ids = [first["id"], second["id"]]
    body = action(admin, "setAssetsPriority", {"idIn": ids}, priority=3)
    assert len(body["data"]["data"]["succeeded"]) == 2
    data = admin.execute(
        "query($w: AssetWhere!) { assets(where: $w, first: 10, skip: 0) { priority } }",
        {"w": {"idIn": ids}},
    )
    assert [asset["priority"] for asset in data["assets"]] == [3, 3]
    body = action(admin, "assignAssets", {"idIn": ids[:1]}, userIds=[viewer_id(admin)])
    assert body["data"]["data"]["succeeded"] == [{"assetId": ids[0], "externalId": "a"}]
    body = action(admin, "deleteAssets", {"idIn": ids})
    assert len(body["data"]["data"]["succeeded"]) == 2
    assert admin.count_assets({"project": {"id": project_id}}) == 0


def test_a_labeler_cannot_delete_and_nothing_changes(admin: Client, project_id: str) -> None:
    first, _ = two_assets(admin, project_id)
    labeler, _ = new_member(admin, project_id, "LABELER")
    body = action(labeler, "deleteAssets", {"idIn": [first["id"]]})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert admin.count_assets({"project": {"id": project_id}}) == 2


def test_a_background_import_is_done_when_its_notification_is_returned(
    admin: Client, project_id: str
) -> None:
    body = admin.post(
        "mutation($d: AppendManyAssetsAsynchronouslyData!, $w: ProjectWhere!) {"
        " appendManyAssetsAsynchronously(data: $d, where: $w) { id status } }",
        {
            "d": {
                "contentArray": ["https://x/clip.mp4"],
                "externalIDArray": ["clip"],
                "uploadType": "NATIVE_VIDEO",
            },
            "w": {"id": project_id},
        },
    ).json()
    notification = body["data"]["appendManyAssetsAsynchronously"]
    assert notification["status"] == "SUCCESS"
    assert admin.external_ids({"project": {"id": project_id}}) == ["clip"]
    listed = admin.execute(
        "query($w: NotificationWhere!) { notifications(where: $w, first: 1, skip: 0) { status } }",
        {"w": {"id": notification["id"]}},
    )
    assert listed["notifications"] == [{"status": "SUCCESS"}]


def test_a_background_import_needs_the_right_to_edit_assets(admin: Client, project_id: str) -> None:
    labeler, _ = new_member(admin, project_id, "LABELER")
    body = labeler.post(
        "mutation($d: AppendManyAssetsAsynchronouslyData!, $w: ProjectWhere!) {"
        " appendManyAssetsAsynchronously(data: $d, where: $w) { id } }",
        {"d": {"contentArray": ["https://x/a.mp4"]}, "w": {"id": project_id}},
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert admin.count_assets({"project": {"id": project_id}}) == 0


def test_skip_and_unskip_an_asset(admin: Client, project_id: str) -> None:
    first, _ = two_assets(admin, project_id)
    labeler, _ = new_member(admin, project_id, "LABELER")
    skip = (
        "mutation($w: AssetWhere!, $r: String!) { skipAsset(reason: $r, where: $w) { id skipped } }"
    )
    where = {"id": first["id"], "project": {"id": project_id}}
    body = labeler.post(skip, {"w": where, "r": "blurry"}).json()
    assert body["data"]["skipAsset"] == {"id": first["id"], "skipped": True}
    assert admin.count_assets({"project": {"id": project_id}, "skipped": True}) == 1
    assert admin.errors(skip, {"w": where, "r": " "})[0]["extensions"]["code"] == "BAD_USER_INPUT"
    unskip = "mutation($p: ID!, $a: ID!) { unskipAsset(projectId: $p, assetId: $a) }"
    assert labeler.execute(unskip, {"p": project_id, "a": first["id"]}) == {
        "unskipAsset": first["id"]
    }
    assert admin.count_assets({"project": {"id": project_id}, "skipped": True}) == 0


def test_an_asset_used_for_consensus_cannot_be_skipped(
    server: EmulatorServer, admin: Client, project_id: str
) -> None:
    first, _ = two_assets(admin, project_id)
    with seeding(server) as db:
        set_asset(db, first["id"], is_used_for_consensus=1)
    errors = admin.errors(
        'mutation($w: AssetWhere!) { skipAsset(reason: "x", where: $w) { id } }',
        {"w": {"id": first["id"]}},
    )
    assert "consensus" in errors[0]["message"]
    assert admin.count_assets({"project": {"id": project_id}, "skipped": True}) == 0


def test_a_file_answering_a_job_is_uploaded_then_read_back(admin: Client, project_id: str) -> None:
    first, _ = two_assets(admin, project_id)
    upload = admin.execute(
        "mutation($p: ID!, $a: ID!) { createAnnotationFileUpload(projectId: $p, assetId: $a)"
        " { fileId uploadUrl } }",
        {"p": project_id, "a": first["id"]},
    )["createAnnotationFileUpload"]
    assert httpx.put(upload["uploadUrl"], content=b"scene").status_code == 200
    url_query = (
        "query($p: ID!, $a: ID!, $f: String!) {"
        " annotationFileUrl(projectId: $p, assetId: $a, fileId: $f) }"
    )
    variables = {"p": project_id, "a": first["id"], "f": upload["fileId"]}
    url = admin.execute(url_query, variables)["annotationFileUrl"]
    assert httpx.get(url, headers=admin.headers).content == b"scene"
    missing = admin.execute(url_query, {**variables, "f": "no-such-file"})["annotationFileUrl"]
    assert httpx.get(missing, headers=admin.headers).status_code == 404
    errors = admin.errors(url_query, {**variables, "a": "no-such-asset"})
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
