"""Faults: a worker killed in the middle of a stage, and the project database gone for a moment."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from advisory.adapters.store.database import engine_for
from advisory.domain.stages import StageStatus
from advisory.services.project import Project
from advisory.services.submissions import submit_file
from advisory.settings import PROJECT_ROOT
from tests.integration import toy_stages
from tests.integration.postgres_databases import HOST, PORT, require_postgres, scratch_database, sqlalchemy_url

NOTES = '{"key": "a1", "stage": "assessment", "text": "Žilina & <Košice>"}'.encode()


@pytest.fixture
def toy_project(settings, tmp_path) -> Project:
    templates = toy_stages.build_templates(tmp_path / "templates")
    return Project(settings.model_copy(update={"templates_dir": templates}), stage_steps=toy_stages.STAGE_STEPS)


# --- a worker killed in the middle of a stage --------------------------------------------------------------

KILLABLE_STAGE = textwrap.dedent(
    """
    import os, sys, time
    from advisory.adapters.documents import render
    from advisory.domain.stages import stage
    from advisory.services.engine import run_stage
    from advisory.services.project import Project
    from advisory.settings import Settings
    from tests.integration import toy_stages

    def stalled_fsync(fd):
        print("writing", flush=True)  # the document is half written to its temporary file now
        time.sleep(600)

    render.os.fsync = stalled_fsync
    project = Project(Settings.model_validate_json(sys.argv[1]), stage_steps=toy_stages.STAGE_STEPS)
    run_stage(project, "SK04", stage("assessment"))
    """
)


def test_a_worker_killed_while_writing_a_document_leaves_nothing_half_written_and_a_rerun_completes(toy_project):
    from advisory.domain.stages import stage
    from advisory.services.engine import run_stage

    receipt = submit_file(toy_project, toy_stages.INPUT_KINDS, "SK04", "note", "n.jsonl", NOTES, "regional contact")
    worker = subprocess.Popen(
        [sys.executable, "-c", KILLABLE_STAGE, toy_project.settings.model_dump_json()],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout.readline().strip() == "writing"
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    region_dir = toy_project.settings.output_dir / "SK04"
    assert list(region_dir.glob("*.docx")) == []  # only the temporary file exists, under a name no reader opens
    assert status_of(toy_project, "SK04", "assessment") == StageStatus.RUNNING

    outcome = run_stage(toy_project, "SK04", stage("assessment"))
    assert outcome.status == StageStatus.READY_FOR_APPROVAL
    assert sorted(p.name for p in region_dir.iterdir()) == ["assessment_doc_v1.docx"]
    with toy_project.unit_of_work() as uow:
        assert [d.version for _, d in uow.engagements.documents("SK04")] == [1]
        assert [i.upload_id for i in uow.engagements.current_inputs("SK04", "note")] == [receipt.upload_id]


def status_of(project: Project, region: str, stage_key: str) -> str:
    with project.unit_of_work() as uow:
        return uow.engagements.stage_state(region, stage_key).status


# --- the database unavailable for a moment ----------------------------------------------------------------


class SwitchableProxy:
    """A TCP proxy to PostgreSQL that can drop every connection and refuse new ones, like a database restart."""

    def __init__(self) -> None:
        self.port = self._free_port()
        self.connections: list[socket.socket] = []
        self.refused_from: float | None = None
        self.up()

    @staticmethod
    def _free_port() -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def up(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; close() alone does not on Linux
        self.listener.close()
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
                connection.close()
        self.connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection((HOST, PORT))
            self.connections += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def flaky_project(settings, tmp_path):
    user = require_postgres()
    with scratch_database("advisory_test") as database:
        proxy = SwitchableProxy()
        url = sqlalchemy_url(database, user, port=proxy.port)
        templates = toy_stages.build_templates(tmp_path / "templates")
        # Retries after 0.25, 0.5 and 1 s (production: 1, 2, 4 s): the same back-off, a quarter of the wait.
        faster = {"database_url": url, "templates_dir": templates, "database_retry_delays": (0.25, 0.5, 1.0)}
        project = Project(settings.model_copy(update=faster), stage_steps=toy_stages.STAGE_STEPS)
        submit_file(project, toy_stages.INPUT_KINDS, "HU33", "note", "n.jsonl", NOTES, "regional contact")
        yield project, proxy
        proxy.down()
        engine_for(url).dispose()


def outage(proxy: SwitchableProxy, seconds: float) -> threading.Thread:
    proxy.down()
    back = threading.Timer(seconds, proxy.up)
    back.start()
    return back


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_short_database_outage_is_ridden_out_by_retries_with_backoff(flaky_project, prefect_harness):
    from workflows.engagement import advance_engagement
    from workflows.runtime import use_project

    project, proxy = flaky_project
    use_project(project)
    started = time.monotonic()
    outage(proxy, 1.0)  # the flow starts while the database is away
    outcomes = advance_engagement("HU33", project.settings)
    assert time.monotonic() - started >= 1.0
    assert [o.status for o in outcomes] == [StageStatus.READY_FOR_APPROVAL]
    with project.unit_of_work() as uow:
        assert len(uow.engagements.documents("HU33")) == 1


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_long_database_outage_fails_the_stage_with_a_clear_status_not_a_crash(flaky_project, prefect_harness):
    from workflows.engagement import advance_engagement
    from workflows.runtime import use_project

    project, proxy = flaky_project
    use_project(project)
    outage(proxy, 3.5)  # longer than the retries (0.25 + 0.5 + 1 s), shorter than the wait to record the failure
    outcomes = advance_engagement("HU33", project.settings)
    assert [o.status for o in outcomes] == [StageStatus.FAILED]
    assert outcomes[0].missing.startswith("the project database was unavailable after 4 attempts")
    assert status_of(project, "HU33", "assessment") == StageStatus.FAILED
    again = advance_engagement("HU33", project.settings)
    assert [o.status for o in again] == [StageStatus.READY_FOR_APPROVAL]
