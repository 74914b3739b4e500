"""State every domain's client methods share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kili.domain.query import QueryOptions

if TYPE_CHECKING:
    from kili.adapters.kili_api_gateway import KiliAPIGateway


class ClientBase:
    """The gateway and the client-wide settings the domain methods read."""

    kili_api_gateway: KiliAPIGateway
    disable_tqdm: bool

    def _query_options(
        self, first: int | None, skip: int, disable_tqdm: bool | None, as_generator: bool
    ) -> QueryOptions:
        """Build the paging options; a generator never shows a progress bar."""
        hide = as_generator or (self.disable_tqdm if disable_tqdm is None else disable_tqdm)
        return QueryOptions(first=first, skip=skip, disable_tqdm=hide)
