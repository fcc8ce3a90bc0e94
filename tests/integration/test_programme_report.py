"""The programme report (European Cluster Policy Forum) on the played demo: every region side by side, each in a
transfer backed by evidence from both regions; versioned and approved like the stage documents; for coordinators
and experts in the portal, beside the experts' partner search."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisory.domain.access import Role
from advisory.domain.text import english
from advisory.entrypoints.web.app import create_app
from advisory.services import programme_report
from advisory.services.approvals import approve
from advisory.services.engine import advance_directly
from advisory.services.submissions import submit_file
from advisory.stages.programme.models import ProgrammeReport
from advisory.stages.table import INPUT_KINDS
from tests.documents import docx_text, pdf_of

pytestmark = pytest.mark.slow


def stored_report(project) -> ProgrammeReport:
    with project.unit_of_work() as uow:
        return ProgrammeReport.model_validate(uow.programme.latest("programme_report").result)


def test_the_demo_writes_and_approves_a_report_in_which_every_region_gives_or_takes_a_transfer(played_project):
    latest = programme_report.latest(played_project)
    assert latest is not None and latest.version == 1 and latest.approved_by
    report = stored_report(played_project)
    names = {profile.name for profile in played_project.regions.values()}
    assert {row.name for row in report.regions} == names and not report.not_started
    for name in names:
        assert any(name in (t.provider, t.receiver) for t in report.transfers), f"{name} is in no transfer"
    for transfer in report.transfers:
        assert transfer.provider != transfer.receiver
        assert english(transfer.provider_evidence).startswith(f"{transfer.provider}: ")
        assert english(transfer.receiver_evidence).startswith(f"{transfer.receiver}: ")
    text = docx_text(latest.path)
    assert "Transfers between regions" in text and "Agenda for the next Policy Forum meeting" in text
    assert all(name in text for name in names)
    assert all(f"{row.name}" in text for row in report.regions)


@pytest.mark.libreoffice
def test_the_programme_report_opens_in_libreoffice_with_a_german_copy(played_project, tmp_path):
    german = programme_report.export(played_project, "de")
    assert german.name == "programme_report_v1.de.docx"
    assert "Programmbericht" in docx_text(german)
    for document in (Path(programme_report.latest(played_project).path), german):
        pdf = pdf_of(document, tmp_path)
        assert pdf.stat().st_size > 20_000


def test_nothing_new_is_written_until_an_approval_changes_what_it_reads(played_project, demo_dir):
    project = played_project
    assert programme_report.refresh(project).written is False
    edits = (demo_dir / "briefing_edits" / "SI03.yaml").read_text(encoding="utf-8").replace("wood & automotive", "wood")
    receipt = submit_file(project, INPUT_KINDS, "SI03", "briefing_edits", "SI03.yaml", edits.encode(), "expert")
    assert receipt.accepted
    advance_directly(project, "SI03")
    assert programme_report.refresh(project).written is False  # the new briefing waits for approval
    approve(project, "SI03", "briefing", "expert")
    written = programme_report.refresh(project)
    assert written.written and written.version == 2 and written.approved_by is None
    with pytest.raises(Exception, match="approved already"):
        programme_report.approve(project, "A") and programme_report.approve(project, "B")


@pytest.fixture
def demo_dir():
    from advisory.services.demo import DEMO_DIR

    return DEMO_DIR


@pytest.fixture
def client(played_project):
    with TestClient(create_app(played_project, INPUT_KINDS), raise_server_exceptions=False) as client:
        yield client


def test_coordinators_and_experts_download_it_and_contacts_cannot(client, played_project):
    from tests.portal_world import sign_in

    sign_in(client, played_project, Role.COORDINATOR)
    assert "Download the programme report" in client.get("/dashboard").text
    answer = client.get("/programme-report")
    assert answer.status_code == 200 and answer.content[:2] == b"PK"
    sign_in(client, played_project, Role.CONTACT, "SI03")
    assert client.get("/programme-report").status_code == 403


def test_the_partner_search_page_is_for_experts_only(client, played_project):
    from tests.portal_world import sign_in

    sign_in(client, played_project, Role.EXPERT)
    html = client.get("/partners", params={"region": "si03", "top": 7}).text
    assert "Partners for Vzhodna Slovenija" in html
    assert html.count("<li><strong>") == 7
    assert "Vzhodna Slovenija (SI03)</strong>" not in html  # never its own partner
    assert "There is no region XX99 in the reference data." in client.get("/partners?region=XX99").text
    assert 'href="/partners"' in client.get("/dashboard").text
    for role, region in ((Role.COORDINATOR, None), (Role.CONTACT, "SI03")):
        sign_in(client, played_project, role, region)
        assert client.get("/partners", params={"region": "SI03"}).status_code == 403


def test_the_json_copies_of_the_briefing_and_assessment_have_the_shapes_programs_read(played_project, tmp_path):
    import json

    from advisory.services.export import export_document

    briefing = json.loads(
        export_document(played_project, "SI03", "policy_briefing", "en", tmp_path / "b.json").path.read_text()
    )
    for recommendation in briefing["result"]["recommendations"]:
        assert {"id", "title", "text", "evidence", "principles"} <= recommendation.keys()
        for evidence in recommendation["evidence"]:
            assert set(evidence) == {"stage", "label", "value", "unit", "year", "source"}
            assert evidence["year"] and not evidence["source"].endswith("_report")  # a dataset, not a key
    assessment = json.loads(
        export_document(played_project, "SI03", "assessment_report", "sl", tmp_path / "a.json").path.read_text()
    )
    for condition in assessment["result"]["conditions"]:
        assert {"condition", "label", "percentile", "verdict", "indicators"} <= condition.keys()
        assert condition["verdict"] in {"strength", "average", "weakness", "not_measured"}


def test_an_approval_on_the_portal_brings_the_programme_report_up_to_date(client, played_project, demo_dir):
    from tests.portal_world import sign_in

    edits = (demo_dir / "briefing_edits" / "SI03.yaml").read_text(encoding="utf-8").replace("wood & automotive", "wood")
    assert submit_file(played_project, INPUT_KINDS, "SI03", "briefing_edits", "e.yaml", edits.encode(), "x").accepted
    advance_directly(played_project, "SI03")
    csrf = sign_in(client, played_project, Role.EXPERT)
    client.post("/regions/SI03/stages/briefing/approve", data={"csrf": csrf, "form_key": "approve-1"})
    latest = programme_report.latest(played_project)
    assert latest.version == 2 and latest.approved_by is None  # written after the approval, awaiting its own
