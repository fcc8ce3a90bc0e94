"""Feature scenarios run on the embedded SQLite database (pytest-bdd resolves fixtures at step time,
where parametrised fixtures cannot be used); PostgreSQL is covered by the integration tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'var' / 'advisory.db'}"
