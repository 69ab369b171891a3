"""One test per published figure the models rest on, reproduced from the model itself.

Each docstring names the source and the figure; the test computes the figure with the
library (energy, load, plans, cues) and compares. Derivations that need an assumption
(a grade, a VO2peak) state it in the test.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from backstride.gait import cues
from backstride.training import energy, load
from backstride.training.models import (
    Block,
    BlockKind,
    Direction,
    Environment,
    Goal,
    Mode,
    Population,
    Profile,
    Session,
    SessionLog,
)
from backstride.training.plans import catalogue, generate_plan, sessions
from backstride.training.plans.progression import Ladder, SetState, jog_seconds

MONDAY = dt.date(2026, 3, 2)
LEARN = Path(__file__).resolve().parents[2] / "src" / "backstride" / "web" / "learn" / "content"


def _net_forward(speed_ms: float, gait: str) -> float:
    """ACSM net forward VO2 (ml/kg/min) at a speed in m/s."""
    return {"walk": 0.1, "run": 0.2}[gait] * speed_ms * 60.0


def _backward_net(speed_ms: float, mode: Mode) -> float:
    gait = "run" if mode in (Mode.JOG, Mode.RUN) else "walk"
    return energy.backward_cost_ratio(speed_ms * 3.6, mode) * _net_forward(speed_ms, gait)


def _graded_forward(speed_m_min: float, grade: float) -> float:
    """ACSM walking with grade: 0.1 v + 1.8 v grade + 3.5 (gross, ml/kg/min)."""
    return 0.1 * speed_m_min + 1.8 * speed_m_min * grade + 3.5


def _net_from_gross_rise(forward_gross: float, backward_gross: float) -> float:
    return (backward_gross - 3.5) / (forward_gross - 3.5)


# --- energy ------------------------------------------------------------------------------


def test_backward_running_at_3_m_s_costs_35_percent_more_net() -> None:
    """Wright & Weyand 2001, J Exp Biol 204:1805: metabolic rate +35 +- 6 % backward at
    3.0 m/s (N = 4). The model's net cost at 3.0 m/s is 1.35x forward, and the range it
    reports is the study's mean +- SEM."""
    est = energy.estimate(3.0 * 3.6, 10.0, Mode.RUN)
    forward_net = _net_forward(3.0, "run")
    backward_net = est.met * 3.5 - 3.5
    assert backward_net / forward_net == pytest.approx(1.35)
    low, high = energy.RUN_RATIO.low, energy.RUN_RATIO.high
    assert (low, high) == pytest.approx((1.35 - 0.06, 1.35 + 0.06))


def test_backward_running_costs_more_at_every_speed_from_1_75_to_3_5_m_s() -> None:
    """Wright & Weyand 2001: metabolic rate higher backward at all 8 speeds from 1.75 to
    3.50 m/s; Rasica et al. 2020, Eur J Appl Physiol 120:2507: +35 % on average at every
    gradient. The model keeps the same net ratio over the whole running range."""
    for speed in (1.75, 2.0, 2.5, 3.0, 3.5):
        ratio = energy.net_ratio(speed * 3.6, Mode.RUN)
        assert ratio.central == pytest.approx(1.35)
        assert energy.estimate(speed * 3.6, 1.0, Mode.RUN).ratio_to_forward > 1.0


def test_gross_cost_would_have_been_overstated_by_multiplying_rest() -> None:
    """Wright & Weyand 2001 and Rasica 2020 compare the cost of moving: at 9 km/h the
    net model gives 44.0 ml/kg/min, the old gross model 1.35 x 33.5 = 45.2; the person
    sees the net one (15.4 kcal/min at 70 kg)."""
    est = energy.estimate(9.0, 1.0, Mode.RUN, body_mass_kg=70.0)
    assert est.kcal_per_min == pytest.approx(44.0 * 70 / 200)
    assert est.kcal_per_min < 1.35 * 33.5 * 70 / 200


