"""Checks of single values the API would store wrongly, shared by every domain.

They run when a domain object is built, so a bad value is refused before anything is
sent, whichever client method built the object.
"""

from __future__ import annotations

import math

from kili.exceptions import ArgumentTypeError, InvalidArgumentError


def check_external_id(value: object, what: str = "An external id") -> None:
    """Refuse an external id that is not a non-blank string.

    An empty external id cannot be looked up afterwards, so an import could not tell
    whether it was written, and the API would give the asset a random one.

    Raises:
        ArgumentTypeError: `value` is not a string.
        InvalidArgumentError: `value` is empty or only whitespace.
    """
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{what} must be a string, got {type(value).__name__}.")
    if not value.strip():
        raise InvalidArgumentError(f"{what} must not be empty or blank, got {value!r}.")


def check_mark(value: float | None, what: str) -> None:
    """Refuse a mark (consensus, honeypot) outside [0, 1]; `None` means unchanged.

    Raises:
        InvalidArgumentError: `value` is not a number between 0 and 1.
    """
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidArgumentError(f"{what} must be a number between 0 and 1, got {value!r}.")
    if math.isnan(value) or not 0 <= value <= 1:
        raise InvalidArgumentError(f"{what} must be between 0 and 1, got {value!r}.")


def check_duration(value: float | None, what: str) -> None:
    """Refuse a negative, infinite or NaN duration in seconds; `None` means not given.

    Raises:
        InvalidArgumentError: `value` is not a finite number of seconds, zero or more.
    """
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidArgumentError(f"{what} must be a number of seconds, got {value!r}.")
    if not math.isfinite(value) or value < 0:
        raise InvalidArgumentError(
            f"{what} must be a finite number of seconds >= 0, got {value!r}."
        )
