"""Temporal, spatial and form parameters: hand-computed answers, then generated gaits."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.gait.analysis import analyze
from backstride.gait.parameters import (
    ArmSwing,
    FootAngleStrike,
    PushOffExtension,
    StanceSpeedStepLength,
    TemporalParameters,
    TrunkHeadPosture,
    symmetry_index_pct,
)
from backstride.gait.validation.evaluation import abs_error, relative_error
from backstride.gait.validation.synthetic import GaitSpec, generate
from tests.gait.engine_helpers import constant, make_series

STEPS = [(0.0, "left"), (0.35, "right"), (0.70, "left"), (1.05, "right"), (1.40, "left")]
STRIDES = {
    "left": np.array([[0.0, 0.12, 0.70], [0.70, 0.82, 1.40]]),
    "right": np.array([[0.35, 0.47, 1.05]]),
}


def test_cadence_contact_flight_and_duty_factor_from_hand_made_events():
    p = TemporalParameters().calculate(STRIDES, STEPS)
    assert p.cadence_spm_ == pytest.approx(60 / 0.35)
    assert p.contact_time_s_ == pytest.approx(0.12)
    assert p.stride_time_s_ == pytest.approx(0.70)
    assert p.duty_factor_ == pytest.approx(0.12 / 0.70)
    assert p.flight_time_s_ == pytest.approx(0.35 - 0.12)
    assert p.double_support_s_ == 0.0
    assert p.contact_symmetry_pct_ == pytest.approx(0.0)


def test_a_step_time_measured_elsewhere_sets_cadence_and_flight_but_keeps_the_contacts_figure():
    p = TemporalParameters().calculate(STRIDES, STEPS, step_time_s=0.30)
    assert p.cadence_spm_ == pytest.approx(200.0)
    assert p.contact_cadence_spm_ == pytest.approx(60 / 0.35)
    assert p.flight_time_s_ == pytest.approx(0.30 - 0.12)
    assert p.contact_time_s_ == pytest.approx(0.12)


def test_a_missed_contact_counts_as_two_steps_and_a_spurious_one_is_ignored():
    missed = [s for s in STEPS if s[0] != 0.70]
    assert TemporalParameters().calculate({}, missed).cadence_spm_ == pytest.approx(60 / 0.35)
    extra = [*STEPS, (1.52, "right"), (1.75, "right"), (2.10, "left")]
    # 0.12 s and 0.23 s are 0.34 and 0.66 typical steps: left out; 1.75 -> 2.10 is kept
    assert TemporalParameters().calculate({}, extra).cadence_spm_ == pytest.approx(60 / 0.35)


def test_too_few_steps_give_no_cadence_rather_than_a_guess():
    p = TemporalParameters().calculate({}, STEPS[:2])
    assert p.cadence_spm_ is None and p.contact_time_s_ is None


def test_symmetry_index_is_the_difference_over_the_mean():
    assert symmetry_index_pct(0.2, 0.3) == pytest.approx(40.0)
    assert symmetry_index_pct(None, 0.3) is None


N = 20
T = np.arange(N) / 20


def test_trunk_lean_is_positive_toward_where_the_person_faces():
    tilt = np.tan(np.radians(10.0)) * 100
    pts = {
        "left_hip": constant(N, 200, 400),
        "left_shoulder": constant(N, 200 + tilt, 300),
        "nose": constant(N, 230, 230),
        "left_ear": constant(N, 200, 230),
    }
    series = make_series(T, pts)
    assert TrunkHeadPosture().calculate(series, 1).trunk_lean_deg_ == pytest.approx(10.0)
    facing_left = TrunkHeadPosture().calculate(series, -1)
    assert facing_left.trunk_lean_deg_ == pytest.approx(-10.0)
    assert TrunkHeadPosture().calculate(series, 1).head_pitch_deg_ == pytest.approx(0.0)


def test_elbow_angle_is_the_included_angle_at_the_elbow():
    pts = {
        "right_shoulder": constant(N, 0, 0),
        "right_elbow": constant(N, 0, 100),
        "right_wrist": constant(N, 100, 100),
    }
    arms = ArmSwing().calculate(make_series(T, pts), 1, stride_time_s=None)
    assert arms.elbow_angle_deg_ == pytest.approx(90.0)
    assert arms.arm_swing_deg_ == pytest.approx(0.0)
    assert arms.contralateral_lag_pct_ is None


@pytest.mark.parametrize(("toe_dy", "label"), [(-20, "heel"), (20, "forefoot"), (0, "midfoot")])
def test_strike_follows_the_foot_angle_at_landing(toe_dy, label):
    # toe 50 px ahead; toe_dy < 0 lifts the toe (image y down) -> heel lands first
    pts = {"left_heel": constant(N, 100, 500), "left_foot_index": constant(N, 150, 500 + toe_dy)}
    strike = FootAngleStrike().calculate(make_series(T, pts), 1, {"left": np.array([0.5])})
    assert strike.strikes_["left"] == [label]
    expected = np.degrees(np.arctan2(-toe_dy, 50))
    assert strike.strike_angles_deg_["left"][0] == pytest.approx(expected)


def test_strike_is_not_guessed_without_heel_and_toe():
    pts = {"left_ankle": constant(N, 100, 500)}
    strike = FootAngleStrike().calculate(make_series(T, pts), 1, {"left": np.array([0.5])})
    assert strike.strikes_["left"] == [None]


def test_knee_and_hip_angles_at_toe_off_of_a_straight_leg_are_180():
    pts = {
        "left_shoulder": constant(N, 100, 100),
        "left_hip": constant(N, 100, 300),
        "left_knee": constant(N, 100, 400),
        "left_ankle": constant(N, 100, 500),
    }
    legs = PushOffExtension().calculate(
        make_series(T, pts), 1, {"left": np.array([[0.1, 0.4, 0.8]])}
    )
    assert legs.knee_extension_deg_ == pytest.approx(180.0)
    assert legs.hip_extension_deg_ == pytest.approx(180.0)
    assert legs.knee_lift_deg_ == pytest.approx(0.0)


def test_step_length_is_stance_foot_speed_times_step_time():
    t = np.arange(0, 1.0, 0.01)
    foot_x = 500 - 200 * t  # stance foot slides back at 200 px/s past a still pelvis
    pts = {
        "left_hip": constant(t.size, 500, 300),
        "right_hip": constant(t.size, 500, 300),
        "left_ankle": np.stack([foot_x, np.full(t.size, 500)], 1),
    }
    strides = {"left": np.array([[0.1, 0.3, 0.8]])}
    steps = [(0.1, "left"), (0.45, "right"), (0.8, "left")]
    sp = StanceSpeedStepLength().calculate(make_series(t, pts), strides, steps, 400.0, 0.005)
    assert sp.speed_bh_s_ == pytest.approx(0.5)
    assert sp.step_length_bh_ == pytest.approx(0.5 * 0.35)
    assert sp.step_length_m_ == pytest.approx(0.5 * 0.35 * 400 * 0.005)
    assert sp.speed_mps_ == pytest.approx(1.0)


GENERATED = [
    GaitSpec(trunk_lean_deg=8.0, elbow_angle_deg=100.0, noise_px=2.0, seed=11),
    GaitSpec(gait="walk", trunk_lean_deg=-3.0, elbow_angle_deg=80.0, facing="left", seed=12),
    GaitSpec(direction="forward", strike="heel", cadence_spm=150, noise_px=2.0, seed=13),
    GaitSpec(strike="midfoot", cadence_spm=190, treadmill=True, noise_px=1.0, seed=14),
]


@pytest.mark.parametrize("spec", GENERATED, ids=lambda s: f"{s.direction}-{s.gait}-{s.strike}")
def test_generated_gait_parameters_match_the_truth(spec):
    series, truth = generate(spec)
    r = analyze(series)
    assert relative_error(r.cadence_spm, truth.cadence_spm) < 0.01
    assert abs_error(r.metrics.trunk_lean_deg, truth.trunk_lean_deg) < 2.0
    assert abs_error(r.metrics.elbow_angle_deg, truth.elbow_angle_deg) < 5.0
    assert abs_error(r.metrics.contact_time_s, truth.contact_time_s) < 1 / spec.fps
    strikes = [c.strike for c in r.contacts]
    assert strikes.count(spec.strike) >= 0.95 * len(strikes)
    step_bh = truth.step_length_m / truth.body_height_m
    assert relative_error(r.metrics.step_length_bh, step_bh) < 0.1
    assert relative_error(r.metrics.speed_mps, truth.speed_mps) < 0.1


def test_a_slow_step_between_different_feet_is_one_step_not_a_missed_contact():
    # Pace slows: the last two steps take 0.6 s (1.7 typical steps). The clip's mean is
    # 6 steps in 2.2 s; counting the slow steps as two each would give 8 in 2.2 s.
    steps = [(0.0, "left"), (0.25, "right"), (0.5, "left"), (0.75, "right"), (1.0, "left")]
    steps += [(1.6, "right"), (2.2, "left")]
    p = TemporalParameters().calculate({}, steps)
    assert p.cadence_spm_ == pytest.approx(60 * 6 / 2.2)
    assert p.step_cadences_spm_.min() < 0.8 * p.step_cadences_spm_.max()


def test_a_last_contact_half_a_step_early_is_left_out_not_counted_as_a_pace_change():
    steps = [(0.35 * i, "left" if i % 2 == 0 else "right") for i in range(6)]
    steps.append((1.75 + 0.17, "left"))  # misplaced at the image edge: half a step
    assert TemporalParameters().calculate({}, steps).cadence_spm_ == pytest.approx(60 / 0.35)
