"""Server-side SVG charts: bars, lines and areas, a horizontal funnel, stacked bars.

Pure Python (no Django imports), so any app can draw a chart from a selector's numbers
and test it alone. Each function returns a `Chart`: the SVG markup (safe to put in a
template as is: every label is escaped here, and `__html__` tells Django so) plus the
columns and rows of the data table that goes behind it, for people who cannot or would
rather not read a picture. Render both with `{% include "web/partials/chart.html" %}`.

The SVG has a viewBox and no fixed width, so it scales to its container (readable at
375 px: the fonts are sized for a 400-unit-wide drawing); colours come from CSS classes
(`chart-s0` … `chart-s5`, `chart-axis`, `chart-grid`) defined in web/charts.css for the
light and the dark scheme. It has `role="img"`, is named by its <title> and described
by its <desc>.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

WIDTH = 400
HEIGHT = 220
MARGIN_LEFT = 36
MARGIN_RIGHT = 8
MARGIN_TOP = 10
MARGIN_BOTTOM = 34
MAX_X_LABELS = 6
SERIES_CLASSES = 6


@dataclass(frozen=True)
class Series:
    """One named run of values, one per label."""

    name: str
    values: Sequence[float]


@dataclass
class Chart:
    """An SVG chart and the table of its data."""

    id: str
    kind: str
    title: str
    description: str
    svg: str
    columns: list[str]
    rows: list[list[str]]
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css class, series name)

    @property
    def empty(self) -> bool:
        return not self.rows

    def __html__(self) -> str:
        """Django templates output the markup as is (it is escaped when built)."""
        return self.svg

    def __str__(self) -> str:
        return self.svg

    def as_dict(self) -> dict[str, object]:
        """The chart's data for JSON answers (API, CLI): no markup."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "description": self.description,
            "columns": self.columns,
            "rows": self.rows,
        }


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _safe_id(raw: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "-", raw).strip("-")
    return cleaned if cleaned and cleaned[0].isalpha() else f"chart-{cleaned or 'x'}"


def _fmt(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}"


def nice_max(value: float) -> float:
    """A round upper bound for an axis (1, 2, 2.5 or 5 times a power of ten), at least 1."""
    if value <= 1:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        bound = step * 10**exponent
        if bound >= value:
            return bound
    return 10 ** (exponent + 1)  # pragma: no cover - the loop always returns


def _open(chart_id: str, title: str, description: str, height: int = HEIGHT) -> list[str]:
    return [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-title">{_e(title)}</title>',
        f'<desc id="{chart_id}-desc">{_e(description)}</desc>',
    ]


