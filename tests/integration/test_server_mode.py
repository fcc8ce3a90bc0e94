"""Server mode: a Prefect server on PostgreSQL, two process workers, 24 regions advanced through every stage.

Runs on the toy stage table (tests/integration/toy_stages.py) until the real stage table is on
main; the regions are the six demonstrators plus 18 generated profiles of real NUTS-2 regions.
"""

from __future__ import annotations

import collections
import re

import pytest

from advisory.intake import approve, submit_file
from advisory.project import Project
from advisory.settings import Settings
from advisory.stages import STAGES, StageStatus
from tests.conftest import DEMO_TODAY
from tests.integration import toy_stages
from tests.integration.many_regions import regions_dir_with
from tests.integration.postgres_databases import require_postgres, scratch_database, sqlalchemy_url
from tests.integration.server_stack import server_stack

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
TOY_TABLE = "tests.integration.toy_stages:STAGE_STEPS"
REGIONS = 24


def notes_file(code: str) -> bytes:
    lines = [f'{{"key": "{s.key}", "stage": "{s.key}", "text": "{code}: Größe & <Žalec> \\"ok\\""}}' for s in STAGES]
    return "\n".join(lines).encode()


def test_24_regions_go_through_every_stage_on_a_prefect_server_with_two_workers(tmp_path, monkeypatch):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from workflows.programme import run_programme
    from workflows.runtime import use_project

    user = require_postgres()
    with scratch_database("advisory_test") as database, server_stack(tmp_path, workers=2, stage_table=TOY_TABLE) as env:
        settings = Settings(
            data_dir=tmp_path / "var", output_dir=tmp_path / "shared-documents", database_url=sqlalchemy_url(database, user),
            regions_dir=regions_dir_with(tmp_path / "regions", REGIONS), today=DEMO_TODAY,
            templates_dir=toy_stages.build_templates(tmp_path / "templates"),
        )
        project = Project(settings, stage_steps=toy_stages.STAGE_STEPS)
        use_project(project)
        for code in project.regions:
            receipt = submit_file(project, toy_stages.INPUT_KINDS, code, "note", "notes.jsonl", notes_file(code), "expert")
            assert receipt.outcome == "accepted", receipt.problems
        monkeypatch.setenv("PREFECT_API_URL", env["PREFECT_API_URL"])
        monkeypatch.setenv("ADVISORY_STAGE_TABLE", TOY_TABLE)
        with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}):
            rounds = advance_until_done(project, run_programme)
        assert_every_stage_completed_once(project)
        assert rounds == len(STAGES) + 1
        submitted_by = flow_runs_per_worker(tmp_path)
        # Both workers share the load; the documents above prove each stage ran to completion exactly once.
        assert set(submitted_by) == {"worker-1", "worker-2"}, submitted_by
        assert sum(submitted_by.values()) >= REGIONS * rounds, submitted_by


def advance_until_done(project: Project, run_programme) -> int:
    for number in range(1, len(STAGES) + 3):
        outcomes = run_programme(project.settings)
        assert len(outcomes) == REGIONS
        last = [region_outcomes[-1] for region_outcomes in outcomes.values()]
        assert not [o for o in last if o.status == StageStatus.FAILED], last
        if all(o.status == StageStatus.COMPLETED for o in last):
            return number
        for outcome in last:
            assert outcome.status == StageStatus.READY_FOR_APPROVAL, outcome
            approve(project, outcome.region, outcome.stage, "expert")
    raise AssertionError("regions did not complete in the expected number of rounds")


def assert_every_stage_completed_once(project: Project) -> None:
    with project.unit_of_work() as uow:
        states = uow.engagements.stage_states()
        documents = uow.engagements.documents()
    assert len(states) == REGIONS * len(STAGES)
    assert {state.status for _, state in states} == {StageStatus.COMPLETED}
    assert len(documents) == REGIONS * len(STAGES)
    assert {doc.version for _, doc in documents} == {1}
    files = list(project.settings.output_dir.rglob("*.docx"))
    assert len(files) == REGIONS * len(STAGES)
    assert not list(project.settings.output_dir.rglob("*.tmp"))


def flow_runs_per_worker(workdir) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for log in workdir.glob("worker-*.log"):
        counts[log.stem] = len(re.findall(r"[Ss]ubmitting flow run", log.read_text(errors="replace")))
    return +counts
