"""Prefect's environment for the embedded mode: its home under the data directory, analytics off, quiet logs.

Must run before `prefect` is first imported, because Prefect reads its settings at import.
"""

from __future__ import annotations

import os

from advisory.project import Project
from advisory.settings import Settings


def configure_prefect(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
    os.environ.setdefault("PREFECT_RESULTS_PERSIST_BY_DEFAULT", "false")
    if not os.environ.get("PREFECT_API_URL"):
        # Embedded mode: a local, temporary Prefect server backed by SQLite in PREFECT_HOME.
        os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


_open: dict[str, Project] = {}


def use_project(project: Project) -> None:
    """Make flows given these settings use this Project (e.g. one with another stage table)."""
    _open[project.settings.model_dump_json()] = project


def project_for(settings: Settings | None) -> Project:
    """One Project per distinct settings in this process (flows and tasks receive settings, not sessions)."""
    key = (settings or Settings()).model_dump_json()
    if key not in _open:
        _open[key] = Project(Settings.model_validate_json(key))
    return _open[key]
