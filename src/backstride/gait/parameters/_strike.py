"""Foot-strike type per contact: forefoot, midfoot or heel.

The foot angle at contact (heel -> toe line against the ground, + = toes up) says which
part meets the ground first: toes up means the heel lands first, toes down means the
forefoot does, about level means midfoot. Backward runners land toes first by nature of
the movement, so a heel strike moving backward is worth flagging.
COCO-17 has no heel or toe keypoints: strike is then ``None``, never guessed.
"""

from __future__ import annotations

import numpy as np

from backstride.gait._kinematics import interp_at, joint_or_nan
from backstride.gait.consts import SIDES
from backstride.gait.keypoints import KeypointSeries


def foot_angle_deg(series: KeypointSeries, side: str, facing_sign: int) -> np.ndarray:
    """Heel -> toe line above (+, toes up) or below (-, toes down) horizontal, per frame."""
    heel = joint_or_nan(series, f"{side}_heel", 0.3)
    toe = joint_or_nan(series, f"{side}_foot_index", 0.3)
    d = toe - heel
    return np.degrees(np.arctan2(-d[:, 1], d[:, 0] * facing_sign))


class FootAngleStrike:
    """Classify each contact by the foot angle at the moment of contact.

    Parameters
    ----------
    heel_above_deg
        Toes-up angle above which a contact counts as a heel strike.
    forefoot_below_deg
        Toes-down angle (negative) below which a contact counts as forefoot.
    window_ms
        The landing pose is the mean foot angle over this long before contact.

    Attributes
    ----------
    strikes_
        Per side, one label (``"forefoot"``/``"midfoot"``/``"heel"`` or ``None``) per contact.
    strike_angles_deg_
        Per side, the foot angle at each contact (NaN when heel or toe was not seen).
    foot_angle_series_deg_
        Per side, the foot angle per frame (for plots).
    """

    def __init__(
        self,
        heel_above_deg: float = 7.0,
        forefoot_below_deg: float = -7.0,
        window_ms: float = 100.0,
    ) -> None:
        self.heel_above_deg = heel_above_deg
        self.forefoot_below_deg = forefoot_below_deg
        self.window_ms = window_ms

    def calculate(
        self, series: KeypointSeries, facing_sign: int, contacts: dict[str, np.ndarray]
    ) -> FootAngleStrike:
        """Label every contact in ``contacts`` (times in seconds, keyed by side)."""
        self.strikes_, self.strike_angles_deg_, self.foot_angle_series_deg_ = {}, {}, {}
        for side in SIDES:
            angle = foot_angle_deg(series, side, facing_sign)
            self.foot_angle_series_deg_[side] = angle
            times = np.asarray(contacts.get(side, []), dtype=float)
            if np.isfinite(angle).sum() < 0.5 * series.n_frames:
                at = np.full(times.shape, np.nan)
            else:
                at = np.array([self._landing_angle(series.times_s, angle, c) for c in times])
            self.strike_angles_deg_[side] = at
            self.strikes_[side] = [self._label(a) for a in at]
        return self

    def _landing_angle(self, t: np.ndarray, angle: np.ndarray, contact_s: float) -> float:
        """Mean foot angle over the last moments before contact (the foot's landing pose).

        Averaging a few frames before touchdown beats reading one frame at it: keypoint
        jitter averages out, and after touchdown the foot already rotates flat.
        """
        sel = (t >= contact_s - self.window_ms / 1000) & (t <= contact_s)
        vals = angle[sel]
        vals = vals[np.isfinite(vals)]
        if vals.size == 0:
            return float(interp_at(t, angle, contact_s))
        return float(np.mean(vals))

    def _label(self, angle_deg: float) -> str | None:
        if not np.isfinite(angle_deg):
            return None
        if angle_deg > self.heel_above_deg:
            return "heel"
        if angle_deg < self.forefoot_below_deg:
            return "forefoot"
        return "midfoot"
