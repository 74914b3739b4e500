"""What a resolver knows about the request: who asks, and where data lives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias, cast

from graphql import GraphQLResolveInfo

from kili_emulator.settings import EmulatorSettings
from kili_emulator.storage import Database, Row

if TYPE_CHECKING:
    from kili_emulator.files import UploadSigner


@dataclass(frozen=True)
class RequestContext:
    """Per-request state handed to resolvers as GraphQL context.

    Attributes:
        db: The database; the request holds its lock while it executes.
        viewer: Row of the user owning the API key of the request.
        settings: Settings of this emulator instance.
        base_url: Scheme, host and port the client used, for URLs handed back to it.
        signer: Signs and checks upload URLs.
    """

    db: Database
    viewer: Row
    settings: EmulatorSettings
    base_url: str
    signer: UploadSigner

    @property
    def viewer_id(self) -> str:
        """Id of the requesting user."""
        return cast(str, self.viewer["id"])

    @property
    def organization_id(self) -> str:
        """Id of the requesting user's organization."""
        return cast(str, self.viewer["organization_id"])

    @property
    def is_org_admin(self) -> bool:
        """Whether the requesting user administers its organization."""
        return bool(self.viewer["organization_role"] == "ADMIN")


Info: TypeAlias = "GraphQLResolveInfo[RequestContext]"
"""Type of the `info` argument of resolvers."""


def context_of(info: Info) -> RequestContext:
    """Return the typed request context of a resolver call."""
    return info.context
