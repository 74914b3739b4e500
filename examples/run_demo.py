"""`make demo`: start a local Kili emulator, run the quickstart against it, stop it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kili_emulator.server import EmulatorServer

QUICKSTART = Path(__file__).with_name("quickstart.py")


def main() -> int:
    """Run the quickstart on a fresh in-memory emulator; return its exit code."""
    with EmulatorServer(db=":memory:") as server:
        print(f"Kili emulator running at {server.endpoint}\n")
        environment = {
            **os.environ,
            "KILI_API_KEY": server.api_key,
            "KILI_API_ENDPOINT": server.endpoint,
        }
        code = subprocess.run(
            [sys.executable, str(QUICKSTART)], check=False, env=environment
        ).returncode
    print("\nEmulator stopped.")
    return code


if __name__ == "__main__":
    sys.exit(main())
