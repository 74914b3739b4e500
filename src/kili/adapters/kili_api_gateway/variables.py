"""Building GraphQL input variables from domain objects: written once, used by every mapper.

Unset values (`None`) are left out of what is sent, rather than sent as `null`, so that
a filter or a property the user did not give is not sent at all; a nested object left
empty is left out with them, as it would filter nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def without_none(values: Mapping[str, Any]) -> dict[str, Any]:
    """Return `values` without the keys whose value is `None`: what is unset is not sent."""
    return {key: value for key, value in values.items() if value is not None}


def nested(values: Mapping[str, Any]) -> dict[str, Any] | None:
    """Return a nested input object without its unset keys, or `None` if nothing is left.

    `None` makes the enclosing `without_none` drop the key, so that an object that
    would filter nothing is not sent at all.
    """
    return without_none(values) or None


def listed(values: Iterable[Any] | None) -> list[Any] | None:
    """Return a tuple of the domain as the list GraphQL expects; `None` stays unset."""
    return list(values) if values is not None else None
