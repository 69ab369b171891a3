"""3MBWT timing from keypoints: start and end within 2 frames, on generated and real walks.

Generated walks have a standing start and a speed ramp; the real ones are Bandai Namco
motion capture (backward walks, and forward walks played backwards, which are backward
walks too), held still on their first frame. A backward walk played in reverse is a
forward walk and must be refused with "no backward movement".
"""

from __future__ import annotations

import numpy as np
import pytest

from backstride.gait.io import read_keypoints
from backstride.gait.keypoints import KeypointSeries
from backstride.gait.transforms import reverse_in_time
from backstride.gait.walk_test import BackwardWalkTimer, Lines, WalkTestError, leg_length_px
from tests.gait.walk_test_helpers import (
    MOCAP,
    Walk,
    cut,
    from_standing,
    hold_first_frame,
    synthetic_walk,
)

FRAMES = 2  # tolerance asked for by the issue


def lines_of(walk: Walk) -> Lines:
    return Lines(walk.start_line_x, walk.end_line_x)


def assert_timed(timer: BackwardWalkTimer, walk: Walk) -> None:
    assert abs(timer.start_frame_ - walk.start_frame) <= FRAMES
    assert abs(timer.end_frame_ - walk.end_frame) <= FRAMES
    fps = walk.series.fps
    truth_s = (walk.end_frame - walk.start_frame) / fps
    assert timer.duration_s_ == pytest.approx(truth_s, abs=2 * FRAMES / fps)


# -- generated walks ------------------------------------------------------------------


@pytest.mark.parametrize("facing", ["right", "left"])
@pytest.mark.parametrize("noise_px", [0.0, 1.5, 3.0])
def test_generated_walk_is_timed_within_two_frames_with_lines(facing, noise_px):
    walk = synthetic_walk(facing=facing, noise_px=noise_px, seed=7)
    timer = BackwardWalkTimer().detect(walk.series, lines=lines_of(walk))
    assert_timed(timer, walk)
    assert timer.travel_sign_ == (-1 if facing == "right" else 1)
    assert timer.px_per_m_ == pytest.approx(walk.px_per_m)
    assert timer.uncertainty_s_ == pytest.approx(2 / 30, abs=1e-3)
    assert timer.warnings_ == []


@pytest.mark.parametrize(
    ("cadence", "stand_s", "fps"), [(80.0, 0.6, 30.0), (120.0, 1.5, 30.0), (100.0, 1.0, 60.0)]
)
def test_generated_walks_of_other_paces_and_frame_rates(cadence, stand_s, fps):
    walk = synthetic_walk(cadence_spm=cadence, stand_s=stand_s, fps=fps, noise_px=1.0, seed=3)
    assert_timed(BackwardWalkTimer().detect(walk.series, lines=lines_of(walk)), walk)


def test_leg_length_ruler_finds_the_line_and_states_its_uncertainty():
    walk = synthetic_walk(noise_px=1.0, seed=1)
    assert leg_length_px(walk.series).length_px == pytest.approx(
        walk.leg_length_m * walk.px_per_m, rel=0.02
    )
    timer = BackwardWalkTimer().detect(walk.series, leg_length_m=walk.leg_length_m)
    assert_timed(timer, walk)
    assert timer.end_line_x_px_ == pytest.approx(walk.end_line_x, abs=0.02 * 3 * walk.px_per_m)
    assert timer.uncertainty_s_ > 2 / 30  # the ruler adds to the frame error
    # A leg typed 4 % too long moves the line; the true time stays inside the stated band.
    off = BackwardWalkTimer().detect(walk.series, leg_length_m=walk.leg_length_m * 1.04)
    truth_s = (walk.end_frame - walk.start_frame) / 30
    assert abs(off.duration_s_ - truth_s) <= off.uncertainty_s_


def test_heels_off_the_start_line_are_reported():
    walk = synthetic_walk()
    # The start line 30 cm in front of the heels (image-right; she walks to the left).
    shifted = Lines(walk.start_line_x + 0.3 * walk.px_per_m, walk.end_line_x)
    timer = BackwardWalkTimer(distance_m=3.3).detect(walk.series, lines=shifted)
    assert any(
        "30 cm behind the start line" in w and "covers about 3.00 m" in w for w in timer.warnings_
    )
    assert abs(timer.end_frame_ - walk.end_frame) <= FRAMES


