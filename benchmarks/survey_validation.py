"""Validation throughput of a 100,000-row survey upload: our parser against pydantic alone.

Run from the project root: `PYTHONPATH=. python benchmarks/survey_validation.py [ROWS]`.
The parser decodes, splits, converts each distinct value of a column once (the careful cell-by-cell
path, which words every problem, only for rows that fail), checks the references and validates the
clean rows with the response model in one call; the baseline is that model's `model_validate` on
the same, already typed rows. Their ratio is the figure to watch.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import time
from pathlib import Path

from advisory.adapters.region_profiles import load_regions
from advisory.stages.survey.instrument import default_instrument, response_model
from advisory.stages.survey.parse import parse_survey_upload

ROOT = Path(__file__).resolve().parent.parent


def upload(rows: int, columns: list[str]) -> bytes:
    rng = random.Random(7)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=";")
    writer.writeheader()
    for number in range(rows):
        answers = {c: str(rng.randint(1, 5)) for c in columns if c.endswith(("_importance", "_satisfaction"))}
        writer.writerow(
            answers
            | {
                "region": "DED2",
                "instrument_version": "1",
                "respondent_id": f"r{number}",
                "org_type": "firm",
                "size": rng.choice(["micro", "small", "Mittel (50-249)"]),
                "sector": "C",
                "cluster_role": "member",
                "employees": str(rng.randint(1, 400)),
                "internationalisation": "regular",
                "export_share": "12,5",
                "partners": "universities|other_clusters",
                "main_obstacle": "Zu wenig Fachkräfte & <Kapital> für Größe",
            }
        )
    return buffer.getvalue().encode("utf-8")


def main(rows: int = 100_000) -> None:
    region = load_regions(ROOT / "regions")["DED2"]
    instrument = default_instrument()
    data = upload(rows, ["region", "instrument_version", *instrument.answer_columns])
    started = time.perf_counter()
    responses = parse_survey_upload(data, "benchmark.csv", region, instrument, max_rows=rows)
    parser_seconds = time.perf_counter() - started
    model = response_model(instrument)
    typed = [response.model_dump() for response in responses]
    started = time.perf_counter()
    for row in typed:
        model.model_validate(row)
    pydantic_seconds = time.perf_counter() - started
    print(f"rows: {rows:,} ({len(data) / 1e6:.1f} MB CSV)")
    print(f"parse_survey_upload: {rows / parser_seconds:>12,.0f} rows/s ({parser_seconds:.2f} s)")
    print(f"Model.model_validate: {rows / pydantic_seconds:>11,.0f} rows/s ({pydantic_seconds:.2f} s)")
    print(f"ratio (parser time / pydantic time): {parser_seconds / pydantic_seconds:.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