def test_hooper_graded_walking_at_1_12_m_s_falls_inside_the_walking_range() -> None:
    """Hooper et al. 2004, JOSPT 34:65: at 67 m/min (1.12 m/s) on 5-10 % grades, %VO2max
    was 17-20 % higher backward. Read as a relative rise, the net ratio is 1.22-1.24; read
    as percentage points of a 45 ml/kg/min VO2max, 1.48-1.60. The model's range at
    1.12 m/s (1.22-1.60) holds both readings."""
    ratio = energy.net_ratio(1.12 * 3.6, Mode.WALK)
    readings = []
    for grade, rise in ((0.05, 0.17), (0.10, 0.20)):
        forward = _graded_forward(67.0, grade)
        readings.append(_net_from_gross_rise(forward, forward * (1 + rise)))  # relative
        readings.append(_net_from_gross_rise(forward, forward + rise * 45.0))  # points
    assert min(readings) == pytest.approx(1.217, abs=0.005)
    assert max(readings) == pytest.approx(1.60, abs=0.005)
    assert ratio.low <= min(readings) + 0.005 and max(readings) <= ratio.high + 0.005


def test_incline_walking_at_4_kmh_falls_inside_the_walking_range() -> None:
    """Incline study at 4 km/h (DBpia NODE08826885, 10 women): VO2 +31 to +41 % backward
    on 2.5-12.5 % grades. The derived net ratios (1.36-1.56) lie inside the model's range
    at 1.11 m/s and around its central 1.40."""
    ratio = energy.net_ratio(4.0, Mode.WALK)
    derived = [
        _net_from_gross_rise(f, f * (1 + rise))
        for f in (_graded_forward(66.7, 0.025), _graded_forward(66.7, 0.125))
        for rise in (0.31, 0.41)
    ]
    assert min(derived) == pytest.approx(1.36, abs=0.01)
    assert max(derived) == pytest.approx(1.56, abs=0.01)
    assert ratio.low < min(derived) < ratio.central < max(derived) < ratio.high


def test_compendium_backward_walking_at_3_5_mph_is_the_central_ratio() -> None:
    """Compendium of Physical Activities (Ainsworth 2011): walking backwards 3.5 mph,
    6.0 MET; forward brisk 3.5 mph, 4.3 MET. Net ratio (6.0 - 1) / (4.3 - 1) = 1.52; the
    same 6.0 MET over the ACSM forward cost gives 1.87, the top of the model's range."""
    ratio = energy.net_ratio(1.56 * 3.6, Mode.WALK)
    assert ratio.central == pytest.approx((6.0 - 1) / (4.3 - 1), abs=0.005)
    acsm_forward = 0.1 * 93.6 + 3.5
    assert ratio.high == pytest.approx((6.0 * 3.5 - 3.5) / (acsm_forward - 3.5), abs=0.005)


def test_flynn_walking_at_1_79_m_s_implies_a_plausible_vo2peak() -> None:
    """Flynn et al. 1994, MSSE 26:89: backward walking at 107.2 m/min (1.79 m/s) took
    60 % of forward VO2peak. The model's backward VO2 there, divided by 0.60, gives the
    VO2peak it implies: 50 ml/kg/min at the central ratio, 45-55 across the range."""
    ratio = energy.net_ratio(1.79 * 3.6, Mode.WALK)
    net = _net_forward(107.2 / 60, "walk")
    implied = [(3.5 + r * net) / 0.60 for r in (ratio.low, ratio.central, ratio.high)]
    assert implied == pytest.approx([45.0, 50.0, 55.0], abs=0.2)


def test_flynn_running_at_2_68_m_s_agrees_with_the_walking_anchor() -> None:
    """Flynn et al. 1994: backward running at 160.8 m/min took 84 % of VO2peak. With the
    running ratio 1.35 that implies a VO2peak of about 56 ml/kg/min, within 15 % of the
    50 the walking figure implied for the same subjects: the two anchors agree."""
    backward = 3.5 + 1.35 * _net_forward(160.8 / 60, "run")
    implied_run = backward / 0.84
    assert implied_run == pytest.approx(55.9, abs=0.2)
    assert abs(implied_run - 50.0) / 50.0 < 0.15


def test_hreljac_walking_and_running_cost_the_same_at_the_optimal_transition() -> None:
    """Hreljac et al. 2005, J Sports Sci Med 4:446: the energetically optimal backward
    transition is 1.85 m/s; at the preferred transition, 1.63 m/s, running cost more than
    walking. The model reproduces both."""
    assert _backward_net(1.85, Mode.WALK) == pytest.approx(_backward_net(1.85, Mode.RUN))
    assert _backward_net(1.63, Mode.RUN) > _backward_net(1.63, Mode.WALK)


