"""The embedded mode's temporary Prefect server: started when a command knows it will orchestrate, stopped at exit.

Prefect's own ephemeral mode starts the same server (its API app under uvicorn, SQLite in
PREFECT_HOME) at the first flow run, after importing the whole server application into the
calling process just to reach the class that launches it: three seconds of CPU before the
server process even starts. Here the process is launched directly, without importing Prefect,
so it boots while the command loads its own modules; the first flow run waits only for what is
left. Its output goes to `server.log` in PREFECT_HOME, not to the person's terminal.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

STARTUP_SECONDS = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90"))
PORT_IN_USE = 3  # uvicorn's exit code when another process took the port first


class TemporaryServer:
    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.log = Path(os.environ.get("PREFECT_HOME", ".")) / "server.log"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> None:
        self.port = _free_port()
        self.log.parent.mkdir(parents=True, exist_ok=True)
        environment = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1"}
        environment["PREFECT__SERVER_FINAL"] = "1"
        command = [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error", "--lifespan", "on"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)

    def wait_until_up(self) -> str:
        """The API's URL once it answers; a new port if another process took this one first."""
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() == PORT_IN_USE:
                self.start()
            elif self.process.poll() is not None:
                raise RuntimeError(f"Prefect's temporary server stopped at its start; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as answer:
                    if answer.status == 200:
                        return self.api_url
            except OSError:
                time.sleep(0.05)
        raise TimeoutError(f"Prefect's temporary server did not answer within {STARTUP_SECONDS:.0f} s; see {self.log}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_server: TemporaryServer | None = None
_starting = threading.Lock()  # the portal advances regions from several threads


def start() -> None:
    """Launch the temporary server now (once per process); `api_url()` waits for it."""
    global _server
    with _starting:
        if _server is None:
            server = TemporaryServer()
            server.start()
            atexit.register(server.stop)
            _server = server


def api_url() -> str | None:
    """The temporary server's URL once it answers; None when this process started none."""
    return _server.wait_until_up() if _server is not None else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
