"""Prefect's environment: embedded (local, SQLite, under the data directory) or server mode (PREFECT_API_URL set).

`configure_prefect` must run before `prefect` is first imported, because Prefect reads its settings at import.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from typing import Any

from advisory.project import Project
from advisory.settings import Settings

# "module:ATTRIBUTE" of another stage table, e.g. a try-out's; read by every process (workers too).
STAGE_TABLE_VARIABLE = "ADVISORY_STAGE_TABLE"


def server_mode() -> bool:
    """Server mode is chosen by pointing Prefect at a server; nothing else changes in the code."""
    return bool(os.environ.get("PREFECT_API_URL"))


def configure_prefect(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
    os.environ.setdefault("PREFECT_RESULTS_PERSIST_BY_DEFAULT", "false")
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    if server_mode():
        return  # the server and its database are the operator's (docs/server-mode.md)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # Embedded mode: a local, temporary Prefect server backed by SQLite in PREFECT_HOME.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


_open: dict[str, Project] = {}


def use_project(project: Project) -> None:
    """Make flows given these settings use this Project (e.g. one with another stage table)."""
    _open[project.settings.model_dump_json()] = project


def settings_from(settings: Settings | Mapping[str, Any] | None) -> Settings:
    """Settings as a flow receives them: the object itself, or its JSON form when a worker runs the flow."""
    if settings is None:
        return Settings()
    if isinstance(settings, Settings):
        return settings
    return Settings.model_validate(dict(settings))


def project_for(settings: Settings | Mapping[str, Any] | None) -> Project:
    """One Project per distinct settings in this process (flows and tasks receive settings, not sessions)."""
    key = settings_from(settings).model_dump_json()
    if key not in _open:
        _open[key] = Project(Settings.model_validate_json(key), stage_steps=_stage_table_override())
    return _open[key]


def _stage_table_override() -> Mapping[str, Any] | None:
    named = os.environ.get(STAGE_TABLE_VARIABLE)
    if not named:
        return None
    module, _, attribute = named.partition(":")
    return getattr(importlib.import_module(module), attribute or "STAGE_STEPS")
