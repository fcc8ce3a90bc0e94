"""Concurrent submissions against PostgreSQL: every one stored exactly once, none lost, none doubled."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from advisory.adapters.store.database import engine_for
from advisory.services.project import Project
from advisory.services.submissions import submit_file
from tests.integration import toy_stages
from tests.integration.postgres_databases import require_postgres, scratch_database, sqlalchemy_url

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_project(settings, tmp_path):
    user = require_postgres()
    with scratch_database("advisory_test") as database:
        project = Project(
            settings.model_copy(update={"database_url": sqlalchemy_url(database, user)}),
            stage_steps=toy_stages.STAGE_STEPS,
        )
        yield project
        engine_for(project.settings.database).dispose()


def note(key: str, text: str) -> bytes:
    return json.dumps({"key": key, "stage": "survey", "text": text}).encode()


def submit_together(project: Project, submissions: list[tuple[str, bytes]]) -> list:
    """Every submission starts at the same moment (a barrier), each on its own connection."""
    barrier = threading.Barrier(len(submissions))

    def send(item: tuple[str, bytes]):
        region, data = item
        barrier.wait()
        return submit_file(project, toy_stages.INPUT_KINDS, region, "note", "n.jsonl", data, "regional contact")

    with ThreadPoolExecutor(max_workers=len(submissions)) as pool:
        return list(pool.map(send, submissions))


def test_the_same_file_sent_twice_at_the_same_moment_is_recorded_once(pg_project):
    receipts = submit_together(pg_project, [("SK04", note("r1", "Košice & <Prešov>"))] * 2)
    assert sorted(r.outcome for r in receipts) == ["accepted", "duplicate"]
    with pg_project.unit_of_work() as uow:
        assert len(uow.engagements.input_history("SK04", "note", "r1")) == 1
        assert len(uow.engagements.engagements()) == 1


def test_fifty_concurrent_submissions_for_new_regions_are_each_stored_exactly_once(pg_project):
    regions = sorted(pg_project.regions)
    submissions = [(regions[i % len(regions)], note(f"r{i}", f"response {i} ž ő ß")) for i in range(50)]
    receipts = submit_together(pg_project, submissions)
    assert [r.outcome for r in receipts] == ["accepted"] * 50
    assert len({r.upload_id for r in receipts}) == 50
    with pg_project.unit_of_work() as uow:
        assert sorted(e.region for e in uow.engagements.engagements()) == regions
        stored = {code: [i.key for i in uow.engagements.current_inputs(code, "note")] for code in regions}
    assert sorted(k for keys in stored.values() for k in keys) == sorted(f"r{i}" for i in range(50))


def test_two_different_versions_of_one_response_at_the_same_moment_leave_one_current(pg_project):
    receipts = submit_together(pg_project, [("PL21", note("r1", "Kraków v1")), ("PL21", note("r1", "Kraków v2"))])
    assert [r.outcome for r in receipts] == ["accepted", "accepted"]
    with pg_project.unit_of_work() as uow:
        current = uow.engagements.current_inputs("PL21", "note")
        history = uow.engagements.input_history("PL21", "note", "r1")
    assert len(current) == 1 and len(history) == 2
