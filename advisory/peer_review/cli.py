"""`advisory peer-review …`: show the reviewer assignment with reasons, write blank review templates."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from advisory.peer_review.assignment import AssignmentImpossible, Host, assign_reviewers
from advisory.peer_review.intake import write_review_template
from advisory.peer_review.pool import load_reviewers
from advisory.regions import load_regions
from advisory.settings import Settings

app = typer.Typer(help="Peer review: reviewer assignment and review templates.", no_args_is_help=True)


@app.command()
def assign(per_host: int = typer.Option(3, help="reviewers per host region (2 to 6)")) -> None:
    """Print the reviewer assignment for all regions, with why each reviewer was chosen."""
    settings = Settings()
    regions = load_regions(settings.regions_dir)
    pool = load_reviewers(settings.regions_dir / "reviewers.yaml")
    try:
        assignment = assign_reviewers([Host.from_region(r) for r in regions.values()], pool, per_host)
    except AssignmentImpossible as exc:
        for problem in exc.problems:
            typer.echo(f"Cannot assign reviewers: {problem}", err=True)
        raise typer.Exit(1) from None
    table = Table("Host", "Reviewer", "Organisation", "Country", "Why", title="Peer reviewer assignment")
    for code, chosen in assignment.items():
        for a in chosen:
            table.add_row(f"{code} {regions[code].name}", a.name, a.organisation, a.country, "; ".join(a.reasons))
    Console().print(table)


@app.command("review-template")
def review_template(
    region: str = typer.Argument(..., help="host region's NUTS-2 code, e.g. ES61"),
    reviewer: str = typer.Argument(..., help="reviewer id from regions/reviewers.yaml"),
    out: Path = typer.Option(..., "--out", help="where to write the blank review (YAML)"),
) -> None:
    """Write a blank review for a reviewer to fill in and submit."""
    settings = Settings()
    regions = load_regions(settings.regions_dir)
    pool = {r.id: r for r in load_reviewers(settings.regions_dir / "reviewers.yaml")}
    if region.upper() not in regions or reviewer not in pool:
        typer.echo(f"Unknown region {region!r} or reviewer {reviewer!r}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Wrote {write_review_template(regions[region.upper()], pool[reviewer], out)}")
