"""Shared fixtures: an isolated project per test, one Prefect test harness per session."""

from __future__ import annotations

import datetime as dt
import os
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
    from advisory.store.database import engine_for

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
