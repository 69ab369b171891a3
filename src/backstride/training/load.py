"""Training load from session logs: session-RPE, weekly volume, EWMA trends, monotony.

Why this model: most backward sessions are logged without a heart-rate strap or GPS
(treadmill, track, manual entry), so the load unit has to work from what every log has:
the effort rating after the session and its duration. Foster's session-RPE (RPE x
minutes) is that unit. On top of it we give trends, not verdicts: a 7-day and a 42-day
exponentially weighted average (short-term fatigue and longer-term fitness), Foster's
monotony and strain, and the acute:chronic ratio only as a band to read in text.

Formulas (sources and caveats in docs/science/adaptation-load-energy.md):

- ``session_load = RPE (0-10) x minutes`` (Foster et al. 2001).
- ``ewma``: ``lambda = 2 / (N + 1)`` per day, ``e[0] = x[0]``,
  ``e[t] = lambda * x[t] + (1 - lambda) * e[t-1]`` (Williams et al. 2017). Days without
  a session count as zero load; the daily series starts with a zero day just before the
  first log, because before the first logged session there was no backward load.
- ``monotony = mean / SD`` of the last 7 daily loads (population SD), ``strain = weekly
  load x monotony`` (Foster 1998). Warning above 1.5, alert above 2.0.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from backstride.training.models import PainSite, SessionLog

ACUTE_DAYS = 7
CHRONIC_DAYS = 42
MONOTONY_WARNING = 1.5
MONOTONY_ALERT = 2.0
ACWR_BAND = (0.8, 1.3)
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
    acute_7d: float = 0.0  # the 7-day EWMA trend as of this day
    chronic_42d: float = 0.0  # the 42-day EWMA trend as of this day


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
    first_log: dt.date | None = None  # the oldest log, even when the series starts later


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
        for site, value in log.pain.items():
            if site not in _PAIN_SITES:
                known = ", ".join(sorted(_PAIN_SITES))
                raise ValueError(f"unknown pain site {site!r} (use one of: {known})")
            _check_range(f"{site} pain", value, 0, 10)
        if log.next_morning_soreness is not None:
            _check_range("next-morning soreness", log.next_morning_soreness, 0, 10)
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
    """Exponentially weighted moving average of a daily series, span form.

    ``lambda = 2 / (span_days + 1)``; the first output equals the first input, so every
    output lies between the smallest and largest input. Pass zero-filled daily values:
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


def _day_loads(logs: Sequence[SessionLog]) -> dict[dt.date, list[SessionLog]]:
    by_day: dict[dt.date, list[SessionLog]] = {}
    for log in logs:
        by_day.setdefault(log.date, []).append(log)
    return by_day


def _trends_before(
    loads: dict[dt.date, float], first: dt.date, start: dt.date
) -> tuple[float, float]:
    """The 7- and 42-day EWMA as of the day before ``start``, exactly, in O(log days).

    A day without a session is a zero, which only multiplies the trend by ``1 - lambda``;
    so the gaps between logs are jumped with a power instead of walked day by day, and
    a log from long ago costs one step, not one step per day since.
    """
    trends = []
    for span in (ACUTE_DAYS, CHRONIC_DAYS):
        weight = 2.0 / (span + 1)
        keep = 1.0 - weight
        # Ordinals, not dates: the zero day before a log of 0001-01-01 is no date.
        value, last = 0.0, first.toordinal() - 1  # the zero day before the first log
        for day in sorted(d for d in loads if d < start):
            value = weight * loads[day] + keep * value * keep ** (day.toordinal() - last - 1)
            last = day.toordinal()
        trends.append(value * keep ** (start.toordinal() - last - 1))
    return trends[0], trends[1]


def _daily(
    by_day: dict[dt.date, list[SessionLog]],
    start: dt.date,
    today: dt.date,
    trends: tuple[float, float],
) -> tuple[DailyLoad, ...]:
    acute, chronic = trends
    out = []
    for offset in range((today - start).days + 1):
        day = start + dt.timedelta(days=offset)
        logs = by_day.get(day, [])
        value = sum(session_load(log) for log in logs)
        acute = 2.0 / (ACUTE_DAYS + 1) * value + (1.0 - 2.0 / (ACUTE_DAYS + 1)) * acute
        chronic = 2.0 / (CHRONIC_DAYS + 1) * value + (1.0 - 2.0 / (CHRONIC_DAYS + 1)) * chronic
        out.append(
            DailyLoad(
                date=day,
                srpe_load=value,
                backward_seconds=sum(float(log.backward_seconds) for log in logs),
                backward_meters=sum(float(log.backward_meters) for log in logs),
                acute_7d=acute,
                chronic_42d=chronic,
            )
        )
    return tuple(out)


def _weekly(daily: Sequence[DailyLoad], logs: Sequence[SessionLog]) -> tuple[WeeklyTotals, ...]:
    weeks: dict[dt.date, list[DailyLoad]] = {}
    for day in daily:
        weeks.setdefault(day.date - dt.timedelta(days=day.date.weekday()), []).append(day)
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
            f"Training monotony is {monotony:.1f}, above 2.0: the days of the last week "
            "were very alike. Mix easy and hard days, or add a rest day."
        )
    elif monotony is not None and monotony > MONOTONY_WARNING:
        notes.append(
            f"Training monotony is {monotony:.1f}, above 1.5: consider making easy days "
            "easier so hard days stand out."
        )
    low, high = ACWR_BAND
    history_days = (today - min(log.date for log in logs)).days
    if acwr is not None and history_days < ACWR_MIN_HISTORY_DAYS:
        acwr = None  # the ratio is still returned, only the sentence waits
    if acwr is not None and acwr > high:
        notes.append(
            f"Your last 7 days are above your 6-week trend (ratio {acwr:.2f}, usual band "
            f"{low}-{high}). This is a trend, not a diagnosis: build up gradually."
        )
    elif acwr is not None and acwr < low:
        notes.append(
            f"Your last 7 days are below your 6-week trend (ratio {acwr:.2f}, usual band "
            f"{low}-{high}). After a lighter spell, return to earlier volumes step by step."
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

    ``since`` bounds the daily and weekly series to the range a page or route asked
    for: they start at the later of ``since`` and the first log, so one old log never
    makes a one-week view build years of days. The trends still count every log
    (exactly: see ``_trends_before``), so they do not depend on the range shown.
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
    by_day = _day_loads(logs)
    loads = {day: sum(session_load(log) for log in day_logs) for day, day_logs in by_day.items()}
    daily = _daily(by_day, start, today, _trends_before(loads, first, start))
    acute, chronic = daily[-1].acute_7d, daily[-1].chronic_42d
    acwr = acute / chronic if chronic > 0 else None
    # Days before the first log carried no load, exactly like the zero day of the series.
    last_week = [loads.get(today - dt.timedelta(days=back), 0.0) for back in range(6, -1, -1)]
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
        first_log=first,
    )
