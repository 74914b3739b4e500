"""`make interop`: drive a fresh emulator with the official Kili SDK from PyPI.

The official package also imports as `kili`, so it gets a virtual environment of its
own (`.venv-interop`, built on first run). The emulator runs from this project's
environment on a free loopback port with an in-memory database; `official_client.py`
runs in the other environment against it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv-interop"
OFFICIAL_SDK = "kili==26.2.4"
OFFICIAL_EXTRAS = ("kili-formats[coco,image]==1.6.0",)  # what its COCO/YOLO/VOC exports import
SCRIPT = Path(__file__).with_name("official_client.py")
CLI_COMPARISON = Path(__file__).with_name("cli_compare.py")
EXPORT_COMPARISON = Path(__file__).with_name("export_compare.py")
API_KEY = "interop-key"


def official_python() -> Path:
    """Return the interpreter of the official SDK's environment, building it if needed."""
    python = VENV / "bin" / "python"
    stamp = VENV / f".installed-{OFFICIAL_SDK}"
    if not stamp.exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", OFFICIAL_SDK], check=True)
        stamp.touch()
    extras_stamp = VENV / ".installed-export-extras"
    if not extras_stamp.exists():
        install = [str(python), "-m", "pip", "install", "--quiet", *OFFICIAL_EXTRAS]
        subprocess.run(install, check=True)
        extras_stamp.touch()
    return python


def free_port() -> int:
    """Ask the OS for a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(base_url: str, emulator: subprocess.Popen[bytes]) -> None:
    """Poll the version endpoint until the emulator answers, or fail if it died."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if emulator.poll() is not None:
            raise SystemExit("the emulator exited before answering")
        try:
            httpx.get(f"{base_url}/api/label/v2/version", timeout=1).raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("the emulator did not answer within 30 s")


def main() -> int:
    """Run the official client against a fresh emulator; return its exit code."""
    python = official_python()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        str(Path(sys.executable).with_name("kili-emulator")),
        "serve",
        "--port",
        str(port),
        "--db",
        ":memory:",
        "--api-key",
        API_KEY,
    ]
    emulator = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        wait_until_up(base_url, emulator)
        environment = {
            **os.environ,
            "KILI_API_KEY": API_KEY,
            "KILI_API_ENDPOINT": f"{base_url}/api/label/v2/graphql",
            "HOME": str(VENV),  # the official SDK caches the schema under ~/.cache
        }
        sdk = subprocess.run([str(python), str(SCRIPT)], check=False, env=environment)
        # The official `kili` command and ours, with the same arguments, on this emulator.
        cli = subprocess.run(
            [sys.executable, str(CLI_COMPARISON), str(VENV / "bin" / "kili")],
            check=False,
            env=environment,
        )
        # `export_labels` of both SDKs on the same projects, archives compared file by file.
        export = subprocess.run(
            [sys.executable, str(EXPORT_COMPARISON), str(python)], check=False, env=environment
        )
        return sdk.returncode or cli.returncode or export.returncode
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
