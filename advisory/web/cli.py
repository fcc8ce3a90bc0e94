"""`advisory serve` and `advisory contacts invite|revoke|list`: the portal's commands, mounted by the main CLI."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from advisory.access import AccessRefused, AccessTokens, Role

app = typer.Typer(help="The web portal.", no_args_is_help=True, pretty_exceptions_enable=False)
contacts_app = typer.Typer(help="Personal sign-in links for contacts, reviewers, experts and coordinators.",
                           no_args_is_help=True, pretty_exceptions_enable=False)
console = Console()


def open_project():
    from advisory.cli import open_project as opened

    return opened()


def portal_advance(settings):
    """The background advance for the real portal: one Prefect flow run of the region's engagement."""
    def advance(region: str) -> None:
        from workflows.engagement import advance_engagement

        advance_engagement(region, settings)

    return advance


@app.command()
def serve(host: str = typer.Option("127.0.0.1", help="address to listen on"),
          port: int = typer.Option(8000, help="port to listen on")) -> None:
    """Start the portal on the project database; open the printed address with a personal link."""
    import uvicorn

    from advisory.input_kinds import INPUT_KINDS
    from advisory.web.app import create_app

    project = open_project()
    portal = create_app(project, INPUT_KINDS, portal_advance(project.settings))
    console.print(f"Portal on http://{host}:{port}/ - sign in with a link from `advisory contacts invite`.")
    uvicorn.run(portal, host=host, port=port, log_level="warning", proxy_headers=False, server_header=False)


@contacts_app.command()
def invite(
    region: str = typer.Argument(..., help="NUTS-2 code of the region (ignored for experts and coordinators)"),
    email: str = typer.Argument(..., help="who receives the link"),
    role: Role = typer.Option(Role.CONTACT, "--role", help="contact, reviewer, expert or coordinator"),
    days: int = typer.Option(30, "--days", min=1, max=365, help="days until the link expires"),
    reviewer_id: str = typer.Option(None, "--reviewer-id", help="the reviewer's id in the pool (reviewers only)"),
    base_url: str = typer.Option("http://127.0.0.1:8000", "--base-url", help="the portal's public address"),
    by: str = typer.Option("expert", "--by", help="who issues the link"),
) -> None:
    """Issue a personal sign-in link and print it (it is shown once; only its hash is stored)."""
    project = open_project()
    try:
        code = project.region(region).code if role in (Role.CONTACT, Role.REVIEWER) else None
    except KeyError as exc:
        console.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from None
    try:
        with project.unit_of_work() as uow:
            issued = AccessTokens(uow.session).issue(role=role, email=email, region=code, reviewer_id=reviewer_id,
                                                     days=days, issued_by=by)
            uow.engagements.log(code, by, "token_issued", role=role.value, email=email, token_id=issued.token_id)
            uow.commit()
    except AccessRefused as exc:
        console.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from None
    console.print(f"Link for {email} ({role.value}{' of ' + code if code else ''}), "
                  f"valid until {issued.expires_at:%Y-%m-%d}, token id {issued.token_id}:")
    typer.echo(f"{base_url.rstrip('/')}/signin?token={issued.token}")


@contacts_app.command()
def revoke(token_id: int = typer.Argument(..., help="the token id shown by `invite` and `list`"),
           by: str = typer.Option("expert", "--by")) -> None:
    """Withdraw a link at once."""
    project = open_project()
    with project.unit_of_work() as uow:
        done = AccessTokens(uow.session).revoke(token_id)
        if done:
            uow.engagements.log(None, by, "token_revoked", token_id=token_id)
        uow.commit()
    console.print(f"token {token_id} revoked" if done else f"token {token_id}: unknown or already revoked")
    if not done:
        raise typer.Exit(1)


@contacts_app.command(name="list")
def listing(region: str = typer.Argument(None, help="one region only")) -> None:
    """Every link issued: who, role, region, expiry, revocation, last use."""
    project = open_project()
    code = project.region(region).code if region else None
    table = Table(title="Portal access")
    for column in ("Id", "Email", "Role", "Region", "Reviewer", "Expires", "Revoked", "Last used"):
        table.add_column(column)
    with project.unit_of_work() as uow:
        rows = AccessTokens(uow.session).listing(code)
    for row in rows:
        table.add_row(str(row.id), row.email, row.role.value, row.region or "", row.reviewer_id or "",
                      f"{row.expires_at:%Y-%m-%d}", f"{row.revoked_at:%Y-%m-%d}" if row.revoked_at else "",
                      f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "")
    console.print(table)
