"""`advisory benchmark all --out FILE`: the benchmark table of every region in the reference data, CSV or Excel."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(help="Benchmark regions with the Regional Innovation Scoreboard method.", no_args_is_help=True)


@app.callback()
def benchmark() -> None:
    """Benchmark regions with the Regional Innovation Scoreboard method."""


@app.command("all")
def all_regions(out: Path = typer.Option(..., "--out", help="FILE.csv or FILE.xlsx")) -> None:
    """Write the benchmark table for every region in the reference data."""
    from advisory.adapters.uploaded_files import neutralised
    from advisory.settings import Settings
    from advisory.stages.benchmarking.gather import benchmark_table

    suffix = out.suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise typer.BadParameter("the output file must end in .csv or .xlsx", param_hint="--out")
    table = benchmark_table(Settings().datasets_dir).round(4).map(neutralised)
    table.index = table.index.map(neutralised)
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        table.to_csv(out, encoding="utf-8")
    else:
        table.to_excel(out, sheet_name="benchmark")
    typer.echo(f"Wrote {len(table)} regions to {out}")
