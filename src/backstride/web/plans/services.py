"""The glue between stored rows and the training engine; no HTTP, no templates.

Views, the API, the demo loader and the coach app all go through these functions, so
the rules (a consult blocks the plan, who recorded a clearance, how a repeated week
shifts the rest) live in one place and are tested without a browser.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from backstride.training.dates import check_date
from backstride.training.models import Clearance, Plan, Restriction, ScreeningResult, Session
from backstride.training.overrides import (
    BlockEdit,
    Edit,
    Overrides,
    apply_edits,
    edit_session,
    merge_shifts,
    plan_move,
)
from backstride.training.plans import PlanRefused, generate_plan
from backstride.training.schedule import (
    apply_repeats,
    find_session,
    profile_from_dict,
    profile_to_dict,
)
from backstride.training.screening import missing_answers, screen
from backstride.web.plans.models import (
    ClearanceRecord,
    FallReview,
    PainReview,
    PlanChange,
    Profession,
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


def screening_result(row: Screening | None) -> ScreeningResult | None:
    """The stored outcome as the engine's type (for ``training.status.current_status``)."""
    if row is None:
        return None
    return ScreeningResult(
        Clearance(row.clearance),
        tuple(row.reasons or ()),
        tuple(Restriction(r) for r in row.restrictions or ()),
        missing_answers(row.answers or {}),
    )


CLEARANCE_LIMITS: tuple[Restriction, ...] = tuple(Restriction)
PROFESSIONS: dict[str, str] = {p.value: p.label for p in Profession}


def _who(professional_name: str, profession: str, date: object, what: str) -> tuple[str, str]:
    """Checks shared by clearances and pain reviews: a name, a listed profession, a date.

    Raises ValueError with a sentence a person can act on.
    """
    name = (professional_name or "").strip()
    if not name:
        raise ValueError(f"Enter the name of the professional who {what}.")
    if len(name) > MAX_NAME:
        raise ValueError(f"The professional's name is too long (at most {MAX_NAME} characters).")
    job = (profession or "").strip()
    if not job:
        raise ValueError("Choose the professional's profession from the list.")
    if job not in PROFESSIONS:
        raise ValueError(f"Choose a profession from the list: {', '.join(PROFESSIONS)}.")
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise ValueError("The date must be a date such as 2026-03-02.")
    if date > timezone.localdate():
        raise ValueError("The date cannot be in the future.")
    check_date(date, timezone.localdate(), what="The date")
    return name, job


@transaction.atomic
def record_clearance(
    athlete: AbstractBaseUser,
    by_user: AbstractBaseUser,
    professional_name: str,
    date: dt.date,
    *,
    profession: str = "",
    limits: Sequence[str] = (),
    confirmed: bool = False,
) -> ClearanceRecord:
    """Record that a professional cleared the athlete's latest ``consult`` screening.

    A clearance means something only with who (name and a profession from the list),
    when (not in the future), the limits they set and a deliberate confirmation by the
    person entering it. ``by_user`` is the athlete or (from the coaching app) their coach
    or physio; it is stored so the plan always shows who lifted the block. An *urgent*
    screening can never be cleared here: it needs medical help now and a new screening.
    Raises ValueError with a sentence a person can act on; nothing is written then.
    """
    screening = latest_screening(athlete)
    if screening is not None and screening.clearance == Clearance.URGENT:
        raise ValueError(
            "This result says to seek medical help now; a clearance form cannot unlock it. "
            "Once a doctor has seen you, answer the readiness questions again."
        )
    if screening is None or not screening.needs_clearance:
        raise ValueError("There is no screening waiting for a professional's clearance.")
    if screening.is_cleared_by_professional:
        raise ValueError("This screening already has a clearance recorded.")
    name, job = _who(professional_name, profession, date, "cleared you")
    chosen = [str(limit) for limit in limits or ()]
    allowed = {r.value for r in CLEARANCE_LIMITS}
    unknown = [limit for limit in chosen if limit not in allowed]
    if unknown:
        raise ValueError(
            f"Unknown limit {unknown[0]!r}; choose from: {', '.join(sorted(allowed))}."
        )
    if not confirmed:
        raise ValueError(
            "Tick the box to confirm that this professional has seen the readiness answers "
            "and said you may start."
        )
    if date < screening.created_at.date() - dt.timedelta(days=365):
        raise ValueError("That clearance is more than a year older than your screening.")
    return ClearanceRecord.objects.create(
        screening=screening,
        athlete=athlete,
        recorded_by=by_user,
        professional_name=name,
        profession=job,
        cleared_on=date,
        limits=[r.value for r in Restriction if r.value in set(chosen)],
    )