def test_walking_near_1_1_m_s_and_1_8_m_s_reads_as_the_studies_say() -> None:
    """The issue's reading of Hooper, Flynn and the walk-run data: about 1.3-1.4 near
    1.1 m/s and about 2.4 near 1.8 m/s (both net)."""
    assert 1.3 <= energy.backward_cost_ratio(1.1 * 3.6, Mode.WALK) <= 1.4
    assert energy.backward_cost_ratio(1.8 * 3.6, Mode.WALK) == pytest.approx(2.5, abs=0.1)


def test_drills_cost_what_walking_at_their_pace_costs() -> None:
    """No study measured backward drills; they were costed as backward running at 6 km/h
    (9.1 MET). Now a drill block costs exactly a backward walk at its pace, and the
    older adults' week-1 session drops from 39.7 to about 30 kcal at 70 kg."""
    drill = Block(BlockKind.DRILL, "March", Direction.BACKWARD, Mode.DRILL, 2, 20.0)
    walk = Block(BlockKind.DRILL, "Walk", Direction.BACKWARD, Mode.WALK, 2, 20.0, speed_kmh=3.0)

    def session(block: Block) -> Session:
        return Session("s", MONDAY, 1, 0, "t", Environment.TRACK, (block,))

    assert energy.session_energy(session(drill)).kcal == pytest.approx(
        energy.session_energy(session(walk)).kcal
    )
    plan = generate_plan(Profile(age=70, population=Population.OLDER_ADULT), MONDAY)
    view = energy.session_view(plan.sessions[0], None)
    assert view is not None and 28 <= view.kcal <= 33 and view.assumed_mass


# --- knee ---------------------------------------------------------------------------------


def _why_texts(plan) -> list[tuple[float | None, Mode, str]]:
    return [
        (b.speed_kmh, b.mode, b.why)
        for s in plan.sessions
        for b in s.blocks
        if b.direction != Direction.FORWARD
    ]


def test_kneecap_claim_only_at_running_speed() -> None:
    """Roos et al. 2012, J Biomech 45:1656: peak patellofemoral force 3.4 vs 4.5 x BW,
    about a quarter lower, at the same running speed; at 1.0 m/s no reduction (ODU
    thesis 1998). A knee-rehab jog at 5 km/h gets no kneecap sentence; a 9 km/h run does,
    and "about a quarter" is what (4.5 - 3.4) / 4.5 = 24 % says."""
    assert "kneecap" not in catalogue.jog_purpose(5.0).effect
    assert "kneecap" not in catalogue.jog_purpose(3.6).effect
    assert "kneecap" in catalogue.jog_purpose(9.0).effect
    assert "quarter" in catalogue.jog_purpose(9.0).effect
    assert pytest.approx(0.24, abs=0.01) == (4.5 - 3.4) / 4.5
    rehab = generate_plan(Profile(age=45, population=Population.KNEE_REHAB), MONDAY, weeks=16)
    jogs = [t for t in _why_texts(rehab) if t[1] in (Mode.JOG, Mode.RUN)]
    assert jogs, "the knee-rehab plan should jog late in the plan"
    assert all((speed or 0) < 7.2 and "kneecap" not in why for speed, _, why in jogs)
    walks = [why for _, mode, why in _why_texts(rehab) if mode == Mode.WALK]
    assert walks and not any("knee load" in w or "kneecap" in w for w in walks)


def test_jog_blocks_carry_the_claim_from_2_m_s_only() -> None:
    """Roos et al. 2012 (running speed) again, on the blocks the generator builds: the
    same jog set at 6.5 km/h has no kneecap sentence, at 7.5 km/h it has."""
    ctx = sessions.Context(
        goals=(Goal.KNEE_HEALTH,),
        environment=Environment.TRACK,
        restrictions=(),
        older=False,
        knee=False,
        late=False,
        jog_top_kmh=8.0,
    )
    lad = Ladder(5, 8, 100.0, 10.0, 200.0, (6.5, 7.5))
    slow, fast = (
        sessions.main_blocks("jog", SetState(5, 100.0, index), lad, ctx)[0] for index in (0, 1)
    )
    assert (slow.speed_kmh, fast.speed_kmh) == (6.5, 7.5)
    assert "kneecap" not in slow.why and "kneecap" in fast.why


