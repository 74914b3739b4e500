from __future__ import annotations

import json
from typing import Any

import pytest

from kili.adapters.kili_api_gateway.pagination import PAGE_SIZE, paginate
from kili.adapters.kili_api_gateway.project.operations import PROJECTS
from kili.domain.query import QueryOptions
from tests.unit.fakes import FakeTransport

QUIET = QueryOptions(disable_tqdm=True)


def read(transport: FakeTransport, options: QueryOptions, fields: tuple[str, ...] = ("id",)) -> Any:
    return paginate(transport, PROJECTS, {}, fields, options, description="projects")


def test_reads_every_row_in_pages_of_the_api_maximum(fake_transport: FakeTransport) -> None:
    rows = list(read(fake_transport, QUIET))
    assert [row["id"] for row in rows] == [f"p{i}" for i in range(1234)]
    assert [req[1]["first"] for req in fake_transport.requests] == [PAGE_SIZE, PAGE_SIZE, PAGE_SIZE]
    assert [req[1]["skip"] for req in fake_transport.requests] == [0, 500, 1000]


def test_first_and_skip_bound_the_window(fake_transport: FakeTransport) -> None:
    rows = list(read(fake_transport, QueryOptions(first=700, skip=100, disable_tqdm=True)))
    assert [row["id"] for row in rows] == [f"p{i}" for i in range(100, 800)]
    assert [(v["first"], v["skip"]) for _, v in fake_transport.requests] == [(500, 100), (200, 600)]


def test_first_zero_sends_nothing(fake_transport: FakeTransport) -> None:
    assert list(read(fake_transport, QueryOptions(first=0, disable_tqdm=True))) == []
    assert fake_transport.requests == []


def test_is_lazy_and_holds_one_page(fake_transport: FakeTransport) -> None:
    rows = read(fake_transport, QUIET)
    assert fake_transport.requests == []
    next(rows)
    assert len(fake_transport.requests) == 1


def test_rows_shifted_by_an_insert_are_not_yielded_twice(fake_transport: FakeTransport) -> None:
    rows = read(fake_transport, QUIET)
    first_page = [next(rows) for _ in range(500)]
    fake_transport.rows.insert(0, {"id": "new", "title": "inserted while paging"})
    rest = list(rows)
    ids = [row["id"] for row in first_page + rest]
    assert len(ids) == len(set(ids))
    assert set(ids) == {f"p{i}" for i in range(1234)}


def test_id_is_fetched_for_deduplication_but_not_returned(fake_transport: FakeTransport) -> None:
    rows = list(read(fake_transport, QueryOptions(first=2, disable_tqdm=True), ("title",)))
    assert rows == [{"title": "Project 0"}, {"title": "Project 1"}]
    assert "id" in fake_transport.requests[0][0]


def test_progress_bar_is_sized_by_the_count_query(fake_transport: FakeTransport) -> None:
    list(read(fake_transport, QueryOptions(first=10)))
    assert fake_transport.requests[0][0].startswith("query countProjects")


def test_json_string_fields_are_decoded() -> None:
    transport = FakeTransport([{"id": "p", "jsonInterface": json.dumps({"jobs": {}})}])
    rows = list(read(transport, QUIET, ("jsonInterface",)))
    assert rows == [{"jsonInterface": {"jobs": {}}}]


def test_unknown_field_fails_before_any_request(fake_transport: FakeTransport) -> None:
    with pytest.raises(ValueError, match="no field 'titl'"):
        read(fake_transport, QUIET, ("titl",))
    assert fake_transport.requests == []
