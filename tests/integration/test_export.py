"""`advisory export REGION DOCUMENT --language LANG --out FILE`: the latest version of a document again, in any
supported language, as Word, PDF or JSON; no new version, nothing written to the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from advisory.adapters.i18n import LanguageUnsupported, translator
from advisory.adapters.store.models import DocumentVersion, Event
from advisory.domain.errors import ActionRefused, InvalidData
from advisory.domain.stages import stage
from advisory.entrypoints.cli import app
from advisory.services.engine import run_stage
from advisory.services.export import export_document
from advisory.services.project import Project
from advisory.stages.benchmarking.models import BenchmarkingResult
from tests.documents import docx_text, pdf_of


@pytest.fixture
def benchmarked(settings) -> Project:
    """A project in which Dresden's benchmarking report has been written (version 1, in German)."""
    project = Project(settings)
    run_stage(project, "DED2", stage("benchmarking"))
    return project


def _state(project: Project) -> tuple[list, int, list[str]]:
    """What an export must leave as it was: the document versions, the event log, the output folder."""
    with project.sessions() as session:
        versions = session.execute(select(DocumentVersion.document, DocumentVersion.version, DocumentVersion.sha256))
        versions = sorted(tuple(row) for row in versions)
        events = session.scalar(select(func.count()).select_from(Event))
    output = project.settings.output_dir
    return versions, events, sorted(str(path.relative_to(output)) for path in output.rglob("*"))


def _messages_left(value) -> list:
    """Anything in the JSON still shaped like a stored message: it should all be text by now."""
    if isinstance(value, dict):
        own = [value] if {"id", "values"} <= set(value) or set(value) == {"text", "by"} else []
        return own + [found for item in value.values() for found in _messages_left(item)]
    if isinstance(value, list):
        return [found for item in value for found in _messages_left(item)]
    return []


def test_the_json_copy_is_the_stored_result_with_every_message_in_the_chosen_language(benchmarked, tmp_path):
    before = _state(benchmarked)
    exported = export_document(benchmarked, "ded2", "benchmarking_report", "pl", tmp_path / "ded2.json")
    copy = json.loads(exported.path.read_text(encoding="utf-8"))
    assert _state(benchmarked) == before
    assert (copy["region"], copy["document"], copy["version"], copy["language"]) == (
        "DED2",
        "benchmarking_report",
        1,
        "pl",
    )
    with benchmarked.unit_of_work() as uow:
        latest = uow.engagements.latest_document("DED2", "benchmarking_report")
        stored = BenchmarkingResult.model_validate(latest.result)
    polish = translator("pl")
    result = copy["result"]
    assert _messages_left(result) == []
    assert result["group_name"] == polish.text(stored.group_name)
    assert result["headline"] == [polish.text(line) for line in stored.headline]
    assert [row["name"] for row in result["indicators"]] == [polish.text(row.name) for row in stored.indicators]
    assert result["radar_chart"]["title"] == polish.text(stored.radar_chart.title)
    assert result["relative_score"] == pytest.approx(stored.relative_score)


def test_the_word_copy_is_rendered_in_the_chosen_language_without_a_new_version(benchmarked, tmp_path):
    before = _state(benchmarked)
    exported = export_document(benchmarked, "DED2", "benchmarking", "en", tmp_path / "copies" / "ded2.docx")
    assert exported.version == 1 and exported.document == "benchmarking_report"
    text = docx_text(exported.path)
    assert "Benchmarking report" in text and "Summary" in text and "Dresden" in text
    assert "{{" not in text and "{%" not in text
    assert _state(benchmarked) == before


@pytest.mark.libreoffice
def test_the_pdf_copy_has_its_contents_with_page_numbers(benchmarked, tmp_path):
    exported = export_document(benchmarked, "DED2", "benchmarking_report", "en", tmp_path / "ded2.pdf")
    assert exported.path.read_bytes().startswith(b"%PDF")
    word = export_document(benchmarked, "DED2", "benchmarking_report", "en", tmp_path / "ded2.docx")
    reference = pdf_of(word.path, tmp_path / "reference")
    assert exported.path.stat().st_size > 10_000 and reference.exists()


def test_what_cannot_be_exported_is_refused_by_name(benchmarked, tmp_path):
    with pytest.raises(InvalidData, match="unknown document 'nothing'; the documents are assessment_report"):
        export_document(benchmarked, "DED2", "nothing", "en", tmp_path / "x.docx")
    with pytest.raises(InvalidData, match=r"x.txt: the export writes \.docx, \.pdf, \.json files"):
        export_document(benchmarked, "DED2", "benchmarking_report", "en", tmp_path / "x.txt")
    with pytest.raises(LanguageUnsupported, match="'fr'"):
        export_document(benchmarked, "DED2", "benchmarking_report", "fr", tmp_path / "x.docx")
    with pytest.raises(ActionRefused, match="DED2 has no policy_briefing yet"):
        export_document(benchmarked, "DED2", "policy_briefing", "en", tmp_path / "x.docx")
    assert not list(tmp_path.glob("x.*"))  # nothing written for a refused export


def test_the_command_line_exports_in_the_regions_language_by_default(benchmarked, tmp_path, monkeypatch):
    settings = benchmarked.settings
    for key, value in {
        "DATA_DIR": settings.data_dir,
        "OUTPUT_DIR": settings.output_dir,
        "DATABASE_URL": settings.database,
    }.items():
        monkeypatch.setenv(f"ADVISORY_{key}", str(value))
    out = tmp_path / "ded2.json"
    result = CliRunner().invoke(app, ["export", "DED2", "benchmarking_report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "DED2 benchmarking_report version 1 (de) written to" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["language"] == "de"
    refused = CliRunner().invoke(app, ["export", "DED2", "benchmarking_report", "--language", "xx", "--out", str(out)])
    assert refused.exit_code == 2 and "no translation catalog for the language 'xx'" in refused.output


def test_an_exported_file_replaces_an_older_copy_whole(benchmarked, tmp_path: Path):
    out = tmp_path / "copies" / "ded2.json"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    export_document(benchmarked, "DED2", "benchmarking_report", "en", out)
    assert json.loads(out.read_text(encoding="utf-8"))["language"] == "en"
    assert [path.name for path in out.parent.iterdir()] == ["ded2.json"]
