"""`advisory serve` and `advisory contacts invite|revoke|list`: the portal and the personal links that open it."""

from __future__ import annotations

import logging
import threading
import time

import typer
from rich.table import Table

from advisory.domain.roles import Role
from advisory.entrypoints.cli.context import fail, open_project
from advisory.entrypoints.cli.terminal import console

app = typer.Typer(help="The web portal.", no_args_is_help=True, pretty_exceptions_enable=False)
contacts_app = typer.Typer(
    help="Personal sign-in links for contacts, reviewers, experts and coordinators.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def portal_advance(settings):
    """The background advance for the real portal: one Prefect flow run of the region's engagement."""

    def advance(region: str) -> None:
        from workflows.engagement import advance_engagement

        advance_engagement(region, settings)

    return advance


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="address to listen on"),
    port: int = typer.Option(8000, help="port to listen on"),
    proxy_headers: bool = typer.Option(
        False,
        "--proxy-headers/--no-proxy-headers",
        help="behind a reverse proxy: trust its X-Forwarded-For/-Proto (client address, https) "
        "when it connects from --forwarded-allow-ips",
    ),
    forwarded_allow_ips: str = typer.Option(
        "127.0.0.1", "--forwarded-allow-ips", help="the proxy's addresses, comma-separated ('*' trusts any)"
    ),
    tick_minutes: int = typer.Option(
        60, "--tick-minutes", min=0, help="run the daily pass (deadlines, reminders, notices) this often; 0: never"
    ),
) -> None:
    """Start the portal on the project database; open the printed address with a personal link."""
    import uvicorn

    from advisory.entrypoints.web.app import create_app
    from advisory.stages.table import INPUT_KINDS

    project = open_project()
    portal = create_app(project, INPUT_KINDS, portal_advance(project.settings))
    if tick_minutes:
        start_ticking(project, tick_minutes)
    console.print(f"Portal on http://{host}:{port}/ - sign in with a link from `advisory contacts invite`.")
    uvicorn.run(
        portal,
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=proxy_headers,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
    )


@contacts_app.command()
def invite(
    region: str = typer.Argument(..., help="NUTS-2 code of the region (ignored for experts and coordinators)"),
    email: str = typer.Argument(..., help="who receives the link"),
    by: str = typer.Option(..., "--by", help="who issues the link (recorded in the event log)"),
    role: Role = typer.Option(Role.CONTACT, "--role", help="contact, reviewer, expert or coordinator"),
    name: str = typer.Option(None, "--name", help="the person's name, as documents credit their edits"),
    days: int = typer.Option(30, "--days", min=1, max=365, help="days until the link expires"),
    reviewer_id: str = typer.Option(
        None, "--reviewer-id", help="reviewers only: their id in the pool; they must be assigned to the region"
    ),
    base_url: str = typer.Option(None, "--base-url", help="the portal's public address (ADVISORY_PORTAL_URL)"),
    send: bool = typer.Option(False, "--send", help="e-mail the link to the person, in their language"),
) -> None:
    """Issue a personal sign-in link and print it (it is shown once; only its hash is stored); --send mails it."""
    from advisory.services.invitations import invite as issue_link
    from advisory.services.notifications import send_outbox
    from advisory.services.project import Project

    project = open_project()
    if base_url:
        project = Project(project.settings.model_copy(update={"portal_url": base_url}))
    made = issue_link(
        project,
        role=role,
        email=email,
        region=region,
        by=by,
        days=days,
        reviewer_id=reviewer_id,
        name=name,
        send=send,
    )
    where = f" of {made.region}" if made.region else ""
    console.print(
        f"Link for {made.email} ({made.role.value}{where}), "
        f"valid until {made.issued.expires_at:%Y-%m-%d}, token id {made.issued.token_id}:",
        highlight=False,
    )
    typer.echo(f"{project.settings.portal_url.rstrip('/')}/signin?token={made.issued.token}")
    if send:
        report = send_outbox(project)
        where = project.settings.smtp_url or project.settings.outbox_dir
        console.print(f"sent {report.sent} message(s) ({where}); failed {report.failed}, retrying {report.retrying}")


@contacts_app.command()
def revoke(
    token_id: int = typer.Argument(..., help="the token id shown by `invite` and `list`"),
    by: str = typer.Option(..., "--by", help="who withdraws the link (recorded in the event log)"),
) -> None:
    """Withdraw a link at once: every session it opened ends too."""
    project = open_project()
    with project.unit_of_work() as uow:
        done = uow.tokens.revoke(token_id)
        if done:
            uow.engagements.log(None, by, "token_revoked", token_id=token_id)
        uow.commit()
    if not done:
        fail(f"no link with token id {token_id} to withdraw (unknown, or withdrawn already); see `contacts list`")
    console.print(f"token {token_id} revoked")


@contacts_app.command(name="list")
def listing(region: str = typer.Argument(None, help="one region only")) -> None:
    """Every link issued: who, role, region, expiry, revocation, last use."""
    project = open_project()
    code = project.region(region).code if region else None
    table = Table(title="Portal access")
    for column in ("Id", "Email", "Name", "Role", "Region", "Reviewer", "Expires", "Revoked", "Last used"):
        table.add_column(column)
    with project.unit_of_work() as uow:
        rows = uow.tokens.listing(code)
    for row in rows:
        table.add_row(
            str(row.id),
            row.email,
            row.name or "",
            row.role.value,
            row.region or "",
            row.reviewer_id or "",
            f"{row.expires_at:%Y-%m-%d}",
            f"{row.revoked_at:%Y-%m-%d}" if row.revoked_at else "",
            f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "",
        )
    console.print(table)


def start_ticking(project, minutes: int) -> threading.Thread:
    """The daily pass in the background while the portal serves; it is idempotent, so running it hourly is safe."""
    from advisory.services.tick import tick
    from workflows.programme import run_programme

    def loop() -> None:
        while True:
            try:
                tick(project, lambda regions: run_programme(project.settings, regions))
            except Exception:  # the portal keeps serving; the failure is in the log for the operator
                logging.getLogger("advisory.tick").exception("the daily pass failed")
            time.sleep(minutes * 60)

    thread = threading.Thread(target=loop, name="advisory-tick", daemon=True)
    thread.start()
    return thread