# --- single-session spikes -------------------------------------------------------------------


@pytest.mark.parametrize(
    "profile",
    [
        Profile(age=40),
        Profile(age=30, population=Population.RUNNER, running_experience_years=5),
        Profile(age=22, population=Population.ATHLETE),
        Profile(age=35, environment=Environment.TREADMILL),
        Profile(age=66),
    ],
    ids=["general", "runner", "athlete", "treadmill", "older"],
)
def test_no_session_spikes_more_than_ten_percent_in_time_or_jogging(profile) -> None:
    """Frandsen et al. 2025, Br J Sports Med 59:1203 (5,205 runners): single sessions more
    than 10 % above the longest of the past 30 days raised the injury rate (HRR 1.64 for
    +10-30 %). No planned session exceeds that, in backward time or in jog time alone."""
    plan = generate_plan(profile, MONDAY, weeks=16)
    sessions = plan.sessions
    for i, session in enumerate(sessions):
        window = [s for s in sessions[:i] if 0 < (session.date - s.date).days <= 30]
        if window:
            longest = max(s.backward_seconds for s in window)
            assert session.backward_seconds <= 1.10 * longest + 1e-6
        jogs = [jog_seconds(s) for s in window if jog_seconds(s) > 0]
        if jogs and jog_seconds(session) > 0:
            assert jog_seconds(session) <= 1.10 * max(jogs) + 1e-6, session.uid


# --- load ------------------------------------------------------------------------------------


def test_session_load_is_rpe_times_minutes() -> None:
    """Foster et al. 2001, J Strength Cond Res 15:109: session-RPE = CR-10 x minutes."""
    assert load.session_load(SessionLog(date=MONDAY, rpe=6, minutes=25)) == 150.0


def test_monotony_of_six_equal_days_and_one_rest_is_a_foster_alert() -> None:
    """Foster 1998, MSSE 30:1164: monotony = mean / SD of the week's daily loads; above
    2.0 goes with illness and staleness. Six equal days and a rest day: sqrt(6) = 2.45."""
    logs = [SessionLog(date=MONDAY + dt.timedelta(days=i), rpe=5, minutes=20) for i in range(6)]
    summary = load.summarize(logs, MONDAY + dt.timedelta(days=6))
    assert summary.monotony == pytest.approx(math.sqrt(6))
    assert load.monotony_level(summary.monotony) == "alert"
    assert "Foster (1998)" in " ".join(summary.warnings)
    assert "our own" in load.MONOTONY_LABELS["warning"]


def test_trend_lines_use_banister_time_constants() -> None:
    """Banister 1975 / Allen & Coggan's performance-management chart: with lambda = 1/N
    a constant daily load L reaches 1 - (1 - 1/N)^N of L after N days, about 1 - 1/e
    (63.6 % for N = 42); the span form 2/(N+1) would reach 86.8 % and act like N = 21."""
    ones = [0.0] + [1.0] * 42
    assert load.trend(ones, 42)[-1] == pytest.approx(1 - (41 / 42) ** 42)
    assert load.trend(ones, 42)[-1] == pytest.approx(1 - math.exp(-1), abs=0.01)
    assert load.ewma(ones, 42)[-1] == pytest.approx(1 - (41 / 43) ** 42)


def test_acute_chronic_ratio_is_williams_7_28_ewma_against_gabbetts_band() -> None:
    """Williams et al. 2017, BJSM 51:209: EWMA with lambda = 2/(N+1), N = 7 and 28;
    Gabbett 2016, BJSM 50:273: the 0.8-1.3 band from 7:28-day ratios. The summary's
    ratio is exactly that, and its sentence names 7:28 and the band."""
    logs = [SessionLog(date=MONDAY - dt.timedelta(days=35), rpe=3, minutes=10)]
    logs += [SessionLog(date=MONDAY - dt.timedelta(days=i), rpe=5, minutes=20) for i in (0, 2, 4)]
    summary = load.summarize(logs, MONDAY)
    series = [0.0] + [d.srpe_load for d in summary.daily]
    expected = load.ewma(series, 7)[-1] / load.ewma(series, 28)[-1]
    assert summary.acwr == pytest.approx(expected)
    assert 2 / (7 + 1) == 0.25 and load.ACWR_BAND == (0.8, 1.3)
    (sentence,) = [w for w in summary.warnings if "ratio" in w]
    assert "7:28-day" in sentence and "0.8-1.3" in sentence


