"""The whole server-mode stack on one machine, for tests and benchmarks: a Prefect server on PostgreSQL and workers.

Mirrors scripts/start-server-stack.sh: `prefect server start` with its own PREFECT_HOME and its
database on PostgreSQL, and N task workers (`python -m workflows.worker`) sharing a task storage folder.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from advisory.settings import PROJECT_ROOT
from tests.integration.postgres_databases import require_postgres, scratch_database, sqlalchemy_url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(api_url: str, server: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"prefect server exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.5)
    raise TimeoutError(f"prefect server not healthy after {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def stack_environment(home: Path, api_url: str, database_url: str, task_storage: Path) -> dict[str, str]:
    # The stack's server is set up here alone: an embedded run earlier in the same process may have turned
    # some of the server's services off in os.environ (workflows/runtime.py), which a real server needs.
    inherited = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_SERVER_")}
    env = {
        **inherited,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": api_url,
        "PREFECT_API_DATABASE_CONNECTION_URL": database_url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "INFO",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
        "PREFECT_RESULTS_LOCAL_STORAGE_PATH": str(task_storage),  # task parameters, shared with the caller
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    return env


@contextlib.contextmanager
def server_stack(workdir: Path, workers: int = 2, limit: int = 2) -> Iterator[dict[str, str]]:
    """Yield the environment (PREFECT_API_URL ...) of a running server with `workers` workers; stop all after."""
    user = require_postgres()
    with scratch_database("prefect_test") as prefect_db:
        port = free_port()
        api_url = f"http://127.0.0.1:{port}/api"
        storage = workdir / "task-storage"
        env = stack_environment(workdir / "prefect-home", api_url, sqlalchemy_url(prefect_db, user, "asyncpg"), storage)
        processes: list[subprocess.Popen] = []
        try:
            log = workdir / "server.log"
            server = _start(
                [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                env,
                log,
            )
            processes.append(server)
            wait_healthy(api_url, server, log)
            for number in range(workers):
                name = f"worker-{number + 1}"
                command = [sys.executable, "-m", "workflows.worker", "--name", name, "--limit", str(limit)]
                processes.append(_start(command, env, workdir / f"{name}.log"))
            yield env
        finally:
            for process in reversed(processes):
                _stop(process)


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    log.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(command, env=env, cwd=PROJECT_ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
