"""How long a person waits for the command line: `advisory --help` against a bare typer app, and `advisory status`.

    PYTHONPATH=. python benchmarks/startup.py [--repeat 7]

Each figure is the median wall time of fresh processes (interpreter start included). The bare
app is typer with rich and two commands, the least any typer CLI costs. `advisory status` runs on a
project where the demo has been played (six regions, every stage), so it reads a full matrix.
The portal's start is checked for the libraries it must not load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import typer
from rich.console import Console

app = typer.Typer()


@app.command()
def status(region: str = typer.Option(None, help="one region")) -> None:
    \"\"\"Show the status.\"\"\"


@app.command()
def run(region: str) -> None:
    \"\"\"Run a region.\"\"\"


app()
"""

PLAY = """
from rich.console import Console
from advisory.entrypoints.cli.context import open_project
from advisory.services.demo import run_demo
assert run_demo(open_project(), Console(file=open("/dev/null", "w"))).done
"""

PORTAL = """
import json, sys
from advisory.entrypoints.cli.context import open_project
from advisory.entrypoints.cli.portal import portal_advance
from advisory.entrypoints.web.app import create_app
from advisory.stages.table import INPUT_KINDS
create_app(open_project(), INPUT_KINDS, lambda region: None)
print(json.dumps(sorted(m for m in ("pandas", "scipy", "matplotlib", "prefect") if m in sys.modules)))
"""


def median_seconds(command: list[str], env: dict[str, str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "ADVISORY_DATA_DIR": f"{scratch}/var",
            "ADVISORY_OUTPUT_DIR": f"{scratch}/output",
            "ADVISORY_TODAY": "2026-11-21",
        }
        subprocess.run([sys.executable, "-c", PLAY], env=env, cwd=ROOT, check=True, capture_output=True)
        bare = median_seconds([sys.executable, "-c", BARE, "--help"], env, args.repeat)
        helped = median_seconds([sys.executable, "-m", "advisory", "--help"], env, args.repeat)
        status = median_seconds([sys.executable, "-m", "advisory", "status"], env, args.repeat)
        portal = subprocess.run([sys.executable, "-c", PORTAL], env=env, cwd=ROOT, capture_output=True, text=True)
    loaded = json.loads(portal.stdout.strip().splitlines()[-1]) if portal.returncode == 0 else portal.stderr[-500:]
    print(f"{'command (median of ' + str(args.repeat) + ' fresh processes)':<48}{'seconds':>9}")
    print(f"{'bare typer app with rich, --help':<48}{bare:>9.2f}")
    print(f"{'advisory --help':<48}{helped:>9.2f}")
    print(f"{'advisory status (six regions played)':<48}{status:>9.2f}")
    print(f"\nadvisory --help / bare typer app: {helped / bare:.2f}x")
    print(f"libraries the portal loads at its start, of pandas, scipy, matplotlib, prefect: {loaded or 'none'}")


if __name__ == "__main__":
    main()
