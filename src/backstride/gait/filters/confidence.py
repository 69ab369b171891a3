"""Confidence masking: points the pose model was unsure about become missing."""

from __future__ import annotations

import numpy as np

from backstride.gait.keypoints import KeypointSeries


class ConfidenceMask:
    """Mark points with ``score < min_score`` as missing (NaN position, score 0).

    Why: a low-confidence point is usually a guess (an occluded far-side ankle placed on
    the near one). Treating it as missing lets gap filling and the analysis handle it
    honestly, instead of measuring angles from a guess.

    Parameters
    ----------
    min_score
        Lowest accepted detection score, 0..1. 0.3 suits MediaPipe visibility and
        OpenPose confidence; use 0 to keep everything.

    Attributes
    ----------
    series_
        The masked copy of the input.
    masked_
        Boolean ``(F, J)``: points that were present and are now missing.
    """

    def __init__(self, min_score: float = 0.3) -> None:
        self.min_score = min_score

    def filter(self, series: KeypointSeries) -> ConfidenceMask:
        """Mask ``series`` (not modified) into ``series_``."""
        if not 0.0 <= self.min_score <= 1.0:
            raise ValueError(f"min_score must be between 0 and 1, not {self.min_score}")
        out = series.copy()
        present = np.isfinite(out.xy).all(axis=2)
        low = out.score < self.min_score
        self.masked_ = present & low
        out.xy[low] = np.nan
        out.score[low] = 0.0
        self.series_ = out
        return self
