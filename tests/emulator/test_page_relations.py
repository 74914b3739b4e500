"""Relations of a page of objects, loaded for the whole page at once, answer as one by one."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.emulator.helpers import Client
from tests.emulator.test_labels import INTERFACE, A, B, append

LABELS_OF = "labels { id jsonResponse author { id email } }"
PAGE = (
    "query($w: AssetWhere!, $first: PageSize!, $skip: Int!) {"
    f" assets(where: $w, first: $first, skip: $skip) {{ externalId {LABELS_OF} }} }}"
)
OVERLAPPING_PAGES = (
    "query($w: AssetWhere!) {"
    f" head: assets(where: $w, first: 2, skip: 0) {{ externalId {LABELS_OF} }}"
    f" tail: assets(where: $w, first: 2, skip: 1) {{ externalId {LABELS_OF} }} }}"
)
ONE_ASSET = f"query($w: AssetWhere!) {{ assets(where: $w, first: 1, skip: 0) {{ {LABELS_OF} }} }}"


@pytest.fixture
def assets(admin: Client, project_id: str) -> list[str]:
    """Three assets x0, x1, x2 in a project whose interface has the job of A and B."""
    admin.execute(
        "mutation($data: ProjectData!, $where: ProjectWhere!) {"
        " updatePropertiesInProject(data: $data, where: $where) { id } }",
        {"data": {"jsonInterface": json.dumps(INTERFACE)}, "where": {"id": project_id}},
    )
    created = admin.import_assets(
        project_id, contentArray=["a", "b", "c"], externalIDArray=["x0", "x1", "x2"]
    )
    return [asset["id"] for asset in created]


@pytest.fixture
def labeled(admin: Client, assets: list[str]) -> dict[str, list[Any]]:
    """x0 without labels, x1 with one, x2 with two; the answers each asset holds."""
    append(admin, [assets[1], assets[2]], [A, A])
    append(admin, [assets[2]], [B], label_type="REVIEW")
    return {"x0": [], "x1": [A], "x2": [A, B]}


def _answers(asset: dict[str, Any]) -> list[Any]:
    return [json.loads(label["jsonResponse"]) for label in asset["labels"]]


def test_each_asset_of_a_page_gets_its_own_labels(
    admin: Client, project_id: str, labeled: dict[str, list[Any]]
) -> None:
    where = {"project": {"id": project_id}}
    page = admin.execute(PAGE, {"w": where, "first": 10, "skip": 0})["assets"]
    assert {asset["externalId"]: _answers(asset) for asset in page} == labeled
    viewer = admin.execute("query { viewer { id email } }")["viewer"]
    authors = {
        (label["author"]["id"], label["author"]["email"]) for a in page for label in a["labels"]
    }
    assert authors == {(viewer["id"], viewer["email"])}


def test_a_page_answers_what_each_asset_alone_answers(
    admin: Client, project_id: str, assets: list[str], labeled: dict[str, list[Any]]
) -> None:
    where = {"project": {"id": project_id}}
    page = admin.execute(PAGE, {"w": where, "first": 10, "skip": 0})["assets"]
    alone = [admin.execute(ONE_ASSET, {"w": {"id": asset_id}})["assets"][0] for asset_id in assets]
    assert [asset["labels"] for asset in page] == [asset["labels"] for asset in alone]


def test_overlapping_pages_of_one_request_agree(
    admin: Client, project_id: str, labeled: dict[str, list[Any]]
) -> None:
    data = admin.execute(OVERLAPPING_PAGES, {"w": {"project": {"id": project_id}}})
    assert [a["externalId"] for a in data["head"]] == ["x0", "x1"]
    assert [a["externalId"] for a in data["tail"]] == ["x1", "x2"]
    for asset in [*data["head"], *data["tail"]]:
        assert _answers(asset) == labeled[asset["externalId"]]
