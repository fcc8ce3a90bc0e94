"""`advisory benchmark …`: the full benchmark table for every region, as CSV or Excel."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

from advisory.benchmarking.method import score_all
from advisory.benchmarking.models import MethodRules
from advisory.inputs.benchmarking import reference_data
from advisory.settings import Settings

app = typer.Typer(help="Benchmark regions with the Regional Innovation Scoreboard method.", no_args_is_help=True)

FORMULA_START = ("=", "+", "-", "@")


@app.callback()
def benchmark() -> None:
    """Benchmark regions with the Regional Innovation Scoreboard method."""


def benchmark_table(datasets_dir: Path) -> pd.DataFrame:
    """One row per NUTS-2 region: composite, relative score, group, coverage, normalised indicators."""
    catalogue, values = reference_data(datasets_dir)
    table = score_all(values, catalogue, MethodRules())
    codes = [indicator.code for indicator in catalogue.indicators]
    table = table.rename(columns={"relative": "relative_to_eu", "reference": "in_reference_set"})
    ordered = ["composite", "relative_to_eu", "group", "coverage", "in_reference_set", *codes]
    return table[ordered].rename(columns={c: f"{c}_normalised" for c in codes}).rename_axis("region")


def neutralised(table: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as formulas (= + - @) get a leading apostrophe."""
    def safe(value: object) -> object:
        return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value

    text = table.select_dtypes(include=["object", "string"]).columns
    out = table.copy()
    out[text] = out[text].map(safe)
    out.index = out.index.map(safe)
    return out


@app.command("all")
def all_regions(out: Path = typer.Option(..., "--out", help="FILE.csv or FILE.xlsx")) -> None:
    """Write the benchmark table for every region in the reference data."""
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise typer.BadParameter("the output file must end in .csv or .xlsx", param_hint="--out")
    table = neutralised(benchmark_table(Settings().datasets_dir).round(4))
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        table.to_csv(out, encoding="utf-8")
    else:
        table.to_excel(out, sheet_name="benchmark")
    typer.echo(f"Wrote {len(table)} regions to {out}")
