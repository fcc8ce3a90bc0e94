"""One Settings object for every entry point (env prefix ADVISORY_); defaults give the embedded mode."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ADVISORY_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=PROJECT_ROOT / "var", description="database, Prefect home, uploads")
    output_dir: Path = Field(default=PROJECT_ROOT / "output", description="generated documents")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; SQLite under data_dir if unset")
    regions_dir: Path = PROJECT_ROOT / "regions"
    templates_dir: Path = PROJECT_ROOT / "templates"
    datasets_dir: Path = PROJECT_ROOT / "datasets"
    instruments_dir: Path = PROJECT_ROOT / "surveys" / "instruments"
    max_upload_bytes: int = 5 * 1024 * 1024
    today: dt.date | None = Field(default=None, description="pin 'today' (demo, tests); the real date if unset")

    @cached_property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'advisory.db'}"

    @property
    def prefect_home(self) -> Path:
        return self.data_dir / "prefect"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"
