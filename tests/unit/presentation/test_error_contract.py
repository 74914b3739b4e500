"""Bad input is refused with a typed `KiliError` before any request is sent.

The client runs on the real gateway over a fake transport that records requests, so
that checks made by the gateway (field paths) count as much as those of the client.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kili.adapters.kili_api_gateway import KiliAPIGateway
from kili.client import Kili
from kili.exceptions import (
    IncompatibleArgumentsError,
    InvalidArgumentError,
    InvalidFieldError,
    KiliError,
)
from tests.unit.fakes import FakeTransport


@pytest.fixture
def transport() -> FakeTransport:
    return FakeTransport([{"id": "x"}])


@pytest.fixture
def client(transport: FakeTransport) -> Kili:
    return Kili.from_gateway(KiliAPIGateway(transport))  # type: ignore[arg-type]


READERS: dict[str, Callable[..., Any]] = {
    "assets": lambda kili, **kw: kili.assets("p1", **kw),
    "labels": lambda kili, **kw: kili.labels("p1", **kw),
    "predictions": lambda kili, **kw: kili.predictions("p1", **kw),
    "projects": lambda kili, **kw: kili.projects(**kw),
    "users": lambda kili, **kw: kili.users(**kw),
}


def consume(result: Any) -> None:
    """Read a generator through, so that errors raised on iteration surface too."""
    if not isinstance(result, list | dict | int):
        list(result)


def refused(transport: FakeTransport, error: type[KiliError], call: Callable[[], Any]) -> KiliError:
    """Run `call`, consuming what it returns, and check it raised `error` unsent."""
    with pytest.raises(error) as raised:
        consume(call())
    assert transport.requests == []
    return raised.value


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("as_generator", [False, True])
@pytest.mark.parametrize("fields", [["noSuchField"], ["id.nested"], ["labels"]])
def test_bad_fields_are_invalid_field_errors(
    client: Kili, transport: FakeTransport, reader: str, as_generator: bool, fields: list[str]
) -> None:
    read = READERS[reader]
    error = refused(
        transport,
        InvalidFieldError,
        lambda: read(client, fields=fields, as_generator=as_generator),
    )
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("paging", [{"first": -1}, {"skip": -1}])
def test_negative_paging_is_an_invalid_argument(
    client: Kili, transport: FakeTransport, reader: str, paging: dict[str, int]
) -> None:
    error = refused(transport, InvalidArgumentError, lambda: READERS[reader](client, **paging))
    assert isinstance(error, ValueError)
    assert str(next(iter(paging))) in str(error)


def test_pandas_as_a_generator_is_incompatible(client: Kili, transport: FakeTransport) -> None:
    error = refused(
        transport,
        IncompatibleArgumentsError,
        lambda: client.assets("p1", format="pandas", as_generator=True),
    )
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("format_", ["csv", "PANDAS", "dict", ""])
def test_an_unknown_format_is_refused(client: Kili, transport: FakeTransport, format_: str) -> None:
    error = refused(transport, InvalidArgumentError, lambda: client.assets("p1", format=format_))
    assert "format" in str(error)


@pytest.mark.parametrize(
    "call",
    [
        lambda kili: kili.append_many_to_dataset(
            "p1", content_array=["https://a"], status_array=["DONE"]
        ),
        lambda kili: kili.update_properties_in_assets(asset_ids=["a"], status_array=["DONE"]),
    ],
    ids=["append_many_to_dataset", "update_properties_in_assets"],
)
def test_an_unknown_status_in_the_deprecated_status_array_is_refused(
    client: Kili, transport: FakeTransport, call: Callable[[Kili], Any]
) -> None:
    error = refused(transport, InvalidArgumentError, lambda: call(client))
    assert "status_array" in str(error)


DEEP_SEARCH = "(" * 5000 + "JOB.A.count > 0" + ")" * 5000


@pytest.mark.parametrize(
    "call",
    [
        lambda kili: kili.assets("p1", label_category_search=DEEP_SEARCH),
        lambda kili: kili.count_assets("p1", label_category_search=DEEP_SEARCH),
        lambda kili: kili.labels("p1", category_search=DEEP_SEARCH),
        lambda kili: kili.count_labels("p1", category_search=DEEP_SEARCH),
    ],
    ids=["assets", "count_assets", "labels", "count_labels"],
)
def test_a_deeply_nested_category_search_is_a_syntax_error_not_a_recursion_error(
    client: Kili, transport: FakeTransport, call: Callable[[Kili], Any]
) -> None:
    error = refused(transport, InvalidArgumentError, lambda: call(client))
    assert "nested parentheses" in str(error)


def test_a_search_nested_within_the_limit_is_accepted(
    client: Kili, transport: FakeTransport
) -> None:
    transport.rows = [{"id": "x", "jsonInterface": '{"jobs": {"JOB": {}}}'}]
    query = "(" * 50 + "JOB.A.count > 0" + ")" * 50
    assert client.count_labels("p1", category_search=query) == 1
    assert len(transport.requests) == 2  # the project's interface, then the count


@pytest.mark.parametrize("value", ["1e999", "-1e999"])
def test_an_infinite_count_in_a_category_search_is_refused(
    client: Kili, transport: FakeTransport, value: str
) -> None:
    refused(
        transport,
        InvalidArgumentError,
        lambda: client.count_labels("p1", category_search=f"JOB.A.count > {value}"),
    )
