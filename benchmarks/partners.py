"""Benchmark: `advisory partners SI03` against the command line's own start-up, and the search in one process.

Run from the project root: `PYTHONPATH=. python benchmarks/partners.py [--runs N]`.

"After start-up" is the command's wall time minus that of `advisory --help` (Python, typer and the
command modules loaded, nothing computed), each the median of N fresh processes. In one process,
the first search reads and derives the reference data (cluster stars of every region, the
benchmarking table); every later search reuses them.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "advisory"]


def wall(args: list[str], runs: int) -> tuple[float, str]:
    """Median wall time of `runs` fresh processes, and the last one's output."""
    times, output = [], ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([*COMMAND, *args], cwd=ROOT, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - started)
        output = done.stdout
    return statistics.median(times), output


def in_process() -> tuple[float, float, float, int]:
    """Import of the service, first search (derives the reference data), and a later search, in seconds."""
    started = time.perf_counter()
    from advisory.settings import Settings
    from advisory.stages.partners import find_partners

    imported = time.perf_counter() - started
    settings = Settings()
    started = time.perf_counter()
    search = find_partners(settings.datasets_dir, settings.regions_dir, "SI03", top=5)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(20):
        find_partners(settings.datasets_dir, settings.regions_dir, "SI03", top=5)
    later = (time.perf_counter() - started) / 20
    return imported, first, later, search.considered


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    startup, _ = wall(["--help"], runs)
    command, output = wall(["partners", "SI03", "--top", "5"], runs)
    listed = len(re.findall(r"^\s*\d+\. .*\([A-Z0-9]{4}\)\s+score ", output, flags=re.MULTILINE))
    imported, first, later, considered = in_process()
    print(f"advisory --help (start-up), median of {runs}: {startup:.2f} s")
    print(f"advisory partners SI03 --top 5, median of {runs}: {command:.2f} s ({listed} candidates printed)")
    print(f"after start-up: {command - startup:.2f} s")
    print(
        f"in one process: import {imported:.2f} s, first search {first:.2f} s (reads and derives the reference data),"
    )
    print(
        f"                a later search {later * 1000:.1f} ms ({considered} candidate regions): "
        f"{first / later:.0f}x faster"
    )


if __name__ == "__main__":
    main()
