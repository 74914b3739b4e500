"""An emulator in a process of its own, so that it and the client do not share one GIL."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

API_KEY = "benchmark-key"
BANNER = re.compile(r"listening on (\S+)")


@dataclass(frozen=True)
class Emulator:
    """Where a running emulator answers."""

    endpoint: str
    api_key: str
    latency_ms: int
    pid: int

    def cpu_seconds(self) -> float:
        """CPU time the emulator process has used so far (user and system)."""
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def emulator_process(database: Path, latency_ms: int = 0) -> Iterator[Emulator]:
    """Run `kili-emulator serve` on a free loopback port, on the SQLite file `database`."""
    command = [
        *(sys.executable, "-m", "kili_emulator.cli", "serve", "--port", "0"),
        *("--db", str(database), "--api-key", API_KEY, "--latency-ms", str(latency_ms)),
        *("--log-level", "warning"),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        endpoint = None
        for line in process.stdout or ():
            match = BANNER.search(line)
            endpoint = match.group(1) if match else endpoint
            if line.startswith("Database:"):
                break
        if endpoint is None:
            raise RuntimeError("kili-emulator did not start")
        yield Emulator(endpoint, API_KEY, latency_ms, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
