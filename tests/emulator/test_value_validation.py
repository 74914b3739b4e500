"""The emulator refuses blank external ids, marks outside [0, 1] and negative labeling times.

Each refusal is a `BAD_USER_INPUT` error and leaves nothing of its request stored; the
same request with a valid value is accepted.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.helpers import Client

BLANK_EXTERNAL_IDS = ["", " ", "\t\n"]

IMPORTS = {
    "appendManyAssets": (
        "mutation($data: AppendManyAssetsData!, $where: ProjectWhere!) {"
        " appendManyAssets(data: $data, where: $where) { id } }"
    ),
    "appendManyToDataset": (
        "mutation($data: AppendManyToDatasetData!, $where: ProjectWhere!) {"
        " appendManyToDataset(data: $data, where: $where) { id } }"
    ),
    "appendManyAssetsAsynchronously": (
        "mutation($data: AppendManyAssetsAsynchronouslyData!, $where: ProjectWhere!) {"
        " appendManyAssetsAsynchronously(data: $data, where: $where) { id } }"
    ),
}
UPDATE_ASSETS = (
    "mutation($data: [AssetData!]!, $where: [AssetWhere!]!) {"
    " updatePropertiesInAssets(data: $data, where: $where) { id } }"
)
ASSETS = (
    "query($w: AssetWhere!) { assets(where: $w, first: 10, skip: 0) {"
    " id externalId consensusMark honeypotMark } }"
)
APPEND_MANY = (
    "mutation($data: AppendManyLabelsData!, $where: AssetWhere!) {"
    " appendManyLabels(data: $data, where: $where) { id } }"
)
APPEND_ONE = (
    "mutation($data: AppendToLabelsData!, $where: AssetWhere!) {"
    " appendToLabels(data: $data, where: $where) { id } }"
)
UPDATE_LABEL = (
    "mutation($data: LabelData!, $where: LabelWhere!) {"
    " updatePropertiesInLabel(data: $data, where: $where) { id secondsToLabel } }"
)
LABELS = "query($w: LabelWhere!) { labels(where: $w, first: 10, skip: 0) { id secondsToLabel } }"


def refusal(body: Any) -> str:
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    message: str = error["message"]
    return message


def import_body(client: Client, name: str, project_id: str, external_ids: list[str]) -> Any:
    data = {
        "contentArray": [f"https://example.com/{index}.jpg" for index in range(len(external_ids))],
        "externalIDArray": external_ids,
    }
    return client.post(IMPORTS[name], {"data": data, "where": {"id": project_id}}).json()


@pytest.mark.parametrize("name", IMPORTS)
@pytest.mark.parametrize("blank", BLANK_EXTERNAL_IDS)
def test_an_import_with_a_blank_external_id_stores_no_asset(
    admin: Client, project_id: str, name: str, blank: str
) -> None:
    message = refusal(import_body(admin, name, project_id, ["first", blank]))

    assert message.startswith(f"externalIDArray[1] is {blank!r}: an external id cannot be empty")
    assert admin.count_assets({"project": {"id": project_id}}) == 0


@pytest.mark.parametrize("name", IMPORTS)
def test_an_import_with_valid_external_ids_is_stored(
    admin: Client, project_id: str, name: str
) -> None:
    body = import_body(admin, name, project_id, ["first", " padded "])

    assert "errors" not in body, body
    assert sorted(admin.external_ids({"project": {"id": project_id}})) == [" padded ", "first"]


def update_assets(client: Client, asset_ids: list[str], datas: list[dict[str, Any]]) -> Any:
    wheres = [{"id": asset_id} for asset_id in asset_ids]
    return client.post(UPDATE_ASSETS, {"data": datas, "where": wheres}).json()


def stored_assets(client: Client, project_id: str) -> dict[str, dict[str, Any]]:
    rows = client.execute(ASSETS, {"w": {"project": {"id": project_id}}})["assets"]
    return {row["id"]: row for row in rows}


BAD_ASSET_CHANGES = {
    "empty-external-id": ({"externalId": ""}, "data[1].externalId"),
    "blank-external-id": ({"externalId": "  "}, "data[1].externalId"),
    "consensus-above-one": ({"consensusMark": 1.5}, "data[1].consensusMark"),
    "consensus-negative": ({"consensusMark": -0.1}, "data[1].consensusMark"),
    "honeypot-above-one": ({"honeypotMark": 2}, "data[1].honeypotMark"),
    "honeypot-negative": ({"honeypotMark": -1}, "data[1].honeypotMark"),
}


@pytest.mark.parametrize(
    ("change", "field"), BAD_ASSET_CHANGES.values(), ids=BAD_ASSET_CHANGES.keys()
)
def test_an_invalid_asset_change_changes_no_asset(
    admin: Client, project_id: str, change: dict[str, Any], field: str
) -> None:
    first, second = (
        asset["id"]
        for asset in admin.import_assets(
            project_id, contentArray=["https://example.com/a.jpg", "https://example.com/b.jpg"]
        )
    )
    before = stored_assets(admin, project_id)

    body = update_assets(admin, [first, second], [{"externalId": "renamed"}, change])

    assert refusal(body).startswith(f"{field} is ")
    assert stored_assets(admin, project_id) == before


def test_valid_asset_changes_are_stored(admin: Client, project_id: str) -> None:
    [asset] = admin.import_assets(project_id, contentArray=["https://example.com/a.jpg"])
    change = {"externalId": "renamed", "consensusMark": 0, "honeypotMark": 1}

    body = update_assets(admin, [asset["id"]], [change])

    assert "errors" not in body, body
    stored = stored_assets(admin, project_id)[asset["id"]]
    assert (stored["externalId"], stored["consensusMark"], stored["honeypotMark"]) == (
        "renamed",
        0,
        1,
    )


@pytest.fixture
def asset_id(admin: Client, project_id: str) -> str:
    [asset] = admin.import_assets(project_id, contentArray=["https://example.com/a.jpg"])
    return str(asset["id"])


def stored_seconds(client: Client, asset_id: str) -> list[float | None]:
    rows = client.execute(LABELS, {"w": {"asset": {"id": asset_id}}})["labels"]
    return sorted((row["secondsToLabel"] for row in rows), key=lambda s: -1 if s is None else s)


def append_many(client: Client, asset_id: str, *seconds: float | None) -> Any:
    labels = [{"assetID": asset_id, "jsonResponse": "{}", "secondsToLabel": s} for s in seconds]
    return client.post(
        APPEND_MANY,
        {"data": {"labelType": "DEFAULT", "labelsData": labels}, "where": {"idIn": [asset_id]}},
    ).json()


def append_one(client: Client, asset_id: str, seconds: float | None) -> Any:
    author_id = client.execute("{ viewer { id } }")["viewer"]["id"]
    data = {
        "authorID": author_id,
        "labelType": "DEFAULT",
        "jsonResponse": "{}",
        "secondsToLabel": seconds,
    }
    return client.post(APPEND_ONE, {"data": data, "where": {"id": asset_id}}).json()


def test_a_negative_labeling_time_stores_no_label(admin: Client, asset_id: str) -> None:
    many = refusal(append_many(admin, asset_id, 12, -1))
    one = refusal(append_one(admin, asset_id, -0.5))

    assert many.startswith(f"secondsToLabel (asset {asset_id}) is -1")
    assert one.startswith(f"secondsToLabel (asset {asset_id}) is -0.5")
    assert "a labeling time must be a finite number of seconds >= 0" in one
    assert stored_seconds(admin, asset_id) == []


def test_zero_null_and_positive_labeling_times_are_stored(admin: Client, asset_id: str) -> None:
    assert "errors" not in append_many(admin, asset_id, 0, 12.5)
    assert "errors" not in append_many(admin, asset_id, None)
    assert "errors" not in append_one(admin, asset_id, 3)

    seconds = stored_seconds(admin, asset_id)
    assert seconds == [None, 0, 3, 12.5]


def test_a_negative_labeling_time_leaves_the_label_unchanged(admin: Client, asset_id: str) -> None:
    [label] = append_many(admin, asset_id, 7)["data"]["appendManyLabels"]

    body = admin.post(
        UPDATE_LABEL, {"data": {"secondsToLabel": -3}, "where": {"id": label["id"]}}
    ).json()
    accepted = admin.post(
        UPDATE_LABEL, {"data": {"secondsToLabel": 0}, "where": {"id": label["id"]}}
    ).json()

    assert refusal(body).startswith("LabelData.secondsToLabel is -3")
    assert accepted["data"]["updatePropertiesInLabel"]["secondsToLabel"] == 0
    assert stored_seconds(admin, asset_id) == [0]
