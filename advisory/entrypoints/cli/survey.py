"""`advisory survey template|submit`: the workbook a regional contact fills in, and sending it back."""

from __future__ import annotations

from pathlib import Path

import typer

from advisory.entrypoints.cli.context import fail, open_project

app = typer.Typer(
    help="The regional survey: templates for regional contacts and their submissions.", no_args_is_help=True
)


@app.command()
def template(
    region: str = typer.Argument(..., help="NUTS-2 code of the region, in any case, e.g. si03"),
    out: Path = typer.Option(..., "--out", help="where to write the Excel workbook (.xlsx)"),
    language: str | None = typer.Option(None, help="language of the instructions; the region's by default"),
) -> None:
    """Write the survey workbook a region's contact fills in and sends back."""
    from advisory.stages.survey.instrument import default_instrument
    from advisory.stages.survey.workbook import write_survey_workbook

    project = open_project()
    profile = project.region(region)
    if out.suffix.lower() != ".xlsx":
        fail(f"the workbook must be an .xlsx file, not {out.name!r}")
    path = write_survey_workbook(profile, default_instrument(project.settings.instruments_dir), out, language)
    typer.echo(f"Survey workbook for {profile.name} ({profile.code}) written to {path}")
