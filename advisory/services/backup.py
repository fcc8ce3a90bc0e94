"""Backup and restore: a consistent copy of the project database and the documents, with a sha256 manifest.

The database goes out as one JSON-lines file per table (adapters/store/snapshot.py), which
restores into SQLite or PostgreSQL alike; documents are copied and listed with their sha256, and
every hash is checked before anything is restored.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pydantic import BaseModel

from advisory.adapters.documents.render import sha256_file
from advisory.adapters.store.snapshot import dialect, dump_tables, filled_tables, load_tables
from advisory.domain.errors import RestoreRefused
from advisory.settings import Settings

MANIFEST = "manifest.json"


class BackupManifest(BaseModel):
    created_at: str
    database: str  # "sqlite" or "postgresql"
    output_dir: str  # where the documents were, so restored paths can be moved
    tables: dict[str, int]  # table -> rows
    documents: dict[str, str]  # path relative to output_dir -> sha256


def backup(settings: Settings, out: Path) -> BackupManifest:
    """Write the database and documents of `settings`' project to `out` (which must not exist or be empty)."""
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise RestoreRefused(f"{out} is not empty; a backup goes into a new directory")
    tables = dump_tables(settings.database, out / "database")
    manifest = BackupManifest(
        created_at=settings.clock.now().isoformat(timespec="seconds"),
        database=dialect(settings.database),
        output_dir=str(settings.output_dir.resolve()),
        tables=tables,
        documents=_copy_documents(settings.output_dir, out / "documents"),
    )
    (out / MANIFEST).write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
    return manifest


def _copy_documents(source: Path, target: Path) -> dict[str, str]:
    hashes: dict[str, str] = {}
    for path in sorted(source.rglob("*")) if source.exists() else []:
        # Temporary files of a render in progress are not documents yet.
        if path.is_file() and not path.name.endswith(".tmp"):
            relative = path.relative_to(source)
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)
            hashes[relative.as_posix()] = sha256_file(target / relative)
    return hashes


def restore(settings: Settings, source: Path) -> BackupManifest:
    """Restore a backup into `settings`' database and output directory, both empty; verify every hash."""
    manifest = _manifest(source)
    _refuse_unless_empty(settings)
    _verify_documents(source / "documents", manifest.documents)
    moved = (manifest.output_dir, str(settings.output_dir.resolve()))
    loaded = load_tables(settings.database, source / "database", moved)
    wrong = {name: rows for name, rows in loaded.items() if rows != manifest.tables.get(name)}
    if wrong:
        name, rows = next(iter(wrong.items()))
        raise RestoreRefused(f"{name}: {rows} rows restored, the manifest says {manifest.tables.get(name)}")
    _copy_documents(source / "documents", settings.output_dir)
    return manifest


def _manifest(source: Path) -> BackupManifest:
    path = source / MANIFEST
    if not path.is_file():
        raise RestoreRefused(f"{source}: no backup here (no {MANIFEST}); name a folder written by `advisory backup`")
    return BackupManifest.model_validate_json(path.read_text(encoding="utf-8"))


def _refuse_unless_empty(settings: Settings) -> None:
    if settings.output_dir.exists() and any(settings.output_dir.iterdir()):
        raise RestoreRefused(f"{settings.output_dir} is not empty; restore into an empty output directory")
    filled = filled_tables(settings.database)
    if filled:
        raise RestoreRefused(f"the database already holds data ({', '.join(filled)}); restore into an empty database")


def _verify_documents(directory: Path, expected: dict[str, str]) -> None:
    wrong = [name for name, sha in expected.items() if sha256_file(directory / name) != sha]
    if wrong:
        raise RestoreRefused(f"the backup is damaged: {len(wrong)} documents differ from the manifest ({wrong[0]} ...)")
