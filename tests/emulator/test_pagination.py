"""Paging: PageSize is checked, and skip/first windows walk creation order exactly."""

from __future__ import annotations

import pytest

from tests.emulator.helpers import Client

PAGE = (
    "query($w: AssetWhere!, $first: PageSize!, $skip: Int!) {"
    " assets(where: $w, first: $first, skip: $skip) { externalId } }"
)


@pytest.mark.parametrize("first", [501, 10_000, -1])
def test_page_sizes_outside_0_500_are_request_errors(
    admin: Client, project_id: str, first: int
) -> None:
    response = admin.post(PAGE, {"w": {"project": {"id": project_id}}, "first": first, "skip": 0})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert "PageSize" in error["message"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_an_inline_page_size_above_500_is_invalid(admin: Client) -> None:
    response = admin.post("{ projects(where: {}, first: 501, skip: 0) { id } }")
    assert response.status_code == 400
    assert "PageSize" in response.json()["errors"][0]["message"]


def test_a_negative_skip_is_refused(admin: Client, project_id: str) -> None:
    errors = admin.errors(PAGE, {"w": {"project": {"id": project_id}}, "first": 1, "skip": -1})
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_windows_are_stable_and_complete(admin: Client, project_id: str) -> None:
    names = [f"asset-{index:04d}" for index in range(1203)]
    for start in range(0, len(names), 401):
        chunk = names[start : start + 401]
        admin.import_assets(project_id, contentArray=chunk, externalIDArray=chunk)
    where = {"project": {"id": project_id}}
    pages = []
    for skip in range(0, len(names), 500):
        data = admin.execute(PAGE, {"w": where, "first": 500, "skip": skip})
        pages += [asset["externalId"] for asset in data["assets"]]
    assert pages == names
    window = admin.execute(PAGE, {"w": where, "first": 7, "skip": 995})["assets"]
    assert [asset["externalId"] for asset in window] == names[995:1002]
    assert admin.execute(PAGE, {"w": where, "first": 0, "skip": 0})["assets"] == []
    assert admin.execute(PAGE, {"w": where, "first": 10, "skip": 5000})["assets"] == []
