"""Building blocks of SQL `where` clauses shared by every domain's filters.

Conditions are parameterized; only aliases and column names, which come from the
emulator's code, are formatted into the SQL text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, time, timezone
from typing import Any

from kili_emulator.errors import BadUserInputError, UnsupportedError
from kili_emulator.storage import format_timestamp


class Conditions:
    """SQL conditions joined by AND, and their parameters in order."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        """Append a condition whose ``?`` placeholders take `params`."""
        self.clauses.append(clause)
        self.params.extend(params)

    def add_in(self, column: str, values: Sequence[Any], *, negate: bool = False) -> None:
        """Append ``column [NOT] IN (values)``; an empty list matches nothing (or all)."""
        if not values:
            self.clauses.append("1" if negate else "0")
            return
        marks = ", ".join("?" for _ in values)
        self.add(f"{column} {'NOT IN' if negate else 'IN'} ({marks})", *values)

    def add_in_subquery(
        self, column: str, table: str, alias: str, inner: Conditions, key: str = "id"
    ) -> None:
        """Append ``column IN (SELECT alias.key FROM table alias WHERE inner)``.

        This is how a where input nested in another (an issue's `asset`, a member's
        `user`) narrows the outer rows.
        """
        self.add(
            f"{column} IN (SELECT {alias}.{key} FROM {table} {alias} WHERE {inner.sql})",
            *inner.params,
        )

    @property
    def sql(self) -> str:
        """The conditions as one SQL boolean expression."""
        return " AND ".join(f"({clause})" for clause in self.clauses) or "1"


def is_empty(where: Mapping[str, Any] | None) -> bool:
    """Whether a where input sets no filter at all (the SDK sends all-null sub-filters)."""
    if where is None:
        return True
    return all(
        value is None or (isinstance(value, Mapping) and is_empty(value))
        for value in where.values()
    )


def reject_unsupported(where: Mapping[str, Any], type_name: str, handled: Iterable[str]) -> None:
    """Refuse any set field of `where` outside `handled`.

    Raises:
        UnsupportedError: Naming ``<type_name>.<field>``.
    """
    known = set(handled)
    for key, value in where.items():
        if key in known or value is None:
            continue
        if isinstance(value, Mapping) and is_empty(value):
            continue
        raise UnsupportedError(f"{type_name}.{key} is not supported by kili-emulator")


def date_bound(value: str, field: str, *, upper: bool) -> str:
    """Normalize a date filter to the stored timestamp format.

    A bare date ("YYYY-MM-DD", the documented format) covers the whole day: a lower
    bound starts at its midnight, an upper bound ends at its last millisecond.

    Raises:
        BadUserInputError: The value is not an ISO 8601 date or date-time.
    """
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise BadUserInputError(
            f"{field} must be an ISO 8601 date or date-time, got {value!r}"
        ) from None
    if len(value.strip()) == 10 and upper:
        moment = datetime.combine(moment.date(), time(23, 59, 59, 999000))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return format_timestamp(moment)


def add_range(conds: Conditions, where: Mapping[str, Any], prefix: str, column: str) -> None:
    """Add the `<prefix>Gte`/`<prefix>Lte` bounds of `where` on a numeric column."""
    for suffix, operator in (("Gte", ">="), ("Lte", "<=")):
        value = where.get(prefix + suffix)
        if value is not None:
            conds.add(f"{column} {operator} ?", value)


def add_date_range(conds: Conditions, where: Mapping[str, Any], prefix: str, column: str) -> None:
    """Add the `<prefix>Gte`/`<prefix>Lte` date bounds of `where` on a timestamp column."""
    for suffix, operator, upper in (("Gte", ">=", False), ("Lte", "<=", True)):
        value = where.get(prefix + suffix)
        if value is not None:
            conds.add(f"{column} {operator} ?", date_bound(value, prefix + suffix, upper=upper))


def user_matches(column: str, designations: Sequence[str], *, by_name: bool = False) -> Conditions:
    """Condition: the user whose id is in `column` is one of `designations`.

    Users are designated by id or email, and with `by_name` also by first name, last
    name or "first last", as the SDK documents for label authors.
    """
    conds = Conditions()
    if not designations:
        conds.add("0")
        return conds
    marks = ", ".join("?" for _ in designations)
    tests = [f"u.id IN ({marks})", f"u.email IN ({marks})"]
    params: list[Any] = [*designations, *(d.lower() for d in designations)]
    if by_name:
        tests += [f"u.firstname IN ({marks})", f"u.lastname IN ({marks})"]
        tests.append(f"(u.firstname || ' ' || u.lastname) IN ({marks})")
        params += [*designations, *designations, *designations]
    conds.add(
        f"EXISTS (SELECT 1 FROM users u WHERE u.id = {column} AND ({' OR '.join(tests)}))",
        *params,
    )
    return conds
