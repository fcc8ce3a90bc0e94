"""Charts whose scales fit the data: ratings on 1-5 with whole steps, counts on whole numbers, numbers in the
reader's notation, legends below the plot, and a missing value a gap said as such, never a zero."""

from __future__ import annotations

import math

from matplotlib.backends.backend_agg import FigureCanvasAgg

from advisory.adapters.documents.drawing import draw, figure
from advisory.domain.charts import RATING_SCALE, Chart, Series


def _axes(chart: Chart):
    fig = figure(chart)
    FigureCanvasAgg(fig).draw()
    return fig, fig.axes[0]


def test_a_rating_chart_runs_from_1_to_5_in_whole_steps_and_its_bars_start_at_1():
    chart = Chart(
        kind="bar",
        title="Importance and satisfaction",
        categories=["Financial", "Market"],
        series=[Series(name="Importance", values=[4.2, 3.1]), Series(name="Satisfaction", values=[2.0, 2.9])],
        value_range=RATING_SCALE,
        tick_step=1,
    )
    _fig, ax = _axes(chart)
    assert ax.get_ylim() == (1.0, 5.0)
    assert [tick for tick in ax.get_yticks() if 1 <= tick <= 5] == [1, 2, 3, 4, 5]
    assert all(bar.get_y() == 1.0 for bar in ax.patches)  # a rating of 2.0 is a bar from 1 to 2


def test_a_count_axis_has_whole_numbers_only():
    chart = Chart(kind="bar", title="Responses", categories=["1-9", "10-49"], series=[Series(name="n", values=[1, 3])])
    _fig, ax = _axes(chart)
    ticks = [tick for tick in ax.get_yticks() if ax.get_ylim()[0] <= tick <= ax.get_ylim()[1]]
    assert ticks and all(float(tick).is_integer() for tick in ticks)


def test_ticks_are_written_in_the_readers_notation():
    chart = Chart(
        kind="barh",
        title="Scores",
        categories=["A", "B"],
        series=[Series(name="x", values=[0.25, 0.75])],
        value_range=(0.0, 1.0),
        tick_step=0.25,
        decimal_mark=",",
        group_mark=".",
    )
    _fig, ax = _axes(chart)
    low, high = ax.get_xlim()
    shown = [label.get_text() for label in ax.get_xticklabels() if low <= label.get_position()[0] <= high]
    assert shown == ["0", "0,25", "0,5", "0,75", "1"]


def test_the_legend_sits_below_the_plot_and_a_missing_value_is_a_gap_marked_n_a():
    chart = Chart(
        kind="bar",
        title="Region and EU",
        categories=["R&D", "Skills"],
        series=[Series(name="Region", values=[None, 0.4]), Series(name="EU", values=[0.5, 0.6])],
        missing_label="k. A.",
        source="Quelle: Eurostat, 2018",
    )
    fig, ax = _axes(chart)
    legend = fig.legends[0].get_window_extent()
    assert legend.y1 < ax.get_window_extent().y0
    region_bars = ax.containers[0]
    assert math.isnan(region_bars[0].get_height()) and region_bars[1].get_height() > 0
    assert [text.get_text() for text in ax.texts] == ["k. A."]
    assert draw(chart).startswith(b"\x89PNG")


def test_a_long_source_line_is_wrapped_inside_the_picture():
    chart = Chart(
        kind="line",
        title="Trend",
        categories=["2014", "2015"],
        series=[Series(name="x", values=[1.0, 2.0])],
        source="Quelle: " + "Regionalstatistik von Eurostat und Europäischer Innovationsanzeiger 2023; " * 4,
    )
    fig, _ax = _axes(chart)
    source = next(text for text in fig.texts if text.get_text().startswith("Quelle"))
    assert source.get_text().count("\n") >= 1
    assert source.get_window_extent().x1 <= fig.bbox.x1
