"""Python SDK for the Kili data-labeling platform.

`from kili import Kili` gives the client. The names listed in `__all__` are the public
API: the client, its configuration objects and the exceptions it raises; every other
module may change between versions. The package imports lazily, so that `import kili`
stays cheap for command-line tools that may not talk to Kili at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kili.config import RateLimit, RetryPolicy, Timeout
from kili.exceptions import KiliError
from kili.version import __version__

if TYPE_CHECKING:
    from kili.client import Kili

__all__ = ["Kili", "KiliError", "RateLimit", "RetryPolicy", "Timeout", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Kili":
        from kili.client import Kili

        return Kili
    raise AttributeError(f"module 'kili' has no attribute {name!r}")
