"""Moves, skips and coach edits re-flow the plan and keep its 10 % limits.

The limits are re-derived by the property tests' own checks (``check_volume_limits``
and the rest-day rule), on plans rebuilt with random moves and skips.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backstride.training.models import Environment, Population, Profile
from backstride.training.overrides import (
    BlockEdit,
    Edit,
    apply_edits,
    edit_session,
    merge_shifts,
    plan_move,
    week_bounds,
)
from backstride.training.plans import generate_plan
from tests.training.test_plans_properties import TOL, check_volume_limits, profiles

START = dt.date(2026, 3, 2)  # a Monday
RUNNER = Profile(
    age=30,
    population=Population.RUNNER,
    running_experience_years=3,
    sessions_per_week=3,
    environment=Environment.TRACK,
)


def rebuild(profile, weeks, shifts=None, skipped=()):
    return generate_plan(profile, START, weeks, shifts=shifts or {}, skipped=frozenset(skipped))


def check_limits_with_skips(plan, skipped_weeks):
    """The weekly rule against the last full week; a week with a skip is not a full week."""
    last_full = None
    for week in plan.weeks:
        if last_full is not None:
            limit = (0.70 if week.deload else 1.10) * last_full
            assert week.backward_seconds <= limit + TOL, week.number
        if not week.deload and week.number not in skipped_weeks:
            last_full = week.backward_seconds
    done = []
    for session in plan.sessions:
        recent = [s for d, s in done if 0 < (session.date - d).days <= 30]
        if recent:
            assert session.backward_seconds <= 1.10 * max(recent) + TOL, session.uid
        done.append((session.date, session.backward_seconds))


@settings(max_examples=60, deadline=None)
@given(
    profile=profiles,
    weeks=st.integers(min_value=4, max_value=10),
    picks=st.lists(st.tuples(st.integers(0, 47), st.integers(0, 6)), min_size=1, max_size=4),
)
def test_moves_keep_every_limit_and_a_rest_day(profile, weeks, picks):
    plan = rebuild(profile, weeks)
    shifts: dict[str, int] = {}
    moved = 0
    for pick, day in picks:
        current = rebuild(profile, weeks, shifts)
        session = current.sessions[pick % len(current.sessions)]
        to = week_bounds(current, session.week)[0] + dt.timedelta(days=day)
        try:
            new = plan_move(current, session.uid, to)
        except ValueError:
            continue
        shifts = merge_shifts(shifts, new)
        moved += 1
    assume(moved)
    after = rebuild(profile, weeks, shifts)
    # Same sessions (uids), each still in its own week and with a rest day between.
    assert [s.uid for s in after.sessions] == [s.uid for s in plan.sessions]
    for session in after.sessions:
        first, last = week_bounds(after, session.week)
        assert first <= session.date <= last
    assert all((b.date - a.date).days >= 2 for a, b in pairwise(after.sessions))
    check_volume_limits(after, [])


@settings(max_examples=60, deadline=None)
@given(
    profile=profiles,
    weeks=st.integers(min_value=4, max_value=10),
    picks=st.sets(st.integers(0, 47), min_size=1, max_size=3),
)
def test_skips_leave_the_session_out_and_keep_the_limits(profile, weeks, picks):
    plan = rebuild(profile, weeks)
    chosen = [plan.sessions[p % len(plan.sessions)] for p in picks]
    skipped = {s.uid for s in chosen}
    after = rebuild(profile, weeks, skipped=skipped)
    assert not skipped & {s.uid for s in after.sessions}
    assert len(after.sessions) == len(plan.sessions) - len(skipped)
    # Every other session keeps its uid and day.
    kept = {s.uid: s.date for s in plan.sessions if s.uid not in skipped}
    assert {s.uid: s.date for s in after.sessions} == kept
    check_limits_with_skips(after, {s.week for s in chosen})


def test_a_move_pushes_the_next_session_of_the_week_on():
    plan = rebuild(RUNNER, 4)
    monday, wednesday, friday = plan.weeks[1].sessions
    shifts = plan_move(plan, monday.uid, monday.date + dt.timedelta(days=1))
    assert shifts == {monday.uid: 1, wednesday.uid: 1, friday.uid: 1}
    after = rebuild(RUNNER, 4, shifts)
    assert [s.date for s in after.weeks[1].sessions] == [
        monday.date + dt.timedelta(days=1),
        wednesday.date + dt.timedelta(days=1),
        friday.date + dt.timedelta(days=1),
    ]
    # Two days on would push Friday's session to Sunday, the day before next Monday's.
    with pytest.raises(ValueError, match="no room this week"):
        plan_move(plan, monday.uid, monday.date + dt.timedelta(days=2))
    # Friday alone may move to Saturday (two days before the next Monday).
    assert plan_move(plan, friday.uid, friday.date + dt.timedelta(days=1)) == {friday.uid: 1}


def test_moves_that_cannot_fit_are_refused_with_a_reason():
    plan = rebuild(RUNNER, 4)
    monday = plan.weeks[1].sessions[0]
    with pytest.raises(ValueError, match="within its week"):
        plan_move(plan, monday.uid, monday.date - dt.timedelta(days=1))
    with pytest.raises(ValueError, match="too close"):
        plan_move(plan, plan.weeks[1].sessions[1].uid, monday.date + dt.timedelta(days=1))
    with pytest.raises(ValueError, match="not part of this plan"):
        plan_move(plan, "bs-nope", monday.date)


def test_a_coach_edit_may_shorten_but_never_lengthen():
    plan = rebuild(RUNNER, 4)
    session = plan.weeks[1].sessions[0]
    index, block = next(
        (i, b) for i, b in enumerate(session.blocks) if b.seconds and b.backward_seconds
    )
    shorter = edit_session(
        session, Edit(session.uid, (BlockEdit(index, seconds=block.seconds - 5),), " Easy today ")
    )
    assert shorter.backward_seconds < session.backward_seconds
    assert shorter.coach_note == "Easy today"
    assert shorter.uid == session.uid
    with pytest.raises(ValueError, match="not longer"):
        edit_session(session, Edit(session.uid, (BlockEdit(index, repeats=block.repeats + 1),)))
    with pytest.raises(ValueError, match="no part number"):
        edit_session(session, Edit(session.uid, (BlockEdit(99, repeats=1),)))
    with pytest.raises(ValueError, match="whole number"):
        edit_session(session, Edit(session.uid, (BlockEdit(index, repeats=0),)))
    edited = apply_edits(plan, [Edit(session.uid, (), "first"), Edit(session.uid, (), "second")])
    assert next(s for s in edited.sessions if s.uid == session.uid).coach_note == "second"