@transaction.atomic
def record_pain_review(
    athlete: AbstractBaseUser,
    by_user: AbstractBaseUser,
    professional_name: str,
    profession: str,
    date: dt.date,
    note: str = "",
) -> PainReview:
    """A physiotherapist or doctor reviewed the pain behind a pause; who entered it is kept."""
    name, job = _who(professional_name, profession, date, "reviewed the pain")
    note = (note or "").strip()
    if len(note) > 500:
        raise ValueError("Keep the note under 500 characters.")
    return PainReview.objects.create(
        athlete=athlete,
        recorded_by=by_user,
        professional_name=name,
        profession=job,
        reviewed_on=date,
        note=note,
    )


def latest_pain_review(athlete: AbstractBaseUser) -> dt.date | None:
    """The date of the newest professional review of pain, for ``reviewed_on``."""
    row = PainReview.objects.filter(athlete=athlete).order_by("-reviewed_on").first()
    return row.reviewed_on if row else None


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
    limits = list(screening.clearance_record.limits) if cleared else []
    plan = TrainingPlan(
        athlete=athlete,
        profile=profile_to_dict(profile),
        start=start,
        weeks=weeks,
        screening_answers=dict(screening.answers),
        clearance_recorded=cleared,
        clearance_limits=limits,
        created_by=by_user,
    )
    _generate(plan)  # raises before anything is written
    TrainingPlan.objects.filter(athlete=athlete, active=True).update(active=False)
    plan.save()
    return plan


def active_plan(athlete: AbstractBaseUser) -> TrainingPlan | None:
    return TrainingPlan.objects.filter(athlete=athlete, active=True).first()


def _generate(plan: TrainingPlan, overrides: Overrides | None = None) -> Plan:
    """The engine's plan for a stored row, with the person's moves and skips.

    The engine is pure and its result immutable, so plans are cached per process by
    their inputs: the coach dashboard and the log book rebuild the same plans often.
    """
    overrides = overrides or Overrides()
    return _generate_cached(
        json.dumps(plan.profile, sort_keys=True),
        str(plan.start),
        int(plan.weeks),
        json.dumps(plan.screening_answers or {}, sort_keys=True),
        bool(plan.clearance_recorded),
        tuple(plan.clearance_limits or ()),
        json.dumps(dict(overrides.shifts), sort_keys=True),
        json.dumps(sorted(overrides.skipped)),
    )


@lru_cache(maxsize=512)
def _generate_cached(
    profile_json: str,
    start_iso: str,
    weeks: int,
    answers_json: str,
    cleared: bool,
    extra_limits: tuple[str, ...] = (),
    shifts_json: str = "{}",
    skipped_json: str = "[]",
) -> Plan:
    profile = profile_from_dict(json.loads(profile_json))
    answers = json.loads(answers_json)
    result = screen(answers, profile) if answers else None
    if result is not None and extra_limits:
        # The clearing professional's limits come on top of the screening's own.
        limits = set(result.restrictions) | {Restriction(r) for r in extra_limits}
        result = replace(result, restrictions=tuple(r for r in Restriction if r in limits))
    return generate_plan(
        profile,
        dt.date.fromisoformat(start_iso),
        weeks,
        screening=result,
        clearance_recorded=cleared,
        shifts=json.loads(shifts_json),
        skipped=frozenset(json.loads(skipped_json)),
    )


def overrides_of(changes: Sequence[PlanChange]) -> Overrides:
    """The stored moves, skips and edits as the engine's inputs (oldest first)."""
    shifts: dict[str, int] = {}
    skipped: set[str] = set()
    edits: list[Edit] = []
    for change in changes:
        if change.kind == PlanChange.Kind.MOVE:
            moved = change.data.get("shifts", {})
            shifts = merge_shifts(shifts, {k: int(v) for k, v in moved.items()})
        elif change.kind == PlanChange.Kind.SKIP:
            skipped.add(change.session_uid)
        elif change.kind == PlanChange.Kind.EDIT:
            blocks = tuple(BlockEdit(**b) for b in change.data.get("blocks", []))
            edits.append(Edit(change.session_uid, blocks, change.note))
    return Overrides(shifts, frozenset(skipped), tuple(edits))


