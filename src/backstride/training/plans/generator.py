"""Generate a week-by-week backward walking and running plan.

The plan is built one session at a time, in date order, so that each session can be
checked against everything before it: the same slot in the previous full week (the 10 %
weekly rule on backward seconds *and* on backward metres, applied per slot so the week
totals obey it too) and every planned or logged session in the 30 days before it (the
10 % single-session cap, on all backward time and, once jogging starts, on backward
jog/run time alone). Candidates are tried from the most to the least ambitious and
the first that fits is kept, so a plan can never break a limit, only progress more
slowly than hoped.

On a treadmill a slot only switches from walking to jogging once its walking set has
reached the bridge speed (``ladders.BRIDGE_KMH``); from the first running week until
then the walking set raises speed before anything else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any

from backstride.training.models import (
    Block,
    Clearance,
    Environment,
    Goal,
    Mode,
    Plan,
    Population,
    Profile,
    Restriction,
    ScreeningResult,
    Session,
    SessionLog,
    Week,
)
from backstride.training.plans import ladders
from backstride.training.plans import progression as prog
from backstride.training.plans import sessions as build
from backstride.training.plans.catalogue import goals_for
from backstride.training.plans.safety import safety_checklist

OLDER_ADULT_AGE = 65
LATE_RUNNING_MAX_AGE = 70  # walking-dominant plans may add jogging only below this age
WARMUP_SECONDS = 150.0
COOLDOWN_SECONDS = 120.0
DRILL_REPS = 2

_FOCUS = {
    "walk": "backward walking technique",
    "walk+jog": "walking with a first taste of jogging",
    "jog": "backward running",
    "mixed": "forward/backward intervals",
    "agility": "agility and direction changes",
}


class PlanRefused(ValueError):
    """No plan may be made: the screening says consult (and no clearance is recorded) or
    urgent (seek medical help now; a recorded clearance does not lift that)."""


def _validate(profile: Profile, start: dt.date, weeks: int, history: Sequence[SessionLog]) -> None:
    if not isinstance(profile, Profile):
        raise ValueError("profile must be a Profile")
    if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise ValueError("start must be a date, e.g. 2026-03-02")
    if not dt.date(2000, 1, 1) <= start <= dt.date(2100, 12, 31):
        raise ValueError(f"start {start} is out of range: use a date between 2000 and 2100")
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 4 <= weeks <= 16:
        raise ValueError(f"weeks must be a whole number from 4 to 16, got {weeks!r}")
    if profile.sessions_per_week not in prog.DAY_OFFSETS:
        raise ValueError(
            f"sessions per week must be 2 or 3, got {profile.sessions_per_week!r}: "
            "backward training needs a rest day between sessions"
        )
    years = profile.running_experience_years
    if isinstance(years, bool) or not isinstance(years, int | float) or not 0 <= years <= 80:
        raise ValueError(
            f"running experience must be a number of years from 0 to 80, got {years!r}"
        )
    if isinstance(profile.age, bool) or not isinstance(profile.age, int):
        raise ValueError(f"age must be a whole number of years, got {profile.age!r}")
    if not 10 <= profile.age <= 100:
        raise ValueError(f"age must be between 10 and 100, got {profile.age}")
    if profile.population not in set(Population):
        options = ", ".join(p.value for p in Population)
        raise ValueError(f"unknown population {profile.population!r}; use one of: {options}")
    if profile.environment not in set(Environment):
        options = ", ".join(e.value for e in Environment)
        raise ValueError(f"unknown environment {profile.environment!r}; use one of: {options}")
    if profile.goals and any(g not in set(Goal) for g in profile.goals):
        options = ", ".join(g.value for g in Goal)
        raise ValueError(f"unknown goal in {list(profile.goals)!r}; use any of: {options}")
    if any(not isinstance(log, SessionLog) for log in history):
        raise ValueError("history must contain SessionLog entries only")


def _clearance(
    screening: ScreeningResult | None, clearance_recorded: bool
) -> tuple[Clearance, tuple[Restriction, ...]]:
    """Consult becomes restricted (low intensity at least) once a professional said yes.

    Urgent never becomes a plan: the person answers the check again once a doctor has
    seen them. A consult that carries the supervised limit stays supervised after the
    clearance, so every session still says a helper or professional must be present.
    """
    if screening is None:
        return Clearance.CLEARED, ()
    if screening.clearance == Clearance.URGENT:
        reasons = " ".join(screening.reasons)
        raise PlanRefused(
            f"No plan: {reasons} Answer the readiness check again once a doctor has seen you."
        )
    if screening.clearance != Clearance.CONSULT:
        return screening.clearance, tuple(screening.restrictions)
    if not clearance_recorded:
        reasons = " ".join(screening.reasons) or "The screening asks for a professional's advice."
        raise PlanRefused(
            f"No plan yet: {reasons} Record the professional's clearance to continue."
        )
    limits = set(screening.restrictions) | {Restriction.LOW_INTENSITY}
    outcome = Clearance.SUPERVISED if Restriction.SUPERVISED in limits else Clearance.RESTRICTED
    return outcome, tuple(r for r in Restriction if r in limits)


def _uid(profile: Profile, start: dt.date, weeks: int, week: int, index: int) -> str:
    """Stable across runs and machines, so calendar re-imports update instead of duplicate."""
    key = "|".join(
        str(x)
        for x in (
            profile.age,
            profile.population.value,
            profile.running_experience_years,
            profile.sessions_per_week,
            profile.environment.value,
            ",".join(g.value for g in profile.goals),
            profile.body_mass_kg,
            start.isoformat(),
            weeks,
            week,
            index,
        )
    )
    return "bs-" + hashlib.sha256(key.encode()).hexdigest()[:20]


def _main_kind(
    ctx: build.Context, population: Population, running: bool, bridged: bool, index: int
) -> str:
    if not running or not bridged:
        return "walk"
    if ctx.late:
        return "walk+jog"
    if not ctx.low and not ctx.treadmill and index == 1:
        if population == Population.RUNNER:
            return "mixed"
        if population == Population.ATHLETE:
            return "agility"
    return "jog"


class _Builder:
    """Assembles sessions for one plan; holds the per-slot states between weeks."""

    def __init__(self, profile: Profile, ctx: build.Context, restrictions: tuple[Restriction, ...]):
        self.profile = profile
        self.ctx = ctx
        self.checklist = safety_checklist(
            profile.environment, restrictions, support_nearby=ctx.older, pain_check=ctx.knee
        )
        self.athletic = profile.population in (Population.RUNNER, Population.ATHLETE)

    def session(
        self,
        kind: str,
        state: prog.SetState,
        lean: int,
        deload: bool,
        running: bool,
        first_jog: bool,
        finisher_reps: int,
        **meta: Any,
    ) -> Session:
        """``lean`` 0 = full, 1 = no drills, 2 = forward warm-up and cool-down too."""
        ctx = self.ctx
        scale = prog.DELOAD_FACTOR if deload else 1.0
        blocks = [build.warmup(ctx, float(round(WARMUP_SECONDS * scale)), backward=lean < 2)]
        if lean == 0:
            blocks += build.drills(ctx, running=running, reps=1 if deload else DRILL_REPS)
        blocks += build.main_blocks(
            kind, state, self.ladder(kind), ctx, first_jog=first_jog, finisher_reps=finisher_reps
        )
        blocks.append(
            build.cooldown(ctx, float(round(COOLDOWN_SECONDS * scale)), backward=lean < 2)
        )
        return self._wrap(tuple(blocks), kind, deload, **meta)

    def pick(
        self,
        kind: str,
        options: list[tuple[prog.SetState, int]],
        budgets: tuple[float, float, float],
        deload: bool,
        running: bool,
        first_jog: bool,
        meta: dict[str, Any],
    ) -> tuple[Session, prog.SetState | None]:
        """The first (state, short jogs) option that fits all budgets, leanest last.

        ``budgets`` are backward seconds, backward metres and backward jog/run seconds.

        Returns the session and the state it used, or the single-walk fallback and None
        when nothing fits.
        """
        seconds, meters, jog = budgets
        for lean in (0, 1, 2):
            for state, finisher in options:
                session = self.session(
                    kind, state, lean, deload, running, first_jog, finisher, **meta
                )
                if (
                    session.backward_seconds <= seconds
                    and session.backward_meters <= meters + 1e-9
                    and prog.jog_seconds(session) <= jog + 1e-9
                ):
                    return session, state
        return self.fallback(seconds, meters, deload, **meta), None

    def fallback(self, budget: float, budget_m: float, deload: bool, **meta: Any) -> Session:
        ctx = self.ctx
        blocks = (
            build.warmup(ctx, WARMUP_SECONDS, backward=False),
            build.fallback_walk(ctx, budget, budget_m),
            build.cooldown(ctx, COOLDOWN_SECONDS, backward=False),
        )
        return self._wrap(blocks, "walk", deload, **meta)

    def ladder(self, kind: str) -> prog.Ladder:
        return ladders.ladder(kind, self.ctx, athletic=self.athletic)

    def _wrap(
        self,
        blocks: tuple[Block, ...],
        kind: str,
        deload: bool,
        *,
        uid: str,
        day: dt.date,
        week: int,
        index: int,
    ) -> Session:
        if kind == "walk+jog" and not any(
            b.mode in (Mode.JOG, Mode.RUN) for b in blocks
        ):  # no room for even one short jog this time
            kind = "walk"
        title = f"Week {week}: {_FOCUS[kind]}" + (" (lighter week)" if deload else "")
        return Session(
            uid=uid,
            date=day,
            week=week,
            index_in_week=index,
            title=title,
            environment=self.profile.environment,
            blocks=blocks,
            safety_checklist=self.checklist,
            focus=_FOCUS[kind],
            deload=deload,
            supervised=Restriction.SUPERVISED in self.ctx.restrictions,
        )


def _small_step(state: prog.SetState, lad: prog.Ladder) -> prog.SetState | None:
    """The same repeats, each about 10 % longer (whole metres or seconds).

    A jog ladder's steps (one more repeat, or +5-10 m a repeat) are 15-30 % rises, which
    the 10 % cap on jogging alone never lets through; this step fits it.
    """
    cap = prog.amount_cap(lad, state.speed_index)
    amount = min(cap, float(math.floor(state.amount * prog.SESSION_CAP_FACTOR)))
    return replace(state, amount=amount) if amount > state.amount else None


def _candidates(
    state: prog.SetState | None,
    lad: prog.Ladder,
    deload: bool,
    bridging: bool,
    jogging: bool = False,
) -> list[prog.SetState]:
    if state is None:
        first = prog.start_state(lad)
        return [first, *prog.shrunk(first, lad)]
    if deload:
        return prog.deload_reps(state) + prog.shrunk(state, lad)
    ahead = prog.progressed(state, lad, speed_first=bridging)
    small = _small_step(state, lad) if jogging else None
    if small is not None and small not in ahead:
        ahead.insert(min(2, len(ahead)), small)  # before "fewer, longer repeats"
    return [*ahead, state, *prog.shrunk(state, lad)]


def _finisher_options(kind: str, last: int, deload: bool) -> tuple[int, ...]:
    """Short jogs to try after a walking-dominant set, most first.

    One more than last full week at most (1, then 2, then 3), and never more than last
    full week in a lighter week.
    """
    if kind != "walk+jog":
        return (0,)
    most = min(build.FINISHER_REPS, last if deload else last + 1)
    return tuple(range(max(most, 1), 0, -1))


def _bridged(ctx: build.Context, lad: prog.Ladder, walk_state: prog.SetState | None) -> bool:
    """Off the treadmill always; on it once the slot's walking set is brisk enough."""
    if not ctx.treadmill:
        return True
    index = walk_state.speed_index if walk_state is not None else 0
    return lad.speeds[index] >= ladders.BRIDGE_KMH - 1e-9


