"""Rejection of frames where the tracked person suddenly jumps somewhere else."""

from __future__ import annotations

import warnings

import numpy as np

from backstride.gait.filters._common import body_height_px, true_runs
from backstride.gait.keypoints import KeypointSeries


class JumpRejection:
    """Drop frames whose skeleton is not the person tracked in the rest of the clip.

    Why: with two people in view, a pose tracker may hop to the other person for a few
    frames (or for good). Those frames would become fake strides. A person cannot move
    several body heights in a fraction of a second, so such frames are recognised by
    their displacement.

    Method: consecutive frames are compared by the median displacement of the joints
    visible in both (robust to a few missing or swapped joints). A displacement above
    ``max_speed_heights_per_s * dt + tolerance_heights`` (in body heights) breaks the
    clip into segments. Segments are then chained into tracks: a segment continues the
    track whose last frame it could plausibly follow, otherwise it starts a new track.
    The track with the most frames is kept; every frame of the other tracks is masked.

    Parameters
    ----------
    max_speed_heights_per_s
        Fastest plausible skeleton speed, body heights per second (camera pans
        included). Default 10: a 7 m/s sprint is ~4 heights/s.
    tolerance_heights
        Extra allowance per comparison for pose jitter, in body heights. Default 0.1.

    Attributes
    ----------
    series_
        Copy of the input with rejected frames fully missing (NaN, score 0).
    rejected_frames_
        Indices of the rejected frames.
    tracks_
        Number of tracks found (1 = one person throughout).
    warnings_
        Sentences for the user when frames were dropped.
    """

    def __init__(
        self, max_speed_heights_per_s: float = 10.0, tolerance_heights: float = 0.1
    ) -> None:
        self.max_speed_heights_per_s = max_speed_heights_per_s
        self.tolerance_heights = tolerance_heights

    def filter(self, series: KeypointSeries) -> JumpRejection:
        """Reject jumps in ``series`` (not modified) into ``series_``."""
        if self.max_speed_heights_per_s <= 0 or self.tolerance_heights < 0:
            raise ValueError("max speed must be positive and tolerance not negative")
        out = series.copy()
        self.series_, self.tracks_, self.warnings_ = out, 0, []
        self.rejected_frames_ = np.array([], dtype=int)
        height = body_height_px(out)
        frames = np.flatnonzero(np.isfinite(out.xy).all(axis=2).any(axis=1))
        if height is None or len(frames) < 2:
            return self
        t = out.times_s
        excess = self._excess_between(out, frames[:-1], frames[1:], height)
        cuts = np.flatnonzero(excess > 0) + 1
        segments = [seg.tolist() for seg in np.split(frames, cuts)]
        tracks: list[list[int]] = []
        for seg in segments:
            best, best_d = None, np.inf
            for track in tracks:
                d = self._excess(out, track[-1], seg[0], height)
                if d <= 0 and d < best_d:
                    best, best_d = track, d
            if best is None:
                tracks.append(list(seg))
            else:
                best.extend(seg)
        keep = max(tracks, key=len)
        rejected = np.setdiff1d(frames, keep)
        out.xy[rejected] = np.nan
        out.score[rejected] = 0.0
        self.tracks_ = len(tracks)
        self.rejected_frames_ = rejected
        if len(rejected):
            mask = np.zeros(out.n_frames, dtype=bool)
            mask[rejected] = True
            spans = ", ".join(f"{t[a]:.2f}-{t[b - 1]:.2f} s" for a, b in true_runs(mask)[:3])
            self.warnings_.append(
                f"{len(rejected)} frames where the skeleton jumped away (another person or a"
                f" tracking error) were left out ({spans}"
                f"{', ...' if len(true_runs(mask)) > 3 else ''})."
            )
        return self

    def _excess_between(
        self, series: KeypointSeries, a: np.ndarray, b: np.ndarray, height: float
    ) -> np.ndarray:
        """Displacement from frames ``a`` to ``b`` beyond the plausible (<= 0 is fine)."""
        d = np.hypot(*(series.xy[b] - series.xy[a]).transpose(2, 0, 1))
        none = ~np.isfinite(d).any(axis=1)
        d[none, 0] = 0.0  # placeholder, replaced by the centroid distance below
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            move = np.nanmedian(d, axis=1)
            if none.any():
                ca = np.nanmean(series.xy[a[none]], axis=1)
                cb = np.nanmean(series.xy[b[none]], axis=1)
                move[none] = np.hypot(*(cb - ca).T)
        dt = np.abs(series.times_s[b] - series.times_s[a])
        return move / height - (self.max_speed_heights_per_s * dt + self.tolerance_heights)

    def _excess(self, series: KeypointSeries, a: int, b: int, height: float) -> float:
        return float(self._excess_between(series, np.array([a]), np.array([b]), height)[0])