def test_the_person_can_move_the_detected_frames():
    walk = synthetic_walk()
    timer = BackwardWalkTimer().detect(walk.series, lines=lines_of(walk))
    detected = (timer.start_frame_, timer.end_frame_)
    timer.move(end_frame=detected[1] + 6)
    assert (timer.start_frame_, timer.end_frame_) == (detected[0], detected[1] + 6)
    assert timer.duration_s_ == pytest.approx((detected[1] + 6 - detected[0]) / 30, abs=1e-3)
    assert timer.moved_
    timer.move(start_frame=detected[0] - 3)
    assert timer.start_s_ == pytest.approx(walk.series.times_s[detected[0] - 3])
    with pytest.raises(WalkTestError, match=r"the end \(frame 10\) must come after the start"):
        timer.move(start_frame=40, end_frame=10)
    with pytest.raises(WalkTestError, match="not in the clip"):
        timer.move(end_frame=walk.series.n_frames)
    assert timer.start_frame_ == detected[0] - 3  # a refused move changes nothing


# -- bad input --------------------------------------------------------------------------


def test_generated_walk_reversed_in_time_is_refused():
    walk = synthetic_walk()
    forward = reverse_in_time(walk.series)
    with pytest.raises(WalkTestError, match="no backward movement: the person walks forward"):
        BackwardWalkTimer().detect(forward, lines=lines_of(walk))
    with pytest.raises(WalkTestError, match="no backward movement"):
        BackwardWalkTimer().detect(forward, leg_length_m=walk.leg_length_m)


def test_standing_still_is_no_backward_movement():
    walk = synthetic_walk()
    still = walk.series.xy[:1].repeat(90, axis=0)
    series = KeypointSeries(
        np.arange(90) / 30, still, walk.series.score[:90], walk.series.joints, {}
    )
    with pytest.raises(WalkTestError, match="no backward movement: the person does not walk"):
        BackwardWalkTimer().detect(series, lines=lines_of(walk))


def test_leaving_the_picture_before_3_m_is_refused():
    walk = synthetic_walk()
    s = walk.series
    gone = walk.end_frame - 20  # lost 20 frames before the heel would reach the line
    xy, score = s.xy.copy(), s.score.copy()
    xy[gone:], score[gone:] = np.nan, 0.0
    lost = KeypointSeries(s.times_s, xy, score, s.joints, {})
    with pytest.raises(WalkTestError, match=r"leaves the picture at \d+\.\d s, 0\.\d+ m before"):
        BackwardWalkTimer().detect(lost, lines=lines_of(walk))
    # A video's keypoints simply stop when the tracker loses a person half out of the
    # picture: last seen 20 cm before a line 10 px from the image's left edge.
    back_heel = np.minimum(*(s.joint(f"{side}_heel")[:, 0] for side in ("left", "right")))
    stop = int(np.flatnonzero(back_heel <= walk.end_line_x + 0.2 * walk.px_per_m)[0])
    dx = 10.0 - walk.end_line_x
    edge = KeypointSeries(
        s.times_s[:stop],
        s.xy[:stop] + np.array([dx, 0.0]),
        s.score[:stop],
        s.joints,
        {"image_width": 1900},
    )
    at_edge = Lines(walk.start_line_x + dx, 10.0)
    with pytest.raises(WalkTestError, match=r"leaves the picture at .*, 0\.2\d m before"):
        BackwardWalkTimer().detect(edge, lines=at_edge)


def test_recording_that_stops_short_of_the_line_says_so():
    walk = synthetic_walk()
    s = walk.series
    stop = walk.end_frame - 10
    short = KeypointSeries(s.times_s[:stop], s.xy[:stop], s.score[:stop], s.joints, {})
    with pytest.raises(WalkTestError, match="recording ends before the heel reaches"):
        BackwardWalkTimer().detect(short, lines=lines_of(walk))


def test_line_outside_the_picture_is_named():
    walk = synthetic_walk()
    s = walk.series
    dx = -walk.end_line_x - 50.0  # the end line lands at x = -50
    framed = KeypointSeries(
        s.times_s, s.xy + np.array([dx, 0.0]), s.score, s.joints, {"image_width": 1900}
    )
    lines = Lines(walk.start_line_x + dx, walk.end_line_x + dx)
    with pytest.raises(WalkTestError, match=r"x = -50 px.*outside the picture"):
        BackwardWalkTimer().detect(framed, lines=lines)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (lambda w: Lines(w.end_line_x, w.start_line_x), "swapped"),
        (lambda w: Lines(w.start_line_x, w.start_line_x), "two different x positions"),
        (lambda w: Lines(w.start_line_x, float("nan")), "two different x positions"),
        (lambda w: Lines(w.start_line_x, w.start_line_x - 60), "check the two x positions"),
        (lambda w: Lines(w.start_line_x, w.start_line_x - 5000), "check the two x positions"),
    ],
)
def test_impossible_lines_get_a_clear_error(lines, message):
    walk = synthetic_walk()
    with pytest.raises(WalkTestError, match=message):
        BackwardWalkTimer().detect(walk.series, lines=lines(walk))


