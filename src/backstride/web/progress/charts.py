"""Server-rendered SVG charts: bars, lines and shaded bands, with a table fallback.

Why inline SVG built here rather than a JavaScript chart library: the charts must work
offline and without a CDN, render in the first response (fast on a phone, nothing to
download), and be readable by screen readers. Each chart therefore carries a
``<title>``/``<desc>`` pair and the very same numbers as a plain table for a
``<details>`` fallback.

Pure: no Django, no database. Input is a :class:`ChartSpec` of already computed values;
the drawing uses a fixed ``viewBox`` so the browser scales it to any width. The
geometry is small and regular on purpose so tests can check coordinates by hand:
the plot area is ``[LEFT, WIDTH - RIGHT] x [TOP, HEIGHT - BOTTOM]``, every category
gets an equal slot, and bars and line points sit in their slot's centre.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

WIDTH = 400
HEIGHT = 220
LEFT = 44
RIGHT = 10
TOP = 12
BOTTOM = 40
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
MAX_X_LABELS = 7  # more would overlap at phone width
BAR_FILL = 0.7  # share of a slot the bars of one category take
_ID = re.compile(r"^[a-z][a-z0-9-]{0,40}$")


@dataclass(frozen=True)
class Series:
    """One named sequence of values, one per category; ``None`` is a gap (no data).

    ``css`` is the class that colours it (see progress.css); ``classes`` may give each
    bar its own class instead, e.g. a compliance colour per week.
    """

    name: str
    values: tuple[float | None, ...]
    css: str = "s1"
    classes: tuple[str, ...] = ()
    unit: str = ""


@dataclass(frozen=True)
class Band:
    """A shaded horizontal stripe from ``low`` to ``high`` (y units), e.g. a safe range."""

    low: float
    high: float
    css: str
    label: str


@dataclass(frozen=True)
class ChartSpec:
    """Everything one chart shows; ``chart_id`` becomes the prefix of its element ids."""

    chart_id: str
    title: str
    description: str
    x_label: str
    y_label: str
    categories: tuple[str, ...]
    bars: tuple[Series, ...] = ()
    lines: tuple[Series, ...] = ()
    bands: tuple[Band, ...] = ()
    y_max: float | None = None  # fixed top of the scale (pain: 10); else from the data
    y_step: float | None = None  # tick spacing; else a nice quarter of the top
    decimals: int = 0
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not _ID.match(self.chart_id):
            raise ValueError(f"chart id {self.chart_id!r} must be lower-case letters and dashes")
        for series in (*self.bars, *self.lines):
            if len(series.values) != len(self.categories):
                raise ValueError(
                    f"series {series.name!r} has {len(series.values)} values for "
                    f"{len(self.categories)} categories"
                )
            for value in series.values:
                if value is not None and not math.isfinite(value):
                    raise ValueError(f"series {series.name!r} holds a value that is not finite")


def nice_step(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k at or above ``value`` (ticks that read well)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value * (1 - 1e-9):
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def nice_max(value: float) -> float:
    """Axis top for data up to ``value``: a whole number of nice steps, at most 4 of them."""
    if value <= 0:
        return 1.0
    step = nice_step(value / 4)
    count = math.ceil(value / step - 1e-9)
    top = float(f"{step * count:.12g}")  # 4 x 2.5e-6 is 9.999...e-6 in binary
    return top if top >= value else float(f"{step * (count + 1):.12g}")


def scale_top(spec: ChartSpec) -> float:
    if spec.y_max is not None:
        return spec.y_max
    values = [v for s in (*spec.bars, *spec.lines) for v in s.values if v is not None]
    highest = max([*values, *(b.high for b in spec.bands), 0.0])
    return nice_max(highest)


def tick_values(top: float, step: float | None = None) -> list[float]:
    """0, step, 2 x step ... up to ``top`` (the step is a nice quarter of it by default)."""
    step = step or nice_step(top / 4)
    count = math.floor(top / step + 1e-9)
    return [float(f"{step * i:.12g}") for i in range(count + 1)]


def y_at(value: float, top: float) -> float:
    """SVG y of a data value: 0 at the plot's bottom edge, ``top`` at its top edge."""
    clamped = min(max(value, 0.0), top)
    return TOP + PLOT_H * (1 - clamped / top)


def x_centre(index: int, count: int) -> float:
    return LEFT + PLOT_W * (index + 0.5) / count


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _label_every(count: int) -> int:
    return max(1, math.ceil(count / MAX_X_LABELS))


def _axes(spec: ChartSpec, top: float) -> list[str]:
    parts: list[str] = []
    for value in tick_values(top, spec.y_step):
        y = _fmt(y_at(value, top))
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>'
            f'<text class="tick" x="{LEFT - 5}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle">{value:g}</text>'
        )
    count = len(spec.categories)
    every = _label_every(count)
    for index, label in enumerate(spec.categories):
        if (count - 1 - index) % every:  # keep the newest label, thin out older ones
            continue
        parts.append(
            f'<text class="tick" x="{_fmt(x_centre(index, count))}" y="{HEIGHT - BOTTOM + 14}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts.append(
        f'<text class="axis-label" x="{LEFT + PLOT_W / 2:g}" y="{HEIGHT - 6}" '
        f'text-anchor="middle">{escape(spec.x_label)}</text>'
        f'<text class="axis-label" x="12" y="{TOP + PLOT_H / 2:g}" text-anchor="middle" '
        f'transform="rotate(-90 12 {TOP + PLOT_H / 2:g})">{escape(spec.y_label)}</text>'
    )
    return parts


