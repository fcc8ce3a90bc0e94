"""Server mode: a Prefect server on PostgreSQL, two task workers, two regions through every real stage.

The regions' people act as in the demo (the same example inputs, approvals and early closes); every
advance hands one `advance-region` task run per region to the workers. Scaling to many regions is
measured in benchmarks/pipeline.py, not here.
"""

from __future__ import annotations

import collections
import re
import shutil

import pytest
from rich.console import Console

from advisory.domain.stages import STAGES, StageStatus
from advisory.services.demo import run_demo
from advisory.services.project import Project
from advisory.settings import PROJECT_ROOT, Settings
from tests.conftest import DEMO_TODAY
from tests.integration.postgres_databases import require_postgres, scratch_database, sqlalchemy_url
from tests.integration.server_stack import server_stack

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
REGIONS = ("DED2", "SI03")


def test_two_regions_go_through_every_stage_on_a_prefect_server_with_two_task_workers(tmp_path, monkeypatch):
    from prefect.settings import PREFECT_API_URL, PREFECT_RESULTS_LOCAL_STORAGE_PATH, temporary_settings

    from workflows.programme import run_programme
    from workflows.runtime import use_project

    user = require_postgres()
    regions_dir = tmp_path / "regions"
    regions_dir.mkdir()
    for name in (*REGIONS, "reviewers"):
        shutil.copy(PROJECT_ROOT / "regions" / f"{name}.yaml", regions_dir)
    with scratch_database("advisory_test") as database, server_stack(tmp_path, workers=2) as env:
        settings = Settings(
            data_dir=tmp_path / "var",
            output_dir=tmp_path / "shared-documents",
            database_url=sqlalchemy_url(database, user),
            regions_dir=regions_dir,
            today=DEMO_TODAY,
        )
        project = Project(settings)
        use_project(project)
        monkeypatch.setenv("PREFECT_API_URL", env["PREFECT_API_URL"])
        monkeypatch.setenv("PREFECT_RESULTS_LOCAL_STORAGE_PATH", env["PREFECT_RESULTS_LOCAL_STORAGE_PATH"])
        shared = {
            PREFECT_API_URL: env["PREFECT_API_URL"],
            PREFECT_RESULTS_LOCAL_STORAGE_PATH: env["PREFECT_RESULTS_LOCAL_STORAGE_PATH"],
        }
        with temporary_settings(shared):
            summary = run_demo(
                project,
                Console(file=open("/dev/null", "w")),  # noqa: SIM115
                advance=lambda regions: run_programme(project.settings, regions),
            )
        assert summary.done, [(row.region, [c.status for c in row.cells]) for row in summary.rows]
        assert_every_stage_completed_with_one_version_per_input(project)
        # Both workers share the load; the documents above prove each stage ran to completion.
        assert set(task_runs_per_worker(tmp_path)) == {"worker-1", "worker-2"}


def assert_every_stage_completed_with_one_version_per_input(project: Project) -> None:
    with project.unit_of_work() as uow:
        states = uow.engagements.stage_states()
        documents = uow.engagements.documents()
    assert len(states) == len(REGIONS) * len(STAGES)
    assert {state.status for _, state in states} == {StageStatus.COMPLETED}
    written = collections.Counter((region, doc.document, doc.version) for region, doc in documents)
    assert set(written.values()) == {1}, "a document version was written twice"
    files = [path for path in project.settings.output_dir.rglob("*.docx") if path.parent.name != "programme"]
    assert len(files) == len(documents)
    assert len(list((project.settings.output_dir / "programme").glob("*.docx"))) == 1  # the programme report
    assert not list(project.settings.output_dir.rglob("*.tmp"))


def task_runs_per_worker(workdir) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for log in workdir.glob("worker-*.log"):
        counts[log.stem] = len(re.findall(r"Received task run: .* - advance-", log.read_text(errors="replace")))
    return +counts
