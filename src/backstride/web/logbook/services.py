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
from django.utils import timezone

from backstride.training.dates import birth_year_from_age, check_date
from backstride.training.load import validate_log
from backstride.training.models import Decision, PainSite, Session
from backstride.training.schedule import find_session, next_session
from backstride.training.status import Status, current_status
from backstride.web.logbook.models import (
    MAX_BACKWARD_METERS,
    MAX_BACKWARD_SECONDS,
    MAX_CLIENT_KEY,
    MAX_MINUTES,
    MAX_NOTES,
    LogChange,
    LogEntry,
)
from backstride.web.plans import services as plans
from backstride.web.plans.models import TrainingProfile

PAIN_SITES: tuple[str, ...] = tuple(site.value for site in PainSite)
MAX_STEPS = 200


@dataclass(frozen=True)
class NextUp:
    """The next planned session, what the latest logs make of it, and the one status.

    ``status`` is ``training.status.current_status`` for this athlete: every surface
    (home, session page, play page, calendar, ``GET /api/next``) shows its ``message``
    word for word and offers its ``lifts`` as buttons.
    """

    planned: Session | None
    decision: Decision | None
    fall_needs_review: bool = False
    status: Status | None = None


def _entries(athlete: AbstractBaseUser, up_to: LogEntry | None, today: dt.date) -> list[LogEntry]:
    rows = LogEntry.objects.filter(athlete=athlete, date__lte=today)
    if up_to is not None and up_to.pk is not None:
        rows = rows.filter(pk__lte=up_to.pk)
    found = list(rows.order_by("date", "id"))
    if up_to is not None and up_to.pk is None:
        found.append(up_to)
    return found


def status_for(athlete: AbstractBaseUser, today: dt.date, up_to: LogEntry | None = None) -> NextUp:
    """The one current state of ``athlete`` (with or without a plan); see :class:`NextUp`.

    Everything that can block or hold training is read here and handed to
    ``current_status``: the latest screening and its clearance, the logs, whether the
    falls were reviewed and the newest professional review of pain.
    """
    row = plans.latest_screening(athlete)
    screening = plans.screening_result(row)
    cleared = bool(row and row.is_cleared_by_professional)
    plan_row = plans.active_plan(athlete)
    logs = [e.to_engine() for e in _entries(athlete, up_to, today)]
    planned = next_session(plans.build_plan(plan_row), logs, today) if plan_row else None
    reviewed = plans.falls_reviewed(athlete, [log.date for log in logs if log.fall])
    status = current_status(
        planned,
        logs,
        screening=screening,
        clearance_recorded=cleared,
        today=today,
        fall_reviewed=reviewed,
        reviewed_on=plans.latest_pain_review(athlete),
    )
    return NextUp(planned, status.decision, not reviewed, status)


def decide_next(
    athlete: AbstractBaseUser, today: dt.date, up_to: LogEntry | None = None
) -> NextUp | None:
    """None without a plan; otherwise the next session, the decision and the status."""
    if plans.active_plan(athlete) is None:
        return None
    return status_for(athlete, today, up_to)


def birth_year(athlete: AbstractBaseUser, today: dt.date) -> int | None:
    """The earliest birth year the athlete's stated age allows, for the date rule."""
    age = TrainingProfile.objects.filter(user=athlete).values_list("age", flat=True).first()
    return birth_year_from_age(age, today)


def _number(data: Mapping[str, Any], name: str, low: float, high: float, default: Any) -> float:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name.replace('_', ' ')} must be a number.")
    if not low <= value <= high:
        raise ValueError(f"{name.replace('_', ' ')} must be between {low:g} and {high:g}.")
    return float(value)


def _pain(raw: Any) -> dict[str, int] | None:
    """{site: 1-10} for the answered sites; None (not answered) stays None, never {}."""
    if raw is None:
        return None
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


def _rating(raw: Any, what: str) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= 10:
        raise ValueError(f"{what} must be a whole number from 0 to 10.")
    return raw


def _swelling(raw: Any) -> bool | None:
    if raw is None or isinstance(raw, bool):
        return raw
    raise ValueError("swelling must be true, false or left out (not answered).")


def client_key(raw: Any) -> str:
    """The client's idempotency key, checked: 1-64 visible ASCII characters."""
    key = "" if raw is None else str(raw)
    if key and (len(key) > MAX_CLIENT_KEY or not key.isascii() or not key.isprintable()):
        raise ValueError(f"The idempotency key must be 1-{MAX_CLIENT_KEY} plain characters.")
    return key.strip()


