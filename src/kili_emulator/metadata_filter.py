"""The `metadata` filter of AssetWhere, with the semantics the SDK documents.

- ``{key: value}``: the asset's metadata has `key` equal to `value`;
- ``{key: [v1, v2, ...]}``: equal to any of the values;
- ``{key: [low, high]}`` with two numbers: a value between them, bounds included;
- ``{key: {"min": low, "max": high}}`` (also ``gte``/``lte``/``gt``/``lt``): a range,
  either bound optional.

Numbers stored as strings ("12") compare as numbers, since metadata often comes
from CSV files.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Mapping
from typing import Any

from kili_emulator.errors import BadUserInputError

_RANGE_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "min": operator.ge,
    "gte": operator.ge,
    "gt": operator.gt,
    "max": operator.le,
    "lte": operator.le,
    "lt": operator.lt,
}
_MISSING = object()


def check_metadata_filter(criteria: Any) -> None:
    """Check the shape of a metadata filter before it is evaluated on any row.

    Raises:
        BadUserInputError: The filter is not an object, or a range is malformed.
    """
    if not isinstance(criteria, Mapping):
        raise BadUserInputError("AssetWhere.metadata must be a JSON object {key: condition}")
    for key, expected in criteria.items():
        if isinstance(expected, Mapping):
            unknown = set(expected) - set(_RANGE_OPERATORS)
            if unknown or not expected:
                raise BadUserInputError(
                    f"Metadata range for {key!r} accepts the keys "
                    f"{sorted(_RANGE_OPERATORS)}, got {sorted(expected)}"
                )
            if any(_as_number(bound) is None for bound in expected.values()):
                raise BadUserInputError(f"Metadata range bounds for {key!r} must be numbers")


def metadata_matches(json_metadata: str | None, criteria_json: str) -> bool:
    """Tell whether an asset's metadata (a JSON string) meets every criterion."""
    try:
        metadata = json.loads(json_metadata) if json_metadata else {}
    except json.JSONDecodeError:
        return False
    if not isinstance(metadata, Mapping):
        return False
    criteria: Mapping[str, Any] = json.loads(criteria_json)
    return all(
        _value_matches(metadata.get(key, _MISSING), expected) for key, expected in criteria.items()
    )


def _value_matches(actual: Any, expected: Any) -> bool:
    if actual is _MISSING:
        return False
    if isinstance(actual, list):
        return any(_value_matches(item, expected) for item in actual)
    if isinstance(expected, Mapping):
        number = _as_number(actual)
        return number is not None and all(
            _RANGE_OPERATORS[name](number, float(bound)) for name, bound in expected.items()
        )
    if isinstance(expected, list):
        if len(expected) == 2 and all(_is_number(bound) for bound in expected):
            number = _as_number(actual)
            low, high = sorted(float(bound) for bound in expected)
            return number is not None and low <= number <= high
        return any(_equal(actual, item) for item in expected)
    return _equal(actual, expected)


def _equal(actual: Any, expected: Any) -> bool:
    if actual == expected and type(actual) is type(expected):
        return True
    left, right = _as_number(actual), _as_number(expected)
    if left is not None and right is not None:
        return left == right
    return isinstance(actual, str) and isinstance(expected, str) and actual == expected


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_number(value: Any) -> float | None:
    if _is_number(value):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None
