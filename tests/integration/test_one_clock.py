"""One clock: with the date pinned far from today, every time the engine stores falls on that date.

A region is played through all five stages (submissions, an early close, reviews, edits,
approvals) and a portal link is issued; then every date and time column of every table, the
times inside recorded inputs and events, and the date on each document's cover are read back.
A single read of the wall clock anywhere on that path would put today's date in one of them.
"""

from __future__ import annotations

import datetime as dt
import re

import sqlalchemy as sa
from babel.dates import format_date
from rich.console import Console

from advisory.adapters.store.models import Base
from advisory.domain.access import Role
from advisory.services.demo import run_demo
from advisory.services.project import Project
from tests.documents import docx_text

FROZEN = dt.date(2031, 3, 14)
ISO_DAY = re.compile(r"\b(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2})?")


def test_every_stored_time_falls_on_the_pinned_date(settings):
    project = Project(settings.model_copy(update={"today": FROZEN}))
    summary = run_demo(project, Console(file=None, quiet=True), regions=["SI03"], calendar=False)
    assert summary.done
    with project.unit_of_work() as uow:
        issued = uow.tokens.issue(
            role=Role.CONTACT, email="a@b.eu", region="SI03", reviewer_id=None, days=30, issued_by="t"
        )
        uow.drafts.save(issued.token_id, "SI03", {"q1": "5"})
        uow.commit()

    moments, deadlines, texts = stored_values(project)
    assert len(moments) > 50, "the played region should have left many timestamps"
    assert {column for column, _ in moments} >= {
        "engagement.started_at",
        "stage_state.updated_at",
        "stage_state.started_at",
        "upload.received_at",
        "recorded_input.recorded_at",
        "document_version.created_at",
        "document_version.approved_at",
        "event.at",
        "access_token.issued_at",
        "form_draft.updated_at",
    }
    assert {(column, value.date()) for column, value in moments if value.date() != FROZEN} == set()
    # Deadlines lie after the pinned day (the token's expiry, the reviews' due date), or come from a profile.
    assert all(day >= FROZEN or day == project.region("SI03").survey.deadline for _, day in deadlines), deadlines
    # Inside recorded inputs, results and events: moments on the pinned day, dates on it or after (meetings, dues).
    inner = [(dt.date.fromisoformat(day), bool(time)) for text in texts for day, time in ISO_DAY.findall(text)]
    assert inner, "the results should hold the meeting dates"
    assert {day for day, moment in inner if moment} <= {FROZEN}
    assert all(day >= FROZEN or day == project.region("SI03").survey.deadline for day, _ in inner), inner
    covers = [docx_text(path) for path in (project.settings.output_dir / "SI03").glob("*.docx")]
    assert len(covers) >= 6
    cover_dates = {format_date(FROZEN, format="long", locale=language) for language in ("en", "sl")}
    assert all(any(day in text for day in cover_dates) for text in covers), cover_dates


def stored_values(project: Project) -> tuple[list[tuple[str, dt.datetime]], list[tuple[str, dt.date]], list[str]]:
    """(table.column, moment) for every timestamp, (table.column, day) for every deadline, JSON columns as text."""
    moments, deadlines, texts = [], [], []
    deadline_columns = {"stage_state.due", "access_token.expires_at"}
    with project.unit_of_work() as uow:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                name = f"{table.name}.{column.name}"
                values = [v for v in uow.session.scalars(sa.select(column)) if v is not None]
                if isinstance(column.type, sa.JSON):
                    texts += [str(v) for v in values]
                elif name in deadline_columns:
                    deadlines += [(name, v if type(v) is dt.date else v.date()) for v in values]
                elif isinstance(column.type, sa.DateTime):
                    moments += [(name, v) for v in values]
                elif isinstance(column.type, sa.Date):
                    deadlines += [(name, v) for v in values]
    return moments, deadlines, texts
