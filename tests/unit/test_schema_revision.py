"""The schema revision the engine compares against is the newest migration, so no database is left behind."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory

from advisory.adapters.store.database import MIGRATIONS, SCHEMA


def test_the_schema_the_engine_expects_is_the_newest_migration():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [SCHEMA]
