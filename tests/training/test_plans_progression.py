"""Speed progression, experience, the treadmill bridge, balance and knee-pain rules.

Volumes are worked out by hand in the comments. Shorthand for a session: warm-up 150 s,
two gentle drills x 2 x 20 s (80 s), main set, cool-down 120 s; metres are seconds x
km/h / 3.6, and off the treadmill drills and the heel-to-toe walk have no speed, so no
metres.
"""

from __future__ import annotations

import datetime as dt

import pytest

from backstride.training.models import (
    BlockKind,
    Clearance,
    Environment,
    Mode,
    Population,
    Profile,
    ScreeningResult,
)
from backstride.training.plans import generate_plan
from backstride.training.plans.catalogue import FIRST_JOG, HANDRAILS, PAIN_STOP, SUPPORT
from backstride.training.plans.ladders import forward_easy_kmh, jog_ceiling_kmh
from backstride.training.plans.progression import (
    Ladder,
    SetState,
    amount_cap,
    first_running_week,
    progressed,
)
from backstride.training.plans.safety import PAIN_CHECK
from backstride.training.screening import QUESTION_IDS, screen

MONDAY = dt.date(2026, 3, 2)
TREADMILL = Environment.TREADMILL


def main_blocks(session):
    return [b for b in session.blocks if b.kind == BlockKind.MAIN]


def main_set(session) -> tuple[int, float, float]:
    block = main_blocks(session)[0]
    return block.repeats, block.seconds or block.meters, block.speed_kmh


def first_run(plan) -> int | None:
    weeks = [s.week for s in plan.sessions if s.has_backward_running]
    return min(weeks) if weeks else None


# --- progression arithmetic ---------------------------------------------------------

JOG = Ladder(5, 8, 30.0, 10.0, 150.0, (5.5, 6.0, 6.5), stage_steps=2)


def test_each_speed_stage_allows_two_more_amount_steps_and_the_top_speed_the_maximum():
    # 30 m + 2 x 10 m per stage: 50 m at 5.5 km/h, 70 m at 6.0, then up to 150 m.
    assert [amount_cap(JOG, i) for i in range(3)] == [50.0, 70.0, 150.0]


def test_repeats_grow_before_the_repeat_length_and_speed_waits_for_both():
    assert progressed(SetState(5, 30.0, 0), JOG) == [
        SetState(6, 30.0, 0),
        SetState(5, 40.0, 0),
        SetState(4, 40.0, 0),
    ]
    assert progressed(SetState(8, 40.0, 0), JOG) == [SetState(8, 50.0, 0), SetState(7, 50.0, 0)]


def test_at_the_stage_cap_the_speed_steps_up_with_shorter_repeats_as_fallbacks():
    # Floor for the reset: half the starting 30 m, so 50, 40, 30 and 20 m are offered.
    assert progressed(SetState(8, 50.0, 0), JOG) == [
        SetState(8, 50.0, 1),
        SetState(8, 40.0, 1),
        SetState(8, 30.0, 1),
        SetState(8, 20.0, 1),
    ]
    # Fewer repeats than the maximum: one more repeat first, the speed step after it.
    assert progressed(SetState(7, 50.0, 0), JOG)[:2] == [SetState(8, 50.0, 0), SetState(7, 50.0, 1)]


def test_nothing_is_left_to_raise_at_the_top_of_the_ladder():
    assert progressed(SetState(8, 150.0, 2), JOG) == []


def test_the_treadmill_bridge_raises_speed_before_anything_else():
    assert progressed(SetState(6, 30.0, 0), JOG, speed_first=True)[0] == SetState(6, 30.0, 1)
    # At the top speed the bridge has nothing to add: the usual order applies.
    top = SetState(6, 30.0, 2)
    assert progressed(top, JOG, speed_first=True) == progressed(top, JOG)


# --- walking speed progresses -----------------------------------------------------------


def test_an_older_adult_on_a_treadmill_walks_faster_once_the_repeat_reaches_its_cap():
    profile = Profile(age=75, population=Population.OLDER_ADULT, environment=TREADMILL)
    plan = generate_plan(profile, MONDAY, weeks=16)
    sets = {w.number: main_set(w.sessions[0]) for w in plan.weeks}
    # Fixed part at 0.8 km/h: 150 + 80 drills + 60 balance + 120 = 410 s = 91.11 m.
    # Week 5: 6 x 35 s at 0.8 = 46.67 m, session 137.78 m, so week 6 may reach 151.56 m.
    assert sets[5] == (6, 35.0, 0.8)
    # 6 x 35 s at 1.2 km/h = 70 m (session 161.11 m) is too much; 6 x 30 s = 60 m
    # (151.11 m) fits, so the speed step comes with a 5 s shorter repeat.
    assert sets[6] == (6, 30.0, 1.2)
    assert plan.weeks[5].sessions[0].backward_meters == pytest.approx(151.11, abs=0.01)
    assert sets[7] == (6, 35.0, 1.2)  # then the repeat grows again at the new speed
    assert [sets[w][2] for w in (10, 14)] == [1.6, 2.0]
    assert max(b.speed_kmh for s in plan.sessions for b in s.blocks) <= 2.8


