"""The engine on a small stage table of its own: waits, versions, approvals, idempotence, failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisory.domain.errors import ActionRefused
from advisory.domain.stages import StageStatus, stage
from advisory.services.approvals import approve
from advisory.services.engine import run_stage
from advisory.services.project import Project
from advisory.services.submissions import record_input
from tests.integration.toy_stages import Note, NoteInputs, NoteResult, build_templates, steps_with
from tests.integration.toy_stages import build as build_notes


def build(inputs: NoteInputs) -> NoteResult:
    if any("explode" in n for n in inputs.notes):
        raise RuntimeError("build failed on purpose")
    return build_notes(inputs)


@pytest.fixture
def project(settings, tmp_path: Path) -> Project:
    templates = build_templates(tmp_path / "templates")
    return Project(settings.model_copy(update={"templates_dir": templates}), stage_steps=steps_with(build))


def status(project: Project, region: str, key: str) -> str:
    with project.unit_of_work() as uow:
        return uow.engagements.stage_state(region, key).status


def test_a_stage_waits_and_says_what_it_misses(project):
    outcome = run_stage(project, "es61", stage("assessment"))
    assert outcome.status == StageStatus.AWAITING_INPUT
    assert outcome.missing == "an expert's note on assessment"


def test_a_stage_with_inputs_writes_a_document_and_waits_for_approval(project):
    record_input(project, "ES61", "note", "n1", Note(stage="assessment", text='Cádiz & <Sevilla> "č ž ő ß"'), "expert")
    outcome = run_stage(project, "ES61", stage("assessment"))
    assert outcome.status == StageStatus.READY_FOR_APPROVAL
    assert outcome.documents_written == ["assessment_doc"]
    approve(project, "ES61", "assessment", "expert")
    assert status(project, "ES61", "assessment") == StageStatus.COMPLETED


def test_rerunning_unchanged_inputs_writes_nothing_and_changed_inputs_a_new_version(project):
    record_input(project, "ES61", "note", "n1", Note(stage="assessment", text="first"), "expert")
    run_stage(project, "ES61", stage("assessment"))
    approve(project, "ES61", "assessment", "expert")
    again = run_stage(project, "ES61", stage("assessment"))
    assert again.status == StageStatus.COMPLETED and again.documents_written == []
    record_input(project, "ES61", "note", "n1", Note(stage="assessment", text="corrected"), "expert")
    changed = run_stage(project, "ES61", stage("assessment"))
    assert changed.status == StageStatus.READY_FOR_APPROVAL
    assert changed.documents_written == ["assessment_doc"]
    files = sorted(p.name for p in (project.settings.output_dir / "ES61").glob("*.docx"))
    assert files == ["assessment_doc_v1.docx", "assessment_doc_v2.docx"]


def test_a_failing_build_marks_the_stage_failed_and_keeps_the_previous_version(project):
    record_input(project, "ES61", "note", "n1", Note(stage="assessment", text="fine"), "expert")
    run_stage(project, "ES61", stage("assessment"))
    first = project.settings.output_dir / "ES61" / "assessment_doc_v1.docx"
    before = first.read_bytes()
    record_input(project, "ES61", "note", "n1", Note(stage="assessment", text="explode"), "expert")
    failed = run_stage(project, "ES61", stage("assessment"))
    assert failed.status == StageStatus.FAILED
    assert "build failed on purpose" in failed.missing
    assert first.read_bytes() == before
    assert not list((project.settings.output_dir / "ES61").glob("*.tmp"))
    record_input(project, "ES61", "note", "n1", Note(stage="assessment", text="fixed"), "expert")
    assert run_stage(project, "ES61", stage("assessment")).status == StageStatus.READY_FOR_APPROVAL


def test_only_a_stage_ready_for_approval_can_be_approved(project):
    with pytest.raises(ActionRefused, match="only a stage ready for approval"):
        approve(project, "ES61", "survey", "expert")


def test_the_flow_advances_a_region_until_a_stage_waits(project, prefect_harness):
    from workflows.engagement import advance_engagement
    from workflows.runtime import use_project

    use_project(project)
    record_input(project, "SI03", "note", "n1", Note(stage="assessment", text="Žalec"), "expert")
    outcomes = advance_engagement("si03", project.settings)
    assert [o.status for o in outcomes] == [StageStatus.READY_FOR_APPROVAL]
    approve(project, "SI03", "assessment", "expert")
    record_input(project, "SI03", "note", "n2", Note(stage="survey", text="Ptuj"), "expert")
    outcomes = advance_engagement("SI03", project.settings)
    assert [o.stage for o in outcomes] == ["assessment", "survey"]
    assert outcomes[-1].status == StageStatus.READY_FOR_APPROVAL


def test_the_cover_names_the_stage_in_the_documents_language():
    from advisory.adapters.i18n import translator
    from advisory.domain.stages import stage_label

    assert translator("en").text(stage_label(stage("survey"))) == "Stage 2 of 5: Regional survey"
    assert translator("sl").text(stage_label(stage("briefing"))) == "Faza 5 od 5: Končno priporočilo za politiko"
    assert translator("hu").text(stage_label(stage("assessment"))) == "1/5. szakasz: Értékelő jelentés"


def test_a_run_that_loses_the_race_for_a_version_leaves_the_winners_file_untouched(project, monkeypatch):
    from advisory.adapters.documents.render import sha256_file
    from advisory.adapters.store.repositories import EngagementRepository

    record_input(project, "ES61", "note", "n1", Note(stage="assessment", text="first"), "expert")
    run_stage(project, "ES61", stage("assessment"))
    winner = project.settings.output_dir / "ES61" / "assessment_doc_v1.docx"
    recorded = sha256_file(winner)
    # A second process that has not yet seen version 1 renders its own version 1 from other inputs.
    record_input(project, "ES61", "note", "n1", Note(stage="assessment", text="second"), "expert")
    real_latest = EngagementRepository.latest_document
    monkeypatch.setattr(EngagementRepository, "latest_document", lambda self, region, document: None)
    outcome = run_stage(project, "ES61", stage("assessment"))
    monkeypatch.setattr(EngagementRepository, "latest_document", real_latest)
    assert outcome.status == StageStatus.FAILED and "IntegrityError" in outcome.missing
    assert sha256_file(winner) == recorded
    assert sorted(p.name for p in winner.parent.iterdir()) == ["assessment_doc_v1.docx"]
    assert run_stage(project, "ES61", stage("assessment")).documents_written == ["assessment_doc"]
