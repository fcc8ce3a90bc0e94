"""`advisory peer-review assign|review-template|submit`: the reviewer assignment, blank reviews, and reviews."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from advisory.entrypoints.cli.context import open_project
from advisory.entrypoints.cli.terminal import console

app = typer.Typer(help="Peer review: reviewer assignment and review templates.", no_args_is_help=True)


@app.command()
def assign(per_host: int = typer.Option(3, help="reviewers per host region (2 to 6)")) -> None:
    """The reviewers of every region: the assignment recorded in its meeting pack, or a proposal where none is."""
    from advisory.services.reviewers import reviewer_assignment

    project = open_project()
    table = Table("Host", "", "Reviewer", "Organisation", "Country", "Why", title="Peer reviewer assignment")
    for row in reviewer_assignment(project, per_host):
        label = f"recorded (pack v{row.pack_version})" if row.recorded else "proposed"
        for a in row.reviewers:
            table.add_row(
                f"{row.region} {project.regions[row.region].name}",
                label,
                a.name,
                a.organisation,
                a.country,
                "; ".join(str(reason) for reason in a.reasons),
            )
    console.print(table)


@app.command()
def meeting(
    region: str = typer.Argument(..., help="host region's NUTS-2 code, e.g. SI03"),
    start: str = typer.Option(..., "--start", help="the first of the two meeting days, e.g. 2027-02-09"),
    by: str = typer.Option(..., "--by", help="the expert who agreed the dates with the region"),
) -> None:
    """Set the region's two peer-review meeting days (the engine proposes dates; the expert decides)."""
    import datetime as dt

    from advisory.entrypoints.cli.context import fail
    from advisory.entrypoints.cli.engagements import advance_and_print
    from advisory.services.approvals import set_meeting

    try:
        day = dt.date.fromisoformat(start)
    except ValueError:
        fail(f"--start must be a date like 2027-02-09, not {start!r}")
    project = open_project()
    set_meeting(project, region, day, by)
    console.print(f"peer review meeting of {project.region(region).name}: {day} and {day + dt.timedelta(days=1)}")
    advance_and_print(project, project.region(region).code)


@app.command("review-template")
def review_template(
    region: str = typer.Argument(..., help="host region's NUTS-2 code, e.g. ES61"),
    reviewer: str = typer.Argument(..., help="reviewer id from the reviewer pool"),
    out: Path = typer.Option(..., "--out", help="where to write the blank review (YAML)"),
) -> None:
    """Write a blank review for a reviewer to fill in and submit."""
    from advisory.domain.errors import UnknownReviewer
    from advisory.stages.peer_review.pool import load_reviewers
    from advisory.stages.peer_review.workbook import write_review_template

    project = open_project()
    host = project.region(region)
    pool = {r.id: r for r in load_reviewers(project.settings.regions_dir / "reviewers.yaml")}
    if reviewer not in pool:
        raise UnknownReviewer(f"unknown reviewer {reviewer!r}; the reviewer pool has {', '.join(sorted(pool))}")
    typer.echo(f"Wrote {write_review_template(host, pool[reviewer], out)}")
