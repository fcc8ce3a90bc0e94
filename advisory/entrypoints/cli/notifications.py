"""`advisory tick` and `advisory notifications`: the daily pass that moves the work, and what people were told."""

from __future__ import annotations

import datetime as dt

import typer
from rich.table import Table

from advisory.entrypoints.cli.context import open_project
from advisory.entrypoints.cli.terminal import console

app = typer.Typer()


@app.command()
def tick(
    today: str = typer.Option(None, "--today", help="run the pass as on this day (YYYY-MM-DD); default: today"),
    send: bool = typer.Option(True, "--send/--no-send", help="send the queued messages after the pass"),
) -> None:
    """One idempotent pass: close what deadlines close, advance regions, send reminders and notices due today.

    Run it daily (cron: `0 7 * * * cd /path/to/project && .venv/bin/advisory tick`); `advisory serve`
    runs it on its own timer. Running it twice on one day sends nothing twice.
    """
    from advisory.services.tick import tick as daily_pass
    from workflows.programme import run_programme

    project = open_project()
    if today:
        project = _on_day(project, today)
    report = daily_pass(project, lambda regions: run_programme(project.settings, regions), send=send)
    queued = ", ".join(f"{count} {kind}" for kind, count in sorted(report.queued.items())) or "no messages"
    reopened = f"; re-ran {', '.join(report.reopened)}" if report.reopened else ""
    programme = f"; wrote programme report v{report.programme_report}" if report.programme_report else ""
    console.print(
        f"tick for {report.day:%Y-%m-%d}: queued {queued}; sent {report.sent}{reopened}{programme}", highlight=False
    )


@app.command()
def notifications(
    region: str = typer.Argument(None, help="one region only"),
    send: bool = typer.Option(False, "--send", help="send what is queued now"),
    limit: int = typer.Option(50, help="how many of the latest messages to list"),
) -> None:
    """The messages queued and sent (newest first): to whom, what, when, and whether it went out."""
    from advisory.services.notifications import send_outbox

    project = open_project()
    code = project.region(region).code if region else None
    if send:
        report = send_outbox(project)
        console.print(f"sent {report.sent}, retrying {report.retrying}, failed {report.failed}")
    table = Table(title="Messages")
    for column in ("Queued (UTC)", "Region", "To", "Language", "Subject", "Status"):
        table.add_column(column)
    with project.unit_of_work() as uow:
        for reg, message in uow.outbox.messages(code, limit):
            state = message.status + (f" ({message.last_error[:60]})" if message.last_error else "")
            table.add_row(
                f"{message.created_at:%Y-%m-%d %H:%M}",
                reg or "",
                message.recipient,
                message.language,
                message.subject,
                state,
            )
    console.print(table)


def _on_day(project, today: str):
    from advisory.domain.errors import AdvisoryError
    from advisory.services.project import Project

    try:
        day = dt.date.fromisoformat(today)
    except ValueError:
        raise AdvisoryError(f"--today {today!r} is not a date like 2026-12-15") from None
    return Project(project.settings.model_copy(update={"today": day, "now": None}))
