"""Elbow angle, arm-swing amplitude and arm-leg (contralateral) timing.

In a coordinated gait each arm swings forward together with the opposite thigh. We
find the time shift that best lines up the left upper-arm angle with the right thigh
angle (and right arm with left thigh) and report it as a share of the stride: near 0 %
means arms and legs are in rhythm.
"""

from __future__ import annotations

import numpy as np

from backstride.gait._kinematics import (
    fill_gaps,
    included_angle_deg,
    joint_or_nan,
    nanmedian_or_none,
    segment_below_angle_deg,
)
from backstride.gait.consts import SIDES
from backstride.gait.keypoints import KeypointSeries

_OTHER = {"left": "right", "right": "left"}


class ArmSwing:
    """Arm measures per side, combined over the sides that are visible.

    Parameters
    ----------
    min_score
        Keypoints below this confidence are ignored (the far arm is often hidden).
    min_correlation
        Weaker arm-leg correlation than this means there is no rhythm to time.

    Attributes
    ----------
    elbow_series_deg_
        Included elbow angle per frame and side (180 = straight arm).
    elbow_angle_deg_
        Median elbow angle over visible sides and frames, ``None`` if never visible.
    arm_swing_deg_
        Upper-arm swing range (5th to 95th percentile of its angle from vertical).
    contralateral_lag_pct_
        |time shift| between arm and opposite thigh swing, percent of stride time.
    """

    def __init__(self, min_score: float = 0.3, min_correlation: float = 0.3) -> None:
        self.min_score = min_score
        self.min_correlation = min_correlation

    def calculate(
        self, series: KeypointSeries, facing_sign: int, stride_time_s: float | None
    ) -> ArmSwing:
        """Measure the arms of ``series``; ``stride_time_s`` bounds the timing search."""
        self.elbow_series_deg_, swings, elbows, lags = {}, [], [], []
        for side in SIDES:
            sh = joint_or_nan(series, f"{side}_shoulder", self.min_score)
            el = joint_or_nan(series, f"{side}_elbow", self.min_score)
            wr = joint_or_nan(series, f"{side}_wrist", self.min_score)
            angle = included_angle_deg(sh, el, wr)
            self.elbow_series_deg_[side] = angle
            if np.isfinite(angle).sum() >= 0.3 * series.n_frames:
                elbows.append(np.nanmedian(angle))
            upper = segment_below_angle_deg(sh, el, facing_sign)
            if np.isfinite(upper).sum() >= 0.3 * series.n_frames:
                swings.append(np.nanpercentile(upper, 95) - np.nanpercentile(upper, 5))
                lag = self._lag_pct(series, upper, _OTHER[side], facing_sign, stride_time_s)
                if lag is not None:
                    lags.append(lag)
        self.elbow_angle_deg_ = float(np.mean(elbows)) if elbows else None
        self.arm_swing_deg_ = float(np.mean(swings)) if swings else None
        self.contralateral_lag_pct_ = nanmedian_or_none(np.array(lags))
        return self

    def _lag_pct(
        self,
        series: KeypointSeries,
        arm_deg: np.ndarray,
        leg_side: str,
        facing_sign: int,
        stride_time_s: float | None,
    ) -> float | None:
        """Best-aligning shift between arm and thigh angle, percent of stride time."""
        if not stride_time_s:
            return None
        hip = joint_or_nan(series, f"{leg_side}_hip", self.min_score)
        knee = joint_or_nan(series, f"{leg_side}_knee", self.min_score)
        thigh = segment_below_angle_deg(hip, knee, facing_sign)
        if np.isfinite(thigh).sum() < 0.5 * series.n_frames:
            return None
        a = fill_gaps(arm_deg, series.times_s)
        b = fill_gaps(thigh, series.times_s)
        if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
            return None
        a, b = a - a.mean(), b - b.mean()
        max_lag = max(1, int(0.5 * stride_time_s * series.fps))
        n = len(a)
        if n <= 2 * max_lag or a.std() == 0 or b.std() == 0:
            return None
        best_r, best_k = -2.0, 0
        for k in range(-max_lag, max_lag + 1):
            x, y = (a[k:], b[: n - k]) if k >= 0 else (a[: n + k], b[-k:])
            r = float(np.corrcoef(x, y)[0, 1])
            if r > best_r:
                best_r, best_k = r, k
        if best_r < self.min_correlation:
            return None
        return float(100 * abs(best_k) / series.fps / stride_time_s)
