"""Who a store call acts for: the database, the viewer, and its organization."""

from __future__ import annotations

from typing import Protocol

from kili_emulator.storage import Database


class Scope(Protocol):
    """The viewer on whose behalf the store reads, and the database it reads.

    Reads are limited to what the viewer may see; the resolvers' request context
    satisfies this protocol, and tests may pass any object that does.
    """

    @property
    def db(self) -> Database:
        """The database."""

    @property
    def viewer_id(self) -> str:
        """Id of the requesting user."""

    @property
    def organization_id(self) -> str:
        """Id of the requesting user's organization."""

    @property
    def is_org_admin(self) -> bool:
        """Whether the requesting user administers its organization."""
