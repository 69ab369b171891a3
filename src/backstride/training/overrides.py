"""A person's changes to their plan: move a session, skip one, a coach's edit.

Plans are never stored; they are rebuilt from their inputs. These changes are inputs
too (``Overrides``), so the plan re-flows through the generator itself: a moved session
is planned for its new day, with the 10 % limits computed from the 30 days before that
day, and a skipped session is left out before the sessions after it are sized (its
slot does not progress, and the next week is compared with the last full week, as after
a lighter week). Session uids never change, so calendars and logs stay attached.

A coach's edit changes the amounts of one session after it is built; it may make the
session shorter or easier but never add backward time, because the plan's limits were
set for the generated amount. Pure: no storage and no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from backstride.training.models import Plan, Session

MIN_GAP_DAYS = 2  # one rest day between sessions, as the generator plans them
MAX_NOTE = 500
MAX_REPEATS = 50
MAX_BLOCK_SECONDS = 3600.0


@dataclass(frozen=True)
class BlockEdit:
    """New amounts for block ``index`` of a session (None keeps the planned value)."""

    index: int
    repeats: int | None = None
    seconds: float | None = None


@dataclass(frozen=True)
class Edit:
    uid: str
    blocks: tuple[BlockEdit, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Overrides:
    """Everything a person or coach changed, as the generator and ``apply_edits`` take it."""

    shifts: Mapping[str, int] = field(default_factory=dict)  # uid -> days later (or earlier)
    skipped: frozenset[str] = frozenset()
    edits: tuple[Edit, ...] = ()


def week_bounds(plan: Plan, week: int) -> tuple[dt.date, dt.date]:
    """First and last day of plan week ``week`` (weeks are 7 days from the start)."""
    first = plan.start + dt.timedelta(days=7 * (week - 1))
    return first, first + dt.timedelta(days=6)


def plan_move(plan: Plan, uid: str, to: dt.date) -> dict[str, int]:
    """The day shifts that move ``uid`` to ``to``, re-flowing its week; ValueError if none.

    A session stays in its own week (so the week's volume, which the 10 % weekly rule
    compares, is unchanged) and in its order. Later sessions of that week move on as far
    as needed to keep a rest day between sessions; when the week has no room for that,
    the move is refused with the reason.
    """
    sessions = list(plan.sessions)
    index = next((i for i, s in enumerate(sessions) if s.uid == uid), None)
    if index is None:
        raise ValueError("That session is not part of this plan.")
    session = sessions[index]
    if "-r" in uid:
        raise ValueError("A session of a repeated week cannot be moved; move the original week's.")
    first, last = week_bounds(plan, session.week)
    if not first <= to <= last:
        raise ValueError(
            f"A session can move within its week only ({first:%a %d %b} to {last:%a %d %b}), "
            "so the week's total stays within the plan's limits."
        )
    if index > 0 and (to - sessions[index - 1].date).days < MIN_GAP_DAYS:
        raise ValueError(
            f"That day is too close to the session before ({sessions[index - 1].date:%a %d %b}): "
            "keep a rest day between sessions."
        )
    shifts = {uid: (to - session.date).days}
    previous = to
    for later in sessions[index + 1 :]:
        earliest = previous + dt.timedelta(days=MIN_GAP_DAYS)
        if later.date >= earliest:
            break
        if later.week != session.week or earliest > last:
            raise ValueError(
                "There is no room this week for a rest day between sessions after that "
                "move; pick an earlier day or skip the session instead."
            )
        shifts[later.uid] = (earliest - later.date).days
        previous = earliest
    return shifts


def merge_shifts(current: Mapping[str, int], new: Mapping[str, int]) -> dict[str, int]:
    """Shifts add up: a session moved twice is shifted by both moves."""
    out = dict(current)
    for uid, days in new.items():
        out[uid] = out.get(uid, 0) + days
        if out[uid] == 0:
            del out[uid]
    return out


def edit_session(session: Session, edit: Edit) -> Session:
    """The session with a coach's new amounts and note; ValueError for a harder session."""
    note = edit.note.strip()
    if len(note) > MAX_NOTE:
        raise ValueError(f"Keep the note under {MAX_NOTE} characters.")
    blocks = list(session.blocks)
    for change in edit.blocks:
        if not 0 <= change.index < len(blocks):
            raise ValueError(f"This session has no part number {change.index + 1}.")
        block = blocks[change.index]
        repeats = block.repeats if change.repeats is None else change.repeats
        if (
            isinstance(repeats, bool)
            or not isinstance(repeats, int)
            or not 1 <= repeats <= MAX_REPEATS
        ):
            raise ValueError(f"Repeats must be a whole number from 1 to {MAX_REPEATS}.")
        seconds = block.seconds
        if change.seconds is not None:
            if block.seconds is None:
                raise ValueError(f"“{block.name}” is set by distance; change its repeats instead.")
            if not 5 <= change.seconds <= MAX_BLOCK_SECONDS:
                raise ValueError("Each repeat must last 5 s to 60 min.")
            seconds = float(change.seconds)
        blocks[change.index] = replace(block, repeats=repeats, seconds=seconds)
    edited = replace(session, blocks=tuple(blocks), coach_note=note)
    if edited.backward_seconds > session.backward_seconds + 1e-6:
        raise ValueError(
            "An edit can make a session shorter or easier, not longer: the plan's 10 % "
            "limits were set for the planned amount of backward time."
        )
    return edited


def apply_edits(plan: Plan, edits: Sequence[Edit]) -> Plan:
    """The plan with each edit applied to its session (the newest edit of a session wins)."""
    latest = {e.uid: e for e in edits}
    if not latest:
        return plan
    weeks = tuple(
        replace(
            w,
            sessions=tuple(
                edit_session(s, latest[s.uid]) if s.uid in latest else s for s in w.sessions
            ),
        )
        for w in plan.weeks
    )
    return replace(plan, weeks=weeks)
