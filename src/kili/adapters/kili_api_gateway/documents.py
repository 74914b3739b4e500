"""Builders of the GraphQL documents that depend on user-chosen fields.

Documents with a fixed shape are constants in each domain's `operations.py`; reads
whose selection the user picks are described once as a `PaginatedQuery` and built here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from graphql import get_named_type

from kili.adapters.kili_api_gateway.schema import checked_document, kili_schema
from kili.adapters.kili_api_gateway.selection import selection_set
from kili.exceptions import InternalError


@dataclass(frozen=True)
class PaginatedQuery:
    """A list query of the API paged with `first`/`skip`, and the query counting it.

    Attributes:
        field: The Query field that lists objects, such as ``"assets"``.
        where_type: The input type of its `where` argument, such as ``"AssetWhere"``.
        count_field: The Query field that counts the same objects, such as ``"countAssets"``.
        json_fields: Dotted paths of the fields the API sends as JSON strings.
    """

    field: str
    where_type: str
    count_field: str
    json_fields: tuple[str, ...] = ()

    @property
    def node_type(self) -> str:
        """Name of the object type listed, read from the schema."""
        query_type = kili_schema().query_type
        if query_type is None:
            raise InternalError("The API's schema defines no Query type.")
        return str(get_named_type(query_type.fields[self.field].type).name)

    def document(self, fields: Iterable[str]) -> str:
        """Return the checked document reading one page of `fields`."""
        return _page_document(self, selection_set(self.node_type, fields))

    def count_document(self) -> str:
        """Return the checked document counting the objects matching `where`."""
        return _count_document(self)


@functools.lru_cache(maxsize=256)
def _page_document(query: PaginatedQuery, selection: str) -> str:
    return checked_document(
        f"query {query.field}($where: {query.where_type}!, $first: PageSize!, $skip: Int!) "
        f"{{ data: {query.field}(where: $where, first: $first, skip: $skip) {selection} }}"
    )


@functools.lru_cache(maxsize=64)
def _count_document(query: PaginatedQuery) -> str:
    return checked_document(
        f"query {query.count_field}($where: {query.where_type}!) "
        f"{{ data: {query.count_field}(where: $where) }}"
    )
