"""The schedule: repeated weeks, the current week, and which session comes next.

``backstride next`` and the web log book both ask :func:`schedule.next_session`, so the
rule for "what comes next" is tested here once, for both.
"""

from __future__ import annotations

import datetime as dt

import pytest

from backstride.training import schedule
from backstride.training.models import Environment, Goal, Population, Profile, SessionLog
from backstride.training.plans import generate_plan

MONDAY = dt.date(2026, 3, 2)


def small_plan() -> object:
    return generate_plan(Profile(age=35), MONDAY, 4)


def test_repeating_week_two_inserts_a_copy_and_moves_later_weeks_by_seven_days() -> None:
    plan = small_plan()
    repeated = schedule.apply_repeats(plan, [2])
    assert [w.number for w in repeated.weeks] == [1, 2, 3, 4, 5]
    # Week 2 of a 3-a-week plan from Monday 2 March: 9, 11, 13 March.
    assert [s.date for s in repeated.weeks[1].sessions] == [
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 11),
        dt.date(2026, 3, 13),
    ]
    assert [s.date for s in repeated.weeks[2].sessions] == [
        dt.date(2026, 3, 16),
        dt.date(2026, 3, 18),
        dt.date(2026, 3, 20),
    ]
    copy = repeated.weeks[2].sessions[0]
    assert copy.uid == plan.weeks[1].sessions[0].uid + "-r1"
    assert copy.blocks == plan.weeks[1].sessions[0].blocks
    # The old week 3 is now week 4, same uid, one week later.
    moved = repeated.weeks[3].sessions[0]
    assert moved.uid == plan.weeks[2].sessions[0].uid
    assert moved.date == plan.weeks[2].sessions[0].date + dt.timedelta(days=7)
    assert moved.week == 4


def test_two_repeats_apply_in_order_and_keep_every_uid_unique() -> None:
    repeated = schedule.apply_repeats(small_plan(), [1, 1])
    uids = [s.uid for s in repeated.sessions]
    assert len(uids) == len(set(uids)) == 18
    assert repeated.weeks[-1].sessions[-1].date == dt.date(
        2026, 4, 10
    )  # week 6 starts 6 April (2 March + 35 days)


def test_repeating_a_week_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValueError, match="week 9 is not in this plan"):
        schedule.apply_repeats(small_plan(), [9])


@pytest.mark.parametrize(
    ("today", "week"),
    [
        (dt.date(2026, 2, 1), 1),  # before the start
        (MONDAY, 1),
        (dt.date(2026, 3, 8), 1),  # the Sunday
        (dt.date(2026, 3, 9), 2),
        (dt.date(2026, 3, 29), 4),
        (dt.date(2026, 6, 1), 4),  # after the end
    ],
)
def test_the_current_week_counts_seven_days_from_the_start(today: dt.date, week: int) -> None:
    assert schedule.current_week(small_plan(), today) == week


# --- the next session --------------------------------------------------------------


def log(day: dt.date, uid: str | None) -> SessionLog:
    return SessionLog(date=day, rpe=4.0, minutes=25.0, session_uid=uid)


def test_next_is_the_first_session_from_today_when_nothing_is_logged() -> None:
    plan = small_plan()
    first, second = plan.sessions[:2]
    assert schedule.next_session(plan, [], MONDAY - dt.timedelta(days=3)) == first
    assert schedule.next_session(plan, [], first.date) == first
    assert schedule.next_session(plan, [], first.date + dt.timedelta(days=1)) == second


def test_a_logged_session_is_done_and_the_next_one_follows() -> None:
    plan = small_plan()
    first, second = plan.sessions[:2]
    assert schedule.next_session(plan, [log(first.date, first.uid)], first.date) == second


def test_a_session_logged_early_counts_as_done() -> None:
    plan = small_plan()
    first, second, third = plan.sessions[:3]
    # Session two done a day early, on the day of session one (which is still open).
    early = log(first.date, second.uid)
    assert early.date < second.date
    assert schedule.next_session(plan, [early], first.date) == first
    assert schedule.next_session(plan, [early], second.date) == third


def test_missed_sessions_are_not_owed_and_extra_training_ticks_nothing_off() -> None:
    plan = small_plan()
    _, second, third = plan.sessions[:3]
    extra = log(second.date, None)
    # Nothing logged for session one; on session two's day, session two is next.
    assert schedule.next_session(plan, [extra], second.date) == second
    assert schedule.next_session(plan, [extra], second.date + dt.timedelta(days=1)) == third


def test_a_log_on_a_later_date_does_not_skip_the_sessions_in_between() -> None:
    plan = small_plan()
    first, second = plan.sessions[:2]
    # Session one done late, on session two's day. The CLI's older rule ("the first
    # session after the last log's date") skipped session two here.
    late = log(second.date, first.uid)
    assert schedule.next_session(plan, [late], second.date) == second


def test_nothing_is_next_after_the_last_session() -> None:
    plan = small_plan()
    last = plan.sessions[-1]
    assert schedule.next_session(plan, [log(last.date, last.uid)], last.date) is None
    assert schedule.next_session(plan, [], last.date + dt.timedelta(days=1)) is None


def test_repeated_weeks_are_scheduled_like_any_other() -> None:
    plan = schedule.apply_repeats(small_plan(), [1])
    week_one = plan.weeks[0].sessions
    logs = [log(s.date, s.uid) for s in week_one]
    copy = schedule.next_session(plan, logs, week_one[-1].date)
    assert copy is not None and copy.uid == week_one[0].uid + "-r1"


# --- finding sessions and the stored profile ----------------------------------------


def test_find_session_and_session_on() -> None:
    plan = small_plan()
    session = plan.sessions[4]
    assert schedule.find_session(plan, session.uid) == session
    assert schedule.find_session(plan, "no-such-uid") is None
    assert schedule.session_on(plan, session.date) == session
    assert schedule.session_on(plan, MONDAY + dt.timedelta(days=1)) is None  # a rest day


def test_the_profile_survives_a_round_trip_through_plain_values() -> None:
    profile = Profile(
        age=67,
        population=Population("older-adult"),
        running_experience_years=2.5,
        sessions_per_week=2,
        environment=Environment("treadmill"),
        goals=tuple(Goal)[:2],
        body_mass_kg=71.5,
    )
    data = schedule.profile_to_dict(profile)
    assert all(isinstance(v, str | int | float | list | None) for v in data.values())
    assert schedule.profile_from_dict(data) == profile


def test_a_stored_profile_without_goals_reads_as_no_goals() -> None:
    data = schedule.profile_to_dict(Profile(age=30))
    del data["goals"]
    assert schedule.profile_from_dict(data).goals == ()
