"""Draws `Chart`s (pure data) as PNGs with matplotlib, in the house colours, on every core the machine has.

Charts are most of a document's rendering time, so: margins are set from the lengths of the
labels rather than measured by `tight_layout` (which draws every chart twice), PNGs are
compressed at the fastest level (a few kilobytes more per picture cost nothing in a Word file),
and `draw_all` draws a document's charts in worker processes, one per core, while the calling
thread goes on. Figures are built without pyplot, whose global figure registry is not safe
when several regions render at once in threads.
"""

from __future__ import annotations

import io
import math
import multiprocessing
import os
import re
import sys
import textwrap
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator

from advisory.domain.charts import Chart

PALETTE = ["#1F3A5F", "#E07A1F", "#3C8D5A", "#9B3D5C", "#6C757D", "#B8A200"]
WIDTH_IN = 7.0
CHAR_IN = 0.052  # width of an average character of a 7-point tick label, in inches
LINE_IN = 0.125  # height of one line of a 7-point tick label
LEGEND_IN = 0.3  # the legend's row below the plot
SOURCE_CHARS = 150  # characters of a 6-point source line across the figure
SOURCE_LINE_IN = 0.1


def _values(values: list[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def draw_all(charts: list[Chart]) -> Iterator[bytes]:
    """The charts' PNGs in order, drawn in the worker processes when there are several cores. A single chart
    is drawn here until the workers are running (starting them costs more than one chart)."""
    pool = _pool() if len(charts) > 1 or _workers is not None else None
    if pool is None:
        return (draw(chart) for chart in charts)
    futures: list[Future[bytes]] = [pool.submit(draw, chart) for chart in charts]
    return (future.result() for future in futures)


_workers: ProcessPoolExecutor | None = None
_starting = threading.Lock()


def _pool() -> ProcessPoolExecutor | None:
    """One pool per process, started on first use with a worker per core; none on a single core."""
    global _workers
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if cores < 2 or not _main_module_can_be_imported_again():
        return None
    with _starting:
        if _workers is None:
            # Spawned, not forked: the engine's process has threads (Prefect, database pools) that a fork would
            # copy in the middle of whatever they hold.
            _workers = ProcessPoolExecutor(
                max_workers=cores, mp_context=multiprocessing.get_context("spawn"), initializer=_end_with_parent
            )
        return _workers


def _end_with_parent() -> None:
    """A drawing worker ends when the process it draws for does, even one killed outright (a task worker stopped
    with SIGKILL): the pool's own shutdown never reaches it then, and it would wait for charts forever."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (parent.join(), os._exit(0)), daemon=True).start()


def _main_module_can_be_imported_again() -> bool:
    """A spawned worker imports the program's main module again; a script without the `__main__` guard
    would then run a second time in it. Such a program draws its charts in its own process."""
    path = getattr(sys.modules["__main__"], "__file__", None)
    if path is None:  # an interactive session or `python -c`: nothing is imported again
        return True
    try:
        source = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"""__name__\s*==\s*["']__main__["']""", source) is not None


def draw(chart: Chart) -> bytes:
    """PNG bytes of the chart, 150 dpi, sized for a portrait A4 text column."""
    buffer = io.BytesIO()
    figure(chart).savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def figure(chart: Chart) -> Figure:
    """The chart laid out as a matplotlib figure (not yet drawn)."""
    radar = chart.kind == "radar"
    height = _height(chart)
    fig = Figure(figsize=(WIDTH_IN, height), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(111, polar=radar)
    if radar:
        angles = [2 * math.pi * i / len(chart.categories) for i in range(len(chart.categories))]
        for colour, series in zip(PALETTE, chart.series, strict=False):
            values = _values(series.values)  # a missing value is a gap in the line, never a zero
            ax.plot(angles + angles[:1], values + values[:1], color=colour, label=series.name, marker="o", markersize=3)
            if not any(math.isnan(v) for v in values):
                ax.fill(angles + angles[:1], values + values[:1], color=colour, alpha=0.12)
        if chart.value_range:
            ax.set_ylim(*chart.value_range)
        _scale(ax.yaxis, chart)
        ax.tick_params(axis="y", labelsize=6, labelcolor="#555555")
        ax.set_rlabel_position(180 / max(len(chart.categories), 1))  # halfway between the first two spokes
        ax.set_xticks(angles)
        ax.set_xticklabels([_wrap(c) for c in chart.categories], fontsize=7)
        for label, angle in zip(ax.get_xticklabels(), angles, strict=True):  # each label outside its spoke's end
            cos, sin = math.cos(angle), math.sin(angle)
            label.set_horizontalalignment("left" if cos > 0.1 else "right" if cos < -0.1 else "center")
            label.set_verticalalignment("bottom" if sin > 0.1 else "top" if sin < -0.1 else "center")
    else:
        _cartesian(ax, chart)
    ax.set_title(chart.title, fontsize=10)
    if _has_legend(chart):
        # Below the plot, in the margin kept for it, so the legend never covers a bar or a line.
        fig.legend(
            fontsize=7,
            loc="lower center",
            bbox_to_anchor=(0.5, _below_plot(chart) / height),
            ncol=min(len(chart.series), 4),
            frameon=False,
        )
    if chart.source:  # "Source: ..." in the reader's language, on as many lines as it needs
        fig.text(0.01, 0.01, "\n".join(_source_lines(chart)), fontsize=6, color="#555555", va="bottom")
    fig.subplots_adjust(**_margins(chart, height))
    return fig


def _cartesian(ax, chart: Chart) -> None:
    positions = list(range(len(chart.categories)))
    width = 0.8 / len(chart.series)
    base = chart.value_range[0] if chart.value_range else 0.0  # a 1-5 rating's bar starts at 1
    for index, (colour, series) in enumerate(zip(PALETTE, chart.series, strict=False)):
        values = _values(series.values)
        offset = [p + (index - (len(chart.series) - 1) / 2) * width for p in positions]
        lengths = [v - base for v in values]
        if chart.kind == "bar":
            ax.bar(offset, lengths, width=width, bottom=base, color=colour, label=series.name)
        elif chart.kind == "barh":
            ax.barh(offset, lengths, height=width, left=base, color=colour, label=series.name)
        else:
            ax.plot(positions, values, marker="o", color=colour, label=series.name)
        if chart.kind != "line":
            for at, value in zip(offset, values, strict=True):
                if math.isnan(value):  # a gap, said so: a reader must not take it for a zero
                    xy = (base, at) if chart.kind == "barh" else (at, base)
                    ax.annotate(
                        chart.missing_label,
                        xy,
                        xytext=(3, 0) if chart.kind == "barh" else (0, 3),
                        textcoords="offset points",
                        fontsize=6,
                        color="#777777",
                        ha="left" if chart.kind == "barh" else "center",
                        va="center" if chart.kind == "barh" else "bottom",
                    )
    labels = [_wrap(c, _label_chars(chart)) for c in chart.categories]
    values_axis = ax.xaxis if chart.kind == "barh" else ax.yaxis
    if chart.value_range:
        (ax.set_xlim if chart.kind == "barh" else ax.set_ylim)(*chart.value_range)
    _scale(values_axis, chart)
    if chart.kind == "barh":
        ax.set_yticks(positions)
        ax.set_yticklabels(labels, fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel(chart.unit, fontsize=8)
        ax.axvline(0, color="#333333", linewidth=0.6)
    else:
        ax.set_xticks(positions)
        ax.set_xticklabels(
            labels, fontsize=7, rotation=30 if len(labels) > 5 else 0, ha="right" if len(labels) > 5 else "center"
        )
        ax.set_ylabel(chart.unit, fontsize=8)
    ax.grid(axis="x" if chart.kind == "barh" else "y", alpha=0.3)


def _scale(axis, chart: Chart) -> None:
    """Ticks where the data's scale has them (the stage's step; whole numbers for counts), in the reader's notation."""
    if chart.tick_step:
        axis.set_major_locator(MultipleLocator(chart.tick_step))
    elif chart.whole_numbers or _all_whole(chart):
        axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda value, _position: _tick(value, chart)))


def _all_whole(chart: Chart) -> bool:
    """Every value a whole number (counts): a tick between two of them would mean nothing."""
    values = [v for series in chart.series for v in series.values if v is not None]
    return bool(values) and all(float(v).is_integer() for v in values)


def _tick(value: float, chart: Chart) -> str:
    """0.25, 1, 1,500 (or 0,25 and 1.500 where the reader writes so): as few decimals as the tick needs."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    text = "0" if text in {"-0", ""} else text
    return text.replace(",", "\0").replace(".", chart.decimal_mark).replace("\0", chart.group_mark)


def _margins(chart: Chart, height: float) -> dict[str, float]:
    """Room for the tick labels, the unit, the title and the source line, as fractions of the figure."""
    lines = [line for label in chart.categories for line in _wrap(label, _label_chars(chart)).splitlines()] or [""]
    widest = max(len(line) for line in lines) * CHAR_IN
    deepest = _deepest(chart) * LINE_IN
    source = _below_plot(chart) + (LEGEND_IN if _has_legend(chart) else 0)
    if chart.kind == "radar":
        return {"left": 0.12, "right": 0.88, "top": 0.88, "bottom": 0.1 + source / height}
    left, bottom = 0.7, deepest + 0.3  # inches: the unit's label beside the axis, the ticks below it
    if chart.kind == "barh":
        left, bottom = widest + 0.25, 0.45
    elif len(chart.categories) > 5:  # rotated by 30 degrees, anchored at their right end
        bottom = widest * 0.5 + deepest * 0.87 + 0.15
    return {
        "left": min(left / WIDTH_IN, 0.5),
        "right": 0.98,
        "top": 1 - 0.4 / height,
        "bottom": min((bottom + source) / height, 0.5),
    }


def _source_lines(chart: Chart) -> list[str]:
    return textwrap.wrap(chart.source, SOURCE_CHARS) if chart.source else []


def _below_plot(chart: Chart) -> float:
    """Inches kept under the plot (and its legend) for the source lines."""
    return 0.08 + SOURCE_LINE_IN * len(_source_lines(chart)) + (0.06 if chart.source else 0)


def _has_legend(chart: Chart) -> bool:
    return len(chart.series) > 1 or chart.kind == "radar"


def _label_chars(chart: Chart) -> int:
    """Characters per line of a category label: wider beside horizontal bars, where labels have the left margin."""
    return 26 if chart.kind == "barh" else 18


def _deepest(chart: Chart) -> int:
    """Lines of the tallest category label."""
    return max((_wrap(label, _label_chars(chart)).count("\n") + 1 for label in chart.categories), default=0)


def _height(chart: Chart) -> float:
    """Inches: horizontal bars get the height their labels need, so two labels never overlap."""
    if chart.kind == "radar":
        return 6.0
    if chart.kind == "barh":
        per_category = max(0.3, _deepest(chart) * LINE_IN + 0.08)
        return max(4.6, len(chart.categories) * per_category + 1.1 + (LEGEND_IN if _has_legend(chart) else 0))
    return 4.6


def _wrap(label: str, width: int = 18) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
