"""Where a person stands in a plan: repeated weeks, the current week, the next session.

The command line (``backstride next``) and the web log book both answer "what comes
next?"; they call :func:`next_session` so the two can never disagree. Pure: plans and
logs in, sessions out, no storage and no clock (the caller passes ``today``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from backstride.training.models import (
    Environment,
    Goal,
    Plan,
    Population,
    Profile,
    Session,
    SessionLog,
    Week,
)


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """The profile as plain JSON values, so a stored plan can be rebuilt later."""
    return {
        "age": profile.age,
        "population": Population(profile.population).value,
        "running_experience_years": float(profile.running_experience_years),
        "sessions_per_week": profile.sessions_per_week,
        "environment": Environment(profile.environment).value,
        "goals": [Goal(g).value for g in profile.goals],
        "body_mass_kg": profile.body_mass_kg,
    }


def profile_from_dict(data: Mapping[str, Any]) -> Profile:
    """The inverse of :func:`profile_to_dict`."""
    return Profile(
        age=int(data["age"]),
        population=Population(data["population"]),
        running_experience_years=float(data["running_experience_years"]),
        sessions_per_week=int(data["sessions_per_week"]),
        environment=Environment(data["environment"]),
        goals=tuple(Goal(g) for g in data.get("goals", ())),
        body_mass_kg=data.get("body_mass_kg"),
    )


def apply_repeats(plan: Plan, weeks: Sequence[int]) -> Plan:
    """Repeat each listed week right after itself; every later week moves one week on.

    Applied in order, so a week number always refers to the plan as it looked when the
    change was made. Copies get their own uids (``<uid>-r<n>``) and later sessions keep
    theirs, so logs and calendar entries stay attached to the same sessions.
    """
    out = list(plan.weeks)
    for count, number in enumerate(weeks, start=1):
        index = next((i for i, w in enumerate(out) if w.number == number), None)
        if index is None:
            raise ValueError(f"week {number} is not in this plan")
        source = out[index]
        copy = Week(
            number + 1,
            tuple(
                replace(_shift(s, 1), uid=f"{s.uid}-r{count}", title=f"{s.title} (repeated)")
                for s in source.sessions
            ),
            source.deload,
        )
        later = [
            Week(w.number + 1, tuple(_shift(s, 1) for s in w.sessions), w.deload)
            for w in out[index + 1 :]
        ]
        out = [*out[: index + 1], copy, *later]
    return replace(plan, weeks=tuple(out))


def _shift(session: Session, weeks: int) -> Session:
    return replace(
        session, date=session.date + dt.timedelta(weeks=weeks), week=session.week + weeks
    )


def find_session(plan: Plan, uid: str) -> Session | None:
    """The session with this uid, or None when the plan has no such session."""
    return next((s for s in plan.sessions if s.uid == uid), None)


def session_on(plan: Plan, day: dt.date) -> Session | None:
    """The first session planned for ``day``, or None on a rest day."""
    return next((s for s in plan.sessions if s.date == day), None)


def current_week(plan: Plan, today: dt.date) -> int:
    """The week holding today; before the start the first, after the end the last.

    Week n always starts 7 x (n - 1) days after the plan's start, repeats included,
    because a repeated week pushes every later week by exactly seven days.
    """
    number = (today - plan.start).days // 7 + 1
    return min(max(number, 1), plan.weeks[-1].number)


def next_session(plan: Plan, logs: Iterable[SessionLog], today: dt.date) -> Session | None:
    """The first planned session on or after ``today`` that has no log yet.

    A session counts as done once any log names it, even a log written before the
    session's date (someone who trained a day early is not asked to do it again).
    Sessions before today that were never logged are missed, not owed: the plan moves
    on with the calendar. Logs without a session (extra training) tick nothing off.
    None when nothing is left.
    """
    return first_undone(plan, {log.session_uid for log in logs if log.session_uid}, today)


def first_undone(plan: Plan, done_uids: Iterable[str], today: dt.date) -> Session | None:
    """:func:`next_session` from the uids that logs name, for a shell that asks its store
    for those uids alone instead of loading every log."""
    done = set(done_uids)
    return next((s for s in plan.sessions if s.date >= today and s.uid not in done), None)


def remaining_uids(plan: Plan, today: dt.date) -> list[str]:
    """The uids :func:`next_session` may return: the only ones whose logs it needs."""
    return [s.uid for s in plan.sessions if s.date >= today]
