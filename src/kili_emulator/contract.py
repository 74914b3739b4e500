"""Location of the GraphQL contract shared with the SDK, found without importing it.

The SDL ships inside the `kili` package. `importlib.util.find_spec` finds a top-level
package without executing its ``__init__``, so the emulator stays free of SDK code.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCHEMA_IN_PACKAGE = Path("adapters") / "kili_api_gateway" / "schema.graphql"


def schema_path() -> Path:
    """Return the path of ``schema.graphql`` inside the installed `kili` package.

    Raises:
        FileNotFoundError: The `kili` package or its schema file cannot be found.
    """
    spec = importlib.util.find_spec("kili")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        candidate = Path(location) / SCHEMA_IN_PACKAGE
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"Cannot find {SCHEMA_IN_PACKAGE} in the 'kili' package (searched: {locations})"
    )


def load_sdl(path: Path | None = None) -> str:
    """Return the SDL text, from `path` or from the `kili` package."""
    return (path or schema_path()).read_text(encoding="utf-8")
