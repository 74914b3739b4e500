"""Warnings to the user, attributed to the user's line: written once, used by every layer.

A warning raised deep in the SDK with a fixed `stacklevel` points at whichever SDK
frame happens to be that many levels up, which moves whenever the code does. These
helpers walk up to the first frame outside the SDK instead, so that Python's warning
filters (and `-W error::DeprecationWarning`) see the line the user wrote.
"""

from __future__ import annotations

import sys
import warnings

_INTERNAL_MODULES = ("kili.", "pydantic", "tenacity")


def warn_user(message: str, category: type[Warning] = UserWarning) -> None:
    """Warn with `message`, attributing the warning to the user's line."""
    frame = sys._getframe(1)
    level = 2
    while frame.f_back is not None and str(frame.f_globals.get("__name__", "")).startswith(
        _INTERNAL_MODULES
    ):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)


def warn_deprecated(message: str) -> None:
    """Warn that an argument or a method is deprecated, attributed to the user's line."""
    warn_user(message, DeprecationWarning)
