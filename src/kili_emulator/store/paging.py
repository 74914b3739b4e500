"""The one way the store lists a table: a page of matching rows, their count, one row."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kili_emulator.errors import BadUserInputError, NotFoundError
from kili_emulator.storage import Row
from kili_emulator.store.conditions import Conditions
from kili_emulator.store.scope import Scope

Page = tuple[int, int]
"""``(first, skip)`` of a page; `first` is already a checked PageSize."""


@dataclass(frozen=True)
class Listing:
    """How the rows of one table are filtered, selected, ordered and counted.

    Attributes:
        select: ``SELECT ... FROM <table> <alias>`` (joins and computed columns allowed).
        count_from: ``<table> <alias>``, what `count` reads.
        order: The ORDER BY expression; its ``?`` take `order_params`.
        conditions: Builds the conditions of a where input, visibility included.
        resource: Name of the resource in not-found and ambiguity errors.
        order_params: Builds the parameters of `order` for a viewer.
    """

    select: str
    count_from: str
    order: str
    conditions: Callable[[Scope, Mapping[str, Any]], Conditions]
    resource: str
    order_params: Callable[[Scope], Sequence[Any]] = field(default=lambda _scope: ())

    def rows(self, scope: Scope, where: Mapping[str, Any], page: Page | None = None) -> list[Row]:
        """Return the rows matching `where`, in order, all of them or one page.

        Raises:
            BadUserInputError: The page skips a negative number of rows.
        """
        conds = self.conditions(scope, where)
        limit, limit_params = _limit(page)
        return scope.db.fetch_all(
            f"{self.select} WHERE {conds.sql} ORDER BY {self.order}{limit}",
            [*conds.params, *self.order_params(scope), *limit_params],
        )

    def count(self, scope: Scope, where: Mapping[str, Any]) -> int:
        """Count the rows matching `where`."""
        conds = self.conditions(scope, where)
        return int(
            scope.db.scalar(
                f"SELECT COUNT(*) FROM {self.count_from} WHERE {conds.sql}", conds.params
            )
        )

    def first(self, scope: Scope, where: Mapping[str, Any]) -> Row | None:
        """Return the first row matching `where`, None if none does."""
        rows = self.rows(scope, where, (1, 0))
        return rows[0] if rows else None

    def single(self, scope: Scope, where: Mapping[str, Any]) -> Row:
        """Return the one row `where` designates, for a write that must not guess.

        Raises:
            NotFoundError: No row matches.
            BadUserInputError: Several rows match.
        """
        rows = self.rows(scope, where, (2, 0))
        if not rows:
            raise NotFoundError(f"{self.resource} not found", resource=self.resource)
        if len(rows) > 1:
            raise BadUserInputError(
                f"{self.resource}Where must designate a single {self.resource}; several match"
            )
        return rows[0]


def _limit(page: Page | None) -> tuple[str, list[int]]:
    if page is None:
        return "", []
    first, skip = page
    if skip < 0:
        raise BadUserInputError(f"skip must be >= 0, got {skip}")
    return " LIMIT ? OFFSET ?", [first, skip]


def placeholders(values: Sequence[Any]) -> str:
    """Return ``?, ?, ...`` for an IN list."""
    return ", ".join("?" for _ in values)


def chunks(values: Sequence[Any], size: int = 500) -> list[list[Any]]:
    """Split `values` in lists short enough for SQLite's parameter limit."""
    return [list(values[start : start + size]) for start in range(0, len(values), size)]
