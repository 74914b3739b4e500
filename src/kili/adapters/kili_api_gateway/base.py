"""What every domain's part of the gateway shares: the transport and the paged reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kili.adapters.kili_api_gateway import pagination
from kili.adapters.kili_api_gateway.documents import PaginatedQuery
from kili.adapters.port import Transport
from kili.domain.query import FieldPaths, QueryOptions


class GatewayBase:
    """Holds the transport; domain mixins of `KiliAPIGateway` build on it.

    Args:
        transport: Sends the requests.
        max_concurrency: Requests one paged read keeps in flight, and the number the
            use cases read for their batched writes; `1` sends one at a time.

    Attributes:
        max_concurrency: The number given, read by the use cases for batched writes.
    """

    max_concurrency: int = 1

    def __init__(self, transport: Transport, *, max_concurrency: int = 1) -> None:
        self.transport = transport
        self.max_concurrency = max_concurrency

    def _list(
        self,
        query: PaginatedQuery,
        where: Mapping[str, Any],
        fields: FieldPaths,
        options: QueryOptions,
    ) -> Iterator[dict[str, Any]]:
        return pagination.paginate(
            self.transport,
            query,
            where,
            fields,
            options,
            description=query.field,
            max_concurrency=self.max_concurrency,
        )

    def _count(self, query: PaginatedQuery, where: Mapping[str, Any]) -> int:
        return pagination.count(self.transport, query, where)
