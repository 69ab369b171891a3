"""The signed-in athlete's "Today / this week": one session, one Start, the week so far.

The session is ``training.schedule.next_session`` (today's when it is still open, else
the next one), the message is ``training.status.current_status`` word for word, and
lengths and distances come from ``export.text`` and ``training.units``; this module
only gathers them, so the home cannot drift from the session page, the player or
``backstride next``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from backstride.export.text import format_seconds
from backstride.training.models import Session
from backstride.training.schedule import current_week
from backstride.training.status import Status
from backstride.training.units import Units, format_distance
from backstride.web.logbook import services as logbook
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans


@dataclass(frozen=True)
class WeekDay:
    """One planned session of this week and whether a log names it."""

    session: Session
    length: str
    done: bool
    is_next: bool
    past: bool


@dataclass(frozen=True)
class Today:
    session: Session | None
    is_today: bool
    length: str
    backward: str
    distance: str
    status: Status
    week_number: int
    week_start: dt.date
    week: tuple[WeekDay, ...]
    done_count: int
    backward_minutes_done: float
    extra_logs: int  # logs this week that name no planned session


def today_view(user: AbstractBaseUser, today: dt.date, units: Units) -> Today | None:
    """None without an active plan."""
    plan_row = plans.active_plan(user)
    if plan_row is None:
        return None
    plan = plans.build_plan(plan_row)
    entries = list(LogEntry.objects.filter(athlete=user, date__lte=today).order_by("date", "id"))
    logs = [e.to_engine() for e in entries]
    found = logbook.status_for(user, today)  # the one status every surface shows
    planned, status = found.planned, found.status
    assert status is not None
    session = planned
    if status.decision is not None and status.decision.session is not None:
        session = status.decision.session  # the adapted version, as the session page shows
    number = current_week(plan, today)
    week = next((w for w in plan.weeks if w.number == number), None)
    done_uids = {log.session_uid for log in logs if log.session_uid}
    days = tuple(
        WeekDay(
            s,
            format_seconds(s.total_seconds),
            s.uid in done_uids,
            planned is not None and s.uid == planned.uid,
            s.date < today,
        )
        for s in (week.sessions if week else ())
    )
    week_start = plan.start + dt.timedelta(days=7 * (number - 1))
    this_week = [e for e in entries if week_start <= e.date <= today]
    week_uids = {d.session.uid for d in days}
    return Today(
        session=session,
        is_today=bool(planned and planned.date == today),
        length=format_seconds(session.total_seconds) if session else "",
        backward=format_seconds(session.backward_seconds) if session else "",
        distance=format_distance(session.backward_meters, units)
        if session and session.backward_meters
        else "",
        status=status,
        week_number=number,
        week_start=week_start,
        week=days,
        done_count=sum(1 for d in days if d.done),
        backward_minutes_done=round(
            sum((e.backward_seconds or (e.minutes or 0) * 60) for e in this_week) / 60, 1
        ),
        extra_logs=sum(1 for e in this_week if e.session_uid not in week_uids),
    )
