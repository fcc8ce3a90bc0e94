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
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from advisory.domain.charts import Chart

PALETTE = ["#1F3A5F", "#E07A1F", "#3C8D5A", "#9B3D5C", "#6C757D", "#B8A200"]
WIDTH_IN = 7.0
CHAR_IN = 0.052  # width of an average character of a 7-point tick label, in inches
LINE_IN = 0.125  # height of one line of a 7-point tick label
LEGEND_IN = 0.3  # the legend's row below the plot


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
    radar = chart.kind == "radar"
    height = 4.6 if not radar else 6.0
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
        ax.set_xticks(angles)
        ax.set_xticklabels([_wrap(c) for c in chart.categories], fontsize=7)
    else:
        _cartesian(ax, chart)
    ax.set_title(chart.title, fontsize=10)
    if _has_legend(chart):
        # Below the plot, in the margin kept for it, so the legend never covers a bar or a line.
        fig.legend(
            fontsize=7,
            loc="lower center",
            bbox_to_anchor=(0.5, (0.22 if chart.source else 0.08) / height),
            ncol=min(len(chart.series), 4),
            frameon=False,
        )
    if chart.source:
        fig.text(0.01, 0.01, chart.source, fontsize=6, color="#555555")  # "Source: ..." in the reader's language
    fig.subplots_adjust(**_margins(chart, height))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def _cartesian(ax, chart: Chart) -> None:
    positions = list(range(len(chart.categories)))
    width = 0.8 / len(chart.series)
    for index, (colour, series) in enumerate(zip(PALETTE, chart.series, strict=False)):
        values = _values(series.values)
        offset = [p + (index - (len(chart.series) - 1) / 2) * width for p in positions]
        if chart.kind == "bar":
            ax.bar(offset, values, width=width, color=colour, label=series.name)
        elif chart.kind == "barh":
            ax.barh(offset, values, height=width, color=colour, label=series.name)
        else:
            ax.plot(positions, values, marker="o", color=colour, label=series.name)
    labels = [_wrap(c) for c in chart.categories]
    if chart.whole_numbers:
        (ax.xaxis if chart.kind == "barh" else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    if chart.value_range:
        (ax.set_xlim if chart.kind == "barh" else ax.set_ylim)(*chart.value_range)
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


def _margins(chart: Chart, height: float) -> dict[str, float]:
    """Room for the tick labels, the unit, the title and the source line, as fractions of the figure."""
    lines = [line for label in chart.categories for line in _wrap(label).splitlines()] or [""]
    widest = max(len(line) for line in lines) * CHAR_IN
    deepest = max(_wrap(label).count("\n") + 1 for label in chart.categories) * LINE_IN if chart.categories else 0
    source = (0.22 if chart.source else 0.08) + (LEGEND_IN if _has_legend(chart) else 0)
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


def _has_legend(chart: Chart) -> bool:
    return len(chart.series) > 1 or chart.kind == "radar"


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
