"""Commands on engagements: status, run, programme, demo, approve, close, documents, events."""

from __future__ import annotations

import typer
from rich.table import Table

from advisory.entrypoints.cli.context import open_project
from advisory.entrypoints.cli.terminal import STATUS_STYLE, console, print_status

app = typer.Typer()


@app.command()
def status(region: str = typer.Option(None, help="show one region only (NUTS-2 code, any case)")) -> None:
    """Region x stage matrix: status, last change, and what each waiting stage is missing."""
    from advisory.services.status import status_matrix

    project = open_project()
    code = project.region(region).code if region else None
    print_status([row for row in status_matrix(project) if code is None or row.region == code])


@app.command()
def run(region: str = typer.Argument(..., help="NUTS-2 code of the region, any case")) -> None:
    """Advance one region: run every stage whose inputs are complete, until one waits on people."""
    project = open_project()
    advance_and_print(project, project.region(region).code)


def advance_and_print(project, code: str) -> None:
    from workflows.engagement import advance_engagement

    for outcome in advance_engagement(code, project.settings):
        written = f" (wrote {', '.join(outcome.documents_written)})" if outcome.documents_written else ""
        missing = f": {outcome.missing}" if outcome.missing else ""
        console.print(f"{code} {outcome.stage}: [{STATUS_STYLE[outcome.status]}]{outcome.status}[/]{missing}{written}")


@app.command()
def demo() -> None:
    """The embedded demo: every region through every stage with the example inputs in demo/."""
    from workflows.programme import run_programme, warm_up

    project = open_project()
    warm_up(project.settings)  # Prefect's temporary server starts while the demo's modules load
    from advisory.services.demo import run_demo

    summary = run_demo(
        project, console, advance=lambda regions: run_programme(project.settings, regions), calendar=True
    )
    print_status(summary.rows)
    verdict = "every region completed all five stages" if summary.done else "some regions did not finish (see above)"
    console.print(f"[bold]{verdict}[/] in {summary.seconds:.1f} s; documents under {project.settings.output_dir}")
    if not summary.changed:
        console.print("Nothing changed since the last run: no new input, approval or document; nothing was rewritten.")
    if not summary.done:
        raise typer.Exit(1)


@app.command()
def approve(
    region: str,
    stage: str,
    by: str = typer.Option(..., "--by", help="the approving expert, as the document's approval names them"),
) -> None:
    """Approve a stage's latest document (the stage must be ready for approval), then advance the region."""
    from advisory.services import programme_report
    from advisory.services.approvals import approve as approve_stage

    project = open_project()
    approved = approve_stage(project, region, stage, by)
    console.print(f"approved {approved['document']} v{approved['version']}: {approved['path']}")
    advance_and_print(project, project.region(region).code)
    programme = programme_report.refresh(project)
    if programme is not None and programme.written:
        console.print(f"programme report v{programme.version} written (awaits approval): {programme.path}")


@app.command()
def close(
    region: str, stage: str, by: str = typer.Option(..., "--by", help="the expert closing it, for the event log")
) -> None:
    """Close a waiting survey or peer review early (with the responses received so far), then advance."""
    from advisory.services.approvals import close_stage

    project = open_project()
    close_stage(project, region, stage, by)
    advance_and_print(project, project.region(region).code)


@app.command()
def documents(region: str = typer.Argument(None)) -> None:
    """Every document version written, with its hash, inputs hash and approval."""
    project = open_project()
    code = project.region(region).code if region else None
    table = Table(title="Documents")
    for column in ("Region", "Document", "Version", "Approved", "sha256", "Path"):
        table.add_column(column)
    with project.unit_of_work() as uow:
        for reg, doc in uow.engagements.documents(code):
            approved = f"{doc.approved_by} {doc.approved_at:%Y-%m-%d}" if doc.approved_at else ""
            table.add_row(reg, doc.document, str(doc.version), approved, doc.sha256[:12], doc.path)
    console.print(table)


@app.command()
def events(region: str = typer.Argument(None), limit: int = 50) -> None:
    """The append-only event log (newest first): who did what, when."""
    project = open_project()
    code = project.region(region).code if region else None
    table = Table(title="Event log")
    for column in ("When (UTC)", "Region", "Who", "What", "Detail"):
        table.add_column(column)
    with project.unit_of_work() as uow:
        for reg, event in uow.engagements.events(code, limit):
            detail = ", ".join(f"{k}={v}" for k, v in event.detail.items() if k != "error")
            table.add_row(f"{event.at:%Y-%m-%d %H:%M:%S}", reg or "", event.actor, event.action, detail)
    console.print(table)
