"""The demo orchestrated by Prefect against the same stages called directly, and a second demo with nothing to do.

    PYTHONPATH=. python benchmarks/demo.py [--cold]

Each run is a fresh child process with its own project database and output folder, timed from
the interpreter's start to its exit (what a person waits for), with its CPU time including the
processes it started (chart drawing, Prefect's temporary server):
- direct: the demo's rounds call `advance_directly` (no Prefect);
- orchestrated: what `advisory demo` runs (one Prefect flow run per round), on a Prefect home
  that an earlier command has already set up, as on any machine after its first command;
  `--cold` adds a run on a brand-new Prefect home (its database is created by the first flow run);
- again: `advisory demo` once more on the orchestrated run's folders; it must say nothing changed.

The last line is `ratio=<orchestrated / direct wall time>`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-21"

CHILD = """
import json, sys
from advisory.entrypoints.cli.context import open_project
from rich.console import Console

project = open_project()
if sys.argv[1] == "orchestrated":  # as `advisory demo` does
    from workflows.programme import run_programme, warm_up
    warm_up(project.settings)
    advance = lambda regions: run_programme(project.settings, regions)
else:
    advance = None
from advisory.services.demo import run_demo
summary = run_demo(project, Console(file=open("/dev/null", "w")), advance=advance)
print(json.dumps({"done": summary.done, "changed": summary.changed}))
"""

WARM_UP = """
from prefect.server.api.server import SubprocessASGIServer
server = SubprocessASGIServer()
server.start()
server.stop()
"""


def child_environment(workdir: Path, prefect_home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ADVISORY_DATA_DIR": str(workdir / "var"),
        "ADVISORY_OUTPUT_DIR": str(workdir / "output"),
        "ADVISORY_TODAY": TODAY,
        "PREFECT_HOME": str(prefect_home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }


def timed(command: list[str], env: dict[str, str]) -> dict:
    """Wall and CPU time (the child and everything it waited for) of one child process."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode:
        sys.exit(f"{' '.join(command[:3])} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"wall": wall, "cpu": cpu, "stdout": done.stdout}


def demo(mode: str, workdir: Path, prefect_home: Path) -> dict:
    figures = timed([sys.executable, "-c", CHILD, mode], child_environment(workdir, prefect_home))
    result = json.loads(figures["stdout"].strip().splitlines()[-1])
    documents = len(list((workdir / "output").rglob("*.docx")))
    return figures | result | {"documents": documents}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cold", action="store_true", help="also run on a brand-new Prefect home")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        warm_home = root / "prefect-warm"
        timed([sys.executable, "-c", WARM_UP], child_environment(root / "warm-up", warm_home))
        runs = {
            "direct": demo("direct", root / "direct", root / "prefect-direct"),
            "orchestrated": demo("orchestrated", root / "orchestrated", warm_home),
        }
        if args.cold:
            runs["orchestrated, new Prefect home"] = demo("orchestrated", root / "cold", root / "prefect-cold")
        again = timed([sys.executable, "-m", "advisory", "demo"], child_environment(root / "orchestrated", warm_home))
    width = max(len(name) for name in runs) + 2
    print(f"{'demo run':<{width}}{'wall s':>9}{'CPU s':>9}{'documents':>11}{'finished':>10}")
    for name, run in runs.items():
        print(f"{name:<{width}}{run['wall']:>9.1f}{run['cpu']:>9.1f}{run['documents']:>11}{run['done']!s:>10}")
    said = "Nothing changed since the last run" in again["stdout"]
    print(f"{'again, nothing to do':<{width}}{again['wall']:>9.1f}{again['cpu']:>9.1f}{'':>11}{'':>10}")
    print(f"\nthe second `advisory demo` said nothing changed: {said}")
    print(f"ratio={runs['orchestrated']['wall'] / runs['direct']['wall']:.2f}")


if __name__ == "__main__":
    main()
