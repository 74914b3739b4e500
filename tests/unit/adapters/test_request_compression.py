"""Large request bodies are gzipped as the official SDK sends them, with its fallback."""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from kili.adapters.transport import COMPRESSION_THRESHOLD_BYTES, GraphQLTransport, RetryPolicy
from kili.config import ApiKey
from kili.exceptions import GraphQLError

ENDPOINT = "https://kili.test/api/label/v2/graphql"
FAST = RetryPolicy(max_attempts=3, max_seconds=5, initial_backoff=0.001, max_backoff=0.01)
DOCUMENT = "mutation appendManyAssets { data { id } }"
OK = httpx.Response(200, json={"data": {"data": {"id": "a"}}})

Answer = Callable[[httpx.Request], httpx.Response]


def transport_with(answer: Answer, *, compress: bool = True) -> tuple[GraphQLTransport, list[Any]]:
    """A transport whose requests are recorded as (headers, decoded JSON body)."""
    seen: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = request.content
        if request.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        seen.append((request.headers, len(request.content), json.loads(body)))
        return answer(request)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    transport = GraphQLTransport(
        ENDPOINT, ApiKey("k"), retry=FAST, http_client=client, compress_requests=compress
    )
    return transport, seen


def padding(size: int) -> dict[str, str]:
    """Variables that bring the request body to about `size` bytes."""
    return {"pad": "x" * size}


def test_a_body_from_the_threshold_on_is_gzipped() -> None:
    transport, seen = transport_with(lambda request: OK)
    transport.execute(DOCUMENT, padding(COMPRESSION_THRESHOLD_BYTES), idempotent=False)
    ((headers, wire_size, body),) = seen
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "application/json"
    assert wire_size < COMPRESSION_THRESHOLD_BYTES // 100
    assert body == {"query": DOCUMENT, "variables": padding(COMPRESSION_THRESHOLD_BYTES)}


def test_a_body_below_the_threshold_is_sent_as_it_is() -> None:
    transport, seen = transport_with(lambda request: OK)
    transport.execute(DOCUMENT, padding(COMPRESSION_THRESHOLD_BYTES - 100))
    ((headers, wire_size, _),) = seen
    assert "Content-Encoding" not in headers
    assert wire_size == int(headers["Content-Length"]) >= COMPRESSION_THRESHOLD_BYTES - 100


def test_disabled_compression_sends_large_bodies_as_they_are() -> None:
    transport, seen = transport_with(lambda request: OK, compress=False)
    transport.execute(DOCUMENT, padding(2 * COMPRESSION_THRESHOLD_BYTES))
    ((headers, wire_size, _),) = seen
    assert "Content-Encoding" not in headers
    assert wire_size > 2 * COMPRESSION_THRESHOLD_BYTES


def test_non_ascii_text_travels_as_utf8_as_httpx_json_sends_it() -> None:
    transport, seen = transport_with(lambda request: OK)
    transport.execute(DOCUMENT, {"name": "été ✓"})
    ((_, wire_size, body),) = seen
    assert body["variables"] == {"name": "été ✓"}
    assert wire_size == len(httpx.Request("POST", ENDPOINT, json=body).content)


def refusing(status: int, **body: Any) -> Answer:
    """Refuse gzipped requests with `status`; answer plain ones."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.headers.get("Content-Encoding") == "gzip":
            return httpx.Response(status, **body)
        return OK

    return answer


@pytest.mark.parametrize(
    "refusal",
    [
        refusing(415),
        refusing(400, text="<html>Bad Request</html>"),
        refusing(400, json={"message": "Unexpected token in JSON"}),
    ],
    ids=["415", "400-html", "400-not-graphql"],
)
def test_a_refused_encoding_is_resent_plain_once_then_compression_stays_off(
    refusal: Answer, caplog: pytest.LogCaptureFixture
) -> None:
    transport, seen = transport_with(refusal)
    large = padding(COMPRESSION_THRESHOLD_BYTES)
    with caplog.at_level(logging.WARNING, logger="kili"):
        assert transport.execute(DOCUMENT, large, idempotent=False) == {"data": {"id": "a"}}
        transport.execute(DOCUMENT, large, idempotent=False)
    encodings = [headers.get("Content-Encoding") for headers, _, _ in seen]
    assert encodings == ["gzip", None, None]
    assert all(body["variables"] == large for _, _, body in seen)
    warnings = [r for r in caplog.records if "disable_request_compression" in r.getMessage()]
    assert len(warnings) == 1


def test_a_graphql_error_to_a_gzipped_request_is_not_taken_for_a_refusal() -> None:
    errors = {"errors": [{"message": "bad input", "extensions": {"code": "BAD_USER_INPUT"}}]}
    transport, seen = transport_with(refusing(400, json=errors))
    with pytest.raises(GraphQLError, match="bad input"):
        transport.execute(DOCUMENT, padding(COMPRESSION_THRESHOLD_BYTES), idempotent=False)
    assert len(seen) == 1


def test_a_retried_read_is_compressed_again() -> None:
    answers = iter([httpx.Response(503), OK])
    transport, seen = transport_with(lambda request: next(answers))
    transport.execute(DOCUMENT, padding(COMPRESSION_THRESHOLD_BYTES))
    assert [headers.get("Content-Encoding") for headers, _, _ in seen] == ["gzip", "gzip"]
