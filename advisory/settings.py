"""One Settings object for every entry point (env prefix ADVISORY_); defaults give the embedded mode.

The settings also hold the one clock: every date and time the engine stores or compares comes
from `settings.clock`, so the demo and the tests can pin it (`ADVISORY_TODAY`, `ADVISORY_NOW`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Clock:
    """Today and now (naive UTC). A pinned `now` stands still; a pinned `today` keeps the wall clock's time of day."""

    pinned_today: dt.date | None = None
    pinned_now: dt.datetime | None = None

    def now(self) -> dt.datetime:
        if self.pinned_now is not None:
            return self.pinned_now
        wall = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        return dt.datetime.combine(self.pinned_today, wall.time()) if self.pinned_today else wall

    def today(self) -> dt.date:
        return self.now().date()

    def on(self, day: dt.date) -> Clock:
        """The same clock moved to `day` (the time of day kept): how the demo lets the weeks of an engagement pass."""
        return Clock(pinned_now=dt.datetime.combine(day, self.now().time()))


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
    uploads_per_day: int = Field(default=100, description="files one person may send in a day (UTC)")
    rejected_bytes_per_day: int = Field(
        default=20 * 1024 * 1024, description="bytes of refused files one person may send in a day before a pause"
    )
    session_hours: int = Field(default=12, description="a portal session ends this long after sign-in")
    session_idle_minutes: int = Field(default=120, description="... or this long after its last use")
    signin_failures_per_hour: int = Field(default=20, description="failed sign-ins from one address before a pause")
    database_retry_delays: tuple[float, ...] = Field(
        default=(1.0, 2.0, 4.0), description="seconds before each retry of a stage whose database dropped"
    )
    today: dt.date | None = Field(default=None, description="pin 'today' (demo, tests); the real date if unset")
    now: dt.datetime | None = Field(default=None, description="pin the time too (naive UTC); wins over `today`")
    # --- messages to people (issue 15) ---
    smtp_url: str | None = Field(
        default=None,
        description="smtp://[user:password@]host:port (STARTTLS with ?starttls=1) or smtps://...; "
        "unset: messages are written as .eml files under data_dir/outbox",
    )
    mail_from: str = Field(default="Cluster Observatory <observatory@localhost>", description="the sender of messages")
    portal_url: str = Field(default="http://127.0.0.1:8000", description="the portal's public address, for links")
    reminder_days: int = Field(default=3, ge=1, le=30, description="days before a deadline that reminders go out")
    approval_days: int = Field(default=7, ge=1, le=60, description="days an expert has to approve a document")
    tick_cron: str = Field(default="0 6 * * *", description="when the daily pass runs in server mode (cron, UTC)")
    digest_weekday: int = Field(default=0, ge=0, le=6, description="weekday of the coordinators' digest (0 = Monday)")
    send_attempts: int = Field(default=5, ge=1, le=20, description="tries before a message is marked failed")

    @property
    def clock(self) -> Clock:
        return Clock(pinned_today=self.today, pinned_now=self.now)

    @cached_property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'advisory.db'}"

    @property
    def prefect_home(self) -> Path:
        return self.data_dir / "prefect"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def outbox_dir(self) -> Path:
        """Where messages go as .eml files when no SMTP server is configured (the embedded default)."""
        return self.data_dir / "outbox"

    @property
    def log_file(self) -> Path:
        """Where unexpected failures are written with their traceback (never shown to users)."""
        return self.data_dir / "advisory.log"
