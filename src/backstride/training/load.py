"""Training load from session logs: session-RPE, weekly volume, EWMA trends, monotony.

Why this model: most backward sessions are logged without a heart-rate strap or GPS
(treadmill, track, manual entry), so the load unit has to work from what every log has:
the effort rating after the session and its duration. Foster's session-RPE (RPE x
minutes) is that unit. On top of it we give trends, not verdicts: a 7-day and a 42-day
trend (short-term fatigue and longer-term fitness), Foster's monotony and strain, and
the acute:chronic ratio only as a band to read in text.

Formulas (sources and caveats in docs/science/adaptation-load-energy.md):

- ``session_load = RPE (0-10) x minutes`` (Foster et al. 2001).
- Trend lines (``trend``): the performance-management-chart form of Banister's
  fitness/fatigue model, time constants 7 and 42 days, ``lambda = 1 / N``:
  ``e[t] = e[t-1] + (x[t] - e[t-1]) / N`` (Banister 1975; Allen & Coggan's ATL/CTL as in
  TrainingPeaks). We chose 1/N so "42-day" means a 42-day time constant; the span form
  2/(N+1) would make it behave like a ~21-day constant.
- Acute:chronic ratio (``acwr_series``): the 7:28-day EWMA ratio of Williams et al. 2017
  (span form ``lambda = 2 / (N + 1)``, ``ewma``), read against the 0.8-1.3 band that
  Gabbett 2016 drew from 7:28-day ratios. Shown as a trend, never as a risk verdict
  (Impellizzeri et al. 2020).
- Days without a session count as zero load; the daily series starts with a zero day
  just before the first log, because before it there was no backward load.
- ``monotony = mean / SD`` of the last 7 daily loads (population SD), ``strain = weekly
  load x monotony`` (Foster 1998). Alert above 2.0 (Foster 1998); the note above 1.5 is
  the project's own early warning, and the text says so.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from backstride.training.models import PainSite, SessionLog

ACUTE_DAYS = 7  # trend-line and ACWR acute time constant
CHRONIC_DAYS = 42  # trend-line ("fitness") time constant, lambda = 1/N
ACWR_CHRONIC_DAYS = 28  # Williams et al. 2017: 7:28-day EWMA ratio
MONOTONY_WARNING = 1.5  # project's own early warning
MONOTONY_ALERT = 2.0  # Foster 1998
ACWR_BAND = (0.8, 1.3)  # Gabbett 2016, from 7:28-day ratios
SPIKE_LIMIT = 1.10  # a session at most ~10 % above the longest of the last 30 days
SPIKE_LOOKBACK_DAYS = 30
ACWR_MIN_HISTORY_DAYS = 28  # before ~4 weeks the 42-day trend is mostly the zero start
MAX_COMPLETED_FRACTION = 2.0  # doing more than planned is possible; over double is a typo

_PAIN_SITES = frozenset(site.value for site in PainSite)


@dataclass(frozen=True)
class DailyLoad:
    """Everything logged on one calendar day (zero on rest days)."""

    date: dt.date
    srpe_load: float
    backward_seconds: float
    backward_meters: float


@dataclass(frozen=True)
class WeeklyTotals:
    """One Monday-to-Sunday week, for volume charts and weekly progression."""

    week_start: dt.date
    sessions: int
    backward_seconds: float
    backward_meters: float
    srpe_load: float


@dataclass(frozen=True)
class LoadSummary:
    """Load history up to ``today``: daily and weekly totals, trends and plain warnings."""

    daily: tuple[DailyLoad, ...]
    weekly: tuple[WeeklyTotals, ...]
    acute_7d: float
    chronic_42d: float
    acwr: float | None
    monotony: float | None
    strain: float | None
    warnings: tuple[str, ...]
    chronic_28d: float = 0.0  # the ACWR's chronic EWMA (Williams 2017)
    first_log: dt.date | None = None  # the oldest log, even when the series starts later
    trends: DailyTrends | None = None  # the lines for each day of ``daily``, from all logs


@dataclass(frozen=True)
class DailyTrends:
    """Per-day trend lines and ratio, in the same order as the daily series."""

    acute_7d: tuple[float, ...]
    chronic_42d: tuple[float, ...]
    acwr: tuple[float | None, ...]  # None where the chronic EWMA is zero


def _check_range(name: str, value: float, low: float, high: float) -> None:
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number (got {value!r})")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g} (got {value:g})")


def _check_non_negative(name: str, value: float) -> None:
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number (got {value!r})")
    if value < 0:
        raise ValueError(f"{name} cannot be negative (got {value:g})")


def validate_log(log: SessionLog) -> None:
    """Raise ValueError with a one-line message if a log holds impossible values.

    Every model that reads logs calls this first, so a typo (RPE 12, pain 15/10,
    negative minutes) is reported to the person instead of silently skewing a decision.
    """
    when = f"log of {log.date}" if isinstance(log.date, dt.date) else "log"
    if not isinstance(log.date, dt.date):
        raise ValueError(f"a session log needs a date (got {log.date!r})")
    try:
        _check_range("completed fraction", log.completed_fraction, 0.0, MAX_COMPLETED_FRACTION)
        _check_range("RPE", log.rpe, 0.0, 10.0)
        _check_non_negative("minutes", log.minutes)
        _check_non_negative("backward seconds", log.backward_seconds)
        _check_non_negative("backward metres", log.backward_meters)
        for site, value in (log.pain or {}).items():  # None: pain not answered
            if site not in _PAIN_SITES:
                known = ", ".join(sorted(_PAIN_SITES))
                raise ValueError(f"unknown pain site {site!r} (use one of: {known})")
            _check_range(f"{site} pain", value, 0, 10)
        if log.next_morning_soreness is not None:
            _check_range("next-morning soreness", log.next_morning_soreness, 0, 10)
        if log.pre_session_pain is not None:
            _check_range("pre-session pain", log.pre_session_pain, 0, 10)
    except ValueError as error:
        raise ValueError(f"{when}: {error}") from None


def session_load(log: SessionLog) -> float:
    """Session-RPE load in arbitrary units: RPE (0-10) x session minutes (Foster 2001).

    A log with no minutes but with backward seconds (e.g. a watch lap import) uses the
    backward time, so such sessions still count.
    """
    validate_log(log)
    minutes = log.minutes if log.minutes > 0 else log.backward_seconds / 60.0
    return float(log.rpe) * float(minutes)


def ewma(values: Sequence[float], span_days: int) -> list[float]:
    """Exponentially weighted moving average of a daily series, span form (Williams 2017).

    ``lambda = 2 / (span_days + 1)``, used for the 7:28-day acute:chronic ratio. The first
    output equals the first input, so every output lies between the smallest and largest
    input. Pass zero-filled daily values:
    the decay is per element, i.e. per day.
    """
    if isinstance(span_days, bool) or not isinstance(span_days, int) or span_days < 1:
        raise ValueError(f"span_days must be a whole number of days >= 1 (got {span_days!r})")
    weight = 2.0 / (span_days + 1)
    out: list[float] = []
    for value in values:
        if not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"EWMA inputs must be finite numbers (got {value!r})")
        out.append(float(value) if not out else weight * value + (1.0 - weight) * out[-1])
    return out


def trend(values: Sequence[float], time_constant_days: int) -> list[float]:
    """Banister-style trend with ``lambda = 1 / N`` (performance-management chart).

    ``e[t] = e[t-1] + (x[t] - e[t-1]) / N`` with ``e[0] = x[0]``, so every output lies
    between the smallest and largest input. A 42-day time constant keeps about
    1/e of a load 42 days later.
    """
    if (
        isinstance(time_constant_days, bool)
        or not isinstance(time_constant_days, int)
        or time_constant_days < 1
    ):
        raise ValueError(
            f"time constant must be a whole number of days >= 1 (got {time_constant_days!r})"
        )
    weight = 1.0 / time_constant_days
    out: list[float] = []
    for value in values:
        if not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"trend inputs must be finite numbers (got {value!r})")
        out.append(float(value) if not out else out[-1] + weight * (value - out[-1]))
    return out


def acwr_series(values: Sequence[float]) -> list[float | None]:
    """7:28-day EWMA acute:chronic ratio per day (Williams et al. 2017); None over zero."""
    acute = ewma(values, ACUTE_DAYS)
    chronic = ewma(values, ACWR_CHRONIC_DAYS)
    return [a / c if c > 0 else None for a, c in zip(acute, chronic, strict=True)]


def monotony_level(monotony: float | None) -> str | None:
    """``alert`` above 2.0 (Foster 1998), ``warning`` above 1.5 (ours), else ``ok``."""
    if monotony is None:
        return None
    if monotony > MONOTONY_ALERT:
        return "alert"
    return "warning" if monotony > MONOTONY_WARNING else "ok"


MONOTONY_LABELS = {
    "alert": "Alert: above 2.0, the days were very alike (Foster 1998)",
    "warning": "Worth a look: above 1.5 (our own early warning, not a published limit)",
    "ok": "Varied enough (below 1.5)",
    None: "Needs a week with some variety",
}


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    for offset in range((end - start).days + 1):
        yield start + dt.timedelta(days=offset)


def _daily(logs: Sequence[SessionLog], start: dt.date, today: dt.date) -> tuple[DailyLoad, ...]:
    by_day: dict[dt.date, list[SessionLog]] = {}
    for log in logs:
        by_day.setdefault(log.date, []).append(log)
    return tuple(
        DailyLoad(
            date=day,
            srpe_load=sum(session_load(log) for log in by_day.get(day, [])),
            backward_seconds=sum(float(log.backward_seconds) for log in by_day.get(day, [])),
            backward_meters=sum(float(log.backward_meters) for log in by_day.get(day, [])),
        )
        for day in _days(start, today)
    )


def _weekly(daily: Sequence[DailyLoad], logs: Sequence[SessionLog]) -> tuple[WeeklyTotals, ...]:
    weeks: dict[dt.date, list[DailyLoad]] = {}
    for day in daily:
        weeks.setdefault(day.date - dt.timedelta(days=day.date.weekday()), []).append(day)
    # Logs counted per week in one pass: scanning every log for every week made five
    # years of history cost 260 x 2,000 comparisons per page.
    sessions: dict[dt.date, int] = {}
    for log in logs:
        monday = log.date - dt.timedelta(days=log.date.weekday())
        sessions[monday] = sessions.get(monday, 0) + 1
    return tuple(
        WeeklyTotals(
            week_start=start,
            sessions=sessions.get(start, 0),
            backward_seconds=sum(d.backward_seconds for d in days),
            backward_meters=sum(d.backward_meters for d in days),
            srpe_load=sum(d.srpe_load for d in days),
        )
        for start, days in weeks.items()
    )


def _monotony(last_week: Sequence[float]) -> float | None:
    """Mean / population SD; None when the SD is zero (no training, or identical days)."""
    sd = statistics.pstdev(last_week)
    return None if sd == 0 else statistics.fmean(last_week) / sd


def _warnings(
    logs: Sequence[SessionLog],
    last_week: Sequence[float],
    monotony: float | None,
    acwr: float | None,
    today: dt.date,
) -> list[str]:
    notes: list[str] = []
    if monotony is None and min(last_week) > 0:
        notes.append(
            "Every day of the last week carried the same load with no easy day; "
            "plan at least one lighter or rest day."
        )
    elif monotony is not None and monotony > MONOTONY_ALERT:
        notes.append(
            f"Training monotony is {monotony:.1f}, above 2.0, the level Foster (1998) "
            "linked to illness and staleness: the days of the last week were very alike. "
            "Mix easy and hard days, or add a rest day."
        )
    elif monotony is not None and monotony > MONOTONY_WARNING:
        notes.append(
            f"Training monotony is {monotony:.1f}, above 1.5 (our own early warning, not "
            "a published limit): consider making easy days easier so hard days stand out."
        )
    low, high = ACWR_BAND
    history_days = (today - min(log.date for log in logs)).days
    if acwr is not None and history_days < ACWR_MIN_HISTORY_DAYS:
        acwr = None  # the ratio is still returned, only the sentence waits
    if acwr is not None and acwr > high:
        notes.append(
            f"Your last 7 days are above your 4-week trend (7:28-day ratio {acwr:.2f}, "
            f"usual band {low}-{high}). This is a trend, not a diagnosis: build up gradually."
        )
    elif acwr is not None and acwr < low:
        notes.append(
            f"Your last 7 days are below your 4-week trend (7:28-day ratio {acwr:.2f}, "
            f"usual band {low}-{high}). After a lighter spell, return to earlier volumes "
            "step by step."
        )
    latest = max(logs, key=lambda log: (log.date, log.backward_seconds))
    since = latest.date - dt.timedelta(days=SPIKE_LOOKBACK_DAYS)
    earlier = [log.backward_seconds for log in logs if since <= log.date < latest.date]
    longest = max(earlier, default=0.0)
    if (
        longest > 0
        and latest.backward_seconds > SPIKE_LIMIT * longest
        and latest.date > (today - dt.timedelta(days=ACUTE_DAYS))
    ):
        notes.append(
            f"Your session on {latest.date} had {latest.backward_seconds / 60:.0f} backward "
            f"minutes, more than 10 % above your longest of the 30 days before "
            f"({longest / 60:.0f} min). Keep single sessions within about 10 % of that."
        )
    return notes


def summarize(
    logs: Sequence[SessionLog], today: dt.date, since: dt.date | None = None
) -> LoadSummary:
    """Daily and weekly totals, EWMA trends, monotony, strain and plain-text warnings.

    Logs without GPS (no metres) count everywhere through their minutes. Logs dated
    after ``today`` are rejected: they are almost always a typo in the date.

    ``since`` bounds the daily and weekly series (and ``trends``) to the range a page or
    route asked for: they start at the later of ``since`` and the first log, so one old
    log never makes a one-week view return years of days. The trend lines still count
    every log (a float per day from the first log), so they do not depend on the range.
    """
    if not isinstance(today, dt.date):
        raise ValueError(f"today must be a date (got {today!r})")
    for log in logs:
        validate_log(log)
        if log.date > today:
            raise ValueError(f"a session log is dated {log.date}, after today ({today})")
    if not logs:
        return LoadSummary((), (), 0.0, 0.0, None, None, None, ("No sessions logged yet.",))
    first = min(log.date for log in logs)
    start = first if since is None else min(max(first, since), today)
    loads: dict[dt.date, float] = {}
    for log in logs:
        loads[log.date] = loads.get(log.date, 0.0) + session_load(log)
    days = (today - first).days + 1
    # The zero day before the first log, then one load per day up to today.
    series = [0.0] + [loads.get(first + dt.timedelta(days=i), 0.0) for i in range(days)]
    acute_line = trend(series, ACUTE_DAYS)
    chronic_line = trend(series, CHRONIC_DAYS)
    ratios = acwr_series(series)
    shown = 1 + (start - first).days
    daily = _daily([log for log in logs if log.date >= start], start, today)
    trends = DailyTrends(
        acute_7d=tuple(acute_line[shown:]),
        chronic_42d=tuple(chronic_line[shown:]),
        acwr=tuple(ratios[shown:]),
    )
    acute, chronic, acwr = acute_line[-1], chronic_line[-1], ratios[-1]
    chronic_28 = ewma(series, ACWR_CHRONIC_DAYS)[-1]
    last_week = series[-ACUTE_DAYS:]
    last_week = [0.0] * (ACUTE_DAYS - len(last_week)) + last_week
    monotony = _monotony(last_week)
    strain = None if monotony is None else sum(last_week) * monotony
    notes = _warnings(logs, last_week, monotony, acwr, today)
    return LoadSummary(
        daily=daily,
        weekly=_weekly(daily, [log for log in logs if log.date >= start]),
        acute_7d=acute,
        chronic_42d=chronic,
        acwr=acwr,
        monotony=monotony,
        strain=strain,
        warnings=tuple(notes),
        chronic_28d=chronic_28,
        first_log=first,
        trends=trends,
    )
