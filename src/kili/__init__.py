"""Python SDK for the Kili data-labeling platform.

`from kili import Kili` gives the client. The names listed in `__all__` are the public
API: the client, its configuration objects and the base of the errors it raises (the
whole tree is in `kili.exceptions`); other modules may change between versions. The
package imports its names on first use, so that `import kili` stays cheap for
command-line tools that may not talk to Kili at all.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from kili.version import __version__

if TYPE_CHECKING:
    from kili.client import Kili
    from kili.config import RateLimit, RetryPolicy, Timeout
    from kili.exceptions import KiliError

__all__ = ["Kili", "KiliError", "RateLimit", "RetryPolicy", "Timeout", "__version__"]

_HOME_MODULE = {
    "Kili": "kili.client",
    "KiliError": "kili.exceptions",
    "RateLimit": "kili.config",
    "RetryPolicy": "kili.config",
    "Timeout": "kili.config",
}


def __getattr__(name: str) -> Any:
    if name in _HOME_MODULE:
        return getattr(import_module(_HOME_MODULE[name]), name)
    raise AttributeError(f"module 'kili' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
