"""State every domain's client methods share, and the settings they resolve alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kili.domain.query import QueryOptions

if TYPE_CHECKING:
    from kili.use_cases.port import KiliGateway


class ClientBase:
    """The gateway and the client-wide settings the domain methods read."""

    kili_api_gateway: KiliGateway
    disable_tqdm: bool

    def _hide_progress(self, disable_tqdm: bool | None) -> bool:
        """Resolve a method's `disable_tqdm` argument: `None` means the client's setting."""
        return self.disable_tqdm if disable_tqdm is None else disable_tqdm

    def _query_options(
        self, first: int | None, skip: int, disable_tqdm: bool | None, as_generator: bool
    ) -> QueryOptions:
        """Build the paging options; a generator never shows a progress bar."""
        hide = as_generator or self._hide_progress(disable_tqdm)
        return QueryOptions(first=first, skip=skip, disable_tqdm=hide)
