"""Throw-away PostgreSQL databases on the local server (127.0.0.1:5432, trust auth) for server-mode tests."""

from __future__ import annotations

import contextlib
import getpass
import secrets
from collections.abc import Iterator

import pytest

HOST, PORT = "127.0.0.1", 5432


def _connect(dbname: str = "test"):
    import psycopg

    last: Exception | None = None
    for user in ("postgres", getpass.getuser(), "root"):
        try:
            return psycopg.connect(host=HOST, port=PORT, user=user, dbname=dbname, autocommit=True, connect_timeout=3)
        except psycopg.OperationalError as exc:
            last = exc
    raise last  # type: ignore[misc]


def postgres_user() -> str:
    with _connect() as connection:
        return connection.info.user


def require_postgres() -> str:
    """The user to connect as, or skip the test with the reason."""
    try:
        return postgres_user()
    except Exception as exc:  # any failure to reach the server means: not available here
        pytest.skip(f"PostgreSQL is not available on {HOST}:{PORT} ({type(exc).__name__}: {exc})")


@contextlib.contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """Create `<prefix>_<random>`, yield its name, drop it (closing whatever still uses it)."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    with _connect() as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with _connect() as connection:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def sqlalchemy_url(database: str, user: str, driver: str = "psycopg", port: int = PORT) -> str:
    return f"postgresql+{driver}://{user}@{HOST}:{port}/{database}"