def test_off_the_treadmill_nominal_walking_speeds_progress_too():
    plan = generate_plan(Profile(age=75, population=Population.OLDER_ADULT), MONDAY, weeks=16)
    speeds = [main_set(w.sessions[0])[2] for w in plan.weeks]
    assert speeds[0] == 2.5
    assert speeds == sorted(speeds) and speeds[-1] == 3.0


# --- runners: experience, jog speed and ceiling -------------------------------------------


@pytest.mark.parametrize(
    ("years", "athlete", "low", "ceiling"),
    [
        (0.0, False, False, 6.0),  # 0.7 x 9.0 = 6.3 -> 6.0
        (1.0, False, False, 6.5),  # 0.7 x 9.5 = 6.65 -> 6.5
        (2.0, False, False, 7.0),  # 0.7 x 10 = 7.0
        (5.0, False, False, 8.0),  # 0.7 x 11.5 = 8.05 -> 8.0
        (20.0, False, False, 8.0),  # gains stop at 6 years: 0.7 x 12 = 8.4 -> 8.0
        (0.0, True, False, 7.0),  # athletes count as two years
        (5.0, False, True, 6.0),  # low intensity stops at 6 km/h
    ],
)
def test_the_jog_ceiling_is_about_seventy_percent_of_easy_forward_pace(
    years, athlete, low, ceiling
):
    assert jog_ceiling_kmh(years, athlete=athlete, low=low) == ceiling
    assert ceiling <= 0.70 * forward_easy_kmh(max(years, 2.0 if athlete else 0.0)) or low


def test_an_experienced_runners_jog_speed_steps_up_once_the_repeat_caps():
    profile = Profile(age=30, population=Population.RUNNER, running_experience_years=5)
    plan = generate_plan(profile, MONDAY, weeks=16)
    jog = [main_set(w.sessions[0]) for w in plan.weeks if not w.deload]
    mixed = [main_set(w.sessions[1]) for w in plan.weeks if not w.deload]
    # By distance at 5.5 km/h until the 50 m stage cap and 8 repeats, then 6.0 km/h.
    assert jog[1] == (5, 30.0, 5.5)
    assert (8, 50.0, 6.0) in jog
    # The mixed intervals climb 0.5 km/h per stage to the 8.0 km/h ceiling for 5 years.
    assert [m[2] for m in mixed][1:] == sorted(m[2] for m in mixed[1:])
    # Three repeats, not four: the first mixed session is capped at +10 % of the jog two
    # days before (Frandsen et al. 2025, jogging alone), and the slot grows from there.
    assert mixed[-1] == (3, 60.0, 8.0)


def test_a_novice_runner_stops_at_six_kmh():
    plan = generate_plan(Profile(age=30, population=Population.RUNNER), MONDAY, weeks=16)
    speeds = {b.speed_kmh for s in plan.sessions for b in main_blocks(s) if b.mode != Mode.WALK}
    assert max(speeds) == 6.0
    assert 6.0 in {main_set(w.sessions[0])[2] for w in plan.weeks}  # 5.5 did step up


def test_experienced_runners_and_athletes_walk_week_one_and_jog_from_week_two():
    def run_week(**kw) -> int | None:
        return first_run(generate_plan(Profile(**kw), MONDAY, weeks=8))

    assert run_week(age=30, population=Population.RUNNER, running_experience_years=2) == 2
    assert run_week(age=30, population=Population.RUNNER, running_experience_years=1.5) == 3
    assert run_week(age=22, population=Population.ATHLETE) == 2
    assert run_week(age=40, running_experience_years=4) == 2
    # 65 or over stays walking-dominant, whatever the experience.
    assert run_week(age=66, population=Population.RUNNER, running_experience_years=30) == 7


def test_experience_does_not_shorten_the_walking_phase_without_a_clean_screening():
    restricted = screen({**dict.fromkeys(QUESTION_IDS, False), "knee_problems": True})
    profile = Profile(age=30, population=Population.RUNNER, running_experience_years=10)
    assert first_run(generate_plan(profile, MONDAY, 8, screening=restricted)) == 5
    consult = ScreeningResult(Clearance.CONSULT, ("Chest pain.",))
    plan = generate_plan(profile, MONDAY, 8, screening=consult, clearance_recorded=True)
    assert first_run(plan) == 5
    assert (
        first_running_week(
            per_week=3,
            comfortable=0,
            walking_only=False,
            late_only=False,
            low_intensity=False,
            late_allowed=False,
            experienced=True,
        )
        == 2
    )


@pytest.mark.parametrize("years", [-1, float("nan"), 81, "5"])
def test_impossible_running_experience_is_a_one_line_error(years):
    with pytest.raises(ValueError, match="running experience must be a number of years"):
        generate_plan(Profile(age=30, running_experience_years=years), MONDAY)


# --- the treadmill bridge from walking to jogging -------------------------------------


