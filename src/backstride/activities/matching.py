"""Planned versus done: which session an activity was, and how much backward work it held.

Finding the session: a planned session on the activity's date, the day before or the
day after (watch times are UTC, plans are local days), preferring the nearest day and
then the nearest planned duration.

Finding the backward work: our FIT workout export (``export.fit_workout.session_steps``)
turns a session into steps, and a watch running it records one lap per executed step.
:func:`planned_steps` unrolls the session into exactly that executed order, so laps pair
with planned steps by the FIT ``wkt_step_index`` when the file has it and by position
otherwise. A file with no laps to pair (GPX, a single lap) falls back to the share of
the planned time the activity lasted.

What is *not* matched: an activity of another sport (a ride, a swim), one with no
planned session within a day, or one that cannot be backward movement (faster on
average than the backward-mile record, or of zero length). It gets ``flags``
(:class:`MatchFlag`, with a sentence each in :data:`FLAG_TEXT`) that the import preview
shows, and it never counts as a planned session done: a wrongly matched import would
feed the adaptation model numbers that belong to something else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from backstride.activities.models import Activity, Lap
from backstride.training.models import Block, Direction, Environment, Session

MAX_DAY_OFFSET = 1
# Sports a backward session can be recorded as; watches have no "backward" sport, so a
# walk, a run or a generic/indoor activity may be one, a ride or a swim may not.
BACKWARD_SPORTS = frozenset(
    {"running", "run", "walking", "walk", "generic", "other", "training", "fitness_equipment"}
)
# Mean speed of the backward-mile record (5:54, about 16.4 km/h; shared science notes S14):
# a whole activity faster than that on average was not done moving backward.
MAX_BACKWARD_KMH = 16.4
MIN_SECONDS = 10.0  # shorter is no session (the same floor the plan's 30-day cap uses)


class MatchFlag(StrEnum):
    """Why an activity was not matched to the plan (shown in the import preview)."""

    OTHER_SPORT = "other-sport"
    FAR_FROM_PLAN = "far-from-plan"
    TOO_FAST = "implausible-speed"
    ZERO_LENGTH = "zero-length"


FLAG_TEXT: dict[MatchFlag, str] = {
    MatchFlag.OTHER_SPORT: "Recorded as {sport}, not walking or running: not matched to your plan.",
    MatchFlag.FAR_FROM_PLAN: "No planned session within a day of {date}: not matched to your plan.",
    MatchFlag.TOO_FAST: "Average speed {kmh:.1f} km/h is faster than anyone has moved "
    "backward over such a distance (a vehicle, or a forward run?): not matched to your plan.",
    MatchFlag.ZERO_LENGTH: "It lasted under 10 seconds or covered no distance: not matched "
    "to your plan.",
}


@dataclass(frozen=True)
class PlannedStep:
    """One executed step: ``index`` is its message index in ``session_steps``."""

    index: int
    block: str
    part: str  # "forward", "backward", "main" (forward-only block) or "rest"
    seconds: float | None
    meters: float | None
    speed_kmh: float | None = None

    @property
    def backward(self) -> bool:
        return self.part == "backward"

    @property
    def planned_seconds(self) -> float | None:
        """Seconds, or metres at the planned speed; None for an open (lap-button) step."""
        if self.seconds is not None:
            return self.seconds
        if self.meters is not None and self.speed_kmh:
            return self.meters / (self.speed_kmh / 3.6)
        return None


@dataclass(frozen=True)
class StepResult:
    planned: PlannedStep
    lap: Lap | None
    fraction: float  # 0..1 of the planned amount done


@dataclass(frozen=True)
class Match:
    """How an activity maps onto a planned session (or on nothing: ``session`` None)."""

    session: Session | None
    day_offset: int | None
    method: str  # "step-index", "lap-order", "duration" or "unplanned"
    steps: tuple[StepResult, ...]
    backward_seconds: float
    backward_meters: float
    completed_fraction: float
    minutes: float
    flags: tuple[MatchFlag, ...] = ()
    flag_texts: tuple[str, ...] = ()  # one sentence per flag, for the preview


def implausibility_flags(activity: Activity) -> tuple[MatchFlag, ...]:
    """What rules an activity out as a backward session, whatever the plan says."""
    flags: list[MatchFlag] = []
    if activity.sport.strip().lower() not in BACKWARD_SPORTS:
        flags.append(MatchFlag.OTHER_SPORT)
    zero_distance = activity.distance_m is not None and activity.distance_m <= 0
    if activity.duration_s < MIN_SECONDS or (zero_distance and activity.has_gps):
        flags.append(MatchFlag.ZERO_LENGTH)
    elif _mean_kmh(activity) > MAX_BACKWARD_KMH:
        flags.append(MatchFlag.TOO_FAST)
    return tuple(flags)


def _mean_kmh(activity: Activity) -> float:
    if activity.distance_m is None or activity.duration_s <= 0:
        return 0.0
    return activity.distance_m / activity.duration_s * 3.6


def _texts(activity: Activity, flags: Iterable[MatchFlag]) -> tuple[str, ...]:
    values = {
        "sport": activity.sport,
        "date": activity.start.date().isoformat(),
        "kmh": _mean_kmh(activity),
    }
    return tuple(FLAG_TEXT[flag].format(**values) for flag in flags)


def _main_amount(block: Block, environment: Environment) -> tuple[float | None, float | None]:
    # Same rule as the exporter: treadmill metres become time at the belt speed.
    if block.seconds is not None:
        return block.seconds, None
    if block.meters is not None:
        if environment == Environment.TREADMILL and block.speed_kmh:
            return float(round(block.meters / (block.speed_kmh / 3.6))), None
        return None, block.meters
    return None, None


def planned_steps(session: Session) -> list[PlannedStep]:
    """The session as a watch executes our exported workout, one entry per lap.

    Per block and repeat: the forward part of a mixed block, the main part, and the
    rest when the block repeats (FIT cannot skip the rest after the last repeat, so the
    watch records it too). Message indices follow ``session_steps`` exactly, including
    the repeat step, which the watch never records as a lap.
    """
    steps: list[PlannedStep] = []
    index = 0
    for block in session.blocks:
        parts: list[PlannedStep] = []
        if block.direction == Direction.MIXED and block.forward_seconds:
            parts.append(PlannedStep(index, block.name, "forward", block.forward_seconds, None))
            index += 1
        seconds, meters = _main_amount(block, session.environment)
        part = "main" if block.direction == Direction.FORWARD else "backward"
        parts.append(PlannedStep(index, block.name, part, seconds, meters, block.speed_kmh))
        index += 1
        if block.repeats > 1 and block.rest_seconds > 0:
            parts.append(PlannedStep(index, block.name, "rest", block.rest_seconds, None))
            index += 1
        if block.repeats > 1:
            index += 1  # the REPEAT_UNTIL_STEPS_CMPLT step
        steps.extend(parts * max(block.repeats, 1))
    return steps


def find_session(
    activity: Activity, sessions: Iterable[Session], exclude: Iterable[str] = ()
) -> tuple[Session, int] | None:
    """Nearest planned session within a day of the activity, with its day offset."""
    skip = set(exclude)
    day = activity.start.date()
    scored = []
    for session in sessions:
        offset = (day - session.date).days
        if session.uid in skip or abs(offset) > MAX_DAY_OFFSET:
            continue
        scored.append((abs(offset), abs(activity.duration_s - session.total_seconds), session))
    if not scored:
        return None
    _, _, best = min(scored, key=lambda row: (row[0], row[1]))
    return best, (day - best.date).days


def _fraction(planned: PlannedStep, lap: Lap | None) -> float:
    if lap is None:
        return 0.0
    if planned.meters is not None and lap.distance_m is not None and planned.meters > 0:
        return min(1.0, lap.distance_m / planned.meters)
    target = planned.planned_seconds
    if not target:
        return 1.0  # an open step is done once its lap exists
    return min(1.0, lap.duration_s / target)


def _pair(plan: list[PlannedStep], laps: tuple[Lap, ...]) -> tuple[str, list[Lap | None]]:
    if laps and all(lap.step_index is not None for lap in laps):
        queues: dict[int, list[Lap]] = defaultdict(list)
        for lap in laps:
            queues[int(lap.step_index or 0)].append(lap)
        return "step-index", [queues[p.index].pop(0) if queues[p.index] else None for p in plan]
    paired: list[Lap | None] = list(laps[: len(plan)])
    return "lap-order", paired + [None] * (len(plan) - len(paired))


def _lap_meters(planned: PlannedStep, lap: Lap) -> float:
    if lap.distance_m is not None:
        return lap.distance_m
    return lap.duration_s * planned.speed_kmh / 3.6 if planned.speed_kmh else 0.0


def match_activity(
    activity: Activity, sessions: Iterable[Session], exclude: Iterable[str] = ()
) -> Match:
    """Match an activity to the nearest planned session and measure what was done.

    Implausible activities (see :func:`implausibility_flags`) and those with no planned
    session within a day come back unmatched, with flags saying why.
    """
    minutes = round(activity.duration_s / 60, 1)
    sessions = list(sessions)
    flags = implausibility_flags(activity)
    found = None if flags else find_session(activity, sessions, exclude)
    if found is None:
        if not flags and sessions and find_session(activity, sessions) is None:
            # Not merely "that day's session is already logged": nothing planned near it.
            flags = (MatchFlag.FAR_FROM_PLAN,)
        return Match(
            None, None, "unplanned", (), 0.0, 0.0, 1.0, minutes, flags, _texts(activity, flags)
        )
    session, offset = found
    plan = planned_steps(session)
    if len(activity.laps) < 2:
        share = (
            min(1.0, activity.duration_s / session.total_seconds) if session.total_seconds else 1.0
        )
        return Match(
            session,
            offset,
            "duration",
            (),
            round(session.backward_seconds * share, 1),
            round(session.backward_meters * share, 1),
            round(share, 3),
            minutes,
        )
    method, laps = _pair(plan, activity.laps)
    results = tuple(
        StepResult(p, lap, _fraction(p, lap)) for p, lap in zip(plan, laps, strict=True)
    )
    backward = [r for r in results if r.planned.backward]
    weights = [r.planned.planned_seconds or 0.0 for r in backward]
    if sum(weights) > 0:
        done = sum(w * r.fraction for w, r in zip(weights, backward, strict=True)) / sum(weights)
    elif backward:
        done = sum(r.fraction for r in backward) / len(backward)
    else:
        done = sum(r.fraction for r in results) / len(results) if results else 1.0
    return Match(
        session,
        offset,
        method,
        results,
        round(sum(r.lap.duration_s for r in backward if r.lap), 1),
        round(sum(_lap_meters(r.planned, r.lap) for r in backward if r.lap), 1),
        round(done, 3),
        minutes,
    )
