"""Import the packages of optional extras when a helper needs them, not before."""

from __future__ import annotations

import importlib
from types import ModuleType

from kili.exceptions import MissingExtraError


def import_extra(module: str, extra: str, feature: str) -> ModuleType:
    """Import `module`, or raise an error naming the extra that installs it.

    Raises:
        MissingExtraError: The module is not installed; the message says
            ``pip install 'kili[<extra>]'``.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(feature, extra) from None
