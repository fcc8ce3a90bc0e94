"""`advisory backup --out DIR` and `advisory restore DIR`: the typer sub-app the main CLI mounts."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from advisory.settings import Settings

app = typer.Typer(help="Back up and restore the project database and documents.", no_args_is_help=True)
console = Console()


@app.command("backup")
def backup_command(out: Path = typer.Option(..., "--out", help="a new, empty directory for the backup")) -> None:
    """Write a consistent copy of the database and every document, with a sha256 manifest."""
    from advisory.backup import RestoreRefused, backup

    try:
        manifest = backup(Settings(), out)
    except RestoreRefused as exc:
        console.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from None
    rows = sum(manifest.tables.values())
    console.print(f"backed up {rows:,} rows of {manifest.database} and {len(manifest.documents)} documents to {out}")


@app.command("restore")
def restore_command(source: Path = typer.Argument(..., help="a directory written by `advisory backup`")) -> None:
    """Restore a backup into an empty database and an empty output directory; every hash is checked."""
    from advisory.backup import RestoreRefused, restore

    settings = Settings()
    try:
        manifest = restore(settings, source)
    except (RestoreRefused, FileNotFoundError) as exc:
        console.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from None
    rows = sum(manifest.tables.values())
    console.print(f"restored {rows:,} rows and {len(manifest.documents)} documents into {settings.output_dir}")
