"""The `advisory` command: run engagements, record inputs, approve documents, watch progress."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from advisory.settings import Settings
from advisory.terminal import STATUS_STYLE, console, print_status

app = typer.Typer(
    help="Advisory engine of the Cluster Observatory: six model demonstrator regions, five stages each.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)



def open_project():
    from advisory.project import Project
    from workflows.runtime import configure_prefect, use_project

    settings = Settings()
    configure_prefect(settings)
    project = Project(settings)
    use_project(project)
    return project


def fail(message: str) -> None:
    console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(2)


@app.command()
def status(region: str = typer.Option(None, help="show one region only (NUTS-2 code, any case)")) -> None:
    """Region x stage matrix: status, last change, and what each waiting stage is missing."""
    from advisory.status import status_matrix

    project = open_project()
    rows = status_matrix(project)
    if region:
        rows = [r for r in rows if r.region == project.region(region).code]
    print_status(rows)


@app.command()
def run(region: str = typer.Argument(..., help="NUTS-2 code of the region, any case")) -> None:
    """Advance one region: run every stage whose inputs are complete, until one waits on people."""
    project = open_project()
    try:
        code = project.region(region).code
    except KeyError as exc:
        fail(str(exc))
    from workflows.engagement import advance_engagement

    for outcome in advance_engagement(code, project.settings):
        written = f" (wrote {', '.join(outcome.documents_written)})" if outcome.documents_written else ""
        missing = f": {outcome.missing}" if outcome.missing else ""
        console.print(f"{code} {outcome.stage}: [{STATUS_STYLE[outcome.status]}]{outcome.status}[/]{missing}{written}")


@app.command()
def programme() -> None:
    """Advance every demonstrator region concurrently (one flow run per region)."""
    project = open_project()
    from advisory.status import status_matrix
    from workflows.programme import run_programme

    run_programme(project.settings)
    print_status(status_matrix(project))


@app.command()
def demo() -> None:
    """The embedded demo: every region through every stage with the example inputs in demo/."""
    from advisory.demo import run_demo

    project = open_project()
    run_demo(project, console)


@app.command()
def approve(
    region: str, stage: str, by: str = typer.Option("expert", "--by", help="the approving expert")
) -> None:
    """Approve a stage's latest document (the stage must be ready for approval), then advance the region."""
    from advisory.intake import ActionRefused
    from advisory.intake import approve as approve_stage

    project = open_project()
    try:
        approved = approve_stage(project, region, stage, by)
    except (ActionRefused, KeyError) as exc:
        fail(str(exc))
    console.print(f"approved {approved['document']} v{approved['version']}: {approved['path']}")
    run(region)


@app.command()
def close(region: str, stage: str, by: str = typer.Option("expert", "--by")) -> None:
    """Close a waiting survey or peer review early (with the responses received so far), then advance."""
    from advisory.intake import ActionRefused, close_stage

    project = open_project()
    try:
        close_stage(project, region, stage, by)
    except (ActionRefused, KeyError) as exc:
        fail(str(exc))
    run(region)


def submit(kind: str, region: str, file: Path, by: str) -> None:
    """Store a file as received, validate it, record it, and advance the region when accepted."""
    from advisory.input_kinds import INPUT_KINDS
    from advisory.intake import submit_file

    project = open_project()
    if not file.is_file():
        fail(f"{file}: no such file")
    if file.stat().st_size > project.settings.max_upload_bytes:
        fail(f"{file}: {file.stat().st_size:,} bytes; the limit is {project.settings.max_upload_bytes:,} bytes")
    try:
        receipt = submit_file(project, INPUT_KINDS, region, kind, file.name, file.read_bytes(), by)
    except KeyError as exc:
        fail(str(exc))
    if receipt.outcome == "rejected":
        console.print(f"[bold red]rejected[/] {file.name} (stored as upload {receipt.upload_id}, sha256 {receipt.sha256[:12]}):")
        for problem in receipt.problems:
            console.print(f"  - {problem}", markup=False, highlight=False)
        raise typer.Exit(1)
    if receipt.outcome == "duplicate":
        console.print(f"{file.name} was already accepted; nothing changed (upload {receipt.upload_id})")
        return
    console.print(
        f"[green]accepted[/] {file.name}: {receipt.recorded} recorded ({receipt.superseded} superseding earlier ones), "
        f"{receipt.unchanged} unchanged; upload {receipt.upload_id}, sha256 {receipt.sha256[:12]}"
    )
    run(region)


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


# --- inputs, by who sends them ---------------------------------------------------------------
def _mount() -> None:
    from advisory.backup_cli import app as backup_app
    from advisory.benchmarking.cli import app as benchmark_app
    from advisory.documents.cli import export as export_pdf
    from advisory.documents.cli import templates as templates_app
    from advisory.peer_review.cli import app as peer_review_app
    from advisory.web.cli import app as web_app
    from advisory.web.cli import contacts_app
    from surveys.cli import app as survey_app

    assessment_app = typer.Typer(help="Stage 1 inputs: the policy self-assessment and the expert's findings.")
    briefing_app = typer.Typer(help="Stage 5: the expert's edits to the generated recommendations.")

    @survey_app.command("submit")
    def survey_submit(
        region: str, file: Path, by: str = typer.Option("regional contact", "--by", help="who sends it")
    ) -> None:
        """Submit survey responses (the region's Excel workbook or a CSV); every problem is listed on rejection."""
        submit("survey_response", region, file, by)

    @peer_review_app.command("submit")
    def review_submit(region: str, file: Path, by: str = typer.Option("peer reviewer", "--by")) -> None:
        """Submit a peer review (YAML or Excel) for a region the reviewer is assigned to."""
        submit("peer_review", region, file, by)

    @assessment_app.command("stress-test")
    def stress_test(region: str, file: Path, by: str = typer.Option("regional policy maker", "--by")) -> None:
        """Submit the region's policy self-assessment (YAML)."""
        submit("stress_test", region, file, by)

    @assessment_app.command("findings")
    def findings(region: str, file: Path, by: str = typer.Option("expert", "--by")) -> None:
        """Record findings from stakeholder interviews (YAML); a finding with the same id replaces the earlier one."""
        submit("expert_findings", region, file, by)

    @briefing_app.command("edits")
    def edits(region: str, file: Path, by: str = typer.Option("expert", "--by")) -> None:
        """Record the expert's edits to the briefing's recommendations (YAML); the briefing is re-rendered."""
        submit("briefing_edits", region, file, by)

    app.add_typer(assessment_app, name="assessment")
    app.add_typer(survey_app, name="survey")
    app.add_typer(benchmark_app, name="benchmark")
    app.add_typer(peer_review_app, name="peer-review")
    app.add_typer(briefing_app, name="briefing")
    app.add_typer(templates_app, name="templates")
    app.command("export-pdf")(export_pdf)
    app.add_typer(contacts_app, name="contacts")
    for command in [*web_app.registered_commands, *backup_app.registered_commands]:
        app.registered_commands.append(command)


_mount()


if __name__ == "__main__":
    app()
