"""Charts as data: a stage says what to draw, in language-neutral text; the document adapter draws it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from advisory.domain.text import Text


class Series(BaseModel):
    name: Text
    values: list[float | None] = Field(description="None is a missing value: drawn as a gap, never as zero")


class Chart(BaseModel):
    """A bar, horizontal bar, line or radar chart over shared category labels."""

    kind: Literal["bar", "barh", "line", "radar"]
    title: Text
    categories: list[Text]
    series: list[Series] = Field(min_length=1)
    unit: Text = ""
    source: Text = Field(default="", description="shown under the chart, e.g. 'Eurostat, 2018'")
    value_range: tuple[float, float] | None = Field(
        default=None, description="the scale the values live on, e.g. (1, 5) for ratings; fitted to the data if None"
    )
    whole_numbers: bool = Field(default=False, description="counts: ticks on whole numbers only")
    width_cm: float = 15.0
