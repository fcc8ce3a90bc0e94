"""Benchmark: score every RIS region in one vectorised pass over all years, and time it per region.

Run from the project root: `PYTHONPATH=. python benchmarks/scoring.py`. Prints the time to read and
assemble the panel (once per process), one pass of the method over every region and year, one
region's report built from it, and the checks against the published scoreboards.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from advisory.stages.benchmarking import method
from advisory.stages.benchmarking.build import build_benchmarking_report
from advisory.stages.benchmarking.gather import checks, gather_benchmarking_report, reference_data
from advisory.stages.benchmarking.models import MethodRules
from tests.fakes import context_for

DATASETS = Path(__file__).resolve().parent.parent / "datasets"
REPEATS = 20


def main() -> None:
    started = time.perf_counter()
    reference = reference_data(DATASETS)
    prepared = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(REPEATS):
        scores = method.score(reference.panel, reference.eis_scores, reference.catalogue, MethodRules())
    scoring = (time.perf_counter() - started) / REPEATS
    regions, years = len(scores.latest), scores.last_year - scores.first_year + 1
    started = time.perf_counter()
    inputs = gather_benchmarking_report(context_for("PL21", today=dt.date(2026, 5, 1)))
    gathered = time.perf_counter() - started
    started = time.perf_counter()
    build_benchmarking_report(inputs)
    built = time.perf_counter() - started
    groups = scores.latest["group"]
    classified = groups[groups != "Not classified"]
    found = checks(DATASETS)
    print(f"regions scored: {regions} RIS regions x {years} years x {len(reference.catalogue.indicators)} indicators")
    print(f"read and assemble the panel (once per process): {prepared * 1000:.0f} ms")
    per_region = scoring / regions * 1e6
    print(f"method, one pass over every region and year: {scoring * 1000:.1f} ms = {per_region:.0f} µs per region")
    print(f"one region's report: gather {gathered * 1000:.0f} ms (cached panel), build {built * 1000:.0f} ms")
    leaders = (classified == "Leader").mean()
    print(f"groups: {classified.value_counts().to_dict()}; Leaders {leaders:.1%} of {len(classified)}")
    ris2019, ris2025 = found["ris2019"], found["ris2025"]
    print(
        f"RIS 2019: Spearman {ris2019['spearman']:.3f} over {ris2019['regions']:.0f} regions, "
        f"same group {ris2019['agreement']:.1%}"
    )
    print(
        f"RIS 2025 (2018 scores, Central Europe): Spearman {ris2025['spearman']:.3f} over {ris2025['regions']:.0f} "
        f"regions, same group {ris2025['agreement']:.1%}"
    )


if __name__ == "__main__":
    main()
