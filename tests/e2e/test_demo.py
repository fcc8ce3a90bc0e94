"""The README's main job end to end: the embedded demo, every region through every stage.

The demo is played once per session through the Prefect flows (the `played_world` fixture of
tests/conftest.py); each test checks its own copy as a reader of the deliverables would: every
document opens in LibreOffice, names its region, cites its sources and years, keeps special
characters verbatim; a second run changes nothing.
"""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from rich.console import Console

from advisory.adapters.i18n import translator
from advisory.domain.stages import STAGES
from advisory.services.demo import run_demo
from advisory.services.project import Project
from tests.documents import docx_text, pdfs_of

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(played_world, played_project):
    _, log = played_world
    return played_project, True, log


def through_prefect(project: Project):
    from workflows.programme import run_programme

    return lambda regions: run_programme(project.settings, regions)


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
        text = docx_text(path)
        assert project.regions[region].name in text, (region, document)
        annex = translator(project.regions[region].language).gettext("Annex: sources and methods")
        assert annex in text, (region, document)  # the house style's annex, in the region's language
    for region in project.regions:
        for document in ("assessment_report", "benchmarking_report"):
            text = docx_text(latest_documents(project)[(region, document)])
            assert "Eurostat" in text and "201" in text, (region, document)


def test_special_characters_in_profiles_and_survey_answers_come_out_verbatim(demo):
    project, _, _ = demo
    documents = latest_documents(project)
    assert project.regions["DED2"].challenge in docx_text(documents[("DED2", "assessment_report")])
    survey = docx_text(documents[("DED2", "survey_report")])
    assert "Schnellere Förderentscheidungen (< 3 Monate) & weniger Bürokratie" in survey
    assert "Mentores en aeronáutica & agroalimentación" in docx_text(documents[("ES61", "survey_report")])


@pytest.mark.libreoffice
def test_every_document_opens_in_libreoffice(demo, tmp_path):
    project, _, _ = demo
    paths = sorted(project.settings.output_dir.rglob("*.docx"))
    assert len(paths) >= 6 * 6
    regions = sorted({path.parent.name for path in paths})  # every region's folder holds the same file names
    converted = {
        (region, pdf.stem)
        for region in regions
        for pdf in pdfs_of([p for p in paths if p.parent.name == region], tmp_path / region)
        if pdf.stat().st_size > 5000
    }
    missing = {(p.parent.name, p.stem) for p in paths} - converted
    assert not missing, f"LibreOffice could not convert: {sorted(missing)}"


def test_running_the_demo_again_writes_nothing_new(demo):
    project, _, _ = demo
    with project.unit_of_work() as uow:
        before = (len(uow.engagements.documents()), len(uow.engagements.events(limit=100_000)))
    files = sorted(project.settings.output_dir.rglob("*.docx"))
    assert run_demo(project, Console(file=open("/dev/null", "w")), advance=through_prefect(project)).done  # noqa: SIM115
    with project.unit_of_work() as uow:
        after = (len(uow.engagements.documents()), len(uow.engagements.events(limit=100_000)))
    assert after == before
    assert sorted(project.settings.output_dir.rglob("*.docx")) == files


def test_the_outbox_holds_the_demos_invitations_and_approval_notices_as_mail_files(demo):
    project, _, _ = demo
    files = sorted(project.settings.outbox_dir.glob("*.eml"))
    kinds = {path.stem.split("-", 1)[1] for path in files}
    assert {"invitation", "approval_needed", "approved", "meeting"} <= kinds
    invitations = [path for path in files if path.stem.endswith("invitation")]
    assert len(invitations) == len(project.regions)
    for path in invitations:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",)).get_content()
        assert "/signin?token=" in body and message["Subject"]
        assert message.get_body(preferencelist=("html",)) is not None
    invited = {email.message_from_bytes(p.read_bytes(), policy=email.policy.default)["To"] for p in invitations}
    assert all(any(r.contacts[0].email in to for to in invited) for r in project.regions.values())


def test_no_strength_or_weakness_label_contradicts_its_percentile_in_any_region(demo):
    from advisory.stages.assessment.conditions import STRENGTH_ABOVE, WEAKNESS_BELOW

    project, _, _ = demo
    with project.unit_of_work() as uow:
        results = uow.engagements.latest_results("assessment_report")
    assert sorted(results) == sorted(project.regions)
    for region, result in results.items():
        for condition in result["conditions"]:
            percentile, verdict = condition["percentile"], condition["verdict"]
            expected = (
                "not_measured"
                if percentile is None
                else "weakness"
                if percentile < WEAKNESS_BELOW
                else "strength"
                if percentile > STRENGTH_ABOVE
                else "average"
            )
            assert verdict == expected, (region, condition["condition"], percentile, verdict)
