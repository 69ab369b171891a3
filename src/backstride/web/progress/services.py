"""The numbers behind the progress page and ``GET /api/progress``; no HTTP, no SVG.

A thin layer over the engine: ``training.load.summarize`` gives daily and weekly loads,
the monotony and the warnings, and ``LoadSummary.trends`` the two trend lines and
the 7:28-day ratio. This
module only reads the stored logs and plan, cuts the chosen range out of the engine's
answer and lines up planned against done sessions per week (adherence), which the
engine does not know about because it never sees the plan and the logs together.

Two choices keep sessions without GPS in every chart: a log with minutes but no
backward time counts its minutes as backward time, and a logged plan session with no
metres gets the plan's metres times the share completed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from backstride.training import load
from backstride.training.dates import EARLIEST
from backstride.training.models import PainSite, Session, SessionLog
from backstride.web.coaching.flags import ADHERENCE_TARGET_PERCENT
from backstride.web.learn.links import learn_url
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans
from backstride.web.plans.calendar import compliance, compliance_percent

MAX_WEEKS = 104
DEFAULT_WEEKS = 8
RANGE_CHOICES: dict[str, int | None] = {"4": 4, "8": 8, "12": 12, "all": None}


@dataclass(frozen=True)
class WeekRow:
    """One Monday-to-Sunday week: volume from the engine, planned vs done from the plan."""

    week_start: dt.date
    sessions: int
    backward_minutes: float
    backward_meters: float
    srpe_load: float
    planned_sessions: int
    done_sessions: int
    planned_minutes: float
    logged_minutes: float

    @property
    def adherence_percent(self) -> int | None:
        if not self.planned_sessions:
            return None
        return round(100 * self.done_sessions / self.planned_sessions)

    @property
    def compliance(self) -> str | None:
        """green / amber / red for logged against planned minutes; None without a plan."""
        if not self.planned_minutes:
            return None
        return compliance(self.planned_minutes * 60, self.logged_minutes).value

    @property
    def compliance_percent(self) -> int | None:
        if not self.planned_minutes:
            return None
        return compliance_percent(self.planned_minutes * 60, self.logged_minutes)


@dataclass(frozen=True)
class DayRow:
    date: dt.date
    srpe_load: float
    acute_7d: float
    chronic_42d: float
    acwr: float | None  # 7:28-day ratio; None until 28 days of history


@dataclass(frozen=True)
class Warning:
    text: str
    learn_url: str


@dataclass(frozen=True)
class Progress:
    """Everything the page and the API show for one athlete over one range."""

    today: dt.date
    weeks: int | None
    start: dt.date
    summary: load.LoadSummary
    week_rows: tuple[WeekRow, ...]
    day_rows: tuple[DayRow, ...]
    pain: dict[str, tuple[tuple[dt.date, int], ...]]
    warnings: tuple[Warning, ...]
    log_count: int

    first_log: dt.date | None = None

    @property
    def has_logs(self) -> bool:
        return self.log_count > 0

    @property
    def extra_logs(self) -> int:
        """Logs in the range that ticked off no planned session (extra or repeated ones)."""
        return max(self.log_count - self.done_total, 0)

    @property
    def history_days(self) -> int:
        """Days since the first log: trends and the 7:28 ratio mean little before ~4 weeks."""
        return 0 if self.first_log is None else (self.today - self.first_log).days

    @property
    def enough_for_trends(self) -> bool:
        """The engine's own threshold (``load.ACWR_MIN_HISTORY_DAYS``) for trend messages."""
        return self.history_days >= load.ACWR_MIN_HISTORY_DAYS

    @property
    def trend_days_left(self) -> int:
        return max(load.ACWR_MIN_HISTORY_DAYS - self.history_days, 0)

    @property
    def planned_total(self) -> int:
        return sum(w.planned_sessions for w in self.week_rows)

    @property
    def done_total(self) -> int:
        return sum(w.done_sessions for w in self.week_rows)

    @property
    def adherence_percent(self) -> int | None:
        planned = self.planned_total
        return round(100 * self.done_total / planned) if planned else None

    @property
    def monotony_level(self) -> str | None:
        """ "alert" above 2.0, "warning" above 1.5, "ok" below; None without a value."""
        return load.monotony_level(self.summary.monotony)

    @property
    def monotony_label(self) -> str:
        """The engine's sentence for the level, with whose threshold it is."""
        return load.MONOTONY_LABELS[self.monotony_level]


def parse_range(raw: str | None) -> int | None:
    """``?weeks=`` on the page: 4, 8, 12 or all; anything else is the default (8)."""
    return RANGE_CHOICES.get(raw or "", DEFAULT_WEEKS)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _planned_sessions(athlete: AbstractBaseUser) -> list[Session]:
    row = plans.active_plan(athlete)
    return list(plans.build_plan(row).sessions) if row else []


