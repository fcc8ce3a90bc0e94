"""A region's timeline as pure data: one bar per stretch of time a stage spent in one status."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from advisory.domain.stages import STAGES

STATUS_COLOURS = {
    "pending": "#c9ced6",
    "running": "#4f9bd9",
    "awaiting_input": "#e8b33c",
    "ready_for_approval": "#9b6fc7",
    "completed": "#3f9d62",
    "outdated": "#d9822b",
    "failed": "#c8423b",
}


class StatusChange(BaseModel):
    at: dt.datetime
    stage: str
    status: str


class Bar(BaseModel):
    row: int
    x: float
    width: float
    status: str
    colour: str
    since: dt.datetime


class Timeline(BaseModel):
    start: dt.datetime
    end: dt.datetime
    bars: list[Bar]
    rows: list[str]


def timeline(changes: list[StatusChange], end: dt.datetime, width: float = 600.0) -> Timeline:
    """Bars scaled to `width` from the first change to `end`; each lasts until the stage's next change."""
    rows = [stage.key for stage in STAGES]
    ordered = sorted((c for c in changes if c.stage in rows), key=lambda c: c.at)
    start = ordered[0].at if ordered else end
    span = max((end - start).total_seconds(), 1.0)
    bars = []
    for index, change in enumerate(ordered):
        following = next((c.at for c in ordered[index + 1 :] if c.stage == change.stage), end)
        x = (change.at - start).total_seconds() / span * width
        length = max((following - change.at).total_seconds() / span * width, 1.5)
        bars.append(
            Bar(
                row=rows.index(change.stage),
                x=round(x, 1),
                width=round(min(length, width - x), 1) or 1.5,
                status=change.status,
                colour=STATUS_COLOURS.get(change.status, "#888"),
                since=change.at,
            )
        )
    return Timeline(start=start, end=end, bars=bars, rows=rows)
