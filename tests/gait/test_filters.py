"""Confidence masking, short-gap filling and zero-phase low-pass filtering."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.gait.filters import ButterworthLowpass, ConfidenceMask, GapFiller
from backstride.gait.keypoints import KeypointSeries


def one_joint(x: np.ndarray, fps: float, score=None, joint: str = "left_ankle") -> KeypointSeries:
    n = len(x)
    xy = np.stack([x, np.zeros(n)], axis=1)[:, None, :]
    sc = np.ones((n, 1)) if score is None else np.asarray(score, float)[:, None]
    xy[np.isnan(x)] = np.nan
    return KeypointSeries(np.arange(n) / fps, xy, np.where(np.isnan(x)[:, None], 0.0, sc), (joint,))


def test_points_below_the_minimum_score_become_missing():
    xy = np.ones((3, 2, 2))
    score = np.array([[0.9, 0.2], [0.3, 0.29], [0.0, 1.0]])
    series = KeypointSeries(np.arange(3.0), xy, score, ("nose", "left_knee"))
    m = ConfidenceMask(min_score=0.3).filter(series)
    np.testing.assert_array_equal(m.masked_, [[False, True], [False, True], [True, False]])
    assert np.isnan(m.series_.xy[m.masked_]).all() and (m.series_.score[m.masked_] == 0).all()
    assert np.isfinite(m.series_.xy[~m.masked_]).all()
    assert np.isfinite(series.xy).all()  # the input is untouched


def test_a_min_score_outside_zero_to_one_is_refused():
    series = one_joint(np.arange(3.0), 10)
    with pytest.raises(ValueError, match="between 0 and 1"):
        ConfidenceMask(min_score=2).filter(series)


def test_linear_filling_bridges_only_short_inner_gaps():
    x = np.arange(10.0)
    x[[0, 2, 3, 5, 6, 7]] = np.nan  # leading gap, a 2-frame gap, a 3-frame gap
    score = np.array([0, 0.9, 0, 0, 0.6, 0, 0, 0, 0.8, 0.7])
    g = GapFiller(max_gap_s=0.2, method="linear").filter(one_joint(x, 10, score))
    out = g.series_.joint("left_ankle")[:, 0]
    np.testing.assert_allclose(out[[2, 3]], [2.0, 3.0])
    assert np.isnan(out[[0, 5, 6, 7]]).all()
    np.testing.assert_allclose(g.series_.joint_score("left_ankle")[[2, 3]], [0.6, 0.6])
    assert g.gaps_filled_ == 1 and g.filled_[:, 0].tolist().count(True) == 2


def test_cubic_filling_reproduces_a_cubic_path_exactly():
    t = np.arange(12) / 30.0
    x = 1000.0 * t**3
    x[[4, 5, 6]] = np.nan
    g = GapFiller(max_gap_s=0.1, method="cubic").filter(one_joint(x, 30))
    np.testing.assert_allclose(
        g.series_.joint("left_ankle")[[4, 5, 6], 0], 1000 * t[[4, 5, 6]] ** 3
    )


def test_the_gap_limit_scales_with_the_frame_rate():
    x = np.arange(20.0)
    x[5:11] = np.nan  # six missing frames
    assert GapFiller(max_gap_s=0.1).filter(one_joint(x, 60)).gaps_filled_ == 1
    assert GapFiller(max_gap_s=0.1).filter(one_joint(x, 30)).gaps_filled_ == 0


def test_an_unknown_fill_method_is_refused():
    with pytest.raises(ValueError, match="linear' or 'cubic"):
        GapFiller(method="spline").filter(one_joint(np.arange(5.0), 10))


def sine(freq_hz: float, fps: float, seconds: float = 4.0) -> np.ndarray:
    t = np.arange(int(seconds * fps)) / fps
    return np.sin(2 * np.pi * freq_hz * t)


def test_lowpass_keeps_slow_motion_without_shifting_it_in_time():
    x = 100 * sine(1.0, 60)
    f = ButterworthLowpass(cutoff_hz=8).filter(one_joint(x, 60))
    y = f.series_.joint("left_ankle")[:, 0]
    mid = slice(60, 120)  # one period, away from the ends
    # |H|^2 = 1 / (1 + (1/8)^4) = 0.99976 for the forward-backward 2nd-order filter.
    np.testing.assert_allclose(y[mid], x[mid] * 0.99976, atol=0.05)
    assert np.argmax(y[mid]) == np.argmax(x[mid])  # zero phase


def test_lowpass_removes_fast_jitter():
    x = 10 * sine(20.0, 60)
    y = ButterworthLowpass(cutoff_hz=6).filter(one_joint(x, 60)).series_.joint("left_ankle")
    # Analogue prototype: 1 / (1 + (20/6)^4) = 0.008; allow for the bilinear warping.
    assert np.abs(y[60:180, 0]).max() < 10 * 0.02


def test_lowpass_filters_valid_runs_separately_and_keeps_gaps():
    x = 100 * sine(1.0, 60)
    x[100:110] = np.nan
    x[200:205] = np.nan  # valid runs: 0..99, 110..199, 205..239
    f = ButterworthLowpass(cutoff_hz=8).filter(one_joint(x, 60))
    y = f.series_.joint("left_ankle")[:, 0]
    assert np.isnan(y[100:110]).all() and np.isnan(y[200:205]).all()
    np.testing.assert_allclose(y[20:90], x[20:90], atol=0.2)
    assert f.applied_ and f.short_runs_ == 0


def test_runs_too_short_to_filter_are_left_as_they_are():
    x = np.arange(30.0)
    x[5] = np.nan
    f = ButterworthLowpass(cutoff_hz=8).filter(one_joint(x, 60))
    assert f.short_runs_ == 1
    np.testing.assert_array_equal(f.series_.joint("left_ankle")[:5, 0], x[:5])


def test_a_frame_rate_too_low_for_the_cut_off_passes_data_through_with_a_warning():
    x = np.random.default_rng(0).normal(size=40)
    f = ButterworthLowpass(cutoff_hz=8).filter(one_joint(x, 10))
    assert not f.applied_ and "too low" in f.warnings_[0]
    np.testing.assert_array_equal(f.series_.joint("left_ankle")[:, 0], x)


def test_a_nonpositive_cut_off_is_refused():
    with pytest.raises(ValueError, match="cutoff_hz must be positive"):
        ButterworthLowpass(cutoff_hz=0).filter(one_joint(np.arange(30.0), 30))
