"""The Preprocessor chain: order, report, configuration, and hostile input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from backstride.gait.filters import ButterworthLowpass, ConfidenceMask, GapFiller
from backstride.gait.io import read_keypoints
from backstride.gait.keypoints import KeypointSeries
from backstride.gait.preprocess import Preprocessor
from backstride.gait.validation.synthetic import GaitSpec, generate

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "keypoints"
REAL = REAL / "openpose-running-side"


def rms(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.sqrt(np.nanmean((a - b) ** 2)))


def test_cleaning_brings_noisy_swapped_keypoints_close_to_the_truth():
    spec = dict(duration_s=6.0, seed=2)
    clean, _ = generate(GaitSpec(**spec))
    dirty, truth = generate(GaitSpec(noise_px=2.0, dropout_rate=0.05, leg_swaps=3, **spec))
    dirty.xy[90:92] += [500.0, 0.0]  # two frames of someone else
    p = Preprocessor().process(dirty)
    legs = [clean.index(f"{s}_{j}") for s in ("left", "right") for j in ("knee", "ankle", "heel")]
    assert rms(p.series_.xy[:, legs], clean.xy[:, legs]) < 1.6  # 2 px noise in
    r = p.report_
    assert r["frames_rejected"] == [90, 91]
    assert set(truth.swapped_frames) <= set(r["frames_swapped"])
    assert r["gaps_filled"] > 0 and r["smoothed"] and r["cutoff_hz"] == 8.0
    assert any("swapped back" in w for w in r["warnings"])
    assert any("jumped away" in w for w in r["warnings"])


def test_steps_can_be_configured_or_skipped_and_shared_objects_stay_clean():
    lowpass = ButterworthLowpass(cutoff_hz=5.0)
    series, _ = generate(GaitSpec(duration_s=2.0, noise_px=1.0))
    p = Preprocessor(jumps=None, swaps=None, gaps=GapFiller(max_gap_s=0.0), lowpass=lowpass)
    p.process(series)
    assert [type(s).__name__ for s in p.steps_] == [
        "ConfidenceMask",
        "GapFiller",
        "ButterworthLowpass",
    ]
    assert p.report_["cutoff_hz"] == 5.0 and p.report_["frames_swapped"] == []
    assert not hasattr(lowpass, "series_")  # the caller's object was copied, not used


def test_nothing_enabled_returns_the_same_points():
    series, _ = generate(GaitSpec(duration_s=1.0))
    p = Preprocessor(mask=None, jumps=None, swaps=None, gaps=None, lowpass=None).process(series)
    np.testing.assert_array_equal(p.series_.xy, series.xy)
    assert p.report_["smoothed"] is False


def test_a_single_frame_gives_a_warning_not_an_error():
    series, _ = generate(GaitSpec(duration_s=1.0 / 30))
    p = Preprocessor().process(series)
    assert series.n_frames == 1
    assert "only one frame" in p.report_["warnings"][0]


def test_a_slow_frame_rate_and_mostly_missing_points_are_reported():
    series, _ = generate(GaitSpec(duration_s=5.0, fps=2.0, dropout_rate=0.7))
    p = Preprocessor(mask=ConfidenceMask(min_score=0.0)).process(series)
    text = " ".join(p.report_["warnings"])
    assert "too low" in text and "missing" in text
    assert p.report_["missing_fraction"] > 0.5


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 25),
    xy=st.data(),
)
def test_any_series_even_mostly_nan_is_processed_without_error(n, xy):
    joints = ("nose", "left_hip", "right_hip", "left_ankle", "right_ankle", "left_knee")
    points = xy.draw(
        hnp.arrays(float, (n, len(joints), 2), elements=st.floats(-1e4, 1e4) | st.just(np.nan))
    )
    score = np.where(np.isnan(points).any(axis=2), 0.0, 0.9)
    series = KeypointSeries(np.arange(n) / 30.0, points, score, joints)
    p = Preprocessor().process(series)
    assert p.series_.xy.shape == points.shape
    assert set(p.report_) >= {"warnings", "frames_rejected", "frames_swapped", "gaps_filled"}


@pytest.mark.skipif(not REAL.is_dir(), reason=f"real OpenPose data not found at {REAL}")
def test_the_real_recording_is_cleaned_without_losing_the_runner():
    series = read_keypoints(REAL, fps=30)
    p = Preprocessor().process(series)
    assert p.report_["frames_rejected"] == []
    seen = np.isfinite(p.series_.xy).all(axis=2).any(axis=1)
    assert seen.sum() == 63
    # Smoothing changes the knee track by less than a few pixels on average.
    knee = p.series_.joint("right_knee")
    assert rms(knee, series.joint("right_knee")) < 5.0
