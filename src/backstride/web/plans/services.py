"""The glue between stored rows and the training engine; no HTTP, no templates.

Views, the API, the demo loader and the coach app all go through these functions, so
the rules (a consult blocks the plan, who recorded a clearance, how a repeated week
shifts the rest) live in one place and are tested without a browser.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from backstride.training.balance_plan import BalanceLimit, with_balance_limit
from backstride.training.models import Plan, Restriction
from backstride.training.plans import PlanRefused, generate_plan
from backstride.training.schedule import apply_repeats, profile_from_dict, profile_to_dict
from backstride.training.screening import screen
from backstride.web.plans.limits import limits_for
from backstride.web.plans.models import (
    ClearanceRecord,
    FallReview,
    PlanChange,
    Screening,
    TrainingPlan,
    TrainingProfile,
    new_feed_secret,
)

MAX_NAME = 120
MAX_REPEATS = 8  # a plan repeated more than this is a new plan, not an adjusted one


def latest_screening(athlete: AbstractBaseUser) -> Screening | None:
    return Screening.objects.filter(athlete=athlete).select_related("clearance_record").first()


@transaction.atomic
def save_screening(athlete: AbstractBaseUser, answers: Mapping[str, bool]) -> Screening:
    """Screen with the person's age (older adults get extra limits) and store the outcome.

    A new answer that needs a professional (or urgent help), or adds a limit the current
    plan does not have, retires the active plan: it was built for a safer picture than
    the one now given, so it must not stay playable. The person then records a clearance
    or creates a new plan that carries the new limits.
    """
    profile = TrainingProfile.objects.filter(user=athlete).first()
    engine_profile = profile.to_engine() if profile else None
    result = screen(answers, engine_profile)
    current = active_plan(athlete)
    if current is not None:
        before = (
            screen(current.screening_answers, engine_profile) if current.screening_answers else None
        )
        had = set(before.restrictions) if before else set()
        if not result.allows_plan or not set(result.restrictions) <= had:
            TrainingPlan.objects.filter(pk=current.pk).update(active=False)
    return Screening.objects.create(
        athlete=athlete,
        answers=dict(answers),
        clearance=result.clearance.value,
        reasons=list(result.reasons),
        restrictions=[r.value for r in result.restrictions],
    )


@transaction.atomic
def record_clearance(
    athlete: AbstractBaseUser,
    by_user: AbstractBaseUser,
    professional_name: str,
    date: dt.date,
) -> ClearanceRecord:
    """Record that a professional cleared the athlete's latest ``consult`` screening.

    ``by_user`` is the athlete or (from the coaching app) their coach or physio; it is
    stored so the plan always shows who lifted the block. Raises ValueError with a
    sentence a person can act on.
    """
    name = (professional_name or "").strip()
    if not name:
        raise ValueError("Enter the name of the doctor or physiotherapist who cleared you.")
    if len(name) > MAX_NAME:
        raise ValueError(f"The professional's name is too long (at most {MAX_NAME} characters).")
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise ValueError("The clearance date must be a date such as 2026-03-02.")
    if date > timezone.localdate():
        raise ValueError("The clearance date cannot be in the future.")
    screening = latest_screening(athlete)
    if screening is None or not screening.needs_clearance:
        raise ValueError("There is no screening waiting for a professional's clearance.")
    if screening.is_cleared_by_professional:
        raise ValueError("This screening already has a clearance recorded.")
    if date < screening.created_at.date() - dt.timedelta(days=365):
        raise ValueError("That clearance is more than a year older than your screening.")
    return ClearanceRecord.objects.create(
        screening=screening,
        athlete=athlete,
        recorded_by=by_user,
        professional_name=name,
        cleared_on=date,
    )


@transaction.atomic
def create_plan(
    athlete: AbstractBaseUser, by_user: AbstractBaseUser, start: dt.date, weeks: int
) -> TrainingPlan:
    """Store a new plan from the current profile and latest screening; older plans retire.

    The engine is run once here so that a refused or invalid plan is never stored:
    ``PlanRefused`` (consult without clearance) and ``ValueError`` reach the caller.
    """
    profile_row = TrainingProfile.objects.filter(user=athlete).first()
    if profile_row is None:
        raise ValueError("Fill in your training profile first.")
    screening = latest_screening(athlete)
    if screening is None:
        raise ValueError("Answer the readiness questions first.")
    profile = profile_row.to_engine()
    cleared = screening.is_cleared_by_professional
    plan = TrainingPlan(
        athlete=athlete,
        profile=profile_to_dict(profile),
        start=start,
        weeks=weeks,
        screening_answers=dict(screening.answers),
        clearance_recorded=cleared,
        created_by=by_user,
    )
    _generate(plan)  # raises before anything is written
    TrainingPlan.objects.filter(athlete=athlete, active=True).update(active=False)
    plan.save()
    return plan


def active_plan(athlete: AbstractBaseUser) -> TrainingPlan | None:
    return TrainingPlan.objects.filter(athlete=athlete, active=True).first()


def _limits_key(athlete_id: int) -> tuple[tuple[str, ...], ...]:
    """Registered limits (``plans.limits``: the balance check) as a hashable cache key."""
    return tuple(
        (limit.taken_on.isoformat(), limit.reason, *(r.value for r in limit.restrictions))
        for limit in limits_for(athlete_id)
    )


def _generate(plan: TrainingPlan) -> Plan:
    """The engine's plan for a stored row.

    The engine is pure and its result immutable, so plans are cached per process by
    their inputs: the coach dashboard and the log book rebuild the same plans often.
    Registered limits (``plans.limits``; the latest balance check) are inputs too,
    read on every build and never stored on the plan, so a new test changes every
    surface that builds the plan at once.
    """
    return _generate_cached(
        json.dumps(plan.profile, sort_keys=True),
        str(plan.start),
        int(plan.weeks),
        json.dumps(plan.screening_answers or {}, sort_keys=True),
        bool(plan.clearance_recorded),
        _limits_key(plan.athlete_id),
    )


@lru_cache(maxsize=512)
def _generate_cached(
    profile_json: str,
    start_iso: str,
    weeks: int,
    answers_json: str,
    cleared: bool,
    limits: tuple[tuple[str, ...], ...] = (),
) -> Plan:
    profile = profile_from_dict(json.loads(profile_json))
    answers = json.loads(answers_json)
    result = screen(answers, profile) if answers else None
    for taken_on, reason, *names in limits:
        limit = BalanceLimit(
            tuple(Restriction(r) for r in names), reason, dt.date.fromisoformat(taken_on)
        )
        result = with_balance_limit(result, limit)
    return generate_plan(
        profile,
        dt.date.fromisoformat(start_iso),
        weeks,
        screening=result,
        clearance_recorded=cleared,
    )


def build_plan(plan: TrainingPlan) -> Plan:
    """The engine's plan with the stored changes applied, cached on the row per request."""
    cached = getattr(plan, "_built", None)
    if cached is None:
        repeats = [c.week for c in plan.changes.all() if c.kind == PlanChange.Kind.REPEAT_WEEK]
        cached = apply_repeats(_generate(plan), repeats)
        plan._built = cached
    return cached