def engine_log(entry: LogEntry, planned: dict[str, Session]) -> SessionLog:
    """The stored log as the engine sees it, with minutes-only sessions made to count."""
    log = entry.to_engine()
    if log.backward_seconds <= 0 and log.minutes > 0:
        log = replace(log, backward_seconds=log.minutes * 60)
    session = planned.get(entry.session_uid) if entry.session_uid else None
    if log.backward_meters <= 0 and session is not None:
        estimate = round(session.backward_meters * float(entry.completed_fraction), 1)
        log = replace(log, backward_meters=estimate)
    return log


def warning_url(text: str) -> str:
    """The Learn section that explains a load warning of the engine."""
    if "monotony" in text or "same load" in text:
        return learn_url("questions", "how-often")
    if "above your longest" in text:
        return learn_url("questions", "how-fast")
    return learn_url("questions", "how-often")


def _range_start(weeks: int | None, today: dt.date, first: dt.date | None) -> dt.date:
    """Monday of the first week shown: ``weeks`` back from this week, or for "all" the
    first log's week, never more than ``MAX_WEEKS`` back nor before the date rule's
    floor (``training.dates.EARLIEST``): a range is bounded by what was asked, not by
    the oldest row."""
    longest = monday(today) - dt.timedelta(weeks=MAX_WEEKS - 1)
    if weeks is None:
        return max(monday(max(min(first or today, today), EARLIEST)), longest)
    return monday(today) - dt.timedelta(weeks=weeks - 1)


def _days(summary: load.LoadSummary, start: dt.date) -> tuple[DayRow, ...]:
    """One row per day of the range; days before the first log carry no load at all."""
    trends = summary.trends  # the engine's lines and 7:28-day ratio, counted from every log
    first = summary.first_log
    rows = []
    if summary.daily:
        for offset in range(max((summary.daily[0].date - start).days, 0)):
            rows.append(DayRow(start + dt.timedelta(days=offset), 0.0, 0.0, 0.0, None))
    for index, day in enumerate(summary.daily):
        if day.date < start:
            continue
        ratio = trends.acwr[index]
        if first is None or (day.date - first).days < load.ACWR_MIN_HISTORY_DAYS:
            ratio = None
        rows.append(
            DayRow(
                day.date, day.srpe_load, trends.acute_7d[index], trends.chronic_42d[index], ratio
            )
        )
    return tuple(rows)


def _weeks(
    summary: load.LoadSummary,
    entries: list[LogEntry],
    planned: list[Session],
    start: dt.date,
    today: dt.date,
) -> tuple[WeekRow, ...]:
    engine_weeks = {w.week_start: w for w in summary.weekly}
    logged_uids = {e.session_uid for e in entries if e.session_uid}
    free_days = {e.date for e in entries if not e.session_uid}
    by_uid = {s.uid: s for s in planned}

    def week_of(entry: LogEntry) -> dt.date:
        # A log counts in the week of the session it names, so a session done a day
        # early (even on the Sunday before) ticks off its own week and never makes the
        # week it was logged in look overdone.
        session = by_uid.get(entry.session_uid) if entry.session_uid else None
        return monday(session.date if session is not None else entry.date)

    rows = []
    week = start
    while week <= today:
        end = week + dt.timedelta(days=7)
        totals = engine_weeks.get(week)
        # Due: planned for a day up to today, or already logged (done early).
        due = [
            s for s in planned if week <= s.date < end and (s.date <= today or s.uid in logged_uids)
        ]
        done = [s for s in due if s.uid in logged_uids or s.date in free_days]
        rows.append(
            WeekRow(
                week_start=week,
                sessions=totals.sessions if totals else 0,
                backward_minutes=totals.backward_seconds / 60 if totals else 0.0,
                backward_meters=totals.backward_meters if totals else 0.0,
                srpe_load=totals.srpe_load if totals else 0.0,
                planned_sessions=len(due),
                done_sessions=len(done),
                planned_minutes=sum(s.total_seconds for s in due) / 60,
                logged_minutes=sum(float(e.minutes) for e in entries if week_of(e) == week),
            )
        )
        week = end
    return tuple(rows)


