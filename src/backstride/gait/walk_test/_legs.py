"""Leg length in pixels, the ruler when no lines were marked on the video.

A person can measure their own leg (floor to the hip joint, standing in the shoes they
walk in) with a tape; the pose model gives the same chain as thigh + shank + ankle
height. Their ratio turns pixels into metres. Segment lengths barely change with
posture, so medians over the whole clip are steady; how much the per-frame sums scatter
is reported so the caller can state an uncertainty.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.gait._kinematics import joint_or_nan
from backstride.gait.keypoints import KeypointSeries


@dataclass(frozen=True)
class LegMeasure:
    """Leg length in image pixels and its frame-to-frame scatter (relative, 0..1)."""

    length_px: float
    scatter_rel: float


def _median(values: np.ndarray) -> float:
    v = values[np.isfinite(values)]
    return float(np.median(v)) if v.size else float("nan")


def leg_length_px(series: KeypointSeries, min_score: float = 0.3) -> LegMeasure:
    """Hip-to-floor length of the better-seen leg: thigh + shank + ankle height.

    Ankle height is taken where that foot is the lower of the two (it is on the ground),
    as the distance from the ankle down to the lowest of heel and toe.
    """
    soles_y = {  # lowest foot point (y grows downward); NaN when neither is seen
        side: np.fmax(
            joint_or_nan(series, f"{side}_heel", min_score)[:, 1],
            joint_or_nan(series, f"{side}_foot_index", min_score)[:, 1],
        )
        for side in ("left", "right")
    }
    best: LegMeasure | None = None
    for side, other in (("left", "right"), ("right", "left")):
        hip = joint_or_nan(series, f"{side}_hip", min_score)
        knee = joint_or_nan(series, f"{side}_knee", min_score)
        ankle = joint_or_nan(series, f"{side}_ankle", min_score)
        thigh = np.linalg.norm(hip - knee, axis=1)
        shank = np.linalg.norm(knee - ankle, axis=1)
        sole = soles_y[side]
        with np.errstate(invalid="ignore"):
            down = sole >= np.nan_to_num(soles_y[other], nan=-np.inf)
        ankle_h = np.where(down, sole - ankle[:, 1], np.nan)
        parts = [_median(thigh), _median(shank), _median(ankle_h)]
        if not all(np.isfinite(parts)):
            continue
        total = sum(parts)
        per_frame = thigh + shank + parts[2]
        per_frame = per_frame[np.isfinite(per_frame)]
        mad = float(np.median(np.abs(per_frame - np.median(per_frame))))
        measure = LegMeasure(total, 1.4826 * mad / total)
        if best is None or measure.scatter_rel < best.scatter_rel:
            best = measure
    if best is None or best.length_px <= 0:
        raise ValueError(
            "cannot measure the leg in the video: hip, knee, ankle and foot of one leg "
            "must be visible"
        )
    return best
