"""Which way the person faces in the image, from the feet and the head.

Facing is read from body shape, never from motion: toes point where the person faces
and the nose sits in front of the ears, whichever way the body travels. That is what
lets us tell a backward runner (facing one way, moving the other) from a forward one.
"""

from __future__ import annotations

import numpy as np

from backstride.gait._kinematics import joint_or_nan, midpoint
from backstride.gait.direction._windows import time_windows
from backstride.gait.keypoints import KeypointSeries


def facing_evidence(series: KeypointSeries, min_score: float = 0.3) -> np.ndarray:
    """Per-frame signed evidence: > 0 faces image-right (+x), < 0 faces left, NaN = no clue.

    Heel-to-toe vectors of both feet are the primary clue (they span ~15 % of height and
    do not turn with the head); the nose-ahead-of-ears offset is used where feet are
    missing. Each clue is normalised to -1..1 so neither dominates by size.
    """
    clues = []
    for side in ("left", "right"):
        heel = joint_or_nan(series, f"{side}_heel", min_score)
        toe = joint_or_nan(series, f"{side}_foot_index", min_score)
        clues.append(np.sign(toe[:, 0] - heel[:, 0]))
    stacked = np.stack(clues)
    seen = np.isfinite(stacked).sum(axis=0)
    feet = np.where(seen > 0, np.nansum(stacked, axis=0) / np.maximum(seen, 1), np.nan)
    ears = midpoint(series, "left_ear", "right_ear", min_score)
    nose = joint_or_nan(series, "nose", min_score)
    head = np.sign(nose[:, 0] - ears[:, 0])
    return np.where(np.isfinite(feet), feet, head)


class HeelToeFacing:
    """Estimate the facing direction (image +x or -x) overall and per time window.

    Parameters
    ----------
    window_s
        Length of the windows used to notice a person who turns around.
    min_score
        Keypoints below this confidence are ignored.

    Attributes
    ----------
    facing_sign_
        +1 when the person faces image-right for most of the recording, -1 for left.
    window_signs_
        Facing sign per window (0 where there was no clue), shape ``(W,)``.
    window_starts_s_
        Start time of each window.
    agreement_
        Fraction of frames with a clue that agree with ``facing_sign_`` (0..1).
    """

    def __init__(self, window_s: float = 2.0, min_score: float = 0.3) -> None:
        self.window_s = window_s
        self.min_score = min_score

    def estimate(self, series: KeypointSeries) -> HeelToeFacing:
        """Read the facing direction from ``series``."""
        ev = facing_evidence(series, self.min_score)
        ok = np.isfinite(ev) & (ev != 0)
        if not ok.any():
            raise ValueError("cannot tell which way the person faces: no feet or head visible")
        total = float(np.sum(ev[ok]))
        self.facing_sign_ = 1 if total >= 0 else -1
        self.agreement_ = float(np.mean(np.sign(ev[ok]) == self.facing_sign_))
        windows = time_windows(series.times_s[0], series.times_s[-1], self.window_s)
        signs = []
        for a, b in windows:
            sel = ok & (series.times_s >= a) & (series.times_s < b)
            signs.append(int(np.sign(np.sum(ev[sel]))) if sel.any() else 0)
        self.window_starts_s_ = np.array([a for a, _ in windows])
        self.window_signs_ = np.array(signs, dtype=int)
        return self
