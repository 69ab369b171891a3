"""The camera view check: side-on clips pass quietly, angled ones warn, frontal ones withhold.

Rotated views come from ``yawed``: the synthetic generator is 2D (a pure side view), so a
camera turned by yaw ``psi`` about the vertical axis is emulated by shrinking every
joint's horizontal offset from the pelvis by ``cos(psi)`` and shifting left/right joints
by +-(half the shoulder width for arms, half the hip width for legs, half the head width
for ears/eyes/mouth) x ``sin(psi)``. Depth order and perspective are not modelled: it is
a width model only, which is exactly what the check reads.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from backstride.gait._kinematics import body_height_px
from backstride.gait.analysis import analyze
from backstride.gait.io import read_openpose
from backstride.gait.keypoints import KeypointSeries
from backstride.gait.validation.synthetic import GaitSpec, generate
from backstride.gait.view import (
    FRONTAL_REASON,
    HIP_WIDTH_BH,
    SHOULDER_WIDTH_BH,
    SIDE_VIEW_CUES,
    SideOnViewCheck,
)
from tests.gait.engine_helpers import make_series, real_openpose_dir

HEAD_WIDTH_BH = 0.09
"""Head breadth (~15 cm) as a fraction of a 1.7 m standing height."""

DEMO_VIDEO = (
    Path(__file__).resolve().parents[2] / "../shared/data/video/walking-side-view-two-people.mp4"
)


def _half_width_bh(joint: str) -> float:
    part = joint.split("_", 1)[1]
    if part in {"shoulder", "elbow", "wrist", "pinky", "index", "thumb"}:
        return SHOULDER_WIDTH_BH / 2
    if part in {"hip", "knee", "ankle", "heel", "foot_index"}:
        return HIP_WIDTH_BH / 2
    return HEAD_WIDTH_BH / 2


def yawed(series: KeypointSeries, yaw_deg: float, height_px: float) -> KeypointSeries:
    """``series`` (a side view) as seen by a camera turned ``yaw_deg`` about the vertical."""
    out = series.copy()
    psi = np.radians(yaw_deg)
    hips = [series.index(j) for j in ("left_hip", "right_hip")]
    with warnings.catch_warnings():  # frames with both hips dropped stay NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        centre_x = np.nanmean(series.xy[:, hips, 0], axis=1)[:, None]
    out.xy[..., 0] = centre_x + (series.xy[..., 0] - centre_x) * np.cos(psi)
    for j, name in enumerate(series.joints):
        side = 1.0 if name.startswith("left_") else -1.0 if name.startswith("right_") else 0.0
        if side:
            out.xy[:, j, 0] += side * _half_width_bh(name) * height_px * np.sin(psi)
    return out


def _check(series: KeypointSeries) -> SideOnViewCheck:
    return SideOnViewCheck().estimate(series, body_height_px(series))


@pytest.fixture(scope="module")
def backward_run() -> tuple[KeypointSeries, float]:
    spec = GaitSpec(duration_s=6.0)
    return generate(spec)[0], spec.height_px


def test_synthetic_side_view_is_side_on_without_warning(backward_run):
    check = _check(backward_run[0])
    assert check.verdict_ == "side-on"
    assert check.warning_ is None
    assert check.side_on_fraction_ == 1.0
    assert check.median_shoulder_width_bh_ == pytest.approx(0.0, abs=1e-9)


def test_yaw_model_gives_shoulders_the_width_times_sine_of_yaw(backward_run):
    series, height = backward_run
    check = SideOnViewCheck().estimate(yawed(series, 30.0, height), height)
    # 0.259 x sin 30 deg = 0.1295 body heights, whatever the frame.
    assert check.median_shoulder_width_bh_ == pytest.approx(0.1295, abs=1e-4)
    assert check.yaw_deg_ == pytest.approx(30.0, abs=0.1)


def test_a_camera_turned_30_degrees_is_angled_and_warns(backward_run):
    series, height = backward_run
    report = analyze(yawed(series, 30.0, height))
    view = report.metrics.view
    assert view.verdict == "angled"
    assert any("not quite side-on" in w for w in report.warnings)
    assert all(c.reason != FRONTAL_REASON for c in report.cues)


@pytest.mark.parametrize("yaw_deg", [80.0, 90.0])
def test_a_camera_at_the_front_or_back_withholds_side_view_verdicts(backward_run, yaw_deg):
    series, height = backward_run
    report = analyze(yawed(series, yaw_deg, height))
    assert report.metrics.view.verdict == "frontal"
    assert any("front or back" in w for w in report.warnings)
    by_cue = {c.cue: c for c in report.cues}
    for cue in SIDE_VIEW_CUES:
        assert by_cue[cue].verdict is None and by_cue[cue].value is None
        assert by_cue[cue].reason == FRONTAL_REASON
    assert by_cue["cadence"].verdict is not None  # timing does not need a side view
    out = report.to_dict()
    assert out["trunk_lean_deg"] is None and out["elbow_angle_deg"] is None
    assert len(out["cues"]) == len(analyze(series).cues)


def test_side_view_report_carries_a_side_on_view_metric_and_no_view_warning(backward_run):
    report = analyze(backward_run[0])
    assert asdict(report.metrics.view) == {
        "verdict": "side-on",
        "side_on_fraction": 1.0,
        "shoulder_width_bh": 0.0,
    }
    assert not any("side-on" in w or "front or back" in w for w in report.warnings)
    assert report.to_dict()["metrics"]["view"]["verdict"] == "side-on"


def test_45_degrees_is_angled_not_frontal(backward_run):
    series, height = backward_run
    assert SideOnViewCheck().estimate(yawed(series, 45.0, height), height).verdict_ == "angled"


def test_hips_stand_in_for_missing_shoulders():
    # Hips 0.191 x 100 px apart in a 100 px body = face-on; scaled to shoulder width 0.259.
    n = 10
    series = make_series(
        np.arange(n) / 30.0,
        {"left_hip": np.tile([50.0, 0], (n, 1)), "right_hip": np.tile([69.1, 0], (n, 1))},
    )
    check = SideOnViewCheck().estimate(series, 100.0)
    assert check.median_shoulder_width_bh_ == pytest.approx(0.259, abs=1e-9)
    assert check.verdict_ == "frontal"


def test_nose_between_the_ears_is_counted_as_a_frontal_sign():
    n = 4
    nose_x = np.array([50.0, 50.0, 70.0, 70.0])  # between, between, ahead, ahead
    series = make_series(
        np.arange(n) / 30.0,
        {
            "nose": np.column_stack([nose_x, np.zeros(n)]),
            "left_ear": np.tile([45.0, 0], (n, 1)),
            "right_ear": np.tile([55.0, 0], (n, 1)),
        },
    )
    assert SideOnViewCheck().estimate(series, 100.0).nose_between_ears_fraction_ == 0.5


def test_no_shoulders_or_hips_leaves_the_view_unjudged_but_side_on():
    series = make_series(np.arange(3) / 30.0, {"nose": np.zeros((3, 2))})
    check = SideOnViewCheck().estimate(series, 100.0)
    assert check.verdict_ == "side-on" and check.median_shoulder_width_bh_ is None


@pytest.mark.parametrize("height", [0.0, -5.0, float("nan")])
def test_a_body_height_that_is_not_positive_is_refused(height):
    series = make_series(np.arange(3) / 30.0, {"nose": np.zeros((3, 2))})
    with pytest.raises(ValueError, match="body height must be a positive"):
        SideOnViewCheck().estimate(series, height)


def test_real_openpose_side_clip_is_side_on():
    series = read_openpose(real_openpose_dir(), fps=30.0)
    check = _check(series)
    assert check.verdict_ == "side-on"
    assert analyze(series).metrics.view.verdict == "side-on"


@pytest.fixture(scope="module")
def demo_keypoints(tmp_path_factory) -> KeypointSeries:
    """The first 8 s of the demo video through the real pose extractor (slow, once)."""
    if not DEMO_VIDEO.resolve().is_file():
        pytest.skip(f"demo video not found at {DEMO_VIDEO.resolve()} (shared data folder absent)")
    from backstride.video.extract import extract_keypoints

    return extract_keypoints(DEMO_VIDEO.resolve(), max_seconds=8.0)


@pytest.mark.slow
def test_demo_video_is_side_on(demo_keypoints):
    check = _check(demo_keypoints)
    assert check.verdict_ == "side-on"
    assert check.warning_ is None