def _bands(spec: ChartSpec, top: float) -> list[str]:
    parts = []
    for band in spec.bands:
        y_high, y_low = y_at(band.high, top), y_at(band.low, top)
        parts.append(
            f'<rect class="band {escape(band.css)}" x="{LEFT}" y="{_fmt(y_high)}" '
            f'width="{PLOT_W}" height="{_fmt(y_low - y_high)}"><title>{escape(band.label)}'
            "</title></rect>"
        )
    return parts


def _bars(spec: ChartSpec, top: float) -> list[str]:
    if not spec.bars:
        return []
    count = len(spec.categories)
    slot = PLOT_W / count
    width = slot * BAR_FILL / len(spec.bars)
    parts = []
    for number, series in enumerate(spec.bars):
        for index, value in enumerate(series.values):
            if value is None:
                continue
            x = LEFT + slot * index + slot * (1 - BAR_FILL) / 2 + width * number
            y = y_at(value, top)
            css = series.classes[index] if series.classes else series.css
            label = f"{spec.categories[index]}: {_fmt(value)} {series.unit}".strip()
            parts.append(
                f'<rect class="bar {escape(css)}" x="{_fmt(x)}" y="{_fmt(y)}" '
                f'width="{_fmt(width)}" height="{_fmt(TOP + PLOT_H - y)}">'
                f"<title>{escape(series.name)}, {escape(label)}</title></rect>"
            )
    return parts


def line_paths(values: Sequence[float | None], top: float) -> list[str]:
    """SVG path data for a line, one path per unbroken run (a ``None`` breaks the line)."""
    count = len(values)
    runs: list[list[str]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            runs.append([])
            continue
        runs[-1].append(f"{_fmt(x_centre(index, count))},{_fmt(y_at(value, top))}")
    return ["M" + " L".join(run) for run in runs if run]


def _lines(spec: ChartSpec, top: float) -> list[str]:
    parts = []
    count = len(spec.categories)
    for series in spec.lines:
        css = escape(series.css)
        for data in line_paths(series.values, top):
            parts.append(f'<path class="line {css}" d="{data}" fill="none"/>')
        present = [(i, v) for i, v in enumerate(series.values) if v is not None]
        if len(present) <= 31:  # dots help on sparse series; on daily data they clutter
            for index, value in present:
                parts.append(
                    f'<circle class="dot {css}" cx="{_fmt(x_centre(index, count))}" '
                    f'cy="{_fmt(y_at(value, top))}" r="2.5"><title>{escape(series.name)}, '
                    f"{escape(spec.categories[index])}: {_fmt(value)}</title></circle>"
                )
    return parts


def render_svg(spec: ChartSpec) -> str:
    """The chart as an inline ``<svg>`` string (escaped; safe to insert into a page)."""
    top = scale_top(spec)
    title_id, desc_id = f"{spec.chart_id}-title", f"{spec.chart_id}-desc"
    body = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" preserveAspectRatio="xMidYMid meet" '
        f'data-chart="{spec.chart_id}">',
        f'<title id="{title_id}">{escape(spec.title)}</title>',
        f'<desc id="{desc_id}">{escape(spec.description)}</desc>',
        *_bands(spec, top),
        *_axes(spec, top),
        *_bars(spec, top),
        *_lines(spec, top),
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + PLOT_H}" '
        f'y2="{TOP + PLOT_H}"/>',
        "</svg>",
    ]
    return "".join(body)


def table(spec: ChartSpec) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Header and rows with the chart's numbers, for the ``<details>`` fallback."""
    columns = (*spec.bars, *spec.lines)
    header = (spec.x_label, *(f"{s.name} ({s.unit})" if s.unit else s.name for s in columns))
    rows = []
    for index, category in enumerate(spec.categories):
        cells = [category]
        for series in columns:
            value = series.values[index]
            cells.append("–" if value is None else f"{value:.{spec.decimals}f}")
        rows.append(tuple(cells))
    return header, tuple(rows)


def sparkline(values: Sequence[float], width: int = 120, height: int = 32) -> str:
    """Tiny bars for a summary card; decorative (``aria-hidden``), the card says the numbers."""
    if not values or any(not math.isfinite(v) for v in values):
        raise ValueError("a sparkline needs at least one finite value")
    top = max(max(values), 1e-9)
    slot = width / len(values)
    bars = []
    for index, value in enumerate(values):
        bar_h = max(height * max(value, 0.0) / top, 1.0)
        bars.append(
            f'<rect x="{_fmt(slot * index + slot * 0.15)}" y="{_fmt(height - bar_h)}" '
            f'width="{_fmt(slot * 0.7)}" height="{_fmt(bar_h)}" rx="1"/>'
        )
    return (
        f'<svg class="sparkline" viewBox="0 0 {width} {height}" width="100%" height="100%" '
        f'aria-hidden="true" '
        f'focusable="false" fill="currentColor" preserveAspectRatio="none">{"".join(bars)}</svg>'
    )