def _pain(entries: list[LogEntry], start: dt.date) -> dict[str, tuple[tuple[dt.date, int], ...]]:
    """Per site that hurt at least once in the range: the day's highest value, every log day.

    Logs whose pain was not answered (imports, a skipped question) are left out: missing
    is not zero, so they must not draw a 0 on the chart.
    """
    in_range = [e for e in entries if e.date >= start and e.pain is not None]
    days = sorted({e.date for e in in_range})
    out: dict[str, tuple[tuple[dt.date, int], ...]] = {}
    for site in PainSite:
        by_day = {day: 0 for day in days}
        for entry in in_range:
            value = int((entry.pain or {}).get(site.value, 0))
            by_day[entry.date] = max(by_day[entry.date], value)
        if any(by_day.values()):
            out[site.value] = tuple(sorted(by_day.items()))
    return out


def progress_for(athlete: AbstractBaseUser, today: dt.date, weeks: int | None) -> Progress:
    """The athlete's progress over the last ``weeks`` weeks (None: since the first log)."""
    if weeks is not None and (isinstance(weeks, bool) or not 1 <= weeks <= MAX_WEEKS):
        raise ValueError(f"weeks must be a whole number from 1 to {MAX_WEEKS}.")
    planned = _planned_sessions(athlete)
    by_uid = {s.uid: s for s in planned}
    entries = list(LogEntry.objects.filter(athlete=athlete, date__lte=today).order_by("date", "id"))
    first = entries[0].date if entries else None
    start = _range_start(weeks, today, first)
    summary = load.summarize([engine_log(e, by_uid) for e in entries], today, since=start)
    warnings = () if not entries else tuple(Warning(t, warning_url(t)) for t in summary.warnings)
    return Progress(
        today=today,
        weeks=weeks,
        start=start,
        summary=summary,
        week_rows=_weeks(summary, entries, planned, start, today),
        day_rows=_days(summary, start),
        pain=_pain(entries, start),
        warnings=warnings,
        log_count=sum(1 for e in entries if e.date >= start),
        first_log=first,
    )


def recent_backward_minutes(
    athlete: AbstractBaseUser, today: dt.date, weeks: int
) -> list[float] | None:
    """Backward minutes per week of the last ``weeks`` weeks, None with no log in them.

    The figures ``progress_for`` gives in its week rows, from the logs of those weeks
    alone: unlike the trend lines, which carry the whole history, a week's volume is the
    sum of its own days, so the home page need not read years of older logs.
    """
    by_uid = {s.uid: s for s in _planned_sessions(athlete)}
    start = _range_start(weeks, today, None)
    entries = LogEntry.objects.filter(athlete=athlete, date__gte=start, date__lte=today)
    logs = [engine_log(e, by_uid) for e in entries.order_by("date", "id")]
    if not logs:
        return None
    totals = {w.week_start: w.backward_seconds / 60 for w in load.summarize(logs, today).weekly}
    return [totals.get(start + dt.timedelta(weeks=n), 0.0) for n in range(weeks)]


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def to_dict(progress: Progress) -> dict[str, Any]:
    """The JSON shape of ``GET /api/progress`` (the page shows the same numbers)."""
    summary = progress.summary
    return {
        "today": progress.today.isoformat(),
        "weeks": progress.weeks,
        "from": progress.start.isoformat(),
        "logs": progress.log_count,
        "weekly": [
            {
                "week_start": w.week_start.isoformat(),
                "sessions": w.sessions,
                "backward_minutes": round(w.backward_minutes, 1),
                "backward_meters": round(w.backward_meters, 1),
                "srpe_load": round(w.srpe_load, 1),
                "planned_sessions": w.planned_sessions,
                "done_sessions": w.done_sessions,
                "planned_minutes": round(w.planned_minutes, 1),
                "logged_minutes": round(w.logged_minutes, 1),
                "adherence_percent": w.adherence_percent,
                "compliance": w.compliance,
            }
            for w in progress.week_rows
        ],
        "daily": [
            {
                "date": d.date.isoformat(),
                "srpe_load": round(d.srpe_load, 1),
                "acute_7d": round(d.acute_7d, 2),
                "chronic_42d": round(d.chronic_42d, 2),
                "acwr": _round(d.acwr),
            }
            for d in progress.day_rows
        ],
        "trends": {
            "acute_7d": round(summary.acute_7d, 2),
            "chronic_42d": round(summary.chronic_42d, 2),
            "acwr": _round(summary.acwr),
            "acwr_band": list(load.ACWR_BAND),
            "monotony": _round(summary.monotony),
            "monotony_level": progress.monotony_level,
            "strain": _round(summary.strain, 1),
        },
        "pain": {
            site: [{"date": day.isoformat(), "value": value} for day, value in points]
            for site, points in progress.pain.items()
        },
        "adherence": {
            "planned": progress.planned_total,
            "done": progress.done_total,
            "percent": progress.adherence_percent,
            "target_percent": ADHERENCE_TARGET_PERCENT,
        },
        "warnings": [{"text": w.text, "learn_url": w.learn_url} for w in progress.warnings],
    }