@pytest.mark.parametrize("leg", [0.0, -1.0, 0.2, 2.5, float("nan")])
def test_impossible_leg_length_is_refused(leg):
    walk = synthetic_walk()
    with pytest.raises(WalkTestError, match="leg length"):
        BackwardWalkTimer().detect(walk.series, leg_length_m=leg)


def test_lines_and_leg_length_are_exclusive_and_one_is_needed():
    walk = synthetic_walk()
    with pytest.raises(WalkTestError, match="either the two lines or the leg length"):
        BackwardWalkTimer().detect(walk.series)
    with pytest.raises(WalkTestError, match="either the two lines or the leg length"):
        BackwardWalkTimer().detect(walk.series, lines=lines_of(walk), leg_length_m=0.9)


def test_a_clip_that_starts_mid_walk_asks_to_film_before_go():
    walk = synthetic_walk()
    s = walk.series
    k = walk.start_frame + 30
    moving = KeypointSeries(s.times_s[k:] - s.times_s[k], s.xy[k:], s.score[k:], s.joints, {})
    with pytest.raises(WalkTestError, match="already moving in the first frames"):
        BackwardWalkTimer().detect(moving, lines=lines_of(walk))


def test_keypoints_without_heels_are_refused_with_the_reason():
    from backstride.gait.validation.synthetic import GaitSpec, generate

    coco, _ = generate(GaitSpec(direction="backward", gait="walk", joints="coco17", duration_s=4))
    with pytest.raises(WalkTestError, match="no heel points"):
        BackwardWalkTimer().detect(coco, leg_length_m=0.9)


def test_too_few_frames_or_no_body():
    walk = synthetic_walk()
    s = walk.series
    few = KeypointSeries(s.times_s[:5], s.xy[:5], s.score[:5], s.joints, {})
    with pytest.raises(WalkTestError, match="too few frames"):
        BackwardWalkTimer().detect(few, lines=lines_of(walk))
    blank = KeypointSeries(s.times_s, np.full_like(s.xy, np.nan), np.zeros_like(s.score), s.joints)
    with pytest.raises(WalkTestError, match="cannot"):
        BackwardWalkTimer().detect(blank, lines=lines_of(walk))


# -- real motion capture ------------------------------------------------------------------


def _mocap(name: str) -> KeypointSeries:
    path = MOCAP / f"bandai_{name}_side.csv"
    if not path.exists():
        pytest.skip(f"mocap keypoints not found at {path} (../shared/data is not installed)")
    return read_keypoints(path)


REAL_BACKWARD = {
    "walk-back_active": lambda: _mocap("walk-back_active"),
    "walk-back_sad": lambda: _mocap("walk-back_sad"),
    # A forward walk played backwards is a backward walk (facing kept, travel reversed).
    "walk_sad reversed": lambda: reverse_in_time(_mocap("walk_sad")),
    "walk_musical reversed": lambda: reverse_in_time(_mocap("walk_musical")),
}


@pytest.mark.parametrize("name", list(REAL_BACKWARD))
@pytest.mark.parametrize("after_end_s", [0.5, 2.0])
def test_real_backward_walks_cut_to_3_m_are_timed_within_two_frames(name, after_end_s):
    walk = cut(from_standing(REAL_BACKWARD[name]()), after_end_s)
    timer = BackwardWalkTimer().detect(walk.series, lines=lines_of(walk))
    assert_timed(timer, walk)
    assert timer.warnings_ == []


@pytest.mark.parametrize("name", list(REAL_BACKWARD))
def test_real_walks_with_the_leg_ruler_stay_inside_the_stated_uncertainty(name):
    walk = cut(from_standing(REAL_BACKWARD[name]()), 2.0)
    timer = BackwardWalkTimer().detect(walk.series, leg_length_m=walk.leg_length_m)
    truth_s = (walk.end_frame - walk.start_frame) / walk.series.fps
    assert abs(timer.start_frame_ - walk.start_frame) <= FRAMES
    assert abs(timer.duration_s_ - truth_s) <= timer.uncertainty_s_
    assert timer.uncertainty_s_ < 1.0  # wide, but still useful next to 3.0 vs 4.5 s


@pytest.mark.parametrize("name", ["walk-back_active", "walk-back_sad"])
def test_real_backward_walks_played_in_reverse_are_refused(name):
    walk = from_standing(_mocap(name))
    forward = reverse_in_time(walk.series)
    with pytest.raises(WalkTestError, match="no backward movement"):
        BackwardWalkTimer().detect(forward, lines=lines_of(walk))


@pytest.mark.parametrize("name", ["walk_sad", "walk_musical"])
def test_real_forward_walks_from_standing_are_refused(name):
    held = hold_first_frame(_mocap(name))
    with pytest.raises(WalkTestError, match="no backward movement: the person walks forward"):
        BackwardWalkTimer().detect(held, leg_length_m=0.9)
