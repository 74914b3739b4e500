"""What every domain's part of the gateway shares: the transport and the paged reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kili.adapters.kili_api_gateway import pagination
from kili.adapters.kili_api_gateway.documents import PaginatedQuery
from kili.adapters.port import Transport
from kili.domain.query import FieldPaths, QueryOptions


class GatewayBase:
    """Holds the transport; domain mixins of `KiliAPIGateway` build on it."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    def _list(
        self,
        query: PaginatedQuery,
        where: Mapping[str, Any],
        fields: FieldPaths,
        options: QueryOptions,
    ) -> Iterator[dict[str, Any]]:
        return pagination.paginate(
            self.transport, query, where, fields, options, description=query.field
        )

    def _count(self, query: PaginatedQuery, where: Mapping[str, Any]) -> int:
        return pagination.count(self.transport, query, where)