def existing_for_key(athlete: AbstractBaseUser, key: str) -> LogEntry | None:
    """The log an earlier POST with this key made, if any (idempotent retries)."""
    if not key:
        return None
    return LogEntry.objects.filter(athlete=athlete, client_key=key).first()


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
    {site: 0-10} (left out or None: not answered, stored as NULL, never as "no pain"),
    pre_session_pain 0-10, swelling, sharp_pain, near_fall, fall, notes, steps,
    client_key; backward seconds/metres default to the planned session's amounts times
    the completed fraction.
    """
    entry = _build(athlete, by_user, data, today)
    entry.client_key = client_key(data.get("client_key"))
    validate_log(entry.to_engine())
    entry.save()
    _store_decision(entry, today)
    return entry


def _build(
    athlete: AbstractBaseUser,
    by_user: AbstractBaseUser,
    data: Mapping[str, Any],
    today: dt.date,
    *,
    check_session: bool = True,
) -> LogEntry:
    """A validated, unsaved entry from ``data`` (the shape ``save_log`` documents).

    ``check_session=False`` (an edit) keeps a session uid the current plan no longer has.
    """
    uid = str(data.get("session_uid") or "")
    planned: Session | None = None
    if uid:
        plan_row = plans.active_plan(athlete)
        planned = find_session(plans.build_plan(plan_row), uid) if plan_row else None
        if planned is None and check_session:
            raise ValueError("That session is not in your current plan.")
    date = data.get("date") or (planned.date if planned and planned.date <= today else today)
    if not isinstance(date, dt.date):
        raise ValueError("date must be a date such as 2026-03-02.")
    if date > today:  # a log records what happened: stricter than the date rule
        raise ValueError("A session cannot be logged for a day that has not come yet.")
    check_date(date, today, birth_year=birth_year(athlete, today))
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
        pre_session_pain=_rating(data.get("pre_session_pain"), "pain before the session"),
        swelling=_swelling(data.get("swelling")),
        sharp_pain=bool(data.get("sharp_pain", False)),
        near_fall=bool(data.get("near_fall", False)),
        fall=bool(data.get("fall", False)),
        notes=notes,
        steps=_steps(data.get("steps")),
    )
    return entry


# What an edit may change; the session it belongs to and the steps stay as logged.
EDITABLE = (
    "date",
    "completed_fraction",
    "rpe",
    "minutes",
    "backward_seconds",
    "backward_meters",
    "pain",
    "pre_session_pain",
    "swelling",
    "sharp_pain",
    "near_fall",
    "fall",
    "notes",
    "next_morning_soreness",
)


def _as_data(entry: LogEntry) -> dict[str, Any]:
    return {
        "session_uid": entry.session_uid,
        "date": entry.date,
        "completed_fraction": entry.completed_fraction,
        "rpe": entry.rpe,
        "minutes": entry.minutes,
        "backward_seconds": entry.backward_seconds,
        "backward_meters": entry.backward_meters,
        "pain": entry.pain,
        "pre_session_pain": entry.pre_session_pain,
        "swelling": entry.swelling,
        "sharp_pain": entry.sharp_pain,
        "near_fall": entry.near_fall,
        "fall": entry.fall,
        "notes": entry.notes,
        "steps": entry.steps,
    }


def _describe(before: LogEntry, after: LogEntry, names: list[str]) -> str:
    parts = []
    for name in names:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            parts.append(f"{name.replace('_', ' ')} {_show(old)} -> {_show(new)}")
    return "; ".join(parts) or "no change"


def _show(value: Any) -> str:
    if value is None:
        return "not answered"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in sorted(value.items())) or "none"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@transaction.atomic
def update_log(
    entry: LogEntry,
    by_user: AbstractBaseUser,
    changes: Mapping[str, Any],
    today: dt.date,
) -> LogEntry:
    """Correct a log: validate the merged values, save, decide again, keep the change.

    Only the names in :data:`EDITABLE` may change; every check of ``save_log`` applies
    to the result, so a bad value (pain 11, a future date) changes nothing.
    """
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValueError(f"{unknown[0]} cannot be changed; editable: {', '.join(EDITABLE)}.")
    data = {**_as_data(entry), **changes}
    checked = _build(entry.athlete, by_user, data, today, check_session=False)
    soreness = _rating(
        changes.get("next_morning_soreness", entry.next_morning_soreness), "next-morning pain"
    )
    checked.next_morning_soreness = soreness
    validate_log(checked.to_engine())
    names = [name for name in EDITABLE if name in changes]
    detail = _describe(entry, checked, names)
    for name in EDITABLE:
        setattr(entry, name, getattr(checked, name))
    entry.edited_at = timezone.now()
    entry.save()
    LogChange.objects.create(
        athlete=entry.athlete,
        actor=by_user,
        kind=LogChange.Kind.EDIT,
        log_id=entry.pk,
        log_date=entry.date,
        detail=f"Log of {entry.date:%d %b %Y}: {detail}"[:500],
    )
    redecide(entry.athlete, today)
    entry.refresh_from_db()
    return entry


@transaction.atomic
def delete_log(
    entry: LogEntry, by_user: AbstractBaseUser, today: dt.date, kind: str = LogChange.Kind.DELETE
) -> None:
    """Remove a log, decide again from the logs left, and keep the change for the coach."""
    athlete = entry.athlete
    LogChange.objects.create(
        athlete=athlete,
        actor=by_user,
        kind=kind,
        log_id=entry.pk,
        log_date=entry.date,
        detail=(
            f"Log of {entry.date:%d %b %Y} removed ({entry.minutes:g} min"
            f"{', ' + entry.session_uid if entry.session_uid else ''})"
        )[:500],
    )
    entry.delete()
    redecide(athlete, today)


def redecide(athlete: AbstractBaseUser, today: dt.date) -> None:
    """Store the decision again on the newest log, so pages show the corrected one."""
    latest = latest_entry(athlete)
    if latest is not None:
        _store_decision(latest, today)


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
