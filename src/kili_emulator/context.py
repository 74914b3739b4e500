"""What a resolver knows about the request: who asks, and where data lives."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast

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
        memo: Rows already read by this request, for reads only (None for mutations,
            whose writes would make them stale): lets sibling objects of a page load
            their relations in one query instead of one query each.
    """

    db: Database
    viewer: Row
    settings: EmulatorSettings
    base_url: str
    signer: UploadSigner
    memo: dict[Hashable, Any] | None = field(default=None, compare=False)

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


Value = TypeVar("Value")


def batched(
    ctx: RequestContext,
    relation: str,
    key: str,
    load: Callable[[list[str]], Mapping[str, Value]],
    missing: Value,
    page: str | None = None,
) -> Value:
    """Return `load([key])[key]`, loading the relation of a whole page at once in a read.

    `remember_page` records the keys of the objects a list field answered, under the
    name of their type (`page`); the first of them to ask for `relation` loads it for
    every key of the page that has not got it yet, and its siblings then find theirs
    in the memo. Keys `load` leaves out get `missing`. Outside a read (no memo) the key
    is loaded alone.
    """
    if ctx.memo is None:
        return load([key]).get(key, missing)
    loaded: dict[str, Value] = ctx.memo.setdefault(("relation", relation), {})
    if key not in loaded:
        siblings: Iterable[str] = ctx.memo.get(("page", page), ()) if page else ()
        wanted = [key, *(other for other in siblings if other != key and other not in loaded)]
        found = load(wanted)
        for wanted_key in wanted:
            loaded[wanted_key] = found.get(wanted_key, missing)
    return loaded[key]


def remember_page(ctx: RequestContext, page: str, keys: Iterable[str]) -> None:
    """Record the keys of a page of `page` objects, whose relations `batched` loads at once."""
    if ctx.memo is not None:
        ctx.memo.setdefault(("page", page), []).extend(keys)


Info: TypeAlias = "GraphQLResolveInfo[RequestContext]"
"""Type of the `info` argument of resolvers."""


def context_of(info: Info) -> RequestContext:
    """Return the typed request context of a resolver call."""
    return info.context