def build_plan(plan: TrainingPlan) -> Plan:
    """The engine's plan with the stored changes applied, cached on the row per request."""
    cached = getattr(plan, "_built", None)
    if cached is None:
        changes = list(plan.changes.all())
        repeats = [c.week for c in changes if c.kind == PlanChange.Kind.REPEAT_WEEK]
        overrides = overrides_of(changes)
        cached = apply_edits(apply_repeats(_generate(plan, overrides), repeats), overrides.edits)
        plan._built = cached
    return cached


def _forget(plan_row: TrainingPlan) -> None:
    if hasattr(plan_row, "_built"):
        del plan_row._built


def _open_session(plan_row: TrainingPlan, uid: str, today: dt.date) -> Session:
    """A session of this plan that has not happened yet; ValueError otherwise."""
    session = find_session(build_plan(plan_row), uid)
    if session is None:
        raise ValueError("That session is not part of this plan.")
    if session.date < today:
        raise ValueError("That session's day has passed; only sessions still to come change.")
    if plan_row.athlete.session_logs.filter(session_uid=uid).exists():
        raise ValueError("That session is logged already.")
    return session


@transaction.atomic
def move_session(
    plan_row: TrainingPlan, uid: str, to: dt.date, by_user: AbstractBaseUser, today: dt.date
) -> PlanChange:
    """Move a session to another day of its week; later ones re-flow for a rest day."""
    session = _open_session(plan_row, uid, today)
    if not isinstance(to, dt.date) or to < today:
        raise ValueError("Pick today or a later day.")
    if to == session.date:
        raise ValueError("The session is on that day already.")
    shifts = plan_move(build_plan(plan_row), uid, to)
    change = PlanChange.objects.create(
        plan=plan_row,
        kind=PlanChange.Kind.MOVE,
        week=session.week,
        session_uid=uid,
        data={"shifts": shifts, "from": session.date.isoformat(), "to": to.isoformat()},
        made_by=by_user,
    )
    _forget(plan_row)
    return change


@transaction.atomic
def skip_session(
    plan_row: TrainingPlan, uid: str, by_user: AbstractBaseUser, today: dt.date
) -> PlanChange:
    """Leave a session out; the sessions after it are sized without it."""
    session = _open_session(plan_row, uid, today)
    if "-r" in uid:
        raise ValueError("A session of a repeated week cannot be skipped; skip the original's.")
    change = PlanChange.objects.create(
        plan=plan_row,
        kind=PlanChange.Kind.SKIP,
        week=session.week,
        session_uid=uid,
        made_by=by_user,
    )
    _forget(plan_row)
    return change


@transaction.atomic
def edit_session_by(
    plan_row: TrainingPlan,
    uid: str,
    blocks: Sequence[BlockEdit],
    note: str,
    by_user: AbstractBaseUser,
    today: dt.date,
) -> PlanChange:
    """A coach's edit of one session (amounts and a note), checked before it is stored."""
    session = _open_session(plan_row, uid, today)
    changes = list(plan_row.changes.all())
    repeats = [c.week for c in changes if c.kind == PlanChange.Kind.REPEAT_WEEK]
    unedited = apply_repeats(_generate(plan_row, overrides_of(changes)), repeats)
    edit = Edit(uid, tuple(blocks), note)
    edit_session(find_session(unedited, uid) or session, edit)  # raises before storing
    change = PlanChange.objects.create(
        plan=plan_row,
        kind=PlanChange.Kind.EDIT,
        week=session.week,
        session_uid=uid,
        data={
            "blocks": [
                {"index": b.index, "repeats": b.repeats, "seconds": b.seconds} for b in blocks
            ]
        },
        note=edit.note.strip(),
        made_by=by_user,
    )
    _forget(plan_row)
    return change


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
    _forget(plan_row)
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
    "record_pain_review",
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
