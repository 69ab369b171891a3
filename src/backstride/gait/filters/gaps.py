"""Short-gap interpolation: bridge brief dropouts of a joint, leave long ones missing."""

from __future__ import annotations

import numpy as np
from scipy.interpolate import CubicSpline

from backstride.gait.filters._common import true_runs
from backstride.gait.keypoints import KeypointSeries


class GapFiller:
    """Fill gaps of at most ``max_gap_s`` inside a joint's track.

    Why: pose models drop a joint for a frame or two (motion blur, a swinging arm in
    front). Short gaps are bridged so that the low-pass filter and event detection see
    continuous tracks; long gaps stay missing, because guessing a whole foot contact
    would invent data.

    Parameters
    ----------
    max_gap_s
        Longest gap to fill, in seconds. A gap of ``k`` missing frames is filled when
        ``k <= max_gap_s * fps`` (fps from the median frame interval). Default 0.1 s:
        3 frames at 30 fps, 6 at 60 fps - shorter than a running contact (~0.25 s).
    method
        ``"linear"`` or ``"cubic"`` (a cubic spline through the joint's valid samples,
        which follows the curved path of a swinging foot better).

    Attributes
    ----------
    series_
        Copy of the input with gaps filled. Filled points get the lower of the two
        neighbouring scores, so later steps can still tell they are less certain.
    filled_
        Boolean ``(F, J)``: points that were filled.
    gaps_filled_
        Number of gaps filled (all joints).

    Notes
    -----
    Gaps at the start or end of a track are never filled (that would be extrapolation).
    """

    def __init__(self, max_gap_s: float = 0.1, method: str = "cubic") -> None:
        self.max_gap_s = max_gap_s
        self.method = method

    def filter(self, series: KeypointSeries) -> GapFiller:
        """Fill ``series`` (not modified) into ``series_``."""
        if self.method not in ("linear", "cubic"):
            raise ValueError(f"method must be 'linear' or 'cubic', not {self.method!r}")
        if self.max_gap_s < 0:
            raise ValueError("max_gap_s must not be negative")
        out = series.copy()
        self.filled_ = np.zeros(out.score.shape, dtype=bool)
        self.gaps_filled_ = 0
        if out.n_frames < 3:
            self.series_ = out
            return self
        max_frames = int(np.floor(self.max_gap_s * out.fps + 1e-9))
        t = out.times_s
        for j in range(len(out.joints)):
            valid = np.isfinite(out.xy[:, j, :]).all(axis=1)
            runs = [
                (a, b)
                for a, b in true_runs(~valid)
                if a > 0 and b < out.n_frames and b - a <= max_frames
            ]
            if not runs:
                continue
            idx = np.concatenate([np.arange(a, b) for a, b in runs])
            for axis in (0, 1):
                known = out.xy[valid, j, axis]
                if self.method == "cubic" and valid.sum() >= 4:
                    values = CubicSpline(t[valid], known)(t[idx])
                else:
                    values = np.interp(t[idx], t[valid], known)
                out.xy[idx, j, axis] = values
            for a, b in runs:
                out.score[a:b, j] = min(out.score[a - 1, j], out.score[b, j])
            self.filled_[idx, j] = True
            self.gaps_filled_ += len(runs)
        self.series_ = out
        return self
