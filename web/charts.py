"""Bar charts as plain geometry for the templates to draw as inline SVG.

No charting library and no JavaScript: the page stays readable with scripts off, prints
well, and needs no front-end build. A chart is categories along the bottom, one or more
bars per category, and optional marks (a short horizontal line per category: a minimum,
a target, a limit).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 10, 34
"""Room for the value axis (left) and the category labels (bottom)."""
WIDEST_BAR = 28
HEADROOM = 1.05
LABEL_CHAR = 6.0
"""Roughly the width of a character of a category label, to shorten those that would run
into the next."""


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    css: str
    """The bars' class; `classes` overrides it per bar (e.g. red below a minimum)."""
    classes: Sequence[str] | None = None


@dataclass(frozen=True)
class Marks:
    name: str
    values: Sequence[float | None]
    css: str


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str
    title: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass
class Chart:
    title: str
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Rect] = field(default_factory=list)
    marks: list[Line] = field(default_factory=list)
    x_labels: list[Label] = field(default_factory=list)
    y_ticks: list[Label] = field(default_factory=list)
    grid: list[Line] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    """(css, name) of each series and mark, for the key under the chart."""


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    marks: Sequence[Marks] = (),
    shown: Callable[[float], str] = lambda v: f"{v:g}",
    top: float | None = None,
) -> Chart:
    """Grouped bars, one group per category; values scaled from 0 to `top` (default: a little
    above the largest value or mark, rounded up to a tidy number)."""
    chart = Chart(title)
    rows: list[Sequence[float | None]] = [s.values for s in series] + [m.values for m in marks]
    values = [v for row in rows for v in row if v is not None]
    scale_top = top if top is not None else _tidy(HEADROOM * max(values, default=1.0))
    plot_w = chart.width - LEFT - RIGHT
    plot_h = chart.height - TOP - BOTTOM
    slot = plot_w / max(1, len(categories))
    bar_w = min(WIDEST_BAR, slot * 0.8 / max(1, len(series)))
    margin = (slot - bar_w * len(series)) / 2

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - min(value, scale_top) / scale_top)

    for tick in (0, 0.5, 1):
        y = y_of(scale_top * tick)
        chart.grid.append(Line(LEFT, y, chart.width - RIGHT, y, "grid", ""))
        chart.y_ticks.append(Label(LEFT - 4, y + 4, shown(scale_top * tick)))
    every = max(1, math.ceil(len(categories) / 16))
    for i, category in enumerate(categories):
        x0 = LEFT + i * slot
        if i % every == 0:
            text = _fitted(category, slot * every)
            chart.x_labels.append(Label(x0 + slot / 2, chart.height - BOTTOM + 14, text))
        for j, s in enumerate(series):
            value = s.values[i]
            if value is None:
                continue
            css = s.classes[i] if s.classes is not None else s.css
            y = y_of(value)
            x = x0 + margin + j * bar_w
            tip = f"{category}: {s.name} {shown(value)}"
            chart.bars.append(Rect(x, y, bar_w, TOP + plot_h - y, css, tip))
        for m in marks:
            value = m.values[i]
            if value is not None:
                y = y_of(value)
                tip = f"{category}: {m.name} {shown(value)}"
                chart.marks.append(Line(x0 + 1, y, x0 + slot - 1, y, m.css, tip))
    chart.legend = [(s.css, s.name) for s in series] + [(m.css, m.name) for m in marks]
    return chart


def _fitted(text: str, width: float) -> str:
    """The label, shortened with an ellipsis to the room it has."""
    room = max(1, int(width / LABEL_CHAR) - 1)
    return text if len(text) <= room else text[: max(1, room - 1)] + "…"


def _tidy(value: float) -> float:
    """The next of 1, 2, 2.5, 5 times a power of ten at or above `value`."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(power * step for step in (1, 2, 2.5, 5, 10) if power * step >= value)
