"""Footage people really upload: legs only, forward movement, cuts, slow motion.

Each case gets a clear sentence in the report and no figure that would be wrong
without one. The clips are made here from the synthetic generator (exact truth), so
nothing large is committed.
"""

from __future__ import annotations

import numpy as np
import pytest

from backstride.gait.analysis import analyze
from backstride.gait.cues import FORWARD_CLIP, NOT_IN_PICTURE, UPPER_BODY_CUES
from backstride.gait.keypoints import KeypointSeries
from backstride.gait.validation.synthetic import GaitSpec, generate

LOWER = ("hip", "knee", "ankle", "heel", "foot_index")


def _legs_only(series: KeypointSeries) -> KeypointSeries:
    xy, score = series.xy.copy(), series.score.copy()
    for i, joint in enumerate(series.joints):
        if not any(part in joint for part in LOWER):
            xy[:, i], score[:, i] = np.nan, 0.0
    return KeypointSeries(series.times_s, xy, score, series.joints, dict(series.meta))


@pytest.fixture(scope="module")
def backward_run():
    return generate(GaitSpec(direction="backward", gait="run", duration_s=6.0))


def test_hips_to_feet_is_analysed_for_what_is_visible(backward_run):
    series, truth = backward_run
    report = analyze(_legs_only(series))
    assert report.direction == "backward" and report.gait == "run"
    assert report.cadence_spm == pytest.approx(truth.cadence_spm, rel=0.02)
    cues = {c.cue: c for c in report.cues}
    for name in UPPER_BODY_CUES:
        assert cues[name].verdict is None and cues[name].reason == NOT_IN_PICTURE
    for name in ("foot_strike", "leg_drive", "knee_lift", "cadence"):
        assert cues[name].verdict is not None, name
    assert report.metrics.contact_time_s == pytest.approx(truth.contact_time_s, abs=0.04)
    assert any("hips to the feet" in w for w in report.warnings)


def test_a_whole_body_clip_keeps_its_upper_body_cues(backward_run):
    report = analyze(backward_run[0])
    cues = {c.cue: c for c in report.cues}
    assert cues["posture"].verdict is not None and cues["arm_angle"].verdict is not None
    assert not any("hips to the feet" in w for w in report.warnings)


def test_a_forward_clip_gets_no_backward_form_verdicts():
    series, truth = generate(GaitSpec(direction="forward", gait="walk", strike="heel"))
    report = analyze(series)
    assert report.direction == "forward"
    cues = {c.cue: c for c in report.cues}
    assert cues["direction"].verdict == "watch"
    assert "film yourself going backward, side-on" in cues["direction"].tip
    others = [c for name, c in cues.items() if name != "direction"]
    assert all(c.verdict is None and c.reason == FORWARD_CLIP for c in others)
    assert not any(c.verdict == "fix" for c in report.cues)
    # direction-neutral figures are still given
    assert report.cadence_spm == pytest.approx(truth.cadence_spm, rel=0.02)
    assert report.contacts
    assert any(FORWARD_CLIP in w for w in report.warnings)


def test_legs_only_with_no_legs_either_is_refused_with_a_sentence(backward_run):
    series = backward_run[0]
    xy = series.xy.copy()
    xy[:] = np.nan
    blank = KeypointSeries(series.times_s, xy, series.score * 0, series.joints, {})
    with pytest.raises(ValueError, match="no keypoint has a position"):
        analyze(blank)


def _cut_together(first: KeypointSeries, second: KeypointSeries, shift_px, scale=1.0):
    """Two shots edited into one clip: the second moved (and zoomed) in the picture."""
    xy2 = second.xy * scale + np.asarray(shift_px)
    times = np.concatenate([first.times_s, first.times_s[-1] + 1 / first.fps + second.times_s])
    return KeypointSeries(
        times,
        np.concatenate([first.xy, xy2]),
        np.concatenate([first.score, second.score]),
        first.joints,
        {},
    )


def test_a_clip_with_a_cut_analyses_the_longest_shot_and_says_so():
    long_shot, truth = generate(GaitSpec(direction="backward", gait="run", duration_s=5.0))
    short_shot, _ = generate(GaitSpec(direction="backward", gait="run", duration_s=2.0, seed=3))
    clip = _cut_together(long_shot, short_shot, (350.0, -40.0), scale=1.6)
    report = analyze(clip)
    note = [w for w in report.warnings if "switches shots" in w]
    assert note and "longest continuous shot, 0.00-4.9" in note[0], report.warnings
    assert report.duration_s == pytest.approx(long_shot.duration_s, abs=0.05)
    assert report.cadence_spm == pytest.approx(truth.cadence_spm, rel=0.02)
    assert report.direction == "backward"


def test_a_pose_model_blip_of_one_frame_is_not_a_cut(backward_run):
    series = backward_run[0]
    xy = series.xy.copy()
    xy[90] += 300.0  # someone else for one frame
    blip = KeypointSeries(series.times_s, xy, series.score, series.joints, {})
    report = analyze(blip)
    assert not any("switches shots" in w for w in report.warnings)
    assert report.duration_s == pytest.approx(series.duration_s, abs=0.05)


def test_a_slow_motion_run_without_its_factor_is_flagged_not_judged():
    from dataclasses import replace

    # captured at 120 fps, played at 30: four times as many frames, each 1/30 s apart
    spec = GaitSpec(direction="backward", gait="run", duration_s=3.0, fps=120.0)
    series, _truth = generate(spec)
    slowed = replace(series, times_s=series.times_s * 4)  # 120 fps played at 30
    report = analyze(slowed)
    assert any("slow-motion clip" in w and "--slowmo" in w for w in report.warnings)
    cadence = next(c for c in report.cues if c.cue == "cadence")
    assert cadence.verdict is None and "slow motion" in cadence.reason


def test_the_slow_motion_factor_puts_the_clip_back_on_the_real_clock():
    from dataclasses import replace

    from backstride.gait.transforms import to_real_time

    # captured at 120 fps, played at 30: four times as many frames, each 1/30 s apart
    spec = GaitSpec(direction="backward", gait="run", duration_s=3.0, fps=120.0)
    series, truth = generate(spec)
    slowed = replace(series, times_s=series.times_s * 4)
    report = analyze(to_real_time(slowed, 4.0))
    assert report.cadence_spm == pytest.approx(truth.cadence_spm, rel=0.02)
    assert not any("slow-motion" in w for w in report.warnings)
    with pytest.raises(ValueError, match="positive"):
        to_real_time(slowed, 0.0)


def test_a_real_time_walk_is_not_taken_for_slow_motion():
    report = analyze(generate(GaitSpec(direction="backward", gait="walk", cadence_spm=80.0))[0])
    assert not any("slow-motion" in w for w in report.warnings)