def test_treadmill_walking_bridges_to_two_point_eight_kmh_before_a_four_kmh_first_jog():
    plan = generate_plan(Profile(age=40, environment=TREADMILL), MONDAY, weeks=10)
    sets = {w.number: main_set(w.sessions[0]) for w in plan.weeks}
    # Week 2: 150 + 120 s at 1.2 km/h (90 m) + drills 80 s at 1.2 (26.67 m) + 6 x 30 s
    # at 1.6 (80 m) = 196.67 m, so week 3 may reach 216.33 m. Week 3 may run, so the
    # walk steps speed first: 6 x 30 s at 2.0 (100 m) gives 216.67 m, 0.33 m too many;
    # 6 x 25 s at 2.0 (83.33 m) gives 200 m.
    assert sets[2] == (6, 30.0, 1.6)
    assert sets[3] == (6, 25.0, 2.0)
    assert [sets[w] for w in (5, 6)] == [(6, 25.0, 2.4), (6, 25.0, 2.8)]
    # Week 6 is 116.67 + 116.67 m = 233.33 m; the first jog, 5 x 30 s at 4.0 km/h
    # (166.67 m), would make 283.33 m > 256.67 m, so 4 x 30 s (133.33 m, 250 m) it is.
    assert first_run(plan) == 7
    assert sets[7] == (4, 30.0, 4.0)
    first_jog = main_blocks(plan.weeks[6].sessions[0])[0]
    assert first_jog.mode == Mode.JOG
    assert FIRST_JOG in first_jog.cues and HANDRAILS in first_jog.cues
    later = main_blocks(plan.weeks[8].sessions[0])[0]
    assert later.mode == Mode.JOG and FIRST_JOG not in later.cues


def test_no_treadmill_jog_ever_starts_below_the_bridge_or_in_a_lighter_week():
    for population in Population:
        for age in (30, 66):
            profile = Profile(age=age, population=population, environment=TREADMILL)
            plan = generate_plan(profile, MONDAY, weeks=16)
            walked = 0.0
            for session in plan.sessions:
                if session.has_backward_running and walked < 2.8:
                    pytest.fail(f"{population} {age}: jog before a 2.8 km/h walk")
                if session.has_backward_running and first_run(plan) == session.week:
                    assert not session.deload
                    jogs = [b for b in session.blocks if b.mode == Mode.JOG]
                    assert max(b.speed_kmh for b in jogs) == 4.0
                for block in main_blocks(session):
                    if block.mode == Mode.WALK:
                        walked = max(walked, block.speed_kmh)


# --- older adults: balance in every session ---------------------------------------------


@pytest.mark.parametrize("environment", list(Environment))
def test_every_older_adult_session_has_a_supported_balance_block(environment):
    restricted = screen({**dict.fromkeys(QUESTION_IDS, False), "balance_problems": True})
    profile = Profile(age=78, population=Population.OLDER_ADULT, environment=environment)
    for screening in (None, restricted):
        plan = generate_plan(profile, MONDAY, weeks=12, screening=screening)
        for session in plan.sessions:
            support = "Hold both handrails" if environment == TREADMILL else SUPPORT
            balance = [
                b
                for b in main_blocks(session)
                if "narrow steps" in b.why and any(c.startswith(support) for c in b.cues)
            ]
            assert balance, (screening, session.week)
            assert sum(b.kind == BlockKind.DRILL for b in session.blocks) <= 4


def test_the_treadmill_balance_block_is_a_narrow_stance_at_the_slowest_belt_speed():
    profile = Profile(age=75, population=Population.OLDER_ADULT, environment=TREADMILL)
    first = generate_plan(profile, MONDAY, weeks=4).sessions[0]
    balance = main_blocks(first)[1]
    assert (balance.name, balance.repeats, balance.seconds) == (
        "Narrow-base backward walk",
        2,
        30.0,
    )
    assert balance.speed_kmh == 0.8
    assert HANDRAILS not in balance.cues  # "hold both" replaces "let go when steady"
    # 150 + 80 + 4 x 30 + 2 x 30 + 120 = 530 s, all at 0.8 km/h: 117.78 m.
    assert first.backward_seconds == 530.0
    assert first.backward_meters == pytest.approx(117.78, abs=0.01)


# --- knee rehab: a pain stop rule on every main block -------------------------------------


@pytest.mark.parametrize("environment", list(Environment))
def test_knee_rehab_main_blocks_carry_the_pain_stop_rule_and_the_checklist_a_pain_check(
    environment,
):
    profile = Profile(age=50, population=Population.KNEE_REHAB, environment=environment)
    plan = generate_plan(profile, MONDAY, weeks=16)
    mains = [b for s in plan.sessions for b in main_blocks(s)]
    assert {b.mode for b in mains} >= {Mode.WALK, Mode.JOG}  # jogs were checked too
    assert all(PAIN_STOP in b.cues for b in mains)
    assert all(PAIN_CHECK in s.safety_checklist for s in plan.sessions)


def test_people_without_knee_limits_get_no_pain_stop_rule():
    plan = generate_plan(Profile(age=40), MONDAY, weeks=6)
    assert not any(PAIN_STOP in b.cues for s in plan.sessions for b in s.blocks)
    assert PAIN_CHECK not in plan.sessions[0].safety_checklist
