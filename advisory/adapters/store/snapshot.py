"""The project database as JSON lines, one file per table: a consistent dump, and a load into an empty database.

SQLite is read through the sqlite3 backup API (consistent while flows write), PostgreSQL in a
REPEATABLE READ, READ ONLY transaction. The same format loads into either, so a dump also moves an
embedded project onto PostgreSQL.
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

from sqlalchemy import Connection, LargeBinary, Table, create_engine, func, select, text, update

from advisory.adapters.store.database import engine_for, migrate
from advisory.adapters.store.models import Base


def dialect(url: str) -> str:
    """ "sqlite" or "postgresql"."""
    return engine_for(url).dialect.name


def dump_tables(url: str, directory: Path) -> dict[str, int]:
    """Every table of the database at `url` as `<directory>/<table>.jsonl`; rows per table."""
    with _snapshot(url) as connection:
        return {table.name: _dump_table(connection, table, directory) for table in Base.metadata.sorted_tables}


def filled_tables(url: str) -> list[str]:
    """The tables that hold rows (after bringing the schema up to date)."""
    migrate(url)
    with engine_for(url).connect() as connection:
        return [t.name for t in Base.metadata.sorted_tables if connection.scalar(select(func.count()).select_from(t))]


def load_tables(url: str, directory: Path, moved: tuple[str, str]) -> dict[str, int]:
    """Load every `<table>.jsonl` into the (empty) database at `url` in one transaction; rows per table.

    `moved` is (old, new) document root: recorded document paths follow the documents.
    """
    migrate(url)
    engine = engine_for(url)
    with engine.begin() as connection:
        loaded = {
            table.name: _load_table(connection, table, directory / f"{table.name}.jsonl", moved)
            for table in Base.metadata.sorted_tables
        }
        if engine.dialect.name == "postgresql":
            _reset_sequences(connection)
    return loaded


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


def _load_table(connection: Connection, table: Table, path: Path, moved: tuple[str, str]) -> int:
    if not path.exists():  # a backup from before the table existed: nothing to load
        return 0
    binary = {c.name for c in table.columns if isinstance(c.type, LargeBinary)}
    dates = {c.name: c.type.python_type for c in table.columns if c.type.python_type in (dt.datetime, dt.date)}
    # A row may point at a later row of its own table (superseded_by): inserted pointing at itself (so
    # the one-current-input rule holds while loading), then linked to the row it really points at.
    self_links = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    rows = [_row(json.loads(line), binary, dates, moved) for line in path.read_text(encoding="utf-8").splitlines()]
    key_name = table.primary_key.columns.values()[0].name
    if rows:
        connection.execute(
            table.insert(),
            [{**row, **{k: row[key_name] if row[k] is not None else None for k in self_links}} for row in rows],
        )
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
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), COALESCE(MAX(id), 0) + 1, false) "
                f"FROM {table.name}"
            )
        )
