"""Leg drive and knee lift: knee and hip extension at push-off, thigh lift in swing.

At toe-off the leg has finished pushing; how straight knee and hip are then tells how
much of the drive came from extending them. Angles are included angles (180 =
straight). Knee lift is the thigh's largest swing toward the facing side, from vertical.
"""

from __future__ import annotations

import numpy as np

from backstride.gait._kinematics import (
    included_angle_deg,
    interp_at,
    joint_or_nan,
    nanmedian_or_none,
    segment_below_angle_deg,
)
from backstride.gait.consts import SIDES
from backstride.gait.keypoints import KeypointSeries


class PushOffExtension:
    """Knee/hip angles at each toe-off and the knee lift per stride.

    Parameters
    ----------
    min_score
        Keypoints below this confidence are ignored.

    Attributes
    ----------
    knee_series_deg_, hip_series_deg_
        Included knee and hip angles per frame, keyed by side.
    knee_extension_deg_, hip_extension_deg_
        Median angles at toe-off, ``None`` when not measurable.
    knee_lift_deg_
        Median over strides of the peak thigh angle toward the facing side.
    """

    def __init__(self, min_score: float = 0.3) -> None:
        self.min_score = min_score

    def calculate(
        self, series: KeypointSeries, facing_sign: int, strides: dict[str, np.ndarray]
    ) -> PushOffExtension:
        """Measure the legs of ``series`` at the toe-offs in ``strides``."""
        t = series.times_s
        self.knee_series_deg_, self.hip_series_deg_ = {}, {}
        knees, hips, lifts = [], [], []
        for side in SIDES:
            sh = joint_or_nan(series, f"{side}_shoulder", self.min_score)
            hp = joint_or_nan(series, f"{side}_hip", self.min_score)
            kn = joint_or_nan(series, f"{side}_knee", self.min_score)
            an = joint_or_nan(series, f"{side}_ankle", self.min_score)
            knee = included_angle_deg(hp, kn, an)
            hip = included_angle_deg(sh, hp, kn)
            thigh = segment_below_angle_deg(hp, kn, facing_sign)
            self.knee_series_deg_[side], self.hip_series_deg_[side] = knee, hip
            for contact, toe_off, nxt in strides.get(side, np.empty((0, 3))):
                knees.append(interp_at(t, knee, toe_off))
                hips.append(interp_at(t, hip, toe_off))
                sel = (t >= contact) & (t <= nxt)
                if np.isfinite(thigh[sel]).any():
                    lifts.append(np.nanmax(thigh[sel]))
        self.knee_extension_deg_ = nanmedian_or_none(np.array(knees, dtype=float))
        self.hip_extension_deg_ = nanmedian_or_none(np.array(hips, dtype=float))
        self.knee_lift_deg_ = nanmedian_or_none(np.array(lifts, dtype=float))
        return self
