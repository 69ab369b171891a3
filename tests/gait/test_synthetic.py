"""The synthetic gait generator: the ground truth it reports matches the keypoints it emits."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.gait.validation.synthetic import GaitSpec, generate

FPS = 240.0  # high frame rate so that "the frame nearest an event" is within 2 ms of it


def foot_angle_deg(series, side: str, i: int, face: float = 1.0) -> float:
    """Heel->toe line against the ground, + = toe up (image y points down)."""
    toe = series.joint(f"{side}_foot_index")[i]
    heel = series.joint(f"{side}_heel")[i]
    return float(np.degrees(np.arctan2(heel[1] - toe[1], face * (toe[0] - heel[0]))))


def ground_y(series) -> float:
    feet = [
        series.joint(f"{s}_{p}")[:, 1] for s in ("left", "right") for p in ("heel", "foot_index")
    ]
    return float(np.nanmax(feet))


def on_ground(series, side: str, tol_px: float = 0.5) -> np.ndarray:
    g = ground_y(series)
    low = np.maximum(series.joint(f"{side}_heel")[:, 1], series.joint(f"{side}_foot_index")[:, 1])
    return low > g - tol_px


def test_cadence_from_the_true_contacts_equals_the_spec():
    _, truth = generate(GaitSpec(cadence_spm=164.0, duration_s=6.0))
    times = np.array([t for _, t in truth.contacts])
    assert np.median(np.diff(times)) == pytest.approx(60.0 / 164.0)
    sides = [s for s, _ in truth.contacts]
    assert all(a != b for a, b in itertools.pairwise(sides))


def test_contacts_and_toe_offs_are_one_contact_time_apart():
    _, truth = generate(GaitSpec(gait="walk", cadence_spm=110.0, duration_s=5.0))
    stride = 120.0 / 110.0
    assert truth.contact_time_s == pytest.approx(0.62 * stride)
    left_on = [t for s, t in truth.contacts if s == "left"]
    left_off = [t for s, t in truth.toe_offs if s == "left"]
    assert left_off[0] == pytest.approx(left_on[0] + truth.contact_time_s)


def test_overground_stance_foot_does_not_slide():
    series, truth = generate(GaitSpec(direction="forward", fps=FPS, duration_s=3.0))
    side, tc = truth.contacts[1]
    # The middle of stance (between landing roll and push-off) has a flat, still foot.
    a = int(np.ceil((tc + 0.25 * truth.contact_time_s) * FPS))
    b = int(np.floor((tc + 0.6 * truth.contact_time_s) * FPS))
    for part in ("heel", "foot_index", "ankle"):
        x = series.joint(f"{side}_{part}")[a:b, 0]
        assert np.ptp(x) < 1e-6


@pytest.mark.parametrize("facing, sign", [("right", 1.0), ("left", -1.0)])
def test_backward_travel_moves_the_pelvis_against_the_facing_side(facing, sign):
    series, _ = generate(GaitSpec(direction="backward", facing=facing, duration_s=2.0))
    hip = series.joint("left_hip")[:, 0]
    nose_ahead = series.joint("nose")[:, 0] - series.joint("left_ear")[:, 0]
    assert np.all(np.sign(nose_ahead) == sign)
    assert np.sign(hip[-1] - hip[0]) == -sign


def test_forward_run_speed_in_pixels_matches_ground_truth():
    series, truth = generate(GaitSpec(direction="forward", duration_s=2.0, height_px=340.0))
    px_per_m = 340.0 / truth.body_height_m
    hip = series.joint("right_hip")[:, 0]
    speed = (hip[-1] - hip[0]) / (series.times_s[-1] - series.times_s[0]) / px_per_m
    assert speed == pytest.approx(truth.speed_mps)
    assert truth.step_length_m == pytest.approx(truth.speed_mps * 60.0 / truth.cadence_spm)


def test_run_has_a_flight_phase_and_walk_has_double_support():
    run, run_truth = generate(GaitSpec(gait="run", fps=FPS, duration_s=3.0))
    walk, walk_truth = generate(GaitSpec(gait="walk", cadence_spm=110, fps=FPS, duration_s=3.0))
    run_both = on_ground(run, "left") & on_ground(run, "right")
    run_none = ~on_ground(run, "left") & ~on_ground(run, "right")
    assert not run_both.any()
    assert run_none.mean() == pytest.approx(2 * run_truth.flight_time_s * 170 / 120, abs=0.03)
    walk_both = on_ground(walk, "left") & on_ground(walk, "right")
    assert walk_truth.flight_time_s == 0.0
    assert walk_both.mean() > 0.15


@pytest.mark.parametrize(
    "strike, low, high", [("forefoot", -20, -8), ("midfoot", -2, 2), ("heel", 8, 20)]
)
@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_foot_angle_at_contact_encodes_the_strike_type(strike, low, high, direction):
    series, truth = generate(GaitSpec(direction=direction, strike=strike, fps=FPS, duration_s=2))
    for side, tc in truth.contacts[1:4]:
        angle = foot_angle_deg(series, side, round(tc * FPS))
        assert low <= angle <= high
    assert set(truth.strikes) == {strike}


def test_foot_angle_is_mirrored_for_a_left_facing_runner():
    series, truth = generate(GaitSpec(facing="left", strike="heel", fps=FPS, duration_s=2))
    side, tc = truth.contacts[1]
    assert foot_angle_deg(series, side, round(tc * FPS), face=-1.0) == pytest.approx(16, abs=1)


@pytest.mark.parametrize("direction, last_off", [("forward", "foot_index"), ("backward", "heel")])
def test_push_off_leaves_from_the_toe_forward_and_the_heel_backward(direction, last_off):
    series, truth = generate(GaitSpec(direction=direction, fps=FPS, duration_s=2.0))
    g = ground_y(series)
    side, t_off = truth.toe_offs[1]
    i = int(np.floor(t_off * FPS)) - 1  # last frame of stance
    first_up = "heel" if last_off == "foot_index" else "foot_index"
    assert series.joint(f"{side}_{last_off}")[i, 1] == pytest.approx(g, abs=0.5)
    assert series.joint(f"{side}_{first_up}")[i, 1] < g - 10


def test_treadmill_keeps_the_pelvis_in_place_and_the_belt_carries_the_foot():
    series, truth = generate(GaitSpec(direction="backward", treadmill=True, fps=FPS, duration_s=2))
    assert np.ptp(series.joint("left_hip")[:, 0]) < 1e-6
    side, tc = truth.contacts[1]
    a = int(np.ceil((tc + 0.25 * truth.contact_time_s) * FPS))
    heel = series.joint(f"{side}_heel")[a : a + 10, 0]
    # Backward travel: the belt moves the stance foot toward the facing side (+x).
    px_per_frame = truth.speed_mps * 400.0 / truth.body_height_m / FPS
    np.testing.assert_allclose(np.diff(heel), px_per_frame)


def test_camera_pan_adds_the_same_drift_to_every_point():
    still, _ = generate(GaitSpec(treadmill=True, duration_s=2.0))
    panned, _ = generate(GaitSpec(treadmill=True, duration_s=2.0, pan_px_per_s=-50.0))
    drift = panned.xy[:, :, 0] - still.xy[:, :, 0]
    np.testing.assert_allclose(drift, -50.0 * still.times_s[:, None] * np.ones_like(drift))


@pytest.mark.parametrize("lean", [-4.0, 0.0, 7.5])
@pytest.mark.parametrize("facing, face", [("right", 1.0), ("left", -1.0)])
def test_trunk_lean_is_the_hip_to_shoulder_angle_toward_the_facing_side(lean, facing, face):
    series, truth = generate(GaitSpec(trunk_lean_deg=lean, facing=facing, duration_s=1.0))
    d = series.joint("right_shoulder") - series.joint("right_hip")
    measured = np.degrees(np.arctan2(face * d[:, 0], -d[:, 1]))
    np.testing.assert_allclose(measured, lean, atol=1e-9)
    assert truth.trunk_lean_deg == lean


@pytest.mark.parametrize("elbow", [60.0, 90.0, 150.0])
def test_elbow_angle_is_the_included_angle_at_the_elbow(elbow):
    series, _ = generate(GaitSpec(elbow_angle_deg=elbow, duration_s=1.0))
    for side in ("left", "right"):
        u = series.joint(f"{side}_shoulder") - series.joint(f"{side}_elbow")
        v = series.joint(f"{side}_wrist") - series.joint(f"{side}_elbow")
        cos = np.sum(u * v, axis=1) / np.linalg.norm(u, axis=1) / np.linalg.norm(v, axis=1)
        np.testing.assert_allclose(np.degrees(np.arccos(cos)), elbow, atol=1e-6)


@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_arms_swing_opposite_to_the_legs(direction):
    series, _ = generate(GaitSpec(direction=direction, duration_s=4.0))
    hip = series.joint("left_hip")[:, 0]
    right_arm = series.joint("right_wrist")[:, 0] - hip
    left_leg = series.joint("left_ankle")[:, 0] - hip
    right_leg = series.joint("right_ankle")[:, 0] - hip
    assert np.corrcoef(right_arm, left_leg)[0, 1] > 0.5
    assert np.corrcoef(right_arm, right_leg)[0, 1] < -0.5


def test_shoulder_checks_alternate_and_show_in_the_head_points():
    series, truth = generate(GaitSpec(shoulder_check_interval_s=3.0, duration_s=10.0))
    assert truth.shoulder_checks == [(1.5, "left"), (4.5, "right"), (7.5, "left")]
    nose = series.joint("nose")[:, 0]
    nose_ahead = nose - series.joint("right_shoulder")[:, 0]
    nose_vs_near_ear = nose - series.joint("right_ear")[:, 0]
    nose_score = series.joint_score("nose")
    far_ear = series.joint_score("left_ear")
    at = {round(t, 1): round(t * 30) for t, _ in truth.shoulder_checks}
    quiet = 90
    # Facing right shows the right side: a left check turns the face away from the camera.
    assert nose_score[at[1.5]] < 0.2 < far_ear[at[1.5]]
    assert nose_score[at[4.5]] > 0.8 and far_ear[at[4.5]] < 0.5
    assert nose_score[quiet] > 0.8 and far_ear[quiet] < 0.1
    for i in at.values():
        assert 0 < nose_ahead[i] < 0.5 * nose_ahead[quiet]
    # Turning away brings the near ear in front of the nose; turning toward does not.
    assert nose_vs_near_ear[at[1.5]] < 0 < nose_vs_near_ear[at[4.5]]


def test_no_shoulder_checks_without_an_interval():
    series, truth = generate(GaitSpec(duration_s=3.0))
    assert truth.shoulder_checks == []
    assert np.ptp(series.joint("nose")[:, 0] - series.joint("right_ear")[:, 0]) < 1e-6


def test_dropout_fraction_matches_the_rate():
    series, _ = generate(GaitSpec(dropout_rate=0.2, duration_s=10.0))
    missing = np.isnan(series.xy[..., 0])
    assert missing.mean() == pytest.approx(0.2, abs=0.02)
    assert np.all(series.score[missing] == 0.0)


def test_noise_has_the_requested_spread():
    clean, _ = generate(GaitSpec(duration_s=5.0))
    noisy, _ = generate(GaitSpec(duration_s=5.0, noise_px=2.0))
    assert np.std(noisy.xy - clean.xy) == pytest.approx(2.0, rel=0.05)


def test_same_seed_gives_the_same_keypoints_and_another_seed_does_not():
    spec = dict(noise_px=1.0, dropout_rate=0.05, leg_swaps=2, duration_s=3.0)
    a, ta = generate(GaitSpec(seed=4, **spec))
    b, tb = generate(GaitSpec(seed=4, **spec))
    c, _ = generate(GaitSpec(seed=5, **spec))
    np.testing.assert_array_equal(a.xy, b.xy)
    assert ta == tb
    assert not np.array_equal(np.nan_to_num(a.xy), np.nan_to_num(c.xy))


def test_leg_swaps_relabel_the_legs_on_the_reported_frames_only():
    clean, _ = generate(GaitSpec(duration_s=6.0))
    swapped, truth = generate(GaitSpec(duration_s=6.0, leg_swaps=3))
    frames = np.array(truth.swapped_frames)
    assert 9 <= len(frames) <= 24
    np.testing.assert_array_equal(
        swapped.joint("left_knee")[frames], clean.joint("right_knee")[frames]
    )
    others = np.setdiff1d(np.arange(clean.n_frames), frames)
    np.testing.assert_array_equal(
        swapped.joint("left_knee")[others], clean.joint("left_knee")[others]
    )
    np.testing.assert_array_equal(swapped.joint("left_elbow"), clean.joint("left_elbow"))


def test_far_side_joints_score_lower_than_near_side_joints():
    series, _ = generate(GaitSpec(facing="left", duration_s=2.0))
    assert series.joint_score("left_knee").mean() > series.joint_score("right_knee").mean() + 0.05


@pytest.mark.parametrize("joints, count, has_heel", [("coco17", 17, False), ("body25", 21, True)])
def test_joint_sets_match_what_other_pose_models_give(joints, count, has_heel):
    series, _ = generate(GaitSpec(joints=joints, duration_s=1.0))
    assert len(series.joints) == count
    assert series.has("left_heel") is has_heel


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(direction="sideways"), "direction must be one of"),
        (dict(cadence_spm=5.0), "cadence"),
        (dict(fps=0.0), "positive"),
        (dict(dropout_rate=1.0), "dropout"),
        (dict(shoulder_check_interval_s=0.5), "shoulder checks"),
    ],
)
def test_impossible_specs_are_refused_with_a_clear_message(change, message):
    with pytest.raises(ValueError, match=message):
        generate(GaitSpec(**change))


@settings(max_examples=25, deadline=None)
@given(
    direction=st.sampled_from(["forward", "backward"]),
    gait=st.sampled_from(["walk", "run"]),
    strike=st.sampled_from(["forefoot", "midfoot", "heel"]),
    cadence_share=st.floats(0.0, 1.0),
    facing=st.sampled_from(["right", "left"]),
)
def test_any_spec_keeps_feet_above_the_ground_and_limbs_rigid(
    direction, gait, strike, cadence_share, facing
):
    # Human cadences: walking 90-140 steps/min, running 140-200 (a 190-spm "walk" has
    # almost no swing, so its foot skims the ground by design).
    low_spm, high_spm = (90.0, 140.0) if gait == "walk" else (140.0, 200.0)
    cadence = low_spm + cadence_share * (high_spm - low_spm)
    spec = GaitSpec(direction=direction, gait=gait, strike=strike, cadence_spm=cadence)
    spec.facing, spec.duration_s, spec.fps = facing, 2.0, 60.0
    series, truth = generate(spec)
    assert np.isfinite(series.xy).all()
    g, t = ground_y(series), series.times_s
    for side in ("left", "right"):
        low = np.maximum(
            series.joint(f"{side}_heel")[:, 1], series.joint(f"{side}_foot_index")[:, 1]
        )
        ons = [c for s, c in truth.contacts if s == side]
        offs = [c for s, c in truth.toe_offs if s == side]
        for on, off in zip(ons, [*ons[1:], np.inf], strict=True):
            mid = np.abs(t - (on + 0.4 * truth.contact_time_s)) < 0.1 * truth.contact_time_s
            np.testing.assert_allclose(low[mid], g, atol=1e-6)
            lift = [o for o in offs if on < o < off]
            if lift:
                swing = (t > lift[0] + 0.02) & (t < off - 0.02)
                assert np.all(low[swing] < g - 0.05)
    for side in ("left", "right"):
        thigh = np.linalg.norm(series.joint(f"{side}_knee") - series.joint(f"{side}_hip"), axis=1)
        assert np.ptp(thigh) < 1e-6
    assert len(truth.contacts) == len(truth.strikes) >= 2
