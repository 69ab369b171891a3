"""Plan generator rules, one test each, with volumes worked out by hand.

Reference week-1 session for a general 40-year-old on a track (3 sessions a week):
warm-up 150 s backward walk + 2 gentle drills x 2 x 20 s (80 s) + main 5 x 30 s (150 s)
+ cool-down 120 s = 500 s of backward movement.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from backstride.training.models import (
    BlockKind,
    Clearance,
    Direction,
    Environment,
    Goal,
    Mode,
    PainSite,
    Population,
    Profile,
    Restriction,
    ScreeningResult,
    SessionLog,
)
from backstride.training.plans import PlanRefused, generate_plan
from backstride.training.plans.catalogue import PAIN, SUPPORT
from backstride.training.screening import QUESTION_IDS, screen

MONDAY = dt.date(2026, 3, 2)
GENERAL = Profile(age=40)


def first_running_week(plan) -> int | None:
    weeks = [s.week for s in plan.sessions if s.has_backward_running]
    return min(weeks) if weeks else None


def main_blocks(session):
    return [b for b in session.blocks if b.kind == BlockKind.MAIN]


def test_week_one_session_is_the_hand_computed_500_seconds_baseline():
    plan = generate_plan(GENERAL, MONDAY, weeks=8)
    first = plan.sessions[0]
    assert [b.kind for b in first.blocks] == [
        BlockKind.WARMUP,
        BlockKind.DRILL,
        BlockKind.DRILL,
        BlockKind.MAIN,
        BlockKind.COOLDOWN,
    ]
    main = main_blocks(first)[0]
    assert (main.repeats, main.seconds, main.mode) == (5, 30.0, Mode.WALK)
    assert first.backward_seconds == pytest.approx(500.0)
    assert plan.weeks[0].backward_seconds == pytest.approx(1500.0)


def test_week_two_adds_one_repeat_for_a_six_percent_rise():
    plan = generate_plan(GENERAL, MONDAY, weeks=8)
    assert main_blocks(plan.weeks[1].sessions[0])[0].repeats == 6
    # 500 + 30 s per session, 3 sessions: 1590 s, 6 % above 1500 s.
    assert plan.weeks[1].backward_seconds == pytest.approx(1590.0)


def test_deload_week_four_is_about_two_thirds_of_week_three():
    plan = generate_plan(GENERAL, MONDAY, weeks=8)
    week3, week4 = plan.weeks[2], plan.weeks[3]
    assert week4.deload and not week3.deload
    # Week 3 (first jogging week): 150 + 3 drills x 2 x 20 + 5 x 30 m at 5.5 km/h
    # (5 x 19.636 s) + 120 = 488.18 s. Week 4: warm-up 98 + 3 x 1 x 20 + 98.18 + 78.
    assert week3.sessions[0].backward_seconds == pytest.approx(488.18, abs=0.01)
    assert week4.sessions[0].backward_seconds == pytest.approx(334.18, abs=0.01)
    assert week4.backward_seconds / week3.backward_seconds == pytest.approx(0.6845, abs=1e-3)
    assert [w.number for w in plan.weeks if w.deload] == [4, 8]


def test_three_sessions_fall_on_monday_wednesday_friday():
    plan = generate_plan(GENERAL, MONDAY, weeks=4)
    assert [s.date.strftime("%a") for s in plan.weeks[0].sessions] == ["Mon", "Wed", "Fri"]
    assert plan.sessions[-1].date == dt.date(2026, 3, 27)


def test_two_sessions_fall_three_and_four_days_apart():
    plan = generate_plan(Profile(age=40, sessions_per_week=2), dt.date(2026, 3, 3), weeks=4)
    assert [s.date.strftime("%a") for s in plan.weeks[0].sessions] == ["Tue", "Fri"]
    gaps = {(b.date - a.date).days for a, b in pairwise(plan.sessions)}
    assert gaps == {3, 4}


def test_running_starts_in_week_three_without_history():
    assert first_running_week(generate_plan(GENERAL, MONDAY, weeks=6)) == 3


def comfy(days_before: int, **kw) -> SessionLog:
    return SessionLog(date=MONDAY - dt.timedelta(days=days_before), backward_seconds=600, **kw)


def test_one_comfortable_logged_session_lets_a_three_a_week_plan_run_in_week_two():
    plan = generate_plan(GENERAL, MONDAY, weeks=6, history=[comfy(3)])
    assert first_running_week(plan) == 2
    assert not plan.weeks[0].sessions[0].has_backward_running


def test_a_painful_or_unfinished_logged_session_does_not_count_as_walking_done():
    history = [
        comfy(3, pain={PainSite.KNEE: 5}),
        comfy(5, completed_fraction=0.5),
        comfy(7, fall=True),
    ]
    assert first_running_week(generate_plan(GENERAL, MONDAY, weeks=6, history=history)) == 3


def test_two_a_week_needs_two_logged_sessions_to_run_in_week_two():
    profile = Profile(age=40, sessions_per_week=2)
    assert first_running_week(generate_plan(profile, MONDAY, 6, history=[comfy(3)])) == 3
    assert first_running_week(generate_plan(profile, MONDAY, 6, history=[comfy(3), comfy(5)])) == 2


def test_walking_only_restriction_never_gives_running_even_over_sixteen_weeks():
    result = screen({**dict.fromkeys(QUESTION_IDS, False), "vision_impairment": True})
    plan = generate_plan(GENERAL, MONDAY, weeks=16, screening=result)
    assert plan.clearance == Clearance.RESTRICTED
    assert first_running_week(plan) is None
    assert all(b.kind != BlockKind.DRILL for s in plan.sessions for b in s.blocks)


def test_consult_without_recorded_clearance_is_refused_with_the_reasons():
    result = ScreeningResult(Clearance.CONSULT, ("You reported chest pain.",))
    with pytest.raises(PlanRefused, match="You reported chest pain"):
        generate_plan(GENERAL, MONDAY, screening=result)
    assert issubclass(PlanRefused, ValueError)


def test_consult_with_recorded_clearance_becomes_a_low_intensity_restricted_plan():
    result = ScreeningResult(Clearance.CONSULT, ("Chest pain.",))
    plan = generate_plan(GENERAL, MONDAY, weeks=8, screening=result, clearance_recorded=True)
    assert plan.clearance == Clearance.RESTRICTED
    assert plan.restrictions == (Restriction.LOW_INTENSITY,)
    # Low intensity waits until week 5 and never goes beyond a jog.
    assert first_running_week(plan) == 5
    assert all(b.mode != Mode.RUN for s in plan.sessions for b in s.blocks)


def test_older_adults_from_seventy_never_run():
    plan = generate_plan(Profile(age=72, population=Population.OLDER_ADULT), MONDAY, weeks=16)
    assert first_running_week(plan) is None


def test_a_cleared_sixty_six_year_old_gets_short_jogs_only_from_week_seven():
    plan = generate_plan(Profile(age=66), MONDAY, weeks=16)
    assert first_running_week(plan) == 7
    week7 = main_blocks(plan.weeks[6].sessions[0])
    assert [b.name for b in week7] == [
        "Backward walk intervals",
        "Backward heel-to-toe walk",
        "Short backward jogs",
    ]
    assert [b.mode for b in week7] == [Mode.WALK, Mode.WALK, Mode.JOG]
    # Walking-dominant: 5 x 40 s walking (200 s) against one 20 m jog at 5 km/h (14.4 s).
    walk, _, jogs = week7
    assert (walk.repeats, walk.seconds) == (5, 40.0)
    assert jogs.repeats == 1
    assert jogs.backward_seconds == pytest.approx(14.4)
    # A second 20 m jog would double the jog time, far above the +10 % single-session
    # cap on jogging (Frandsen et al. 2025), so the finisher stays at one short jog.
    counts = [main_blocks(w.sessions[0])[-1].repeats for w in plan.weeks[6:] if not w.deload]
    assert counts == [1, 1, 1, 1, 1, 1, 1]
    assert all(
        2 * main_blocks(s)[-1].backward_seconds <= main_blocks(s)[0].backward_seconds
        for s in plan.sessions
        if s.has_backward_running
    )


def test_a_restricted_knee_rehab_plan_stays_walking_and_monitors_pain_in_every_block():
    result = screen({**dict.fromkeys(QUESTION_IDS, False), "knee_problems": True})
    plan = generate_plan(
        Profile(age=45, population=Population.KNEE_REHAB), MONDAY, weeks=12, screening=result
    )
    assert first_running_week(plan) is None
    assert all(PAIN in b.cues for s in plan.sessions for b in s.blocks)


def test_treadmill_walking_starts_between_point_eight_and_one_point_six_kmh():
    for population in Population:
        profile = Profile(age=40, population=population, environment=Environment.TREADMILL)
        plan = generate_plan(profile, MONDAY, weeks=4)
        first = plan.sessions[0]
        assert all(0.8 <= b.speed_kmh <= 1.6 for b in first.blocks), population
        assert any("safety key" in item for item in first.safety_checklist)


def test_runners_on_a_track_get_sixty_forward_thirty_backward_intervals():
    plan = generate_plan(Profile(age=30, population=Population.RUNNER), MONDAY, weeks=4)
    mixed = main_blocks(plan.weeks[2].sessions[1])[0]
    assert mixed.direction == Direction.MIXED
    # 4 x 30 s would be 120 s of backward running, more than 10 % above the 98 s jog two
    # days before (Frandsen et al. 2025 cap on jogging alone): three repeats, 90 s.
    assert (mixed.forward_seconds, mixed.seconds, mixed.repeats) == (60.0, 30.0, 3)
    assert mixed.backward_seconds == 90.0


def test_athletes_get_agility_work_once_running_starts_in_week_two():
    plan = generate_plan(Profile(age=22, population=Population.ATHLETE), MONDAY, weeks=4)
    names = [b.name for b in main_blocks(plan.weeks[1].sessions[1])]
    assert names == ["Backpedal and turn", "Zig-zag backpedal", "Reactive direction changes"]
    assert names[0] not in [b.name for s in plan.weeks[0].sessions for b in s.blocks]


def test_a_recent_short_logged_session_caps_the_first_planned_session():
    history = [SessionLog(date=MONDAY - dt.timedelta(days=2), backward_seconds=300)]
    plan = generate_plan(GENERAL, MONDAY, weeks=4, history=history)
    assert plan.sessions[0].backward_seconds <= 330.0
    # A 30-day-old log still counts, a 31-day-old one no longer does.
    old = [SessionLog(date=MONDAY - dt.timedelta(days=31), backward_seconds=300)]
    assert generate_plan(GENERAL, MONDAY, 4, history=old).sessions[0].backward_seconds == 500


def test_a_tiny_logged_session_gives_a_single_short_backward_walk():
    history = [SessionLog(date=MONDAY - dt.timedelta(days=1), backward_seconds=12)]
    first = generate_plan(GENERAL, MONDAY, weeks=4, history=history).sessions[0]
    # Cap 1.1 x 12 = 13.2 s: below the smallest ladder step (1 x 15 s), so one 13 s walk
    # with the warm-up and cool-down walked forward.
    assert first.backward_seconds == 13.0
    assert [b.direction for b in first.blocks] == [
        Direction.FORWARD,
        Direction.BACKWARD,
        Direction.FORWARD,
    ]
    # A log under 10 s is too short to anchor the cap at all.
    tiny = [SessionLog(date=MONDAY - dt.timedelta(days=1), backward_seconds=5)]
    assert generate_plan(GENERAL, MONDAY, 4, history=tiny).sessions[0].backward_seconds == 500


def test_uids_are_stable_for_the_same_input_and_change_with_the_start_date():
    a = [s.uid for s in generate_plan(GENERAL, MONDAY, weeks=6).sessions]
    b = [s.uid for s in generate_plan(GENERAL, MONDAY, weeks=6).sessions]
    c = [s.uid for s in generate_plan(GENERAL, MONDAY + dt.timedelta(days=7), weeks=6).sessions]
    assert a == b
    assert len(set(a)) == len(a)
    assert not set(a) & set(c)


def test_blocks_say_which_of_the_persons_goals_they_serve():
    plan = generate_plan(Profile(age=40, goals=(Goal.BALANCE,)), MONDAY, weeks=4)
    walk = main_blocks(plan.sessions[0])[0]
    assert walk.why.startswith("Serves your goal of better balance")
    default = generate_plan(Profile(age=40, population=Population.ATHLETE), MONDAY, 4)
    assert "agility" in default.sessions[0].blocks[0].why


@pytest.mark.parametrize("environment", list(Environment))
def test_main_sets_raise_at_most_one_variable_between_full_weeks(environment):
    for population in Population:
        profile = Profile(age=50, population=population, environment=environment)
        plan = generate_plan(profile, MONDAY, weeks=16)
        previous = {}
        for week in (w for w in plan.weeks if not w.deload):
            for session in week.sessions:
                block = main_blocks(session)[0]
                key = (session.index_in_week, block.name)
                now = (block.repeats, block.seconds or block.meters, block.speed_kmh)
                if key in previous:
                    rose = sum(y > x for x, y in zip(previous[key], now, strict=True))
                    assert rose <= 1, (population, week.number, previous[key], now)
                previous[key] = now


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weeks": 3}, "weeks must be a whole number from 4 to 16"),
        ({"weeks": 17}, "weeks must be a whole number from 4 to 16"),
        ({"profile": Profile(age=40, sessions_per_week=4)}, "sessions per week must be 2 or 3"),
        ({"profile": Profile(age=40, sessions_per_week=1)}, "sessions per week must be 2 or 3"),
        ({"profile": Profile(age=9)}, "age must be between 10 and 100"),
        ({"profile": Profile(age=101)}, "age must be between 10 and 100"),
        ({"profile": Profile(age=40, population="sprinter")}, "unknown population 'sprinter'"),
        ({"start": "2026-03-02"}, "start must be a date"),
        ({"history": ["yesterday"]}, "history must contain SessionLog"),
    ],
)
def test_bad_input_gives_a_one_line_value_error(kwargs, message):
    args = {"profile": GENERAL, "start": MONDAY, **kwargs}
    with pytest.raises(ValueError, match=message):
        generate_plan(**args)


def test_population_given_as_text_is_accepted():
    plan = generate_plan(Profile(age=30, population="runner"), MONDAY, weeks=4)
    assert plan.profile.population is Population.RUNNER


def test_even_many_logged_sessions_keep_week_one_walking():
    history = [comfy(d) for d in (2, 4, 6, 9, 11)]
    plan = generate_plan(GENERAL, MONDAY, weeks=6, history=history)
    assert first_running_week(plan) == 2


def test_older_adults_off_the_treadmill_train_with_support_nearby():
    plan = generate_plan(Profile(age=75, population=Population.OLDER_ADULT), MONDAY, weeks=4)
    first = plan.sessions[0]
    assert any("helper within arm's reach" in item for item in first.safety_checklist)
    drills = [b.name for b in first.blocks if b.kind == BlockKind.DRILL]
    assert drills == ["Backward high-knee march", "Backward heel-flick walk"]
    walk, balance = main_blocks(first)
    assert walk.speed_kmh == 2.5
    assert balance.name == "Backward heel-to-toe walk"
    assert SUPPORT in balance.cues


def test_older_adults_on_a_treadmill_start_at_point_eight_kmh_holding_the_handrails():
    profile = Profile(age=75, population=Population.OLDER_ADULT, environment=Environment.TREADMILL)
    first = generate_plan(profile, MONDAY, weeks=4).sessions[0]
    main = main_blocks(first)[0]
    assert main.speed_kmh == 0.8
    assert main.speed_mph == 0.5
    assert any("handrails" in cue for cue in main.cues)
    assert "Hold the handrails for the whole session." in first.safety_checklist


@pytest.mark.parametrize("start", [dt.date(1900, 1, 1), dt.date(9999, 12, 1)])
def test_a_start_date_far_outside_our_century_is_refused(start):
    with pytest.raises(ValueError, match="out of range"):
        generate_plan(Profile(age=40), start, weeks=4)
