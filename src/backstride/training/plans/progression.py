"""Weekly volume arithmetic: schedule, deloads, the 10 % rules and main-set progression.

The limits come from the running-injury evidence: a single session more than 10 % above
the longest session of the last 30 days raised the injury rate (Frandsen et al. 2025, Br J
Sports Med 59:1203; 5,205 runners), and a 10 % weekly increase is the customary default
(a rule of thumb, not a finding). Both are measured here in *backward seconds*, the
unfamiliar load this programme adds. Frandsen's spikes were in *running* distance, so
once jogging starts, backward jog and run time gets the same cap on its own
(``jog_seconds``): a session of mostly walking could otherwise hide a 20 % jump in jogging. A deload
week every fourth week lets tissue catch up, as most periodised plans do.

Main sets raise one variable per week, in a fixed order: repeats, then the length of
each repeat, then speed. Raising several at once would hide which one a person could
not tolerate. Speed comes in *stages*: at each speed the repeat may grow by a few steps,
then the speed steps up and the repeat grows again. A faster belt at the same duration
adds metres but not seconds, so a speed step may shorten the repeat again (never raise
it) to keep the weekly backward metres within 10 % as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from backstride.training.models import Direction, Mode, Session, SessionLog

MAX_WEEKLY_GROWTH = 1.10
SESSION_CAP_FACTOR = 1.10
CAP_WINDOW_DAYS = 30
DELOAD_EVERY = 4
DELOAD_FACTOR = 0.65  # aim for ~65 % of the week before
DELOAD_CEILING = 0.70
DELOAD_METERS_CEILING = 1.0  # a lighter week never covers more ground than the last full one
MIN_LOG_BACKWARD_SECONDS = 10.0  # shorter logs are too small to anchor a cap
COMFORT_WINDOW_DAYS = 42

# Day offsets inside each 7-day week: Mon/Wed/Fri or Tue/Fri when the week starts Monday.
DAY_OFFSETS: dict[int, tuple[int, ...]] = {2: (0, 3), 3: (0, 2, 4)}


def is_deload(week: int) -> bool:
    """Weeks 4, 8, 12 and 16 are lighter."""
    return week % DELOAD_EVERY == 0


def session_dates(start: dt.date, weeks: int, per_week: int) -> list[list[dt.date]]:
    """Training dates week by week; no two sessions ever fall on consecutive days."""
    offsets = DAY_OFFSETS[per_week]
    return [[start + dt.timedelta(days=7 * w + off) for off in offsets] for w in range(weeks)]


def history_points(history: Iterable[SessionLog], start: dt.date) -> list[tuple[dt.date, float]]:
    """Logged backward seconds before ``start`` that can anchor the 30-day session cap."""
    return [
        (log.date, float(log.backward_seconds))
        for log in history
        if log.date < start and log.backward_seconds >= MIN_LOG_BACKWARD_SECONDS
    ]


def session_cap(day: dt.date, earlier: Iterable[tuple[dt.date, float]]) -> float:
    """At most 10 % above the longest backward session of the 30 days before ``day``.

    Returns infinity when nothing was done in that window: there is nothing to compare
    with, and the population baseline applies instead.
    """
    recent = [sec for d, sec in earlier if 0 < (day - d).days <= CAP_WINDOW_DAYS]
    return SESSION_CAP_FACTOR * max(recent) if recent else float("inf")


def jog_seconds(session: Session) -> float:
    """Backward jogging and running time of a session (drills and walking excluded)."""
    return sum(
        b.backward_seconds
        for b in session.blocks
        if b.direction != Direction.FORWARD and b.mode in (Mode.JOG, Mode.RUN)
    )


def is_comfortable(log: SessionLog) -> bool:
    """A logged session that went well enough to count towards the walking phase.

    Unknown pain (an import, a skipped question) is not "no pain": such a log does not
    count as comfortable.
    """
    pain = log.max_pain
    return (
        log.completed_fraction >= 0.9
        and pain is not None
        and pain <= 3
        and not log.fall
        and not log.near_fall
        and not log.sharp_pain
    )


def comfortable_sessions(history: Sequence[SessionLog], start: dt.date) -> int:
    """Comfortable sessions in the six weeks before ``start``."""
    return sum(
        1
        for log in history
        if log.date < start
        and (start - log.date).days <= COMFORT_WINDOW_DAYS
        and is_comfortable(log)
    )


def first_running_week(
    *,
    per_week: int,
    comfortable: int,
    walking_only: bool,
    late_only: bool,
    low_intensity: bool,
    late_allowed: bool,
    experienced: bool = False,
) -> int | None:
    """The first week that may contain backward running, or None for never.

    Week 1 is always walking. After that, running needs two planned walking weeks, or
    four walking sessions counting comfortable ones from the history. Older adults and
    knee rehab wait until week 7, and only when ``late_allowed``; low intensity waits
    until week 5. ``experienced`` people (cleared, under 65, at least two years of forward
    running or a field/court sport) still walk all of week 1 but may jog from week 2:
    their tissues already know running loads, only the direction is new.
    """
    if walking_only:
        return None
    if late_only:
        return 7 if late_allowed else None
    if low_intensity:
        return 5
    if experienced:
        return 2
    week = 2
    while (week - 1) < 2 and (week - 1) * per_week + comfortable < 4:
        week += 1
    return week


@dataclass(frozen=True)
class Ladder:
    """Bounds and step sizes for one kind of main set.

    ``amount`` is seconds or metres per repeat, as the set prescribes; ``speeds`` are
    km/h steps (a treadmill belt, or a nominal pace off the treadmill). ``stage_steps``
    is how many amount steps each speed stage adds before the next speed step is due;
    0 means no stages (speed only once the amount is at ``max_amount``).
    """

    start_reps: int
    max_reps: int
    start_amount: float
    amount_step: float
    max_amount: float
    speeds: tuple[float, ...]
    stage_steps: int = 0


@dataclass(frozen=True)
class SetState:
    """Where a main set stands: repeats, amount per repeat, index into the speed steps."""

    reps: int
    amount: float
    speed_index: int = 0


def start_state(ladder: Ladder) -> SetState:
    return SetState(ladder.start_reps, ladder.start_amount, 0)


def amount_cap(ladder: Ladder, speed_index: int) -> float:
    """The longest repeat allowed at a speed before the next speed step is due.

    The cap grows with each stage, so after a speed step the repeat can lengthen again;
    at the top speed only ``max_amount`` limits it.
    """
    if ladder.stage_steps <= 0 or speed_index >= len(ladder.speeds) - 1:
        return ladder.max_amount
    grown = ladder.start_amount + (speed_index + 1) * ladder.stage_steps * ladder.amount_step
    return min(ladder.max_amount, grown)


def speed_steps(state: SetState, ladder: Ladder) -> list[SetState]:
    """The next speed, first at the same repeat length, then with shorter repeats.

    The shorter ones exist for the metres limit: a faster belt at the same duration
    covers more ground, and resetting the repeat keeps that rise within 10 %.
    """
    if state.speed_index >= len(ladder.speeds) - 1:
        return []
    floor = ladder.start_amount / 2
    out: list[SetState] = []
    amount = state.amount
    while amount >= floor:
        out.append(replace(state, speed_index=state.speed_index + 1, amount=amount))
        amount -= ladder.amount_step
    return out


def progressed(state: SetState, ladder: Ladder, *, speed_first: bool = False) -> list[SetState]:
    """Next states, each raising exactly one variable, in the order they should be tried.

    Repeats come first, then the amount per repeat up to the stage cap, then speed, so
    a person never gets faster and longer in the same week. When a longer repeat does
    not fit the 10 % limits, one repeat fewer but longer is offered (a smaller rise), so
    a plan does not stall once repeats are at their maximum. ``speed_first`` (the
    treadmill bridge from walking to jogging) tries the speed step before anything else.
    """
    faster = speed_steps(state, ladder)
    if speed_first and faster:
        return faster
    out: list[SetState] = []
    if state.reps < ladder.max_reps:
        out.append(replace(state, reps=state.reps + 1))
    cap = amount_cap(ladder, state.speed_index)
    if state.amount < cap:
        longer = min(state.amount + ladder.amount_step, cap)
        out.append(replace(state, amount=longer))
        if state.reps > 1:
            # Fewer, longer repeats: a small step for when a whole step no longer fits.
            out.append(replace(state, reps=state.reps - 1, amount=longer))
        return out
    # The repeat is as long as this speed allows: one more repeat, else the speed step.
    return out + faster


def shrunk(state: SetState, ladder: Ladder) -> list[SetState]:
    """Smaller states, largest first: fewer repeats, then shorter repeats."""
    out = [replace(state, reps=r) for r in range(state.reps - 1, 0, -1)]
    amount = state.amount - ladder.amount_step
    while amount >= ladder.start_amount / 2:
        out.append(replace(state, reps=1, amount=amount))
        amount -= ladder.amount_step
    return out


def deload_reps(state: SetState) -> list[SetState]:
    """Deload candidates: the same repeat length with fewer repeats, most first."""
    return [replace(state, reps=r) for r in range(state.reps, 0, -1)]
