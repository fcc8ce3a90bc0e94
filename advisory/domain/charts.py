"""Charts as data: a stage says what to draw, in language-neutral text; the document adapter draws it.

The stage also says the scale its values live on, so a chart never suggests more than the data do:
`value_range` (e.g. `RATING_SCALE`, 1 to 5, for ratings; 0 to 1 for normalised scores), `tick_step`
(1 for ratings) and `whole_numbers` (counts: no 0.5 steps). A missing value (None) is a gap, never a zero.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from advisory.domain.text import Text, _

RATING_SCALE = (1.0, 5.0)
"""The scale of a 1-5 rating (importance, satisfaction): pass as `value_range`, with `tick_step=1`."""


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
        default=None,
        description="the scale the values live on, e.g. RATING_SCALE (1, 5) for ratings; bars start at its lower "
        "end; fitted to the data if None",
    )
    tick_step: float | None = Field(default=None, gt=0, description="distance between ticks on the value axis")
    whole_numbers: bool = Field(default=False, description="counts: ticks on whole numbers only")
    width_cm: float = 15.0
    # How the reader writes numbers; the renderer sets them for the document's language.
    decimal_mark: str = "."
    group_mark: str = ","
    missing_label: str = Field(default="n/a", description="written where a bar is missing")


def ratings_chart(
    labels: list[Text], importance: list[float | None], satisfaction: list[float | None], responses: int
) -> Chart:
    """The survey's ratings per framework condition, importance beside satisfaction, on the 1-5 scale: the one
    chart of the regional survey that later documents show again."""
    return Chart(
        kind="barh",
        title=_("Framework conditions: importance and satisfaction (regional survey)"),
        categories=labels,
        series=[Series(name=_("Importance"), values=importance), Series(name=_("Satisfaction"), values=satisfaction)],
        unit=_("mean rating (1-5)"),
        source=_("Regional survey, {responses} responses", responses=responses),
        value_range=RATING_SCALE,
        tick_step=1,
    )
