"""The README's main job end to end: the embedded demo, every region through every stage.

Runs the demo once for the module (a few minutes on two cores), then checks what a reader of
the deliverables would: every document opens in LibreOffice, names its region, cites its
sources and years, keeps special characters verbatim; a second run changes nothing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from rich.console import Console

from advisory.demo import run_demo
from advisory.project import Project
from advisory.stages import STAGES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory, prefect_harness):
    from advisory.settings import Settings
    from workflows.runtime import use_project

    root = tmp_path_factory.mktemp("demo")
    settings = Settings(data_dir=root / "var", output_dir=root / "output")
    project = Project(settings)
    use_project(project)
    log = root / "demo.log"
    with log.open("w") as stream:
        finished = run_demo(project, Console(file=stream, width=132))
    return project, finished, log.read_text()


def text_of(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def latest_documents(project: Project) -> dict[tuple[str, str], Path]:
    with project.unit_of_work() as uow:
        return {(region, doc.document): Path(doc.path) for region, doc in uow.engagements.documents()}


def test_every_region_completes_every_stage(demo):
    project, finished, log = demo
    assert finished, log
    assert "Traceback" not in log and "ERROR" not in log
    documents = latest_documents(project)
    expected = {document for stage in STAGES for document in stage.documents}
    for region in project.regions:
        assert {d for r, d in documents if r == region} == expected


def test_every_document_names_its_region_and_its_sources(demo):
    project, _, _ = demo
    for (region, document), path in latest_documents(project).items():
        text = text_of(path)
        assert project.regions[region].name in text, (region, document)
        assert "Annex" in text or "Anhang" in text or "Priloga" in text, (region, document)
    for region in project.regions:
        for document in ("assessment_report", "benchmarking_report"):
            text = text_of(latest_documents(project)[(region, document)])
            assert "Eurostat" in text and "201" in text, (region, document)


def test_special_characters_in_profiles_and_survey_answers_come_out_verbatim(demo):
    project, _, _ = demo
    documents = latest_documents(project)
    assert project.regions["DED2"].challenge in text_of(documents[("DED2", "assessment_report")])
    survey = text_of(documents[("DED2", "survey_report")])
    assert "Schnellere Förderentscheidungen (< 3 Monate) & weniger Bürokratie" in survey
    assert "Mentores en aeronáutica & agroalimentación" in text_of(documents[("ES61", "survey_report")])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_every_document_opens_in_libreoffice(demo, tmp_path):
    project, _, _ = demo
    paths = sorted(project.settings.output_dir.rglob("*.docx"))
    assert len(paths) >= 6 * 6
    command = [
        "soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
        "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, paths),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    converted = {p.stem for p in tmp_path.glob("*.pdf") if p.stat().st_size > 5000}
    missing = {p.stem for p in paths} - converted
    assert not missing, f"LibreOffice could not convert: {sorted(missing)}"


def test_running_the_demo_again_writes_nothing_new(demo):
    project, _, _ = demo
    with project.unit_of_work() as uow:
        before = (len(uow.engagements.documents()), len(uow.engagements.events(limit=100_000)))
    files = sorted(project.settings.output_dir.rglob("*.docx"))
    assert run_demo(project, Console(file=open("/dev/null", "w")))  # noqa: SIM115
    with project.unit_of_work() as uow:
        after = (len(uow.engagements.documents()), len(uow.engagements.events(limit=100_000)))
    assert after == before
    assert sorted(project.settings.output_dir.rglob("*.docx")) == files
