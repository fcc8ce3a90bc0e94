"""Charts as data: a stage says what to draw; the document adapter draws it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Series(BaseModel):
    name: str
    values: list[float | None]


class Chart(BaseModel):
    """A bar, horizontal bar, line or radar chart over shared category labels."""

    kind: Literal["bar", "barh", "line", "radar"]
    title: str
    categories: list[str]
    series: list[Series] = Field(min_length=1)
    unit: str = ""
    source: str = Field(default="", description="shown under the chart, e.g. 'Eurostat, 2018'")
    width_cm: float = 15.0
