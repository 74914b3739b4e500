"""Checks of user arguments at the presentation boundary.

`checked` validates a method's arguments against its type hints with pydantic, in
strict mode, and turns failures into `kili.exceptions` errors naming the method and
the argument, before anything is sent. The validator of each method is built on its
first call, so importing the SDK does not pay for a hundred schemas.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence, Sized
from dataclasses import fields as dataclass_fields
from typing import Any, TypeVar

from kili.domain.asset import (
    AssetDesignation,
    AssetExternalId,
    AssetId,
    AssetsByExternalId,
    AssetsById,
)
from kili.domain.category_search import CategorySearchSyntaxError, parse_category_search, render
from kili.domain.project import ProjectId
from kili.domain.step_filters import DEPRECATED_STEP_STATUSES, StepFilters
from kili.exceptions import (
    ArgumentTypeError,
    IncompatibleArgumentsError,
    InvalidArgumentError,
    KiliError,
    MissingArgumentError,
)
from kili.user_warnings import warn_deprecated

F = TypeVar("F", bound=Callable[..., Any])

_VALUE_ERRORS = frozenset(
    {"literal_error", "enum", "greater_than", "greater_than_equal", "less_than_equal"}
)


def checked(method: F) -> F:
    """Validate the arguments of `method` against its annotations on every call."""
    validator: Callable[..., Any] | None = None

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal validator
        if validator is None:
            validator = _build_validator(method)
        from pydantic import ValidationError

        try:
            return validator(*args, **kwargs)
        except ValidationError as error:
            raise _argument_error(method, error) from None

    return wrapper  # type: ignore[return-value]


def _build_validator(method: Callable[..., Any]) -> Callable[..., Any]:
    from pydantic import ConfigDict, validate_call

    config = ConfigDict(strict=True, arbitrary_types_allowed=True)
    return validate_call(config=config, validate_return=False)(method)


def _argument_error(method: Callable[..., Any], error: Any) -> KiliError:
    """Describe each wrong argument once, with the type its annotation asks for.

    An argument of the right shape holding a refused value (an unknown status in a
    list of statuses) is a value error, even when pydantic also reports that the value
    matches no other member of a union; anything else is a type error.
    """
    annotations = {
        name: parameter.annotation
        for name, parameter in inspect.signature(method).parameters.items()
    }
    positions = list(annotations)
    details_by_argument: dict[str, list[dict[str, Any]]] = {}
    for detail in error.errors(include_url=False):
        name = _argument_name(detail["loc"][0], positions) if detail["loc"] else "?"
        details_by_argument.setdefault(name, []).append(detail)
    problems: list[str] = []
    value_errors_only = True
    for name, details in details_by_argument.items():
        refused_values = [d for d in details if d["type"] in _VALUE_ERRORS]
        if refused_values:
            detail = refused_values[0]
            got = f"got {detail['input']!r:.80}"
            problems.append(f"'{name}': {detail['msg']}, {got}")
        else:
            value_errors_only = False
            got = f"got {type(details[0]['input']).__name__} {details[0]['input']!r:.80}"
            problems.append(f"'{name}' must be {annotations.get(name, '?')}, {got}")
    message = f"{method.__name__}(): invalid argument " + "; ".join(problems)
    if value_errors_only:
        return InvalidArgumentError(message)
    return ArgumentTypeError(message)


def _argument_name(location: object, positions: list[str]) -> str:
    """Name an argument pydantic locates by position (an int) or by keyword."""
    if isinstance(location, int) and 0 <= location < len(positions):
        return positions[location]
    return str(location)


def rows_or_list(rows: Iterator[Any], as_generator: bool) -> Any:
    """Return `rows` as the generator the caller asked for, or read them into a list."""
    return rows if as_generator else list(rows)


def check_lengths(
    arrays: Mapping[str, Sized | None], *, per: str, expected: tuple[str, int] | None = None
) -> None:
    """Refuse parallel arrays that do not have one element per `per`, naming each.

    Args:
        arrays: The arrays by argument name; `None` ones are not given.
        per: What one element stands for, such as ``"asset"``.
        expected: Name and length every array must have; by default, the first given
            array's.

    Raises:
        InvalidArgumentError: Some arrays have another length; the message names them.
    """
    given = {name: len(array) for name, array in arrays.items() if array is not None}
    if expected is None:
        if not given:
            return
        expected = next(iter(given.items()))
    name, length = expected
    wrong = {key: size for key, size in given.items() if size != length}
    if wrong:
        details = ", ".join(f"{key} has {size}" for key, size in wrong.items())
        raise InvalidArgumentError(
            f"Every array must have one element per {per}: {name} has {length}, but {details}."
        )


def element(
    array: Sequence[Any] | None, index: int, kind: Callable[[Any], Any] | None = None
) -> Any:
    """Return `array[index]`, converted by `kind`; `None` if the array or element is missing."""
    if array is None or array[index] is None:
        return None
    return kind(array[index]) if kind is not None else array[index]


def normalised_category_search(query: str | None) -> str | None:
    """Check a category search query and return its normalised text; `None` if empty.

    Raises:
        InvalidArgumentError: The query is malformed; the message shows where.
    """
    if not query:
        return None
    try:
        return render(parse_category_search(query))
    except CategorySearchSyntaxError as error:
        raise InvalidArgumentError(str(error)) from None


def designated_assets(
    asset_ids: Sequence[str] | None,
    external_ids: Sequence[str] | None,
    project_id: str | None,
    *,
    names: tuple[str, str] = ("asset_ids", "external_ids"),
) -> AssetDesignation:
    """Turn the user's asset ids or external ids into the designation of the assets.

    Args:
        asset_ids: Ids of the assets.
        external_ids: External ids of the assets in `project_id`.
        project_id: The project of the external ids; kept with ids when given.
        names: The user's names of the `asset_ids` and `external_ids` arguments, for
            the error messages.

    Raises:
        IncompatibleArgumentsError: Both lists were given.
        MissingArgumentError: Neither list was given, or external ids came without
            `project_id`.
    """
    ids_name, external_ids_name = names
    if asset_ids is not None and external_ids is not None:
        raise IncompatibleArgumentsError(
            f"Give either `{ids_name}` or `{external_ids_name}`, not both."
        )
    project = ProjectId(project_id) if project_id else None
    if asset_ids is not None:
        return AssetsById(tuple(AssetId(asset_id) for asset_id in asset_ids), project)
    if external_ids is None:
        raise MissingArgumentError(
            f"Give `{ids_name}`, or `{external_ids_name}` with `project_id`."
        )
    if project is None:
        raise MissingArgumentError(
            f"`{external_ids_name}` are external ids: give `project_id` too, "
            "the project they belong to."
        )
    return AssetsByExternalId(tuple(AssetExternalId(one) for one in external_ids), project)


STEP_FILTER_ARGUMENTS = tuple(field.name for field in dataclass_fields(StepFilters))
"""Arguments of the asset readers that `step_filters` takes, under the same names."""


def step_filters(arguments: Mapping[str, Any]) -> StepFilters | None:
    """Build the step filters of a read from its arguments, by name; `None` if none is set.

    An empty list of group names filters nothing, as in the official SDK. A deprecated
    step status (`DOING`, `REDO`) warns with a `DeprecationWarning`.

    Raises:
        IncompatibleArgumentsError: A filter is given both by step id and by step name.
        InvalidArgumentError: A step status is unknown.
    """
    values: dict[str, Any] = {}
    for name in STEP_FILTER_ARGUMENTS:
        value = arguments.get(name)
        if value is None or (name.startswith("group_name") and len(value) == 0):
            continue
        values[name] = tuple(
            tuple(pair) if isinstance(pair, list | tuple) else pair for pair in value
        )
    if not values:
        return None
    steps = StepFilters(**values)
    for status in steps.deprecated_statuses():
        warn_deprecated(
            f"Step status '{status}' is deprecated, use"
            f" '{DEPRECATED_STEP_STATUSES[status]}' instead"
        )
    return steps
