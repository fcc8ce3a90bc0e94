"""The demo's wall time, Prefect's share of it, and its peak memory.

    PYTHONPATH=. python benchmarks/demo.py

Runs the embedded demo (six regions, five stages, the inputs in demo/) twice, each in a fresh
child process with its own database, Prefect home and output folder: once orchestrated by Prefect
(what `make demo` runs) and once calling the same stage functions directly, same process, same
data. Prints a table; the ratio and Prefect's share are the figures to quote.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import json, resource, sys, time
from rich.console import Console
from advisory.cli import open_project
from advisory.demo import run_demo
project = open_project()
started = time.perf_counter()
finished = run_demo(project, Console(file=open("/dev/null", "w")), orchestrated=sys.argv[1] == "prefect")
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"finished": finished, "seconds": seconds, "peak_mib": peak}))
"""


def run(mode: str) -> dict:
    with tempfile.TemporaryDirectory() as workdir:
        env = {
            **os.environ, "PYTHONPATH": str(ROOT), "ADVISORY_DATA_DIR": f"{workdir}/var",
            "ADVISORY_OUTPUT_DIR": f"{workdir}/output", "PREFECT_HOME": f"{workdir}/prefect",
        }
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CHILD, mode], env=env, cwd=ROOT, capture_output=True, text=True)
        total = time.perf_counter() - started
        if done.returncode:
            sys.exit(f"{mode} demo failed:\n{done.stderr[-3000:]}")
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        return figures | {"process_seconds": total, "documents": len(list(Path(workdir, "output").rglob("*.docx")))}


def main() -> None:
    prefect, direct = run("prefect"), run("direct")
    print(f"{'demo run':<34}{'Prefect':>12}{'direct':>12}")
    print(f"{'finished every stage':<34}{prefect['finished']!s:>12}{direct['finished']!s:>12}")
    print(f"{'documents written':<34}{prefect['documents']:>12}{direct['documents']:>12}")
    print(f"{'demo wall time (s)':<34}{prefect['seconds']:>12.1f}{direct['seconds']:>12.1f}")
    print(f"{'process wall time incl. start (s)':<34}{prefect['process_seconds']:>12.1f}{direct['process_seconds']:>12.1f}")
    print(f"{'peak memory (MiB, max RSS)':<34}{prefect['peak_mib']:>12.0f}{direct['peak_mib']:>12.0f}")
    ratio = prefect["seconds"] / direct["seconds"]
    print(f"\nPrefect / direct: {ratio:.2f}x; Prefect's share of the demo's wall time: {1 - 1 / ratio:.0%}")
    print(f"peak memory of the child processes: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
