"""`advisory backup --out DIR` and `advisory restore DIR`: the project database and every document, checked."""

from __future__ import annotations

from pathlib import Path

import typer

from advisory.entrypoints.cli.terminal import console

app = typer.Typer(help="Back up and restore the project database and documents.", no_args_is_help=True)


@app.command("backup")
def backup_command(out: Path = typer.Option(..., "--out", help="a new, empty directory for the backup")) -> None:
    """Write a consistent copy of the database and every document, with a sha256 manifest."""
    from advisory.services.backup import backup
    from advisory.settings import Settings

    manifest = backup(Settings(), out)
    rows = sum(manifest.tables.values())
    console.print(f"backed up {rows:,} rows of {manifest.database} and {len(manifest.documents)} documents to {out}")


@app.command("restore")
def restore_command(source: Path = typer.Argument(..., help="a directory written by `advisory backup`")) -> None:
    """Restore a backup into an empty database and an empty output directory; every hash is checked."""
    from advisory.services.backup import restore
    from advisory.settings import Settings

    settings = Settings()
    manifest = restore(settings, source)
    rows = sum(manifest.tables.values())
    console.print(f"restored {rows:,} rows and {len(manifest.documents)} documents into {settings.output_dir}")
