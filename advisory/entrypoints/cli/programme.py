"""`advisory programme [report|approve]`: every region advanced at once, and the programme report for the
European Cluster Policy Forum."""

from __future__ import annotations

import typer

from advisory.entrypoints.cli.context import open_project
from advisory.entrypoints.cli.terminal import console, print_status

app = typer.Typer(
    help="Every demonstrator region advanced at once; the programme report (regions side by side, transfers).",
    invoke_without_command=True,
)


@app.callback()
def programme(ctx: typer.Context) -> None:
    """Without a command: advance every demonstrator region concurrently, then bring the programme report up to
    date with what is approved."""
    if ctx.invoked_subcommand is not None:
        return
    from advisory.services import programme_report
    from advisory.services.status import status_matrix
    from workflows.programme import run_programme

    project = open_project()
    run_programme(project.settings)
    print_status(status_matrix(project))
    version = programme_report.refresh(project)
    if version is not None and version.written:
        console.print(f"programme report v{version.version} written (awaits approval): {version.path}")


@app.command("report")
def report(
    language: str = typer.Option(
        None, "--language", help="also write the latest version in this language (e.g. de); English is the original"
    ),
) -> None:
    """Write a new version when the regions' approved documents changed (else say the latest is current)."""
    from advisory.services import programme_report

    project = open_project()
    version = programme_report.refresh(project)
    if version is None:
        console.print("no region has an approved assessment report yet: there is nothing to compare")
        raise typer.Exit(0)
    state = "written" if version.written else "current (the approved documents have not changed)"
    console.print(f"programme report v{version.version}, {version.regions} regions, {state}: {version.path}")
    if language:
        console.print(f"in {language}: {programme_report.export(project, language)}")


@app.command("approve")
def approve(by: str = typer.Option(..., "--by", help="the approving expert")) -> None:
    """Approve the latest version of the programme report."""
    from advisory.services import programme_report

    version = programme_report.approve(open_project(), by)
    console.print(f"approved programme report v{version.version}: {version.path}")
