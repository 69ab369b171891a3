"""Reads the plans and logbook apps for the coach dashboard.

The only module of ``coaching`` that knows how those apps store rows; it turns them
into the plain inputs of :mod:`.flags`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from django.contrib.auth.models import AbstractBaseUser

from backstride.training.models import Clearance
from backstride.web.coaching.flags import ADHERENCE_DAYS, AthleteSummary, PlannedSession, summarize
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans
from backstride.web.plans.models import Screening, TrainingPlan


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


def summaries_for(
    athletes: Sequence[AbstractBaseUser], today: dt.date
) -> dict[int, AthleteSummary]:
    """Flags and adherence for many athletes at once (athlete pk -> summary).

    Why in bulk: the dashboard of a coach with 50 athletes made five queries per athlete.
    Here the active plans (with their changes), the latest screenings and the last 28
    days of logs are one query each for everyone; only an athlete with no log in those
    days costs one more (when did they last train?). Every list is in the order the
    one-athlete queries gave, so the flags are the same.
    """
    ids = [a.pk for a in athletes]
    plan_rows: dict[int, TrainingPlan] = {}
    for row in TrainingPlan.objects.filter(athlete_id__in=ids, active=True).prefetch_related(
        "changes"
    ):
        plan_rows.setdefault(row.athlete_id, row)  # the model's order: newest first
    screenings: dict[int, Screening] = {}
    for row in Screening.objects.filter(athlete_id__in=ids).select_related("clearance_record"):
        screenings.setdefault(row.athlete_id, row)  # newest first, as latest_screening
    since = today - dt.timedelta(days=ADHERENCE_DAYS)
    recent: dict[int, list] = {pk: [] for pk in ids}
    for entry in LogEntry.objects.filter(athlete_id__in=ids, date__gte=since, date__lte=today):
        recent[entry.athlete_id].append(entry.to_engine())  # (-date, -id) as before
    out: dict[int, AthleteSummary] = {}
    for athlete in athletes:
        row = plan_rows.get(athlete.pk)
        window_start = today - dt.timedelta(days=ADHERENCE_DAYS)
        planned = [
            PlannedSession(s.uid, s.date)
            for s in (plans.build_plan(row).sessions if row else ())
            if window_start <= s.date <= today
        ]
        screening = screenings.get(athlete.pk)
        uncleared = bool(
            screening and screening.needs_clearance and not screening.is_cleared_by_professional
        )
        summary = summarize(
            recent[athlete.pk],
            planned,
            today,
            consult_uncleared=uncleared,
            urgent=bool(screening and screening.clearance == Clearance.URGENT),
        )
        if summary.last_session is None:
            # Older logs still tell the coach when the athlete last trained.
            last = last_log_date(athlete, today)
            if last is not None:
                summary = replace(summary, last_session=last)
        out[athlete.pk] = summary
    return out


def summary_for(athlete: AbstractBaseUser, today: dt.date) -> AthleteSummary:
    """Flags and adherence for one athlete, from their stored plan, logs and screening."""
    return summaries_for([athlete], today)[athlete.pk]
