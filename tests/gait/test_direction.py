"""Facing and travel are estimated separately, so backward locomotion is recognised."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.gait.direction import FacingTravelLocomotion, HeelToeFacing, StanceFootTravel
from backstride.gait.validation.synthetic import GaitSpec, generate
from tests.gait.engine_helpers import constant, make_series

N = 30
T = np.arange(N) / 30.0


def _feet_facing(sign: int) -> dict[str, np.ndarray]:
    """Heels at x=100, toes 30 px toward the facing side."""
    return {
        "left_heel": constant(N, 100, 500),
        "left_foot_index": constant(N, 100 + 30 * sign, 500),
        "right_heel": constant(N, 100, 500),
        "right_foot_index": constant(N, 100 + 30 * sign, 500),
    }


@pytest.mark.parametrize("sign", [1, -1])
def test_facing_follows_the_toes(sign):
    est = HeelToeFacing().estimate(make_series(T, _feet_facing(sign)))
    assert est.facing_sign_ == sign
    assert est.agreement_ == 1.0


def test_facing_falls_back_to_nose_ahead_of_ears_when_feet_are_missing():
    pts = {"nose": constant(N, 90, 100), "left_ear": constant(N, 110, 100)}
    assert HeelToeFacing().estimate(make_series(T, pts)).facing_sign_ == -1


def test_facing_without_feet_or_head_is_a_clear_error():
    with pytest.raises(ValueError, match="which way the person faces"):
        HeelToeFacing().estimate(make_series(T, {"left_hip": constant(N, 0, 0)}))


def _stance_series(hip_speed: float, foot_world_speed: float, pan: float = 0.0):
    """Pelvis moving at ``hip_speed`` px/s, a stance foot moving at ``foot_world_speed``."""
    hip_x = 500 + hip_speed * T + pan * T
    foot_x = 480 + foot_world_speed * T + pan * T
    pts = {
        "left_hip": np.stack([hip_x, np.full(N, 300)], 1),
        "right_hip": np.stack([hip_x, np.full(N, 300)], 1),
        "left_ankle": np.stack([foot_x, np.full(N, 500)], 1),
    }
    return make_series(T, pts), {"left": np.ones(N, dtype=bool)}


@pytest.mark.parametrize(
    ("hip_speed", "foot_speed", "pan", "expected"),
    [
        (200.0, 0.0, 0.0, 1),  # overground, still camera, moving right
        (-200.0, 0.0, 0.0, -1),  # overground, moving left
        (0.0, -200.0, 0.0, 1),  # treadmill: belt carries the foot left, body goes right
        (200.0, 0.0, -200.0, 1),  # camera pans with the runner: image pelvis is still
    ],
)
def test_travel_is_opposite_to_the_stance_foot_sliding_past_the_pelvis(
    hip_speed, foot_speed, pan, expected
):
    series, masks = _stance_series(hip_speed, foot_speed, pan)
    est = StanceFootTravel().estimate(series, masks, body_height_px=400.0)
    assert est.travel_sign_ == expected
    assert est.speed_bh_s_ == pytest.approx(200.0 / 400.0)


def test_a_person_whose_feet_do_not_slide_is_not_travelling():
    series, masks = _stance_series(0.0, 0.0)
    est = StanceFootTravel().estimate(series, masks, body_height_px=400.0)
    assert est.travel_sign_ == 0


@pytest.mark.parametrize(
    ("facing", "travel", "duty", "direction", "gait"),
    [
        (1, -1, 0.36, "backward", "run"),
        (-1, 1, 0.62, "backward", "walk"),
        (1, 1, 0.40, "forward", "run"),
        (-1, -1, 0.60, "forward", "walk"),
    ],
)
def test_locomotion_is_backward_when_travel_opposes_facing(facing, travel, duty, direction, gait):
    loco = FacingTravelLocomotion().classify(facing, travel, duty)
    assert (loco.direction_, loco.gait_) == (direction, gait)
    assert loco.warnings_ == []


def test_locomotion_without_travel_or_duty_factor_gives_no_label_and_says_why():
    loco = FacingTravelLocomotion().classify(1, 0, None)
    assert loco.direction_ is None and loco.gait_ is None
    assert "does not travel" in loco.warnings_[0]


def test_a_turn_mid_recording_is_reported_and_the_majority_wins():
    facing = np.array([1, 1, 1, -1])
    travel = np.array([-1, -1, -1, -1])  # backward, backward, backward, then forward
    loco = FacingTravelLocomotion().classify(1, -1, 0.4, facing, travel)
    assert loco.direction_ == "backward"
    assert any("changes" in w for w in loco.warnings_)


def _label(spec: GaitSpec):
    from backstride.gait.analysis import analyze

    series, truth = generate(spec)
    report = analyze(series)
    return (report.direction, report.gait), (truth.direction, truth.gait)


@pytest.mark.parametrize("direction", ["backward", "forward"])
@pytest.mark.parametrize("gait", ["run", "walk"])
@pytest.mark.parametrize("facing", ["right", "left"])
def test_generated_gaits_get_the_right_direction_and_gait(direction, gait, facing):
    spec = GaitSpec(direction=direction, gait=gait, facing=facing, duration_s=4, noise_px=1.5)
    found, truth = _label(spec)
    assert found == truth


@pytest.mark.parametrize(
    "camera", [dict(treadmill=True), dict(pan_px_per_s=-250.0), dict(pan_px_per_s=300.0)]
)
def test_direction_holds_on_a_treadmill_and_with_a_panning_camera(camera):
    found, truth = _label(GaitSpec(direction="backward", duration_s=4, **camera))
    assert found == truth


@settings(max_examples=8, deadline=None)
@given(
    direction=st.sampled_from(["backward", "forward"]),
    cadence=st.floats(120, 200),
    seed=st.integers(0, 1000),
)
def test_mirroring_the_image_never_changes_the_direction_label(direction, cadence, seed):
    from backstride.gait.analysis import analyze

    series, _ = generate(
        GaitSpec(direction=direction, cadence_spm=cadence, duration_s=4, seed=seed)
    )
    mirrored = series.copy()
    mirrored.xy[..., 0] = 2000.0 - mirrored.xy[..., 0]
    a, b = analyze(series), analyze(mirrored)
    assert a.direction == b.direction == direction
    assert a.facing != b.facing


def test_a_short_remainder_joins_the_window_before_instead_of_voting_alone():
    from backstride.gait.direction._windows import time_windows

    assert time_windows(0.0, 4.3, 2.0) == [(0.0, 2.0), (2.0, 4.3 + 1e-9)]
    assert len(time_windows(0.0, 5.2, 2.0)) == 3  # 1.2 s is more than half a window
    assert time_windows(0.0, 1.0, 2.0) == [(0.0, 1.0 + 1e-9)]