def generate_plan(
    profile: Profile,
    start: dt.date,
    weeks: int = 8,
    screening: ScreeningResult | None = None,
    history: Sequence[SessionLog] = (),
    clearance_recorded: bool = False,
    shifts: Mapping[str, int] | None = None,
    skipped: Collection[str] = (),
) -> Plan:
    """A plan of ``weeks`` weeks from ``start``; see the module docstring for the limits.

    ``shifts`` (session uid -> days) and ``skipped`` (uids) are the person's moves and
    skips (``training.overrides``). They are applied while the plan is built, so every
    later session's limits are computed from the days and sessions that really remain:
    a moved session is capped against the 30 days before its new day, and a skipped one
    neither advances its slot's progression nor counts as the slot's reference.

    Raises ``PlanRefused`` for a consult screening without a recorded clearance and
    ``ValueError`` for out-of-range input.
    """
    history = tuple(history or ())
    _validate(profile, start, weeks, history)
    profile = replace(
        profile,
        population=Population(profile.population),
        environment=Environment(profile.environment),
        goals=tuple(Goal(g) for g in profile.goals),
    )
    clearance, restrictions = _clearance(screening, clearance_recorded)
    older = profile.age >= OLDER_ADULT_AGE or profile.population == Population.OLDER_ADULT
    knee = profile.population == Population.KNEE_REHAB
    low = older or knee or Restriction.LOW_INTENSITY in restrictions
    athlete = profile.population == Population.ATHLETE
    ctx = build.Context(
        goals=goals_for(profile.population, tuple(profile.goals)),
        environment=profile.environment,
        restrictions=restrictions,
        older=older,
        knee=knee or Restriction.LOW_INTENSITY in restrictions,
        late=older or knee,
        jog_top_kmh=ladders.jog_ceiling_kmh(
            float(profile.running_experience_years), athlete=athlete, low=low
        ),
    )
    experienced = (
        clearance == Clearance.CLEARED
        and not restrictions
        and not ctx.late
        and (athlete or profile.running_experience_years >= ladders.EXPERIENCED_YEARS)
    )
    first_run = prog.first_running_week(
        per_week=profile.sessions_per_week,
        comfortable=prog.comfortable_sessions(history, start),
        walking_only=Restriction.WALKING_ONLY in restrictions,
        late_only=ctx.late,
        low_intensity=Restriction.LOW_INTENSITY in restrictions,
        late_allowed=clearance == Clearance.CLEARED and profile.age < LATE_RUNNING_MAX_AGE,
        experienced=experienced,
    )
    builder = _Builder(profile, ctx, restrictions)
    earlier = prog.history_points(history, start)
    # Logs do not split jogging from walking, so the jog cap counts planned sessions only.
    earlier_jogs: list[tuple[dt.date, float]] = []
    states: dict[tuple[int, str], prog.SetState] = {}
    reference: dict[int, tuple[float, float]] = {}  # slot -> last full week's (s, m)
    jog_since: dict[int, int] = {}  # slot -> first week it jogged
    finished: dict[int, int] = {}  # slot -> short jogs in its last full walk+jog week
    out_weeks: list[Week] = []

    for week_no, days in enumerate(
        prog.session_dates(start, weeks, profile.sessions_per_week), start=1
    ):
        deload = prog.is_deload(week_no)
        running = first_run is not None and week_no >= first_run
        week_sessions: list[Session] = []
        for index, day in enumerate(days):
            uid = _uid(profile, start, weeks, week_no, index)
            if uid in skipped:
                continue
            day = day + dt.timedelta(days=(shifts or {}).get(uid, 0))
            walk_state = states.get((index, "walk"))
            bridged = _bridged(ctx, builder.ladder("walk"), walk_state)
            if deload and index not in jog_since:
                bridged = False  # a lighter week is no week for a new gait
            kind = _main_kind(ctx, profile.population, running, bridged, index)
            family = "walk" if kind == "walk+jog" else kind
            budget = prog.session_cap(day, earlier)
            jog_budget = prog.session_cap(day, [p for p in earlier_jogs if p[1] > 0])
            budget_m = float("inf")
            ref = reference.get(index)
            if ref is not None:
                factor = prog.DELOAD_CEILING if deload else prog.MAX_WEEKLY_GROWTH
                budget = min(budget, factor * ref[0])
                budget_m = (prog.DELOAD_METERS_CEILING if deload else prog.MAX_WEEKLY_GROWTH) * ref[
                    1
                ]
            meta = {
                "uid": uid,
                "day": day,
                "week": week_no,
                "index": index,
            }
            first_jog = jog_since.get(index, week_no) == week_no
            bridging = running and not bridged
            cands = _candidates(
                states.get((index, family)),
                builder.ladder(kind),
                deload,
                bridging,
                jogging=family != "walk",
            )
            options = [
                (cand, f)
                for cand in cands
                for f in _finisher_options(kind, finished.get(index, 0), deload)
            ]
            chosen, state = builder.pick(
                kind, options, (budget, budget_m, jog_budget), deload, running, first_jog, meta
            )
            if state is not None and not deload:
                states[(index, family)] = state
            if chosen.has_backward_running:
                jog_since.setdefault(index, week_no)
            if kind == "walk+jog" and not deload:
                finished[index] = sum(
                    b.repeats for b in chosen.blocks if b.mode in (Mode.JOG, Mode.RUN)
                )
            week_sessions.append(chosen)
            earlier.append((day, chosen.backward_seconds))
            earlier_jogs.append((day, prog.jog_seconds(chosen)))
        if not deload and len(week_sessions) == len(days):
            # A week with a skipped session is no full week: like a lighter week, the
            # next one is compared with the last full one.
            reference = {
                s.index_in_week: (s.backward_seconds, s.backward_meters) for s in week_sessions
            }
        out_weeks.append(Week(week_no, tuple(week_sessions), deload))

    return Plan(
        profile, start, tuple(out_weeks), clearance, restrictions, screened=screening is not None
    )
