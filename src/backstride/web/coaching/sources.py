"""Reads the plans and logbook apps for the coach dashboard.

The only module of ``coaching`` that knows how those apps store rows; it turns them
into the plain inputs of :mod:`.flags`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.contrib.auth.models import AbstractBaseUser

from backstride.training.models import Clearance
from backstride.web.coaching.flags import ADHERENCE_DAYS, AthleteSummary, PlannedSession, summarize
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans


def planned_sessions(athlete: AbstractBaseUser) -> list:
    """The engine sessions of the athlete's active plan (repeats applied), or []."""
    plan_row = plans.active_plan(athlete)
    return list(plans.build_plan(plan_row).sessions) if plan_row else []


def session_title(session: object) -> str:
    """ "Week 2 · Tue 3 Mar · title", for the note form's session picker."""
    date = session.date
    return f"Week {session.week} · {date:%a} {date.day} {date:%b} · {session.title}"


def planned_session_titles(athlete: AbstractBaseUser) -> dict[str, str]:
    """uid -> readable title of every session in the athlete's active plan."""
    return {s.uid: session_title(s) for s in planned_sessions(athlete)}


def consult_uncleared(athlete: AbstractBaseUser) -> bool:
    screening = plans.latest_screening(athlete)
    return bool(
        screening and screening.needs_clearance and not screening.is_cleared_by_professional
    )


def urgent_screening(athlete: AbstractBaseUser) -> bool:
    """The latest screening was ``urgent`` (chest pain at rest, fainting)."""
    screening = plans.latest_screening(athlete)
    return bool(screening and screening.clearance == Clearance.URGENT)


def clearance_of(athlete: AbstractBaseUser) -> object | None:
    """The clearance recorded on the latest screening (who, profession, date, limits)."""
    screening = plans.latest_screening(athlete)
    return getattr(screening, "clearance_record", None) if screening else None


def recent_log_entries(athlete: AbstractBaseUser, today: dt.date, days: int) -> list:
    since = today - dt.timedelta(days=days)
    return list(LogEntry.objects.filter(athlete=athlete, date__gte=since, date__lte=today))


def last_log_date(athlete: AbstractBaseUser, today: dt.date) -> dt.date | None:
    row = LogEntry.objects.filter(athlete=athlete, date__lte=today).order_by("-date").first()
    return row.date if row else None


def summary_for(athlete: AbstractBaseUser, today: dt.date) -> AthleteSummary:
    """Flags and adherence for one athlete, from their stored plan, logs and screening."""
    window_start = today - dt.timedelta(days=ADHERENCE_DAYS)
    planned = [
        PlannedSession(s.uid, s.date)
        for s in planned_sessions(athlete)
        if window_start <= s.date <= today
    ]
    logs = [entry.to_engine() for entry in recent_log_entries(athlete, today, ADHERENCE_DAYS)]
    summary = summarize(
        logs,
        planned,
        today,
        consult_uncleared=consult_uncleared(athlete),
        urgent=urgent_screening(athlete),
    )
    if summary.last_session is None:
        # Older logs still tell the coach when the athlete last trained.
        last = last_log_date(athlete, today)
        if last is not None:
            summary = replace(summary, last_session=last)
    return summary
