"""Which charts the progress page draws, from a :class:`~.services.Progress`.

Kept apart from :mod:`.charts` (generic drawing) and the view (HTTP) so the choice of
series, colours and the wording of each chart's description can be tested on their
own. Every description states the latest values in words, because a screen reader
user should get the gist without opening the table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from backstride.training import load
from backstride.training.adaptation import ACCEPTABLE_PAIN, HOLD_PAIN
from backstride.training.units import METRIC, SHORT_WORDS, Units, short_unit_meters
from backstride.web.logbook.forms import PAIN_LABELS
from backstride.web.plans.calendar import AMBER_PERCENT, GREEN_PERCENT
from backstride.web.progress import charts
from backstride.web.progress.services import Progress

PAIN_CSS = {
    "knee": "s1",
    "shin": "s2",
    "quadriceps": "s3",
    "calf": "s4",
    "hip": "s5",
    "back": "s6",
}


@dataclass(frozen=True)
class Figure:
    """One chart ready for the template: the SVG, a legend and the table fallback."""

    spec: charts.ChartSpec
    svg: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    legend: tuple[tuple[str, str], ...]  # (css class, label)
    note: str = ""  # how to read the chart, under its title; numbers from the rules' constants


def figure(spec: charts.ChartSpec, note: str = "") -> Figure:
    header, rows = charts.table(spec)
    legend = tuple((s.css, s.name) for s in (*spec.bars, *spec.lines) if not s.classes)
    legend += tuple((b.css, b.label) for b in spec.bands)
    return Figure(spec, charts.render_svg(spec), header, rows, legend, note)


def day_label(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def volume_minutes(progress: Progress) -> Figure:
    weeks = progress.week_rows
    minutes = tuple(round(w.backward_minutes, 1) for w in weeks)
    latest = minutes[-1] if minutes else 0
    return figure(
        charts.ChartSpec(
            chart_id="minutes",
            title="Backward minutes per week",
            description=f"Bars, one per week from {day_label(progress.start)}. "
            f"This week so far: {latest:g} minutes backward.",
            x_label="Week starting",
            y_label="Minutes",
            categories=tuple(day_label(w.week_start) for w in weeks),
            bars=(charts.Series("Backward minutes", minutes, "s1", unit="min"),),
        )
    )


def volume_meters(progress: Progress, units: Units = METRIC) -> Figure | None:
    """Distance only when some is known or estimated; otherwise the chart would be empty.

    In the person's short unit (metres or yards, ``training.units``): weekly backward
    distances are hundreds of metres to a few kilometres.
    """
    weeks = progress.week_rows
    per_unit = short_unit_meters(units)
    words = SHORT_WORDS[units.short]
    values = tuple(round(w.backward_meters / per_unit) for w in weeks)
    if not any(values):
        return None
    return figure(
        charts.ChartSpec(
            chart_id="meters",
            title=f"Backward {words} per week",
            description=f"Bars, one per week. This week so far: {values[-1]:g} {words}. "
            "Sessions without GPS use the distance the plan estimated.",
            x_label="Week starting",
            y_label=words.capitalize(),
            categories=tuple(day_label(w.week_start) for w in weeks),
            bars=(charts.Series(f"Backward {words}", values, "s2", unit=units.short.value),),
        )
    )


def daily_load(progress: Progress) -> Figure:
    days = progress.day_rows
    summary = progress.summary
    return figure(
        charts.ChartSpec(
            chart_id="load",
            title="Session load per day, with 7-day and 42-day trends",
            description=f"Bars: effort times minutes for each day. Lines: the 7-day trend, "
            f"now {summary.acute_7d:.0f}, and the 42-day trend, now {summary.chronic_42d:.0f}.",
            x_label="Day",
            y_label="Load (RPE x min)",
            categories=tuple(day_label(d.date) for d in days),
            bars=(charts.Series("Daily load", tuple(d.srpe_load for d in days), "s-muted"),),
            lines=(
                charts.Series("7-day trend", tuple(d.acute_7d for d in days), "s1"),
                charts.Series("42-day trend", tuple(d.chronic_42d for d in days), "s3"),
            ),
        )
    )


def ratio(progress: Progress) -> Figure | None:
    """The 7:28-day acute:chronic ratio over its usual band, or None before 4 weeks."""
    days = progress.day_rows
    values = tuple(None if d.acwr is None else round(d.acwr, 2) for d in days)
    present = [v for v in values if v is not None]
    if not present:
        return None
    low, high = load.ACWR_BAND
    return figure(
        charts.ChartSpec(
            chart_id="ratio",
            title="Last 7 days against your 4-week trend (7:28-day ratio)",
            description=f"A line of the ratio, now {present[-1]:.2f}, over a shaded band "
            f"from {low} to {high} where most training weeks fall.",
            x_label="Day",
            y_label="Ratio",
            categories=tuple(day_label(d.date) for d in days),
            lines=(charts.Series("Ratio", values, "s1"),),
            bands=(charts.Band(low, high, "band-ok", f"Usual band {low}-{high}"),),
            y_max=max(2.0, charts.nice_max(max(present))),
            decimals=2,
        ),
        note=f"A trend, not a verdict: the 7-day against the 28-day average (Williams 2017). "
        f"Above {high} the last week was busier than your usual, below {low} lighter; that "
        "band comes from team-sport studies of 7:28-day ratios (Gabbett 2016) and does not "
        "say you will get hurt. Build up step by step.",
    )


def pain(progress: Progress) -> Figure | None:
    if not progress.pain:
        return None
    days = sorted({day for points in progress.pain.values() for day, _ in points})
    lines = []
    for site, points in progress.pain.items():
        by_day = dict(points)
        lines.append(
            charts.Series(
                PAIN_LABELS.get(site, site),
                tuple(float(by_day[d]) if d in by_day else None for d in days),
                PAIN_CSS.get(site, "s1"),
                unit="0-10",
            )
        )
    worst = max(value for points in progress.pain.values() for _, value in points)
    ok, hold = ACCEPTABLE_PAIN, HOLD_PAIN
    return figure(
        charts.ChartSpec(
            chart_id="pain",
            title="Pain after sessions, by body site",
            description=f"One line per site that hurt, on a scale of 0 to 10. The highest "
            f"value in this period was {worst}. Shading marks {ok} to {hold} (watch) and "
            f"above {hold} (step back).",
            x_label="Session day",
            y_label="Pain (0-10)",
            categories=tuple(day_label(d) for d in days),
            lines=tuple(lines),
            bands=(
                charts.Band(ok, hold, "band-watch", f"{ok}-{hold}: watch it"),
                charts.Band(hold, 10, "band-stop", f"Above {hold}: step back"),
            ),
            y_max=10,
            y_step=2,
        ),
        note=f"Up to {ok} out of 10 is usually fine if it settles by the next day. Above "
        f"{hold}, or any sharp pain, means step back.",
    )


def adherence(progress: Progress) -> Figure | None:
    weeks = [w for w in progress.week_rows if w.planned_sessions]
    if not weeks:
        return None
    done_classes = tuple(f"c-{w.compliance}" for w in weeks)
    percent = progress.adherence_percent
    (green_low, green_high), (amber_low, amber_high) = GREEN_PERCENT, AMBER_PERCENT
    return figure(
        charts.ChartSpec(
            chart_id="adherence",
            title="Planned and done minutes per week",
            description=f"Pairs of bars per week: planned minutes, then done minutes coloured "
            f"green ({green_low}-{green_high} % of plan), amber or red. {progress.done_total} of "
            f"{progress.planned_total} planned sessions done ({percent} %).",
            x_label="Week starting",
            y_label="Minutes",
            categories=tuple(day_label(w.week_start) for w in weeks),
            bars=(
                charts.Series(
                    "Planned", tuple(round(w.planned_minutes) for w in weeks), "s-plan", unit="min"
                ),
                charts.Series(
                    "Done",
                    tuple(round(w.logged_minutes) for w in weeks),
                    "s1",
                    classes=done_classes,
                    unit="min",
                ),
            ),
        ),
        note=f"Green: {green_low}-{green_high} % of the planned time. Amber: "
        f"{amber_low}-{green_low - 1} % or {green_high + 1}-{amber_high} %. Red: further off.",
    )
