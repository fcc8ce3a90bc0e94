"""`advisory survey …` commands owned by the survey stage (the lead mounts `app` and adds `submit`)."""

from __future__ import annotations

from pathlib import Path

import typer

from advisory.regions import load_regions
from advisory.settings import Settings
from surveys.instrument import default_instrument
from surveys.workbook import write_survey_workbook

app = typer.Typer(help="The regional survey: templates for regional contacts and their submissions.")


@app.callback()
def survey() -> None:
    """The regional survey: templates for regional contacts and their submissions."""


@app.command()
def template(
    region: str = typer.Argument(..., help="NUTS-2 code of the region, in any case, e.g. si03"),
    out: Path = typer.Option(..., "--out", help="where to write the Excel workbook (.xlsx)"),
    language: str | None = typer.Option(None, help="language of the instructions; the region's by default"),
) -> None:
    """Write the survey workbook a region's contact fills in and sends back."""
    settings = Settings()
    regions = load_regions(settings.regions_dir)
    profile = regions.get(region.upper())
    if profile is None:
        typer.echo(f"Unknown region {region!r}; regions are {', '.join(sorted(regions))}.", err=True)
        raise typer.Exit(code=2)
    if out.suffix.lower() != ".xlsx":
        typer.echo(f"The workbook must be an .xlsx file, not {out.name!r}.", err=True)
        raise typer.Exit(code=2)
    path = write_survey_workbook(profile, default_instrument(settings.instruments_dir), out, language)
    typer.echo(f"Survey workbook for {profile.name} ({profile.code}) written to {path}")
