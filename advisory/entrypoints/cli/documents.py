"""`advisory templates check|build` and `advisory export-pdf`: the Word templates, and PDFs of documents."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from advisory.entrypoints.cli.context import fail

if TYPE_CHECKING:
    from advisory.settings import Settings

templates_app = typer.Typer(help="Build and check the Word templates.", no_args_is_help=True)


@templates_app.command("check")
def check(templates_dir: Path = typer.Option(None, help="default: the project's templates folder")) -> None:
    """List undeclared variables (errors) and result fields no template shows (notes)."""
    from advisory.adapters.documents.checks import check_templates
    from advisory.settings import Settings
    from advisory.stages.table import result_models

    issues = check_templates(templates_dir or Settings().templates_dir, result_models())
    for issue in issues:
        typer.echo(f"{issue.kind:10} {issue.template}: {issue.message}")
    errors = [i for i in issues if i.kind == "undeclared"]
    typer.echo(f"{len(errors)} undeclared variables, {len(issues) - len(errors)} unused result fields")
    raise typer.Exit(code=1 if errors else 0)


@templates_app.command("build")
def build(templates_dir: Path = typer.Option(None, help="default: the project's templates folder")) -> None:
    """Every document's template (one per document: its words come from the reader's catalog)."""
    from advisory.adapters.documents.templates import build_template
    from advisory.settings import Settings
    from advisory.stages.table import TEMPLATES

    out = templates_dir or Settings().templates_dir
    for source in TEMPLATES:
        typer.echo(f"built {build_template(source, out)}")


def export_pdf_command(
    paths: list[Path] = typer.Argument(
        None, help="Word documents or region codes (every document of the region); default: every document"
    ),
) -> None:
    """A PDF beside each Word document (needs LibreOffice)."""
    from advisory.adapters.documents.pdf import LibreOfficeMissing, export_pdf
    from advisory.settings import Settings

    settings = Settings()
    documents = [docx for named in paths for docx in _named_documents(named, settings)] if paths else []
    if not paths:
        documents = sorted(settings.output_dir.rglob("*.docx"))
        if not documents:
            fail(f"no Word documents under {settings.output_dir} yet (run the engine first, or name .docx files)")
    for docx in documents:
        try:
            typer.echo(f"exported {export_pdf(docx)}")
        except LibreOfficeMissing as exc:
            fail(str(exc))


def _named_documents(named: Path, settings: Settings) -> list[Path]:
    """The Word document named, or every document of the region a code names; refuses anything else by name."""
    from advisory.adapters.region_profiles import load_regions

    if named.is_file():
        if named.suffix.lower() != ".docx":
            fail(f"{named}: not a Word document (.docx); export-pdf turns Word documents into PDFs")
        return [named]
    regions = load_regions(settings.regions_dir)
    code = str(named).strip().upper()
    if code in regions:
        found = sorted((settings.output_dir / code).glob("*.docx"))
        if not found:
            fail(f"{code} has no Word documents yet under {settings.output_dir / code}")
        return found
    fail(f"{named}: no such file, and not a region code (the regions are {', '.join(sorted(regions))})")
    return []
