"""Peak memory of the demo: the embedded demo run in a child process, its maximum resident set size reported.

    PYTHONPATH=. python benchmarks/demo_memory.py

Needs the real stage table (advisory/stage_table.py) and demo inputs on main.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "ADVISORY_DATA_DIR": f"{workdir}/var",
               "ADVISORY_OUTPUT_DIR": f"{workdir}/output", "PREFECT_HOME": f"{workdir}/prefect"}
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", "from advisory.cli import app; app()", "demo"], env=env, cwd=ROOT, capture_output=True)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux
    print(f"{'measure':<28} {'value':>12}")
    print(f"{'demo exit code':<28} {done.returncode:>12}")
    print(f"{'demo wall time (s)':<28} {seconds:>12.1f}")
    print(f"{'peak memory (MiB, max RSS)':<28} {peak:>12.0f}")
    if done.returncode:
        print(done.stderr.decode()[-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
