"""Steps for features/engagement.feature: the lifecycle through the service layer and the Prefect flow."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx import Document
from pytest_bdd import given, parsers, scenarios, then, when
from rich.console import Console

from advisory.domain.stages import STAGES
from advisory.services.approvals import approve
from advisory.services.demo import DEMO_DIR, run_demo
from advisory.services.project import Project
from advisory.services.status import status_matrix
from advisory.services.submissions import submit_file
from advisory.stages.table import INPUT_KINDS

scenarios("engagement.feature")


@pytest.fixture
def quiet() -> Console:
    return Console(file=open("/dev/null", "w"), width=132)  # noqa: SIM115


@given("the programme's demonstrator regions with an empty project database", target_fixture="project")
def empty_project(settings, prefect_harness) -> Project:
    from workflows.runtime import use_project

    project = Project(settings)
    use_project(project)
    return project


def advance(project: Project, region: str):
    from workflows.engagement import advance_engagement

    return advance_engagement(region, project.settings)


def play_through_prefect_for(project: Project):
    return lambda regions: {code: advance(project, code) for code in regions}


def send(project: Project, region: str, kind: str, path: Path) -> None:
    receipt = submit_file(project, INPUT_KINDS, region, kind, path.name, path.read_bytes(), "test")
    assert receipt.outcome == "accepted", receipt.problems


def documents(project: Project, region: str) -> dict[str, int]:
    with project.unit_of_work() as uow:
        return {doc.document: doc.version for _, doc in uow.engagements.documents(region)}


@given(parsers.parse('"{region}" has sent its policy self-assessment and the expert\'s findings'))
def assessment_inputs(project, region):
    send(project, region, "stress_test", DEMO_DIR / "stress_tests" / f"{region}.yaml")
    send(project, region, "expert_findings", DEMO_DIR / "findings" / f"{region}.yaml")


@given(parsers.parse('the expert has advanced "{region}"'))
@when(parsers.parse('the expert advances "{region}"'), target_fixture="outcomes")
def expert_advances(project, region):
    return advance(project, region)


@when(parsers.parse('the expert approves the "{stage}" stage of "{region}"'))
def expert_approves(project, stage, region):
    approve(project, region, stage, "test expert")
    advance(project, region)


@when(parsers.parse('the people of "{region}" send their inputs and the expert approves every stage'))
def whole_engagement(project, region, quiet):
    assert run_demo(project, quiet, advance=play_through_prefect_for(project), regions=[region]).done
    project.documents_before = documents(project, region)


@given(
    parsers.parse('the people of "{region}" have sent their inputs and the expert has approved every stage'),
    target_fixture="project",
)
def whole_engagement_played(played_project, region):
    """The session's played world, where every region's people did just that (tests/conftest.py)."""
    played_project.documents_before = documents(played_project, region)
    return played_project


@when(parsers.parse('"{region}" sends a corrected policy self-assessment and the expert advances "{region2}"'))
def corrected_stress_test(project, region, region2, tmp_path):
    answers = yaml.safe_load((DEMO_DIR / "stress_tests" / f"{region}.yaml").read_text(encoding="utf-8"))
    answers["priorities"] = {k: 3 - v for k, v in answers["priorities"].items()}
    corrected = tmp_path / f"{region}-corrected.yaml"
    corrected.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    send(project, region, "stress_test", corrected)
    advance(project, region2)


@then(parsers.parse('the "{stage}" stage of "{region}" is "{status}"'))
def stage_is(project, stage, region, status):
    cell = next(c for row in status_matrix(project) if row.region == region for c in row.cells if c.stage == stage)
    assert cell.status == status, cell


@then(parsers.parse('every stage of "{region}" is "{status}"'))
def every_stage_is(project, region, status):
    for stage in STAGES:
        stage_is(project, stage.key, region, status)


@then(parsers.parse('the coordinator sees "{text}" for the "{stage}" stage of "{region}"'))
def coordinator_sees(project, text, stage, region):
    cell = next(c for row in status_matrix(project) if row.region == region for c in row.cells if c.stage == stage)
    assert text in cell.missing, cell.missing


@then(parsers.parse('version {version:d} of the "{document}" of "{region}" names "{name}" and cites "{source}"'))
def document_names(project, version, document, region, name, source):
    path = project.settings.output_dir / region / f"{document}_v{version}.docx"
    docx = Document(str(path))
    text = "\n".join(p.text for p in docx.paragraphs) + "\n".join(
        cell.text for table in docx.tables for row in table.rows for cell in row.cells
    )
    assert name in text and source in text


@then(parsers.parse('"{region}" has the documents {names}'))
def has_documents(project, region, names):
    assert set(documents(project, region)) == {n.strip() for n in names.split(",")}


@then(parsers.parse('no new document is written for "{region}"'))
def nothing_new(project, region):
    assert documents(project, region) == project.documents_before
    assert len(list((project.settings.output_dir / region).glob("*.docx"))) == sum(project.documents_before.values())


@then(parsers.parse('the "{document}" of "{region}" is at version {version:d}'))
@then(parsers.parse('the "{document}" of "{region}" is still at version {version:d}'))
def document_version(project, document, region, version):
    assert documents(project, region)[document] == version
