"""Stance from a foot standing still, and the choice between the two contact detectors.

The hand-made walker below has a foot that never lifts (y constant): real walking video
looks much like that, and only horizontal stillness can time its steps.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.gait.events import (
    FootStillnessStance,
    GroundContactDetector,
    choose_detector,
    plausible_steps,
)
from backstride.gait.events._ground_contact import nanmedian_rows
from backstride.gait.keypoints import KeypointSeries
from backstride.gait.transforms import reverse_in_time
from tests.gait.engine_helpers import make_series

FPS = 100.0
SPEED = 200.0  # px/s of the pelvis over the ground
HEIGHT = 400.0


def _foot_x(t: np.ndarray, stances: list[tuple[float, float]]) -> np.ndarray:
    """Foot x: still during each stance, moving at a constant speed in between.

    Stance k holds the foot at ``k * 240`` px; the swing to the next covers 240 px, and
    the foot swings in before the first stance and out after the last at 480 px/s.
    """
    x = -480.0 * (stances[0][0] - t)  # swinging in before the first stance
    for k, (a, b) in enumerate(stances):
        x[t >= a] = 240.0 * k
        if k + 1 < len(stances):
            c = stances[k + 1][0]
            swing = (t > b) & (t < c)
            x[swing] = 240.0 * k + 240.0 * (t[swing] - b) / (c - b)
        else:  # swinging out after the last stance
            x[t > b] = 240.0 * k + 480.0 * (t[t > b] - b)
    return x


def _flat_walker(ground_speed: float = 0.0, glitch: bool = False):
    """Two feet on a flat line, stances 0.6 s, steps 0.5 s, left first."""
    t = np.arange(0, 3.2, 1 / FPS)
    left = [(0.1, 0.7), (1.1, 1.7), (2.1, 2.7)]
    right = [(0.6, 1.2), (1.6, 2.2), (2.6, 3.15)]
    pts = {"left_hip": np.stack([SPEED * t, np.full(t.size, 300.0)], 1)}
    pts["right_hip"] = pts["left_hip"].copy()
    for side, stances in (("left", left), ("right", right)):
        x = _foot_x(t, stances) + (120.0 if side == "right" else 0.0)
        x = x + ground_speed * t
        if glitch and side == "left":  # the model loses the foot for 3 frames mid-stance
            x[(t > 1.35) & (t < 1.38)] += 60.0
        for point, dx in (("heel", 0.0), ("foot_index", 25.0), ("ankle", 5.0)):
            pts[f"{side}_{point}"] = np.stack([x + dx, np.full(t.size, 700.0)], 1)
    return make_series(t, pts), left, right


def test_a_foot_that_never_lifts_still_gives_each_contact_and_toe_off():
    series, left, right = _flat_walker()
    det = FootStillnessStance(cutoff_hz=30.0).detect(series, HEIGHT, travel_sign=1)
    # The first right stance starts when the left is still down: 0.6 s, as built.
    np.testing.assert_allclose(det.contacts_["left"], [a for a, _ in left], atol=0.03)
    np.testing.assert_allclose(det.toe_offs_["left"], [b for _, b in left], atol=0.03)
    np.testing.assert_allclose(det.contacts_["right"], [a for a, _ in right], atol=0.03)
    np.testing.assert_allclose(det.toe_offs_["right"][:2], [b for _, b in right[:2]], atol=0.03)


def test_the_vertical_detector_cannot_time_a_foot_that_never_lifts():
    series, _, _ = _flat_walker()
    det = GroundContactDetector().detect(series, HEIGHT)
    assert sum(len(v) for v in det.contacts_.values()) == 0


def test_on_a_treadmill_the_moving_ground_is_measured_and_the_same_steps_found():
    # Belt at -200 px/s under a pelvis that stays put: every foot point shifts by -200 t.
    series, left, right = _flat_walker(ground_speed=-SPEED)
    series.xy[:, series.index("left_hip"), 0] -= SPEED * series.times_s
    series.xy[:, series.index("right_hip"), 0] -= SPEED * series.times_s
    det = FootStillnessStance(cutoff_hz=30.0).detect(series, HEIGHT, travel_sign=1)
    assert np.median(det.ground_velocity_px_s_) == pytest.approx(-SPEED, abs=10)
    np.testing.assert_allclose(det.contacts_["left"], [a for a, _ in left], atol=0.03)
    np.testing.assert_allclose(det.contacts_["right"], [a for a, _ in right], atol=0.03)


def test_a_foot_lost_for_a_few_frames_mid_stance_is_still_one_stance():
    series, left, _ = _flat_walker(glitch=True)
    det = FootStillnessStance(cutoff_hz=30.0).detect(series, HEIGHT, travel_sign=1)
    assert len(det.contacts_["left"]) == len(left)
    assert len(det.toe_offs_["left"]) == len(left)


def test_no_travel_direction_means_no_stance_is_claimed():
    series, _, _ = _flat_walker()
    det = FootStillnessStance().detect(series, HEIGHT, travel_sign=0)
    assert all(v.size == 0 for v in det.contacts_.values())
    assert not any(m.any() for m in det.stance_masks_.values())


@settings(max_examples=15, deadline=None)
@given(cut=st.integers(min_value=0, max_value=40))
def test_playing_the_clip_backwards_turns_contacts_into_toe_offs(cut):
    series, _, _ = _flat_walker()
    series = KeypointSeries(
        series.times_s[cut:], series.xy[cut:], series.score[cut:], series.joints
    )
    fwd = FootStillnessStance(cutoff_hz=30.0).detect(series, HEIGHT, travel_sign=1)
    rev = FootStillnessStance(cutoff_hz=30.0).detect(
        reverse_in_time(series), HEIGHT, travel_sign=-1
    )
    t1 = series.times_s[-1]  # the reversed clip's time runs from 0: t' = t1 - t
    for side in ("left", "right"):
        mirrored = np.sort(t1 - fwd.toe_offs_[side])
        np.testing.assert_allclose(rev.contacts_[side], mirrored, atol=1e-6)


def test_plausible_steps_count_only_alternating_feet_at_the_rhythm():
    contacts = {"left": np.array([0.0, 1.0, 1.5]), "right": np.array([0.5, 2.6])}
    # Pairs: L0-R0.5 ok, R0.5-L1.0 ok, L1.0-L1.5 same foot, L1.5-R2.6 1.1 s (2.2 steps).
    assert plausible_steps(contacts, step_time_s=0.5) == 2
    assert plausible_steps({"left": np.array([0.0])}, step_time_s=0.5) == 0


def test_the_first_detector_is_kept_unless_another_explains_more_steps():
    good = {"left": np.array([0.0, 1.0]), "right": np.array([0.5, 1.5])}
    equal = {"left": np.array([0.02, 1.02]), "right": np.array([0.52, 1.52])}
    better = {"left": np.array([0.0, 1.0, 2.0]), "right": np.array([0.5, 1.5])}
    assert choose_detector([good, equal], 0.5) == 0
    assert choose_detector([good, better], 0.5) == 1


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.lists(
            st.one_of(st.none(), st.floats(-1e3, 1e3, allow_nan=False)), min_size=1, max_size=9
        ),
        min_size=1,
        max_size=6,
    )
)
def test_the_fast_row_median_agrees_with_numpy_and_skips_missing_values(rows):
    width = max(len(r) for r in rows)
    windows = np.array(
        [[np.nan if v is None else v for v in r] + [np.nan] * (width - len(r)) for r in rows]
    )
    expected = [np.median(r[np.isfinite(r)]) if np.isfinite(r).any() else np.nan for r in windows]
    np.testing.assert_allclose(nanmedian_rows(windows), expected, equal_nan=True)
