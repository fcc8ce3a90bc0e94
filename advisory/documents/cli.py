"""`advisory templates check|build` and `advisory export-pdf`: a typer sub-app the main CLI mounts."""

from __future__ import annotations

from pathlib import Path

import typer

from advisory.documents.checks import check_templates
from advisory.documents.pdf import export_pdf
from advisory.documents.templates import DOCUMENTS, build_template, languages
from advisory.settings import Settings

templates = typer.Typer(help="Build and check the Word templates.")
app = typer.Typer(help="Document commands.")
app.add_typer(templates, name="templates")


@templates.command("check")
def check(templates_dir: Path = typer.Option(None, help="default: Settings().templates_dir")) -> None:
    """List undeclared variables (errors) and result fields no template shows (notes)."""
    issues = check_templates(templates_dir or Settings().templates_dir)
    for issue in issues:
        typer.echo(f"{issue.kind:10} {issue.template}: {issue.message}")
    errors = [i for i in issues if i.kind == "undeclared"]
    typer.echo(f"{len(errors)} undeclared variables, {len(issues) - len(errors)} unused result fields")
    raise typer.Exit(code=1 if errors else 0)


@templates.command("build")
def build(templates_dir: Path = typer.Option(None, help="default: Settings().templates_dir")) -> None:
    """Every document's template in every language its source offers."""
    out = templates_dir or Settings().templates_dir
    for document in DOCUMENTS:
        try:
            built = [build_template(document, out, language) for language in languages(document)]
        except ModuleNotFoundError:
            typer.echo(f"skipped {document}: no template source yet")
            continue
        typer.echo("\n".join(f"built {path}" for path in built))


@app.command("export-pdf")
def export(paths: list[Path] = typer.Argument(None, help="default: every .docx under the output folder")) -> None:
    """A PDF beside each Word document, when LibreOffice is installed."""
    for docx in paths or sorted(Settings().output_dir.rglob("*.docx")):
        pdf = export_pdf(docx)
        if pdf is None:
            raise typer.Exit(code=0)
        typer.echo(f"exported {pdf}")
