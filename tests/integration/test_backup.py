"""Backup and restore round-trip: row counts, rows and document hashes equal; SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from advisory.adapters.documents.render import sha256_file
from advisory.adapters.store.database import engine_for
from advisory.adapters.store.models import Base
from advisory.domain.errors import RestoreRefused
from advisory.domain.stages import stage
from advisory.services.approvals import approve
from advisory.services.backup import backup, restore
from advisory.services.engine import run_stage
from advisory.services.project import Project
from advisory.services.submissions import submit_file
from advisory.settings import Settings
from tests.integration import toy_stages
from tests.integration.postgres_databases import require_postgres, scratch_database, sqlalchemy_url

NOTES = b'{"key": "a1", "stage": "assessment", "text": "Cadiz & <Sevilla> \\"\\u010d\\" \xc5\xbe \xc5\x91 \xc3\x9f"}\n'


def engaged_project(settings: Settings, tmp_path: Path) -> Project:
    """A project with uploads, inputs (one superseded), two document versions, an approval and events."""
    templates = toy_stages.build_templates(tmp_path / "templates")
    project = Project(settings.model_copy(update={"templates_dir": templates}), stage_steps=toy_stages.STAGE_STEPS)
    for code in ("ES61", "SI03"):
        submit_file(project, toy_stages.INPUT_KINDS, code, "note", "n.jsonl", NOTES, "regional contact")
        run_stage(project, code, stage("assessment"))
    corrected = NOTES.replace(b"Cadiz", b"C\xc3\xa1diz")
    submit_file(project, toy_stages.INPUT_KINDS, "ES61", "note", "n2.jsonl", corrected, "expert")
    run_stage(project, "ES61", stage("assessment"))
    approve(project, "ES61", "assessment", "expert")
    return project


def table_rows(project: Project) -> dict[str, list[tuple]]:
    with engine_for(project.settings.database).connect() as connection:
        return {
            t.name: [tuple(r) for r in connection.execute(select(t).order_by(*t.primary_key.columns))]
            for t in Base.metadata.sorted_tables
        }


def comparable(rows: dict[str, list[tuple]], old: Path, new: Path) -> dict[str, list[tuple]]:
    """Rows with document paths expressed relative to their output directory."""
    relative = lambda value: value.replace(str(old.resolve()), "<out>").replace(str(new.resolve()), "<out>")  # noqa: E731
    return {
        name: [tuple(relative(v) if isinstance(v, str) else v for v in row) for row in table]
        for name, table in rows.items()
    }


def documents(output_dir: Path) -> dict[str, str]:
    return {p.relative_to(output_dir).as_posix(): sha256_file(p) for p in output_dir.rglob("*.docx")}


def round_trip(source: Project, target: Settings, backup_dir: Path) -> None:
    manifest = backup(source.settings, backup_dir)
    assert manifest.tables["document_version"] == 3 and manifest.tables["recorded_input"] == 3
    restore(target, backup_dir)
    restored = Project(target)
    assert comparable(table_rows(restored), source.settings.output_dir, target.output_dir) == comparable(
        table_rows(source), source.settings.output_dir, target.output_dir
    )
    assert documents(target.output_dir) == documents(source.settings.output_dir) != {}
    with restored.unit_of_work() as uow:
        latest = uow.engagements.latest_document("ES61", "assessment_doc")
        assert latest.version == 2 and latest.approved_by == "expert"
        assert Path(latest.path).parent.parent == target.output_dir.resolve()
        assert sha256_file(Path(latest.path)) == latest.sha256
        assert [i.payload["text"] for i in uow.engagements.current_inputs("ES61", "note")] == [
            'Cádiz & <Sevilla> "č" ž ő ß'
        ]


def test_a_sqlite_backup_restores_to_the_same_rows_and_documents(settings, tmp_path):
    source = engaged_project(settings, tmp_path)
    target = Settings(
        data_dir=tmp_path / "restored",
        output_dir=tmp_path / "restored-output",
        database_url=f"sqlite:///{tmp_path / 'restored' / 'advisory.db'}",
    )
    round_trip(source, target, tmp_path / "backup")
    # New rows after a restore get fresh ids: the engagement goes on.
    restored = Project(
        target.model_copy(update={"templates_dir": source.settings.templates_dir}), stage_steps=toy_stages.STAGE_STEPS
    )
    receipt = submit_file(restored, toy_stages.INPUT_KINDS, "HU33", "note", "n.jsonl", NOTES, "expert")
    assert receipt.outcome == "accepted"


def test_restore_refuses_a_database_that_already_holds_data(settings, tmp_path):
    source = engaged_project(settings, tmp_path)
    backup(source.settings, tmp_path / "backup")
    with pytest.raises(RestoreRefused, match="not empty"):
        restore(source.settings, tmp_path / "backup")
    with pytest.raises(RestoreRefused, match="already holds data"):
        restore(source.settings.model_copy(update={"output_dir": tmp_path / "empty"}), tmp_path / "backup")


def test_a_damaged_backup_is_refused_before_anything_is_written(settings, tmp_path):
    source = engaged_project(settings, tmp_path)
    backup(source.settings, tmp_path / "backup")
    victim = next((tmp_path / "backup" / "documents").rglob("*.docx"))
    victim.write_bytes(victim.read_bytes() + b"x")
    target = Settings(
        data_dir=tmp_path / "r", output_dir=tmp_path / "r-out", database_url=f"sqlite:///{tmp_path / 'r.db'}"
    )
    with pytest.raises(RestoreRefused, match="damaged"):
        restore(target, tmp_path / "backup")
    assert not target.output_dir.exists()


@pytest.mark.postgres
def test_a_postgresql_backup_restores_into_another_postgresql_database(settings, tmp_path):
    user = require_postgres()
    with scratch_database("advisory_test") as first, scratch_database("advisory_test") as second:
        pg = settings.model_copy(update={"database_url": sqlalchemy_url(first, user)})
        source = engaged_project(pg, tmp_path)
        target = Settings(
            data_dir=tmp_path / "r", output_dir=tmp_path / "r-out", database_url=sqlalchemy_url(second, user)
        )
        round_trip(source, target, tmp_path / "backup")
        restored = Project(
            target.model_copy(update={"templates_dir": source.settings.templates_dir}),
            stage_steps=toy_stages.STAGE_STEPS,
        )
        assert (
            submit_file(restored, toy_stages.INPUT_KINDS, "HU33", "note", "n.jsonl", NOTES, "x").outcome == "accepted"
        )
        engine_for(pg.database).dispose()
        engine_for(target.database).dispose()


def test_the_cli_backs_up_and_restores(settings, tmp_path, monkeypatch):
    from advisory.entrypoints.cli.backup import app

    source = engaged_project(settings, tmp_path)
    for key, value in {
        "DATA_DIR": settings.data_dir,
        "OUTPUT_DIR": settings.output_dir,
        "DATABASE_URL": settings.database,
    }.items():
        monkeypatch.setenv(f"ADVISORY_{key}", str(value))
    result = CliRunner().invoke(app, ["backup", "--out", str(tmp_path / "cli-backup")])
    assert result.exit_code == 0, result.output
    assert "3 documents" in result.output
    monkeypatch.setenv("ADVISORY_OUTPUT_DIR", str(tmp_path / "cli-out"))
    monkeypatch.setenv("ADVISORY_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    result = CliRunner().invoke(app, ["restore", str(tmp_path / "cli-backup")])
    assert result.exit_code == 0, result.output
    assert documents(tmp_path / "cli-out") == documents(source.settings.output_dir)
