"""Saving logs and asking the adaptation model what comes next; no HTTP here.

The web page, the JSON API (the player posts there) and the demo loader save logs
through ``save_log``, so every path validates the same way and stores the decision
the person is shown straight after saving.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet

from backstride.training.adaptation import RECENT_LOGS, decide, window_start
from backstride.training.load import validate_log
from backstride.training.models import Decision, PainSite, Session
from backstride.training.schedule import find_session, first_undone, remaining_uids
from backstride.web.logbook.models import (
    MAX_BACKWARD_METERS,
    MAX_BACKWARD_SECONDS,
    MAX_MINUTES,
    MAX_NOTES,
    LogEntry,
)
from backstride.web.plans import services as plans

PAIN_SITES: tuple[str, ...] = tuple(site.value for site in PainSite)
MAX_STEPS = 200


@dataclass(frozen=True)
class NextUp:
    """The next planned session and what the latest logs make of it."""

    planned: Session | None
    decision: Decision | None
    fall_needs_review: bool = False


def _scope(athlete: AbstractBaseUser, up_to: LogEntry | None, today: dt.date) -> QuerySet:
    """The stored logs a decision may see: up to today and, with ``up_to``, up to that log."""
    rows = LogEntry.objects.filter(athlete=athlete, date__lte=today)
    if up_to is not None and up_to.pk is not None:
        rows = rows.filter(pk__lte=up_to.pk)
    return rows


def _unsaved(up_to: LogEntry | None) -> list[LogEntry]:
    return [up_to] if up_to is not None and up_to.pk is None else []


def _decision_window(rows: QuerySet, extra: list[LogEntry], planned: Session) -> list[LogEntry]:
    """Only the logs ``decide`` reads (``adaptation.window_start``), in (date, id) order.

    Why: reading every log made each save cost more with each year of history. The
    latest few rows, the rows since the window's first day and the older falls are three
    queries on (athlete, date) indexes (the falls' one holds only falls); the order is
    the one all logs had, so ``decide`` sees the same latest log and the same neighbours.
    """
    latest = list(rows.order_by("-date", "-id")[:RECENT_LOGS])
    if not latest and not extra:
        return []
    newest = max(e.date for e in latest + extra)
    start = window_start(newest, planned.date)
    found = {e.pk: e for e in rows.filter(date__gte=start)}
    found.update((e.pk, e) for e in rows.filter(fall=True, date__lt=start))
    found.update((e.pk, e) for e in latest)
    return sorted(found.values(), key=lambda e: (e.date, e.pk)) + extra


def decide_next(
    athlete: AbstractBaseUser, today: dt.date, up_to: LogEntry | None = None
) -> NextUp | None:
    """None without a plan; otherwise the next session and the decision about it."""
    plan_row = plans.active_plan(athlete)
    if plan_row is None:
        return None
    plan = plans.build_plan(plan_row)
    rows, extra = _scope(athlete, up_to, today), _unsaved(up_to)
    wanted = remaining_uids(plan, today)
    done = rows.filter(session_uid__in=wanted).values_list("session_uid", flat=True)
    planned = first_undone(plan, [*done, *(e.session_uid for e in extra)], today)
    if planned is None:
        return NextUp(None, None)
    logs = [e.to_engine() for e in _decision_window(rows, extra, planned)]
    reviewed = plans.falls_reviewed(athlete, [log.date for log in logs if log.fall])
    decision = decide(planned, logs, today=today, fall_reviewed=reviewed)
    return NextUp(planned, decision, fall_needs_review=not reviewed)


def _number(data: Mapping[str, Any], name: str, low: float, high: float, default: Any) -> float:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name.replace('_', ' ')} must be a number.")
    if not low <= value <= high:
        raise ValueError(f"{name.replace('_', ' ')} must be between {low:g} and {high:g}.")
    return float(value)


def _pain(raw: Any) -> dict[str, int]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValueError("pain must map a body site to a number from 0 to 10.")
    pain: dict[str, int] = {}
    for site, value in raw.items():
        if site not in PAIN_SITES:
            raise ValueError(f"unknown pain site {site!r}; use: {', '.join(PAIN_SITES)}.")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
            raise ValueError(f"{site} pain must be a whole number from 0 to 10.")
        if value:
            pain[site] = value
    return pain


def _steps(raw: Any) -> list[dict[str, Any]]:
    if raw in (None, []):
        return []
    if not isinstance(raw, list) or len(raw) > MAX_STEPS:
        raise ValueError(f"steps must be a list of at most {MAX_STEPS} steps.")
    return [dict(step) for step in raw]


@transaction.atomic
def save_log(
    athlete: AbstractBaseUser,
    by_user: AbstractBaseUser,
    data: Mapping[str, Any],
    today: dt.date,
) -> LogEntry:
    """Validate, store and decide, all or nothing. Raises ValueError with a plain message.

    ``data`` keys: session_uid (optional, must be in the active plan), date (default
    today, never in the future), completed_fraction 0-1, rpe 0-10, minutes, pain
    {site: 0-10}, sharp_pain, near_fall, fall, notes, steps; backward seconds/metres
    default to the planned session's amounts times the completed fraction.
    """
    uid = str(data.get("session_uid") or "")
    planned: Session | None = None
    if uid:
        plan_row = plans.active_plan(athlete)
        planned = find_session(plans.build_plan(plan_row), uid) if plan_row else None
        if planned is None:
            raise ValueError("That session is not in your current plan.")
    date = data.get("date") or (planned.date if planned and planned.date <= today else today)
    if not isinstance(date, dt.date):
        raise ValueError("date must be a date such as 2026-03-02.")
    if date > today:
        raise ValueError("A session cannot be logged for a day that has not come yet.")
    fraction = _number(data, "completed_fraction", 0.0, 1.0, 1.0)
    default_minutes = round(planned.total_seconds / 60) if planned else None
    if data.get("minutes") is None and default_minutes is None:
        raise ValueError("minutes is required for a session outside the plan.")
    minutes = _number(data, "minutes", 0.0, MAX_MINUTES, default_minutes)
    est_s = planned.backward_seconds * fraction if planned else 0.0
    est_m = planned.backward_meters * fraction if planned else 0.0
    notes = str(data.get("notes") or "")
    if len(notes) > MAX_NOTES:
        raise ValueError(f"notes are too long (at most {MAX_NOTES} characters).")
    entry = LogEntry(
        athlete=athlete,
        recorded_by=by_user,
        session_uid=uid,
        date=date,
        completed_fraction=fraction,
        rpe=None if data.get("rpe") is None else _number(data, "rpe", 0.0, 10.0, None),
        minutes=minutes,
        backward_seconds=_number(
            data, "backward_seconds", 0.0, MAX_BACKWARD_SECONDS, round(est_s, 1)
        ),
        backward_meters=_number(data, "backward_meters", 0.0, MAX_BACKWARD_METERS, round(est_m, 1)),
        pain=_pain(data.get("pain")),
        sharp_pain=bool(data.get("sharp_pain", False)),
        near_fall=bool(data.get("near_fall", False)),
        fall=bool(data.get("fall", False)),
        notes=notes,
        steps=_steps(data.get("steps")),
    )
    validate_log(entry.to_engine())
    entry.save()
    _store_decision(entry, today)
    return entry


def _store_decision(entry: LogEntry, today: dt.date) -> None:
    found = decide_next(entry.athlete, today, up_to=entry)
    decision = found.decision if found else None
    entry.decided_on = today
    entry.action = decision.action.value if decision else ""
    entry.reasons = list(decision.reasons) if decision else []
    entry.next_session_uid = found.planned.uid if found and found.planned else ""
    entry.save(update_fields=["decided_on", "action", "reasons", "next_session_uid"])


@transaction.atomic
def answer_soreness(entry: LogEntry, value: Any, today: dt.date) -> LogEntry:
    """Store the next-morning answer and decide again: soreness can hold the next step."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError("Soreness must be a whole number from 0 (none) to 10 (worst).")
    entry.next_morning_soreness = value
    entry.save(update_fields=["next_morning_soreness"])
    if entry == latest_entry(entry.athlete):
        _store_decision(entry, today)
    return entry


def latest_entry(athlete: AbstractBaseUser) -> LogEntry | None:
    return LogEntry.objects.filter(athlete=athlete).order_by("-date", "-id").first()


def pending_soreness(athlete: AbstractBaseUser, today: dt.date) -> LogEntry | None:
    """Yesterday's log if its next-morning question is still open."""
    yesterday = today - dt.timedelta(days=1)
    return (
        LogEntry.objects.filter(athlete=athlete, date=yesterday, next_morning_soreness=None)
        .order_by("-id")
        .first()
    )


def adapted_session(athlete: AbstractBaseUser, uid: str) -> tuple[Decision, LogEntry] | None:
    """The decision for session ``uid`` if the newest log points at it, rebuilt exactly."""
    entry = latest_entry(athlete)
    if entry is None or entry.next_session_uid != uid or entry.decided_on is None:
        return None
    found = decide_next(athlete, entry.decided_on, up_to=entry)
    if found is None or found.decision is None or found.planned is None:
        return None
    if found.planned.uid != uid:
        return None
    return found.decision, entry


def logged_minutes(athlete: AbstractBaseUser) -> dict[str, float]:
    """Session uid -> minutes of its newest log, for the calendar colours."""
    found: dict[str, float] = {}
    rows = LogEntry.objects.filter(athlete=athlete).exclude(session_uid="").order_by("date", "id")
    for uid, minutes in rows.values_list("session_uid", "minutes"):
        found[uid] = minutes
    return found
