"""Commands that send inputs, grouped by who sends them: self-assessments, findings, survey files, reviews, edits."""

from __future__ import annotations

from pathlib import Path

import typer

from advisory.entrypoints.cli.context import fail, open_project
from advisory.entrypoints.cli.engagements import advance_and_print
from advisory.entrypoints.cli.terminal import console

assessment_app = typer.Typer(
    help="Stage 1 inputs: the policy self-assessment and the expert's findings.", no_args_is_help=True
)
briefing_app = typer.Typer(help="Stage 5: the expert's edits to the generated recommendations.", no_args_is_help=True)


def submit(kind: str, region: str, file: Path, by: str, language: str = "en") -> None:
    """Store a file as received, validate it, record it, and advance the region when accepted.

    Problems are listed in `language` (English unless asked): the expert at the terminal reads them,
    whatever the region's language; contacts read them in theirs on the portal.
    """
    from advisory.services.submissions import submit_file
    from advisory.stages.table import INPUT_KINDS

    project = open_project()
    code = project.region(region).code
    if not file.is_file():
        fail(f"{file}: no such file" if not file.exists() else f"{file}: not a file")
    with file.open("rb") as handle:  # one byte past the limit is enough for the refusal to say so
        data = handle.read(project.settings.max_upload_bytes + 1)
    receipt = submit_file(project, INPUT_KINDS, code, kind, file.name, data, by, language=language)
    if receipt.outcome == "rejected":
        console.print(
            f"[bold red]rejected[/] {file.name} (stored as upload {receipt.upload_id}, sha256 {receipt.sha256[:12]}):"
        )
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
    advance_and_print(project, code)


@assessment_app.command("stress-test")
def stress_test(region: str, file: Path, by: str = typer.Option("regional policy maker", "--by")) -> None:
    """Submit the region's policy self-assessment (YAML, or the workbook of `advisory assessment template`)."""
    submit("stress_test", region, file, by)


@assessment_app.command("template")
def template(
    region: str = typer.Argument(..., help="NUTS-2 code of the region, in any case, e.g. si03"),
    form: str = typer.Option("stress-test", "--form", help="stress-test (for the region) or findings (for the expert)"),
    out: Path = typer.Option(..., "--out", help="where to write the Excel workbook (.xlsx)"),
    language: str | None = typer.Option(None, help="language of the questions; the region's for the stress test"),
) -> None:
    """Write the workbook of the policy self-assessment or of the expert's findings, to fill in and send back."""
    from advisory.stages.assessment.workbook import write_findings_workbook, write_stress_test_workbook

    project = open_project()
    profile = project.region(region)
    if out.suffix.lower() != ".xlsx":
        fail(f"the workbook must be an .xlsx file, not {out.name!r}")
    if form == "stress-test":
        path = write_stress_test_workbook(profile, out, language)
    elif form == "findings":
        path = write_findings_workbook(profile, out, language or "en")
    else:
        fail(f"unknown form {form!r}; the forms are stress-test and findings")
    console.print(f"{form} workbook for {profile.name} ({profile.code}) written to {path}", highlight=False)


@assessment_app.command("findings")
def findings(region: str, file: Path, by: str = typer.Option(..., "--by", help="the expert recording them")) -> None:
    """Record findings from stakeholder interviews (YAML or the findings workbook); a finding with the same id
    replaces the earlier one."""
    submit("expert_findings", region, file, by)


@briefing_app.command("edits")
def edits(region: str, file: Path, by: str = typer.Option(..., "--by", help="the expert who made the edits")) -> None:
    """Record the expert's edits to the briefing's recommendations (YAML); the briefing is re-rendered."""
    submit("briefing_edits", region, file, by)


def survey_submit(
    region: str,
    file: Path,
    by: str = typer.Option("regional contact", "--by", help="who sends it"),
    language: str = typer.Option("en", "--language", help="language of the problems listed on a refusal"),
) -> None:
    """Submit survey responses (the region's Excel workbook or a CSV); every problem is listed on rejection."""
    from advisory.adapters.i18n import check_language

    submit("survey_response", region, file, by, check_language(language))


def review_submit(region: str, file: Path, by: str = typer.Option("peer reviewer", "--by")) -> None:
    """Submit a peer review (YAML or Excel) for a region the reviewer is assigned to."""
    submit("peer_review", region, file, by)