# --- cadence -------------------------------------------------------------------------------


def test_expected_walking_cadence_reproduces_the_walk_ratio() -> None:
    """Bogen et al. 2018, Gait Posture 61:479: walk ratio (step length / cadence) 0.60
    cm per step/min in adults 70-81, the same at preferred and fast speed. At the band's
    centre, step length / cadence is 0.0060 m at every speed from 1.0 to 1.8 m/s."""
    for speed in (1.0, 1.2, 1.5, 1.8):
        cadence = cues.expected_walk_cadence(speed)
        step_length = speed * 60 / cadence
        assert step_length / cadence == pytest.approx(0.0060)
    assert cues.expected_walk_cadence(1.2) == pytest.approx(109.5, abs=0.1)


@pytest.mark.parametrize("speed_kmh", [0.8, 1.2, 1.6, 2.0])
@pytest.mark.parametrize("cadence", [45.0, 60.0, 80.0, 100.0, 120.0])
def test_an_older_adult_walking_slowly_at_a_sensible_cadence_is_never_told_to_fix(
    speed_kmh, cadence
) -> None:
    """Murakami & Otaka 2017 (J Phys Ther Sci, PMC5430280): below about 62 m/min the
    walk ratio stops being constant and slow walkers step slowly; Laufer 2005: older
    adults walk backward at their forward cadence. The plans' older adults walk at
    0.8-2 km/h: no cadence from 45 to 120 steps/min gets a "fix" there."""
    speed = speed_kmh / 3.6
    for older in (True, False):
        verdict = cues.cadence_cue(cadence, "walk", speed_ms=speed, older=older).verdict
        assert verdict == "ok"


# --- Learn pages -----------------------------------------------------------------------------


def test_learn_quotes_polo_ferrero_next_to_carter_for_the_3_metre_test() -> None:
    """Carter et al. 2019: <= 3.0 s low, >= 4.5 s high fall risk; Polo-Ferrero et al.
    2025, J Funct Morphol Kinesiol 10:154: cut-off 5.5 s, AUC 0.655, n = 483."""
    text = (LEARN / "benefits.md").read_text(encoding="utf-8")
    for figure in ("Carter 2019", "3 seconds", "4.5 seconds", "Polo-Ferrero 2025", "5.5"):
        assert figure in text
    assert "0.655" in text and "483" in text


def test_learn_pages_carry_no_unsourced_claims_named_in_the_issue() -> None:
    """No RPE target (sessions have none), no "feel surer within weeks", no "keeps impact
    down": none has a source."""
    text = " ".join(p.read_text(encoding="utf-8") for p in LEARN.glob("*.md")).lower()
    for claim in ("rpe target", "feel surer", "within a few weeks", "keeps impact down"):
        assert claim not in text
    assert "knee and hip straighten" not in text


def test_a_run_walked_after_pain_loses_the_kneecap_claim() -> None:
    """Roos et al. 2012 again: the claim is about running speed, so a run block that the
    adaptation turns into walking (regress with pain) must not keep the sentence."""
    from dataclasses import replace

    from backstride.training.adaptation import adapt_session
    from backstride.training.models import Action

    plan = generate_plan(Profile(age=30, population=Population.ATHLETE), MONDAY, weeks=12)
    session = next(
        s for s in plan.sessions if any(b.mode in (Mode.JOG, Mode.RUN) for b in s.blocks)
    )
    run_why = catalogue.why(catalogue.jog_purpose(9.0), (Goal.KNEE_HEALTH,))
    fast = replace(
        session,
        blocks=tuple(
            replace(b, speed_kmh=9.0, why=run_why) if b.mode in (Mode.JOG, Mode.RUN) else b
            for b in session.blocks
        ),
    )
    assert any("kneecap" in b.why for b in fast.blocks)
    walked = adapt_session(fast, Action.REGRESS, walk_only=True)
    assert all("kneecap" not in b.why for b in walked.blocks)
