"""A settled stage is skipped without gathering while nothing it read has changed, and runs again when
something did: an input of a kind it reads, a reference file, its template, the day it reads.

The real stage table, with each gather wrapped to count its calls.
"""

from __future__ import annotations

import collections
import shutil
from pathlib import Path

import pytest

from advisory.domain.stages import StageStatus, Step, stage
from advisory.services.approvals import approve
from advisory.services.engine import run_stage
from advisory.services.project import Project
from advisory.services.submissions import submit_file
from advisory.settings import PROJECT_ROOT
from advisory.stages.table import INPUT_KINDS, STAGE_STEPS

DEMO = PROJECT_ROOT / "demo"
ASSESSMENT = stage("assessment")


@pytest.fixture
def gathers() -> collections.Counter:
    return collections.Counter()


@pytest.fixture
def project(settings, tmp_path: Path, gathers) -> Project:
    """The real stages over copies of the datasets and templates (so a test may change them), gathers counted."""

    def counted(step: Step) -> Step:
        def gather(ctx):
            gathers[step.document] += 1
            return step.gather(ctx)

        return Step(step.template, gather, step.build)

    steps = {key: tuple(counted(step) for step in table) for key, table in STAGE_STEPS.items()}
    folders = {
        "datasets_dir": shutil.copytree(PROJECT_ROOT / "datasets", tmp_path / "datasets"),
        "templates_dir": shutil.copytree(PROJECT_ROOT / "templates", tmp_path / "templates"),
    }
    return Project(settings.model_copy(update=folders), stage_steps=steps)


def send(project: Project, kind: str, path: Path, data: bytes | None = None) -> None:
    receipt = submit_file(project, INPUT_KINDS, "SI03", kind, path.name, data or path.read_bytes(), "contact")
    assert receipt.outcome == "accepted", receipt.problems


def events(project: Project) -> int:
    with project.unit_of_work() as uow:
        return len(uow.engagements.events("SI03", limit=10_000))


@pytest.fixture
def approved(project: Project, gathers) -> Project:
    """SI03's assessment written from the demo's self-assessment and findings, then approved."""
    send(project, "stress_test", DEMO / "stress_tests" / "SI03.yaml")
    send(project, "expert_findings", DEMO / "findings" / "SI03.yaml")
    assert run_stage(project, "SI03", ASSESSMENT).status == StageStatus.READY_FOR_APPROVAL
    approve(project, "SI03", "assessment", "expert")
    gathers.clear()
    return project


def test_a_completed_stage_is_skipped_without_gathering_when_nothing_it_read_changed(approved, gathers):
    before = events(approved)
    again = run_stage(approved, "SI03", ASSESSMENT)
    assert again.status == StageStatus.COMPLETED and again.documents_written == []
    assert gathers["assessment_report"] == 0
    assert events(approved) == before


def test_an_input_the_stage_does_not_read_leaves_it_skipped(approved, gathers):
    send(approved, "survey_response", DEMO / "surveys" / "SI03.xlsx")
    assert run_stage(approved, "SI03", ASSESSMENT).status == StageStatus.COMPLETED
    assert gathers["assessment_report"] == 0


def test_a_changed_input_it_reads_runs_the_stage_again_and_writes_a_new_version(approved, gathers):
    answers = (DEMO / "stress_tests" / "SI03.yaml").read_text(encoding="utf-8")
    send(
        approved,
        "stress_test",
        DEMO / "stress_tests" / "SI03.yaml",
        answers.replace("industrial: 3", "industrial: 1").encode(),
    )
    outcome = run_stage(approved, "SI03", ASSESSMENT)
    assert gathers["assessment_report"] >= 1
    assert outcome.status == StageStatus.READY_FOR_APPROVAL
    assert outcome.documents_written == ["assessment_report"]


def test_a_changed_reference_file_is_gathered_again_and_keeps_the_document_when_its_inputs_are_the_same(
    approved, gathers
):
    readme = approved.settings.datasets_dir / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nA note that changes no figure.\n", encoding="utf-8")
    first = run_stage(approved, "SI03", ASSESSMENT)
    assert gathers["assessment_report"] == 1
    assert first.status == StageStatus.COMPLETED and first.documents_written == []
    run_stage(approved, "SI03", ASSESSMENT)
    assert gathers["assessment_report"] == 1, "the re-check recorded the new fingerprint"


def test_a_changed_template_writes_a_new_version(approved, gathers):
    template = approved.settings.templates_dir / "assessment_report.docx"
    template.write_bytes(template.read_bytes() + b"\0")  # a zip with trailing bytes still opens
    outcome = run_stage(approved, "SI03", ASSESSMENT)
    assert gathers["assessment_report"] >= 1
    assert outcome.documents_written == ["assessment_report"]


def test_a_waiting_stage_that_reads_the_date_is_checked_again_the_next_day(approved, gathers):
    survey = stage("survey")
    waiting = run_stage(approved, "SI03", survey)
    assert waiting.status == StageStatus.AWAITING_INPUT
    assert run_stage(approved, "SI03", survey).missing == waiting.missing
    assert gathers["survey_report"] == 1, "same day, same inputs: the recorded wait stands"
    later = approved.settings.model_copy(update={"today": approved.settings.today.replace(day=28)})
    run_stage(Project(later, stage_steps=approved.stage_steps), "SI03", survey)
    assert gathers["survey_report"] == 2