def _empty(parts: list[str], message: str, height: int = HEIGHT) -> str:
    parts.append(
        f'<text class="chart-empty" x="{WIDTH / 2:.0f}" y="{height / 2:.0f}" '
        f'text-anchor="middle">{_e(message)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _axes(parts: list[str], top: float, labels: Sequence[str], x_at: list[float]) -> None:
    """The value grid (0, half, top) and a thinned-out row of labels under the plot."""
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    for frac in (0, 0.5, 1):
        y = MARGIN_TOP + plot_h * (1 - frac)
        parts.append(
            f'<line class="chart-grid" x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="chart-axis" x="{MARGIN_LEFT - 4}" y="{y + 4:.1f}" '
            f'text-anchor="end">{_e(_fmt(top * frac))}</text>'
        )
    every = max(1, math.ceil(len(labels) / MAX_X_LABELS))
    for i, label in enumerate(labels):
        if i % every and i != len(labels) - 1:
            continue
        if i != len(labels) - 1 and len(labels) - 1 - i < every:
            continue  # keep the last label clear of its neighbour
        parts.append(
            f'<text class="chart-axis" x="{x_at[i]:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 16}" '
            f'text-anchor="middle">{_e(label)}</text>'
        )


def _table(
    label_header: str, labels: Sequence[str], series: Sequence[Series]
) -> tuple[list[str], list[list[str]]]:
    columns = [label_header, *[s.name for s in series]]
    rows = [[str(label), *[_fmt(s.values[i]) for s in series]] for i, label in enumerate(labels)]
    return columns, rows


def _check(labels: Sequence[str], series: Sequence[Series]) -> None:
    for s in series:
        if len(s.values) != len(labels):
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(labels)}")


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[float],
    label_header: str = "",
    value_header: str = "",
    empty_message: str = "No data yet.",
) -> Chart:
    """Vertical bars, one per label."""
    return stacked_bar_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        labels=labels,
        series=[Series(value_header or title, values)],
        label_header=label_header,
        empty_message=empty_message,
        kind="bar",
    )


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    label_header: str = "",
    empty_message: str = "No data yet.",
    kind: str = "stacked_bar",
) -> Chart:
    """Vertical bars, one per label, each stacking the series' values (bottom to top)."""
    _check(labels, series)
    cid = _safe_id(chart_id)
    parts = _open(cid, title, description)
    columns, rows = _table(label_header, labels, series)
    legend = [(f"chart-s{i % SERIES_CLASSES}", s.name) for i, s in enumerate(series)]
    totals = [sum(max(0.0, float(s.values[i])) for s in series) for i in range(len(labels))]
    if not labels or not any(totals):
        return Chart(cid, kind, title, description, _empty(parts, empty_message), columns, [])
    top = nice_max(max(totals))
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = plot_w / len(labels)
    bar_w = max(1.0, slot * 0.7)
    x_at = [MARGIN_LEFT + slot * (i + 0.5) for i in range(len(labels))]
    _axes(parts, top, labels, x_at)
    for i, label in enumerate(labels):
        base = float(MARGIN_TOP + plot_h)
        for j, s in enumerate(series):
            value = max(0.0, float(s.values[i]))
            if not value:
                continue
            h = plot_h * value / top
            base -= h
            name = f"{s.name}, " if len(series) > 1 else ""
            parts.append(
                f'<rect class="chart-s{j % SERIES_CLASSES}" x="{x_at[i] - bar_w / 2:.1f}" '
                f'y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
                f"<title>{_e(label)}: {_e(name)}{_e(_fmt(s.values[i]))}</title></rect>"
            )
    parts.append("</svg>")
    return Chart(cid, kind, title, description, "".join(parts), columns, rows, legend)


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    label_header: str = "",
    area: bool = False,
    empty_message: str = "No data yet.",
) -> Chart:
    """One line per series over the labels; `area` fills under the first series."""
    _check(labels, series)
    cid = _safe_id(chart_id)
    parts = _open(cid, title, description)
    columns, rows = _table(label_header, labels, series)
    legend = [(f"chart-s{i % SERIES_CLASSES}", s.name) for i, s in enumerate(series)]
    peak = max((float(v) for s in series for v in s.values), default=0.0)
    kind = "area" if area else "line"
    if not labels or peak <= 0:
        return Chart(cid, kind, title, description, _empty(parts, empty_message), columns, [])
    top = nice_max(peak)
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    step = plot_w / max(1, len(labels) - 1)
    x_at = [MARGIN_LEFT + (step * i if len(labels) > 1 else plot_w / 2) for i in range(len(labels))]
    _axes(parts, top, labels, x_at)
    bottom = MARGIN_TOP + plot_h
    for j, s in enumerate(series):
        css = f"chart-s{j % SERIES_CLASSES}"
        points = [
            (x_at[i], bottom - plot_h * max(0.0, float(v)) / top) for i, v in enumerate(s.values)
        ]
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        if area and j == 0:
            parts.append(
                f'<polygon class="{css} chart-area" points="{x_at[0]:.1f},{bottom:.1f} '
                f'{coords} {x_at[-1]:.1f},{bottom:.1f}"/>'
            )
        parts.append(f'<polyline class="{css} chart-line" points="{coords}"/>')
        if len(points) <= 40:
            for i, (x, y) in enumerate(points):
                parts.append(
                    f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="2.5">'
                    f"<title>{_e(labels[i])}: {_e(_fmt(s.values[i]))}</title></circle>"
                )
    parts.append("</svg>")
    return Chart(cid, kind, title, description, "".join(parts), columns, rows, legend)


def funnel_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[float],
    label_header: str = "",
    value_header: str = "",
    empty_message: str = "No data yet.",
) -> Chart:
    """Horizontal bars from the widest step down, each labelled with its count and its share
    of the first step."""
    _check(labels, [Series(value_header, values)])
    cid = _safe_id(chart_id)
    row_h = 34
    height = max(60, MARGIN_TOP * 2 + row_h * len(labels))
    parts = _open(cid, title, description, height)
    first = float(values[0]) if values else 0.0
    columns = [label_header, value_header, "%"]
    rows = [
        [str(label), _fmt(values[i]), f"{round(100 * float(values[i]) / first)}" if first else "-"]
        for i, label in enumerate(labels)
    ]
    if not labels or max((float(v) for v in values), default=0) <= 0:
        return Chart(
            cid, "funnel", title, description, _empty(parts, empty_message, height), columns, []
        )
    top = max(float(v) for v in values)
    plot_w = WIDTH - 2 * MARGIN_RIGHT
    for i, label in enumerate(labels):
        value = max(0.0, float(values[i]))
        w = max(2.0, plot_w * value / top)
        x = MARGIN_RIGHT + (plot_w - w) / 2
        y = MARGIN_TOP + i * row_h
        parts.append(
            f'<rect class="chart-s{i % SERIES_CLASSES} chart-funnel" x="{x:.1f}" y="{y:.1f}" '
            f'width="{w:.1f}" height="{row_h - 6}" rx="3">'
            f"<title>{_e(label)}: {_e(_fmt(value))}</title></rect>"
        )
        parts.append(
            f'<text class="chart-funnel-label" x="{WIDTH / 2:.0f}" y="{y + row_h / 2 + 1:.1f}" '
            f'text-anchor="middle">{_e(label)} · {_e(_fmt(value))}</text>'
        )
    parts.append("</svg>")
    return Chart(cid, "funnel", title, description, "".join(parts), columns, rows)
