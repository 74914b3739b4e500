"""Export with the official SDK: `python official_export.py <json arguments>`.

Runs in `.venv-interop` (where `kili` is the official package), against the emulator
named by `KILI_API_ENDPOINT`; prints the return value as JSON, or the error's class
name and message on stderr with exit status 3.
"""

from __future__ import annotations

import json
import sys
import warnings

from kili.client import Kili


def main() -> int:
    """Call `export_labels` with the keyword arguments given as one JSON argument."""
    arguments = json.loads(sys.argv[1])
    kili = Kili(disable_tqdm=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = kili.export_labels(**arguments)
        except Exception as error:  # reported to the comparing process
            print(f"{type(error).__name__}: {error}", file=sys.stderr)
            return 3
    messages = [str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)]
    print(json.dumps({"result": result, "warnings": messages}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
