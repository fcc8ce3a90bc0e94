"""Benchmark: score every region in the reference data in one vectorised pass, time per region.

Run from the project root: `PYTHONPATH=. python benchmarks/scoring.py`.
"""

from __future__ import annotations

import time
from pathlib import Path

from scipy.stats import spearmanr

from advisory.benchmarking.method import catalogue_values, score_all
from advisory.benchmarking.models import Catalogue, MethodRules
from advisory.datasets import load_eurostat_nuts2, load_indicator_catalogue, load_ris2019

DATASETS = Path(__file__).resolve().parent.parent / "datasets"
REPEATS = 20


def main() -> None:
    catalogue = Catalogue.model_validate(load_indicator_catalogue(DATASETS))
    long = load_eurostat_nuts2(DATASETS)
    started = time.perf_counter()
    values = catalogue_values(long, catalogue)
    prepared = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(REPEATS):
        table = score_all(values, catalogue, MethodRules())
    scoring = (time.perf_counter() - started) / REPEATS
    regions = len(table)
    print(f"regions scored: {regions} ({int(table['reference'].sum())} in the reference set)")
    print(f"latest values (once): {prepared * 1000:.1f} ms")
    print(f"score_all, one pass: {scoring * 1000:.1f} ms = {scoring / regions * 1e6:.1f} µs per region")
    joined = load_ris2019(DATASETS).set_index("region").join(table["composite"], how="inner").dropna()
    rho = spearmanr(joined["rii"], joined["composite"]).statistic
    print(f"Spearman rank correlation with RIS 2019 RII: {rho:.3f} over {len(joined)} regions")
    print(table["group"].value_counts().to_string())


if __name__ == "__main__":
    main()
