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


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "var",
        output_dir=tmp_path / "output",
        database_url=f"sqlite:///{tmp_path / 'var' / 'advisory.db'}",
        today=DEMO_TODAY,
    )


@pytest.fixture
def project_root() -> Path:
    return PROJECT_ROOT
