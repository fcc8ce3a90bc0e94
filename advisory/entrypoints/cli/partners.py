"""`advisory partners REGION [--sector S] [--top N]`: candidate partner regions, ranked, with the reasons."""

from __future__ import annotations

import textwrap

import typer
from rich.markup import escape

from advisory.entrypoints.cli.terminal import console
from advisory.settings import Settings


def partners_command(
    region: str = typer.Argument(..., help="NUTS-2 code of the region, any case (any region of the reference data)"),
    sector: str = typer.Option(
        None, "--sector", help="only partners with cluster stars in this NACE division (e.g. C29) or focus industry"
    ),
    top: int = typer.Option(10, "--top", min=1, max=100, help="how many candidates to list"),
) -> None:
    """Candidate partner regions for joint projects or a European Strategic Cluster Partnership, with the reasons."""
    from advisory.stages.partners import find_partners

    settings = Settings()
    print_partners(find_partners(settings.datasets_dir, settings.regions_dir, region, sector, top))


def print_partners(search) -> None:
    from advisory.domain.partners import FOCUS_WEIGHT

    home = search.region
    console.print(
        f"[bold]Partner regions for {escape(home.name)} ({home.code})[/], "
        f"{search.considered} regions of the reference data considered",
        highlight=False,
    )
    if search.sector is not None:
        console.print(f"Sector searched for: {escape(search.sector)} = NACE {', '.join(search.focus)}", highlight=False)
    elif search.focus_industries:
        mapped = f" = NACE {', '.join(search.focus)}" if search.focus else ""
        console.print(f"Focus industries: {escape(', '.join(search.focus_industries))}{mapped}", highlight=False)
        if search.unmapped_focus:
            console.print(
                f"[yellow]Not in the focus-industry table (not counted):[/] {escape(', '.join(search.unmapped_focus))}",
                highlight=False,
            )
    else:
        console.print("No focus industries on record (not a demonstrator region): shared stars and domains only.")
    console.print(f"[dim]Rule: {escape(str(search.rule))}.[/]", highlight=False)
    console.print(f"[dim]Data: {escape(str(search.data))}[/]", highlight=False)
    if not search.candidates:
        where = f"in {search.sector}" if search.sector else "in its focus industries or shared sectors"
        console.print(f"No region of the reference data has cluster stars {escape(where)}.", highlight=False)
        return
    for candidate in search.candidates:
        match = candidate.match
        console.print(
            f"\n[bold]{candidate.rank:>2}. {escape(match.name)} ({match.code})[/]  score {match.score} = "
            f"{FOCUS_WEIGHT} x {match.focus_points} focus + {match.shared_points} shared + "
            f"{match.complementary_domains} complementary",
            highlight=False,
        )
        for reason in candidate.reasons:
            # wrapped here, so that continuation lines keep the indent and carry no trailing blanks
            lines = textwrap.fill(
                str(reason), width=max(console.width, 60), initial_indent="    - ", subsequent_indent="      "
            )
            console.print(escape(lines), highlight=False, soft_wrap=True)
