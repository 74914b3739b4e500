"""Streaming reads of paginated queries, with progress and de-duplication."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kili.adapters.kili_api_gateway.documents import PaginatedQuery
from kili.adapters.kili_api_gateway.json_fields import decode_json_fields
from kili.adapters.port import Transport
from kili.domain.query import FieldPaths, QueryOptions

PAGE_SIZE = 500
"""The API's largest page (its `PageSize` scalar)."""


def count(transport: Transport, query: PaginatedQuery, where: Mapping[str, Any]) -> int:
    """Count the objects of `query` matching `where`."""
    data = transport.execute(query.count_document(), {"where": where})
    return int(data["data"])


def paginate(
    transport: Transport,
    query: PaginatedQuery,
    where: Mapping[str, Any],
    fields: FieldPaths,
    options: QueryOptions,
    *,
    description: str,
    page_size: int = PAGE_SIZE,
) -> Iterator[dict[str, Any]]:
    """Return a generator of the objects of `query` matching `where`, read page by page.

    Only one page is held in memory. Each object is yielded once even if the data moves
    while paging (objects are told apart by `id`, which is fetched for that purpose and
    dropped again if the caller did not ask for it). A progress bar sized by the count
    query is shown unless `options.disable_tqdm`.

    Args:
        transport: Sends the requests.
        query: The paginated query to read.
        where: Its `where` variable.
        fields: Dotted paths of the fields to return.
        options: `first`, `skip` and whether to show progress.
        description: Label of the progress bar.
        page_size: Objects per request, at most the API's `PAGE_SIZE`.

    Raises:
        ValueError: A field is unknown; raised here, before any request, not on iteration.
    """
    wanted = tuple(fields)
    document = query.document((*wanted, "id"))
    return _pages(
        transport,
        query,
        document,
        where,
        options=options,
        description=description,
        page_size=page_size,
        strip_id="id" not in wanted,
    )


def _pages(
    transport: Transport,
    query: PaginatedQuery,
    document: str,
    where: Mapping[str, Any],
    *,
    options: QueryOptions,
    description: str,
    page_size: int,
    strip_id: bool,
) -> Iterator[dict[str, Any]]:
    total = None
    if not options.disable_tqdm:
        matching = max(0, count(transport, query, where) - options.skip)
        total = matching if options.first is None else min(matching, options.first)
    from tqdm.auto import tqdm

    progress = tqdm(total=total, desc=description, disable=options.disable_tqdm, leave=False)
    seen: set[str] = set()
    fetched = 0
    try:
        while options.first is None or len(seen) < options.first:
            size = page_size
            if options.first is not None:
                size = min(page_size, options.first - len(seen))
            variables = {"where": where, "first": size, "skip": options.skip + fetched}
            rows: list[dict[str, Any]] = transport.execute(document, variables)["data"]
            fetched += len(rows)
            for row in rows:
                if row["id"] in seen:
                    continue
                seen.add(row["id"])
                if strip_id:
                    del row["id"]
                progress.update(1)
                yield decode_json_fields(row, query.json_fields)
            if len(rows) < size:
                break
    finally:
        progress.close()
