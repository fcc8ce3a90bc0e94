"""Draws a `Chart` (pure data) as a PNG with matplotlib, in the house colours."""

from __future__ import annotations

import io
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from advisory.charts import Chart  # noqa: E402

PALETTE = ["#1F3A5F", "#E07A1F", "#3C8D5A", "#9B3D5C", "#6C757D", "#B8A200"]


def _values(values: list[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def draw(chart: Chart) -> bytes:
    """PNG bytes of the chart, 150 dpi, sized for a portrait A4 text column."""
    radar = chart.kind == "radar"
    fig = plt.figure(figsize=(7.0, 4.6 if not radar else 6.0), dpi=150)
    ax = fig.add_subplot(111, polar=radar)
    if radar:
        angles = [2 * math.pi * i / len(chart.categories) for i in range(len(chart.categories))]
        for colour, series in zip(PALETTE, chart.series, strict=False):
            values = [0.0 if v is None else float(v) for v in series.values]
            ax.plot(angles + angles[:1], values + values[:1], color=colour, label=series.name)
            ax.fill(angles + angles[:1], values + values[:1], color=colour, alpha=0.12)
        ax.set_xticks(angles)
        ax.set_xticklabels([_wrap(c) for c in chart.categories], fontsize=7)
    else:
        _cartesian(ax, chart)
    ax.set_title(chart.title, fontsize=10)
    if len(chart.series) > 1 or radar:
        ax.legend(fontsize=7, loc="best")
    if chart.source:
        fig.text(0.01, 0.01, f"Source: {chart.source}", fontsize=6, color="#555555")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
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
    if chart.kind == "barh":
        ax.set_yticks(positions)
        ax.set_yticklabels(labels, fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel(chart.unit, fontsize=8)
        ax.axvline(0, color="#333333", linewidth=0.6)
    else:
        ax.set_xticks(positions)
        ax.set_xticklabels(labels, fontsize=7, rotation=30 if len(labels) > 5 else 0, ha="right" if len(labels) > 5 else "center")
        ax.set_ylabel(chart.unit, fontsize=8)
    ax.grid(axis="x" if chart.kind == "barh" else "y", alpha=0.3)


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
