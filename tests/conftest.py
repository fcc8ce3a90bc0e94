"""Shared fixtures: an isolated project per test, one Prefect test harness per session, one played world.

The played world is the whole demo (six regions, every stage, the example inputs) played once per
session through the Prefect flows into a template folder; a test that needs it gets its own copy
of the SQLite file and the documents (`played_project`), a few megabytes, instead of replaying.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="advisory-prefect-"))
os.environ.setdefault("PREFECT_HOME", str(_PREFECT_HOME))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from advisory.settings import PROJECT_ROOT, Settings  # noqa: E402

DEMO_TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


POSTGRES_ADMIN_URL = os.environ.get("ADVISORY_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_reason() -> str | None:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3):
            return None
    except Exception as exc:  # any failure to connect means: no server to test against here
        return f"no PostgreSQL server at {POSTGRES_ADMIN_URL} ({type(exc).__name__})"


@pytest.fixture
def postgres_url():
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    reason = _postgres_reason()
    if reason:
        pytest.skip(reason)
    import uuid

    import psycopg

    name = f"advisory_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base.replace('postgresql://', 'postgresql+psycopg://')}/{name}"
    from advisory.adapters.store.database import engine_for

    engine_for.cache_clear()
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path: Path) -> str:
    """The project database for a test: embedded SQLite, and PostgreSQL (server mode) when one runs."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'var' / 'advisory.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        data_dir=tmp_path / "var",
        output_dir=tmp_path / "output",
        database_url=database_url,
        today=DEMO_TODAY,
    )


@pytest.fixture
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def played_world(tmp_path_factory, prefect_harness) -> tuple[Path, str]:
    """The demo played to the end through the Prefect flows, once per session: its folder and the demo's log."""
    from rich.console import Console

    from advisory.services.demo import run_demo
    from advisory.services.project import Project
    from workflows.programme import run_programme
    from workflows.runtime import use_project

    root = tmp_path_factory.mktemp("played-world")
    project = Project(Settings(data_dir=root / "var", output_dir=root / "output", today=DEMO_TODAY))
    use_project(project)
    log = root / "demo.log"
    with log.open("w") as stream:
        summary = run_demo(
            project,
            Console(file=stream, width=132),
            lambda regions: run_programme(project.settings, regions),
            calendar=True,
        )
    assert summary.done, log.read_text()
    return root, log.read_text()


@pytest.fixture
def played_project(played_world, tmp_path: Path):
    """A copy of the played world for one test: its own database (paths moved) and documents; changes stay here."""
    from advisory.services.project import Project
    from workflows.runtime import use_project

    world, _ = played_world
    copy = tmp_path / "played-world"
    settings = Settings(data_dir=copy / "var", output_dir=copy / "output", today=DEMO_TODAY)
    shutil.copytree(world / "output", settings.output_dir)
    settings.data_dir.mkdir(parents=True)
    copy_database(world / "var" / "advisory.db", settings.data_dir / "advisory.db")
    if (world / "var" / "outbox").exists():  # the messages the demo sent, as .eml files
        shutil.copytree(world / "var" / "outbox", settings.outbox_dir)
    with contextlib.closing(sqlite3.connect(settings.data_dir / "advisory.db")) as copied, copied:
        moved = (str(world / "output"), str(settings.output_dir))
        copied.execute("UPDATE document_version SET path = replace(path, ?, ?)", moved)
        copied.execute("UPDATE programme_document SET path = replace(path, ?, ?)", moved)
    project = Project(settings)
    use_project(project)
    return project


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database in WAL mode (the file alone may miss its latest transactions)."""
    with contextlib.closing(sqlite3.connect(source)) as original, contextlib.closing(sqlite3.connect(target)) as copy:
        original.backup(copy)
