"""`advisory region add|check`: a new demonstrator region joins the programme."""

from __future__ import annotations

import typer

from advisory.entrypoints.cli.context import fail, open_project
from advisory.entrypoints.cli.terminal import console

app = typer.Typer(help="Demonstrator regions: add one, check a drafted profile.", no_args_is_help=True)


@app.command("add")
def add(
    code: str = typer.Argument(..., help="the region's NUTS-2 code (NUTS 2021), e.g. ITF4"),
    challenge: str = typer.Option("", "--challenge", help="the region's challenge or opportunity"),
    focus: str = typer.Option("", "--focus", help="focus industries, comma-separated"),
    contact: list[str] = typer.Option([], "--contact", help='a regional contact as "Name <email>" (repeatable)'),
    language: str = typer.Option(None, "--language", help="the region's language; default: its country's"),
) -> None:
    """Draft the region's profile from the NUTS names; complete profiles go straight into regions/."""
    from advisory.services.regions import add_region

    project = open_project()
    contacts = [_contact(text) for text in contact]
    focus_industries = [item.strip() for item in focus.split(",") if item.strip()]
    drafted = add_region(
        project, code, challenge=challenge, focus_industries=focus_industries, contacts=contacts, language=language
    )
    if drafted.complete:
        console.print(f"[green]added[/] {drafted.path}; run `advisory run {code.upper()}` to start its engagement")
    else:
        console.print(
            f"drafted {drafted.path}; fill in {', '.join(drafted.missing)} there, "
            f"then run `advisory region check {code.upper()}`"
        )


@app.command("check")
def check(code: str = typer.Argument(..., help="the drafted region's code")) -> None:
    """Check a drafted profile and, when it is complete, put it in place."""
    from advisory.services.regions import check_draft

    placed = check_draft(open_project(), code)
    console.print(f"[green]added[/] {placed}; run `advisory run {code.upper()}` to start its engagement")


def _contact(text: str) -> dict[str, str]:
    name, _, rest = text.partition("<")
    email = rest.rstrip(">").strip()
    if not email or "@" not in email:
        fail(f'--contact {text!r} is not "Name <email>"')
    return {"name": name.strip() or email, "email": email}
