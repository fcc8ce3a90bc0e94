"""Backup and restore: a consistent copy of the project database and the documents, with a sha256 manifest.

The database goes out as one JSON-lines file per table, read in one snapshot: SQLite through
the sqlite3 backup API (consistent while flows write), PostgreSQL in a REPEATABLE READ, READ
ONLY transaction. The same format restores into either, so a backup also moves an embedded
project onto PostgreSQL. Documents are copied and listed with their sha256.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, LargeBinary, Table, create_engine, func, select, text, update

from advisory.documents.render import sha256_file
from advisory.settings import Settings
from advisory.store.database import engine_for, migrate
from advisory.store.models import Base

MANIFEST = "manifest.json"


class BackupManifest(BaseModel):
    created_at: str
    database: str  # "sqlite" or "postgresql"
    output_dir: str  # where the documents were, so restored paths can be moved
    tables: dict[str, int]  # table -> rows
    documents: dict[str, str]  # path relative to output_dir -> sha256


class RestoreRefused(RuntimeError):
    """Restoring over existing data would mix two projects; restore only into an empty one."""


def backup(settings: Settings, out: Path) -> BackupManifest:
    """Write the database and documents of `settings`' project to `out` (which must not exist or be empty)."""
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise RestoreRefused(f"{out} is not empty; a backup goes into a new directory")
    with _snapshot(settings.database) as connection:
        tables = {table.name: _dump_table(connection, table, out / "database") for table in Base.metadata.sorted_tables}
    manifest = BackupManifest(
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        database=engine_for(settings.database).dialect.name,
        output_dir=str(settings.output_dir.resolve()),
        tables=tables,
        documents=_copy_documents(settings.output_dir, out / "documents"),
    )
    (out / MANIFEST).write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
    return manifest


class _snapshot:
    """A connection that sees one consistent state of the database for the whole dump."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.copy: Path | None = None

    def __enter__(self) -> Connection:
        if self.url.startswith("sqlite"):
            # The backup API copies a consistent image page by page, even while others write.
            self.copy = Path(tempfile.mkdtemp(prefix="advisory-backup-")) / "snapshot.db"
            with sqlite3.connect(self.url.removeprefix("sqlite:///")) as source, sqlite3.connect(self.copy) as target:
                source.backup(target)
            self.engine = create_engine(f"sqlite:///{self.copy}")
            self.connection = self.engine.connect()
        else:
            self.engine = engine_for(self.url)
            self.connection = self.engine.connect().execution_options(isolation_level="REPEATABLE READ")
            self.connection.begin()
            self.connection.execute(text("SET TRANSACTION READ ONLY"))
        return self.connection

    def __exit__(self, *exc: object) -> None:
        self.connection.close()
        if self.copy is not None:
            self.engine.dispose()
            shutil.rmtree(self.copy.parent, ignore_errors=True)


def _dump_table(connection: Connection, table: Table, directory: Path) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    binary = {c.name for c in table.columns if isinstance(c.type, LargeBinary)}
    rows = 0
    with (directory / f"{table.name}.jsonl").open("w", encoding="utf-8") as stream:
        for row in connection.execute(select(table).order_by(*table.primary_key.columns)).mappings():
            record = {k: base64.b64encode(v).decode() if k in binary and v is not None else v for k, v in row.items()}
            stream.write(json.dumps(record, default=_json_value, ensure_ascii=False) + "\n")
            rows += 1
    return rows


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


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
    manifest = BackupManifest.model_validate_json((source / MANIFEST).read_text(encoding="utf-8"))
    _refuse_unless_empty(settings)
    _verify_documents(source / "documents", manifest.documents)
    migrate(settings.database)
    engine = engine_for(settings.database)
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            rows = _load_table(connection, table, source / "database" / f"{table.name}.jsonl", settings.output_dir, manifest)
            if rows != manifest.tables[table.name]:
                raise RestoreRefused(f"{table.name}: {rows} rows restored, the manifest says {manifest.tables[table.name]}")
        if engine.dialect.name == "postgresql":
            _reset_sequences(connection)
    _copy_documents(source / "documents", settings.output_dir)
    return manifest


def _refuse_unless_empty(settings: Settings) -> None:
    if settings.output_dir.exists() and any(settings.output_dir.iterdir()):
        raise RestoreRefused(f"{settings.output_dir} is not empty; restore into an empty output directory")
    migrate(settings.database)
    with engine_for(settings.database).connect() as connection:
        filled = [t.name for t in Base.metadata.sorted_tables if connection.scalar(select(func.count()).select_from(t))]
    if filled:
        raise RestoreRefused(f"the database already holds data ({', '.join(filled)}); restore into an empty database")


def _verify_documents(directory: Path, expected: dict[str, str]) -> None:
    wrong = [name for name, sha in expected.items() if sha256_file(directory / name) != sha]
    if wrong:
        raise RestoreRefused(f"the backup is damaged: {len(wrong)} documents differ from the manifest ({wrong[0]} ...)")


def _load_table(connection: Connection, table: Table, path: Path, output_dir: Path, manifest: BackupManifest) -> int:
    binary = {c.name for c in table.columns if isinstance(c.type, LargeBinary)}
    dates = {c.name: c.type.python_type for c in table.columns if c.type.python_type in (dt.datetime, dt.date)}
    # A row may point at a later row of its own table (superseded_by): insert without, then link.
    self_links = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    moved = (manifest.output_dir, str(output_dir.resolve()))
    rows = [_row(json.loads(line), binary, dates, moved) for line in path.read_text(encoding="utf-8").splitlines()]
    if rows:
        connection.execute(table.insert(), [{**row, **dict.fromkeys(self_links)} for row in rows])
    for row in rows:
        links = {k: row[k] for k in self_links if row[k] is not None}
        if links:
            key = table.primary_key.columns.values()[0]
            connection.execute(update(table).where(key == row[key.name]).values(**links))
    return len(rows)


def _row(record: dict[str, Any], binary: set[str], dates: dict[str, type], moved: tuple[str, str]) -> dict[str, Any]:
    for name in binary:
        if record.get(name) is not None:
            record[name] = base64.b64decode(record[name])
    for name, kind in dates.items():
        if record.get(name) is not None:
            record[name] = kind.fromisoformat(record[name])
    old_root, new_root = moved
    if isinstance(record.get("path"), str) and record["path"].startswith(old_root):
        # Documents are restored under the new output directory; their recorded paths follow them.
        record["path"] = new_root + record["path"][len(old_root) :]
    return record


def _reset_sequences(connection: Connection) -> None:
    """PostgreSQL's id sequences continue after the restored rows, so new rows get fresh ids."""
    for table in Base.metadata.sorted_tables:
        connection.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table.name}")
        )
