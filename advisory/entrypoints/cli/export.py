"""`advisory export REGION DOCUMENT --language LANG --out FILE`: a document's latest version, in any language."""

from __future__ import annotations

from pathlib import Path

import typer

from advisory.entrypoints.cli.context import open_project


def export_command(
    region: str = typer.Argument(..., help="the region's code, e.g. DED2"),
    document: str = typer.Argument(
        ..., help="the document, e.g. benchmarking_report or policy_briefing (or a stage that writes one document)"
    ),
    out: Path = typer.Option(..., "--out", "-o", help="the file to write: .docx, .pdf or .json"),
    language: str = typer.Option(None, "--language", "-l", help="e.g. en, de, pl; default: the region's language"),
) -> None:
    """Write the latest version of a document again, in any supported language, as Word, PDF or JSON.

    Makes no new version and changes nothing in the project: the stored result is rendered anew."""
    from advisory.services.export import export_document

    exported = export_document(open_project(), region, document, language, out)
    typer.echo(
        f"{exported.region} {exported.document} version {exported.version} ({exported.language}) "
        f"written to {exported.path}"
    )
