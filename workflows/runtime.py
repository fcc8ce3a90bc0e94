"""Prefect's environment: embedded (local, SQLite, under the data directory) or server mode (PREFECT_API_URL set).

`configure_prefect` must run before `prefect` is first imported, because Prefect reads its settings at import.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from advisory.services.project import Project
from advisory.settings import Settings
from workflows import local_server


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
    # Embedded mode: a temporary Prefect server backed by SQLite in PREFECT_HOME (workflows/local_server.py).
    # The temporary server records task runs and events from the client's event stream in the background.
    # On SQLite those writes collide with the next flow run's creation, which reads before it writes in a
    # deferred transaction: "database is locked", a 503 the client retries two seconds later, several times
    # per demo. Nothing reads those records in the embedded mode (the server has no UI and ends with the
    # command; the project database holds the engagements' truth), so the two recorders are off here, and
    # so are the automations and the event stream to subscribers, which the embedded mode has none of.
    # Flow runs and their states are still recorded; server mode keeps everything.
    os.environ.setdefault("PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EVENTS_STREAM_OUT_ENABLED", "false")


def start_temporary_server() -> None:
    """Embedded mode: launch Prefect's temporary server now (workflows/local_server.py), so it boots while the
    command loads its modules; nothing happens in server mode or when Prefect already has one (a test harness)."""
    if not server_mode() and not _prefect_has_a_server():
        local_server.start()


def _prefect_has_a_server() -> bool:
    # Only settings Prefect has already loaded can name one (a test harness's settings context), so Prefect is
    # not imported just to ask.
    if "prefect.settings" not in sys.modules:
        return False
    from prefect.settings import PREFECT_API_URL

    return bool(PREFECT_API_URL.value())


@contextlib.contextmanager
def embedded_prefect() -> Iterator[None]:
    """Prefect's settings for the embedded mode's flow runs: the temporary server, and no flow-run heartbeat.

    The heartbeat lets a Prefect server notice a flow run whose process died; the temporary server
    dies with the same process, so nobody is listening. And in Prefect 3.8 the heartbeat thread
    sleeps in one-second steps, so every sync flow run waits up to a second for it at its end (the
    flow run itself takes a tenth of that). `PREFECT_FLOWS_HEARTBEAT_FREQUENCY` cannot say "off"
    from the environment (it must be an integer of at least 30), but the setting is None-able in a
    settings context.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    updates: dict[Any, Any] = {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    if (url := local_server.api_url()) is not None:
        updates[PREFECT_API_URL] = url
    with temporary_settings(updates=updates):
        yield


_open: dict[str, Project] = {}


def use_project(project: Project) -> None:
    """Make flows given these settings use this Project (the one an entry point opened, or a test's own)."""
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
        _open[key] = Project(Settings.model_validate_json(key))
    return _open[key]
