"""Approvals and closings decided once (issue 16, point 1): two experts, or one double click, at the same moment.

On SQLite the decision's check and record share an immediate transaction; on PostgreSQL the engagement's row lock.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from advisory.adapters.store.models import Event, RecordedInput
from advisory.domain.errors import ActionRefused
from advisory.services.approvals import approve, close_stage
from advisory.services.project import Project


@pytest.fixture
def project(settings) -> Project:
    return Project(settings)


def together(count: int, decide) -> list:
    barrier = threading.Barrier(count)

    def run(n: int):
        barrier.wait()
        try:
            return decide(n)
        except ActionRefused as refused:
            return refused

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def events(project: Project, action: str) -> list[Event]:
    with project.unit_of_work() as uow:
        return list(uow.session.query(Event).filter_by(action=action))


def test_two_experts_approving_at_once_approve_once(project, tmp_path):
    with project.unit_of_work() as uow:
        uow.engagements.set_stage("SI03", "survey", "ready_for_approval")
        uow.engagements.add_document(
            "SI03",
            stage="survey",
            document="survey_report",
            version=1,
            path=str(tmp_path / "s.docx"),
            sha256="0" * 64,
            template="t",
            template_sha256="0" * 64,
            inputs_hash="0" * 64,
            result={},
        )
        uow.commit()
    outcomes = together(4, lambda n: approve(project, "SI03", "survey", f"expert:{n}@observatory.eu"))
    refused = [o for o in outcomes if isinstance(o, ActionRefused)]
    assert len(refused) == 3 and all("is completed; only a stage ready for approval" in str(r) for r in refused)
    [approved] = events(project, "document_approved")
    with project.unit_of_work() as uow:
        latest = uow.engagements.latest_document("SI03", "survey_report")
    assert latest.approved_by == approved.actor


def test_closing_a_survey_twice_at_once_closes_it_once_and_says_by_whom(project):
    with project.unit_of_work() as uow:
        uow.engagements.set_stage("SI03", "survey", "awaiting_input", missing="3 of 20 responses")
        uow.commit()
    outcomes = together(3, lambda n: close_stage(project, "SI03", "survey", f"expert:{n}@observatory.eu"))
    refused = [str(o) for o in outcomes if isinstance(o, ActionRefused)]
    assert len(refused) == 2 and all(r.startswith("SI03 survey was closed already by expert:") for r in refused)
    with project.unit_of_work() as uow:
        assert uow.session.query(RecordedInput).filter_by(kind="stage_closed").count() == 1
