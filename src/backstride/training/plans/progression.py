"""Weekly volume arithmetic: schedule, deloads, the 10 % rules and main-set progression.

The limits come from the running-injury evidence summarised in ``anchors.md``: a single
session more than about 10 % above the longest session of the last 30 days raised injury
hazard (Frandsen 2025), and a 10 % weekly increase is the customary default. Both are
measured here in *backward seconds*, the unfamiliar load this programme adds. A deload
week every fourth week lets tissue catch up, as most periodised plans do.

Main sets change one variable per week, in a fixed order: repeats, then the length of
each repeat, then speed. Changing several at once would hide which one a person could
not tolerate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from backstride.training.models import SessionLog

MAX_WEEKLY_GROWTH = 1.10
SESSION_CAP_FACTOR = 1.10
CAP_WINDOW_DAYS = 30
DELOAD_EVERY = 4
DELOAD_FACTOR = 0.65  # aim for ~65 % of the week before
DELOAD_CEILING = 0.70
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


def is_comfortable(log: SessionLog) -> bool:
    """A logged session that went well enough to count towards the walking phase."""
    return (
        log.completed_fraction >= 0.9
        and log.max_pain <= 3
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
) -> int | None:
    """The first week that may contain backward running, or None for never.

    Week 1 is always walking. After that, running needs two planned walking weeks, or
    four walking sessions counting comfortable ones from the history. Older adults and
    knee rehab wait until week 7, and only when ``late_allowed``; low intensity waits
    until week 5.
    """
    if walking_only:
        return None
    if late_only:
        return 7 if late_allowed else None
    if low_intensity:
        return 5
    week = 2
    while (week - 1) < 2 and (week - 1) * per_week + comfortable < 4:
        week += 1
    return week


@dataclass(frozen=True)
class Ladder:
    """Bounds and step sizes for one kind of main set.

    ``amount`` is seconds or metres per repeat, as the set prescribes; ``speeds`` are
    km/h steps (a treadmill belt, or a nominal pace off the treadmill).
    """

    start_reps: int
    max_reps: int
    start_amount: float
    amount_step: float
    max_amount: float
    speeds: tuple[float, ...]


@dataclass(frozen=True)
class SetState:
    """Where a main set stands: repeats, amount per repeat, index into the speed steps."""

    reps: int
    amount: float
    speed_index: int = 0


def start_state(ladder: Ladder) -> SetState:
    return SetState(ladder.start_reps, ladder.start_amount, 0)


def progressed(state: SetState, ladder: Ladder) -> list[SetState]:
    """Next states, each changing exactly one variable, in the order they should be tried.

    Repeats come first, then the amount per repeat; speed only once both are at the top,
    so a person never gets faster and longer in the same week.
    """
    out: list[SetState] = []
    if state.reps < ladder.max_reps:
        out.append(replace(state, reps=state.reps + 1))
    if state.amount < ladder.max_amount:
        out.append(replace(state, amount=min(state.amount + ladder.amount_step, ladder.max_amount)))
    if not out and state.speed_index < len(ladder.speeds) - 1:
        out.append(replace(state, speed_index=state.speed_index + 1))
    return out


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