@transaction.atomic
def repeat_week(plan_row: TrainingPlan, week: int, by_user: AbstractBaseUser) -> PlanChange:
    """Record "repeat this week"; refused for unknown weeks and past too many repeats."""
    built = build_plan(plan_row)
    if isinstance(week, bool) or not isinstance(week, int):
        raise ValueError("The week must be a whole number.")
    if not any(w.number == week for w in built.weeks):
        raise ValueError(f"Week {week} is not part of this plan.")
    if plan_row.changes.filter(kind=PlanChange.Kind.REPEAT_WEEK).count() >= MAX_REPEATS:
        raise ValueError(
            f"This plan has been stretched {MAX_REPEATS} times already; start a new plan."
        )
    change = PlanChange.objects.create(
        plan=plan_row, kind=PlanChange.Kind.REPEAT_WEEK, week=week, made_by=by_user
    )
    if hasattr(plan_row, "_built"):
        del plan_row._built
    return change


def regenerate_feed_secret(plan_row: TrainingPlan) -> str:
    """Invalidate the old calendar URL (e.g. after sharing it by mistake)."""
    plan_row.feed_secret = new_feed_secret()
    plan_row.save(update_fields=["feed_secret"])
    return plan_row.feed_secret


__all__ = [
    "PlanRefused",
    "active_plan",
    "build_plan",
    "create_plan",
    "latest_screening",
    "record_clearance",
    "regenerate_feed_secret",
    "repeat_week",
    "save_screening",
]


def falls_reviewed(athlete: AbstractBaseUser, fall_dates: Sequence[dt.date]) -> bool:
    """True when every logged fall is covered by a review (no falls: nothing to review)."""
    if not fall_dates:
        return True
    latest = max(fall_dates)
    return FallReview.objects.filter(athlete=athlete, covers_until__gte=latest).exists()


def record_fall_review(
    athlete: AbstractBaseUser, by_user: AbstractBaseUser, fall_dates: Sequence[dt.date], note: str
) -> FallReview:
    """Record that the falls so far were talked through; who did it is kept."""
    if not fall_dates:
        raise ValueError("There is no logged fall to review.")
    note = (note or "").strip()
    if len(note) > 500:
        raise ValueError("Keep the note under 500 characters.")
    return FallReview.objects.create(
        athlete=athlete, reviewed_by=by_user, covers_until=max(fall_dates), note=note
    )
