"""The emulator as a child process on a database file: started, stopped, killed, restarted.

A child process, not a thread, so that `kill -9` is a real crash and a restart reads only
what reached the database file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import TracebackType

import kili_emulator

STOP_TIMEOUT_S = 15.0


class EmulatorProcess:
    """Runs ``kili-emulator serve`` on `db` in a child process.

    Args:
        db: SQLite file kept across restarts.
        fault_rate: Share of GraphQL requests that fail (both before and after execution).
        seed: Seed of the fault generator, so that a run replays the same faults. Each
            start adds one to it: a restart draws new faults rather than replaying the
            opening of the previous run.
        port: Port to listen on; 0 picks a free one, kept for the restarts.
    """

    def __init__(self, db: Path, fault_rate: float = 0.0, seed: int = 0, port: int = 0) -> None:
        self.db = db
        self.fault_rate = fault_rate
        self.seed = seed
        self.port = port
        self.api_key = ""
        self.endpoint = ""
        self._process: subprocess.Popen[str] | None = None
        self._starts = 0

    def start(self) -> EmulatorProcess:
        """Start the server and return once it listens."""
        source = Path(kili_emulator.__file__).resolve().parents[1]
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(source), os.environ.get("PYTHONPATH", "")]),
        }
        command = [
            sys.executable,
            "-m",
            "kili_emulator.cli",
            "serve",
            f"--port={self.port}",
            f"--db={self.db}",
            f"--fault-rate={self.fault_rate}",
            f"--seed={self.seed + self._starts}",
            "--log-level=error",
        ]
        # Injected dropped connections make uvicorn log an error each; keep them out of sight.
        with self.db.with_suffix(".log").open("a") as log:
            self._process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=log, text=True, env=env
            )
        self._starts += 1
        assert self._process.stdout is not None
        banner = [self._process.stdout.readline() for _ in range(3)]
        if " listening on " not in banner[0]:
            self._process.kill()
            raise RuntimeError(f"kili-emulator did not start: {banner}")
        self.endpoint = banner[0].split(" listening on ")[1].strip()
        self.api_key = banner[1].removeprefix("API key:").strip()
        self.port = int(self.endpoint.split(":")[2].split("/")[0])
        return self

    def stop(self) -> None:
        """Stop the server cleanly (SIGINT, as Ctrl-C does)."""
        if self._process is None:
            return
        self._process.send_signal(signal.SIGINT)
        try:
            self._process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def kill(self) -> None:
        """Kill the server with SIGKILL: no shutdown, no flush, as a crash."""
        if self._process is None:
            return
        self._process.kill()
        self._process.wait()
        self._process = None

    def restart(self, fault_rate: float | None = None) -> EmulatorProcess:
        """Stop the server if it runs and start it again on the same port and database."""
        self.stop()
        if fault_rate is not None:
            self.fault_rate = fault_rate
        return self.start()

    def __enter__(self) -> EmulatorProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
