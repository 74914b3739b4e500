"""`Transport`: what the gateway needs from the network, and nothing more.

The gateway speaks GraphQL documents and file URLs; how they travel (HTTP client, TLS,
retries, the request budget, the API key) stays behind this port. `GraphQLTransport`
implements it over httpx; unit tests implement it in memory.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

FileDownload = tuple[str, Path, str]
"""`(url, directory, file_stem)`: save `url` in `directory` as `file_stem` plus extension."""


@dataclass(frozen=True)
class WebSocketTarget:
    """Where and how to open the subscriptions websocket beside the GraphQL endpoint.

    Attributes:
        endpoint: The GraphQL endpoint (`http(s)://`); the websocket URL derives from it.
        authorization: The `Authorization` value the server expects; never shown.
        verify: TLS verification, as the HTTP transport applies it.
    """

    endpoint: str
    authorization: str = field(repr=False)
    verify: bool | str = True


class Transport(Protocol):
    """Send GraphQL operations and transfer files for the gateway."""

    @property
    def endpoint(self) -> str:
        """The GraphQL endpoint requests go to."""
        ...

    def execute(
        self,
        document: str,
        variables: Mapping[str, Any] | None = None,
        *,
        idempotent: bool = True,
    ) -> dict[str, Any]:
        """Send one operation and return its `data`.

        Args:
            document: The GraphQL document.
            variables: Its variables, JSON-serialisable.
            idempotent: Whether sending the operation twice has the effect of sending it
                once; a non-idempotent one is resent only when the server cannot have
                seen it.
        """
        ...

    def upload_files(self, signed_urls: Sequence[str], paths: Sequence[Path]) -> list[str]:
        """PUT each file of `paths` to the signed URL at the same index.

        Returns:
            The URLs to store as the assets' content, in order.
        """
        ...

    def download_files(self, downloads: Sequence[FileDownload]) -> list[Path]:
        """Download files (a file already there is kept), returning their paths in order."""
        ...

    def read_json_file(self, url: str) -> Any:
        """Fetch and decode the JSON document at `url`."""
        ...

    def websocket_target(self) -> WebSocketTarget:
        """Return what a subscription needs to open its websocket."""
        ...

    def close(self) -> None:
        """Release the connections; the transport is unusable afterwards."""
        ...
