"""Trunk lean and head pitch, signed relative to where the person faces.

Lean is the tilt of the hip-centre -> shoulder-centre line from vertical, positive
toward the facing side. For a backward runner facing the camera's left, a slight lean
toward image-left is the "slight forward lean" the coaching asks for; a negative value
means leaning back into the direction of travel.
"""

from __future__ import annotations

import numpy as np

from backstride.gait._kinematics import angle_from_vertical_deg, midpoint, nanmedian_or_none
from backstride.gait.keypoints import KeypointSeries


class TrunkHeadPosture:
    """Trunk lean and head pitch per frame and as medians.

    Parameters
    ----------
    min_score
        Keypoints below this confidence are ignored.

    Attributes
    ----------
    trunk_lean_series_deg_
        Lean per frame (NaN where shoulders or hips are missing).
    trunk_lean_deg_
        Median lean, ``None`` when never measurable.
    head_pitch_series_deg_, head_pitch_deg_
        Ear-centre -> nose line above (+) or below (-) horizontal, toward the facing side;
        frames where the head is turned away are left out of the median.
    """

    def __init__(self, min_score: float = 0.3) -> None:
        self.min_score = min_score

    def calculate(
        self,
        series: KeypointSeries,
        facing_sign: int,
        head_turned: np.ndarray | None = None,
    ) -> TrunkHeadPosture:
        """Measure posture; ``head_turned`` (bool per frame) masks shoulder-check frames."""
        hips = midpoint(series, "left_hip", "right_hip", self.min_score)
        shoulders = midpoint(series, "left_shoulder", "right_shoulder", self.min_score)
        lean = angle_from_vertical_deg(hips, shoulders, facing_sign)
        self.trunk_lean_series_deg_ = lean
        self.trunk_lean_deg_ = nanmedian_or_none(lean)
        ears = midpoint(series, "left_ear", "right_ear", self.min_score)
        nose = midpoint(series, "nose", "nose", self.min_score)
        d = nose - ears
        pitch = np.degrees(np.arctan2(-d[:, 1], d[:, 0] * facing_sign))
        self.head_pitch_series_deg_ = pitch
        use = pitch if head_turned is None else np.where(head_turned, np.nan, pitch)
        self.head_pitch_deg_ = nanmedian_or_none(use)
        return self
