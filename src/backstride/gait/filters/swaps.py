"""Left/right leg swap detection and repair for side-view pose tracks."""

from __future__ import annotations

import warnings

import numpy as np

from backstride.gait.filters._common import body_height_px, leg_pairs
from backstride.gait.keypoints import KeypointSeries


class LegSwapRepair:
    """Find frames whose left/right leg labels are swapped and swap them back.

    Why: seen from the side, the near and far legs look alike, and 2D pose models often
    label them the wrong way round for a few frames. Every left/right measure (contacts
    per foot, symmetry) breaks on those frames, so the labels are repaired first.

    Method: a two-state Viterbi path (labels kept / labels swapped) over the frames. The
    cost of going from one frame to the next is how far the leg points move under each
    labelling (mean distance per joint, in body heights, relative to the whole-skeleton
    centre so that travel and camera pans cancel). Being in the swapped state costs
    ``swap_cost_heights`` per frame, so labels are only changed when that makes the tracks
    clearly more continuous. While the legs cross, both labellings cost the same and the
    original labels win: a swap there is harmless.

    Parameters
    ----------
    swap_cost_heights
        Cost of each swapped frame, in body heights of extra movement. Default 0.01:
        a 5-frame swap is repaired when it removes more than 0.05 body heights of
        back-and-forth jumping, far below the ~0.3 body heights a real swap of
        separated legs causes.

    Attributes
    ----------
    series_
        Copy of the input with leg labels repaired (positions and scores).
    swapped_frames_
        Indices of the frames whose leg labels were swapped back.
    """

    def __init__(self, swap_cost_heights: float = 0.01) -> None:
        self.swap_cost_heights = swap_cost_heights

    def filter(self, series: KeypointSeries) -> LegSwapRepair:
        """Repair ``series`` (not modified) into ``series_``."""
        if self.swap_cost_heights < 0:
            raise ValueError("swap_cost_heights must not be negative")
        out = series.copy()
        self.series_ = out
        self.swapped_frames_ = np.array([], dtype=int)
        pairs = leg_pairs(out)
        height = body_height_px(out)
        if not pairs or height is None or out.n_frames < 3:
            return self
        li, ri = [p[0] for p in pairs], [p[1] for p in pairs]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # frames with no points at all
            centre = np.nanmean(out.xy, axis=1, keepdims=True)
        rel = (out.xy - centre) / height
        left, right = rel[:, li], rel[:, ri]
        frames = np.flatnonzero(
            np.isfinite(left).any(axis=(1, 2)) | np.isfinite(right).any(axis=(1, 2))
        )
        if len(frames) < 3:
            return self
        states = self._viterbi(left[frames], right[frames])
        swap = frames[states == 1]
        cols = [j for pair in pairs for j in pair]
        flipped = [j for a, b in pairs for j in (b, a)]
        out.xy[np.ix_(swap, cols)] = series.xy[np.ix_(swap, flipped)]
        out.score[np.ix_(swap, cols)] = series.score[np.ix_(swap, flipped)]
        self.swapped_frames_ = swap
        return self

    def _viterbi(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Best keep(0)/swap(1) state per frame for leg points ``(N, K, 2)`` per side."""
        n = left.shape[0]
        labelled = (np.stack([left, right], 1), np.stack([right, left], 1))  # state -> (L, R)
        step = np.empty((n - 1, 2, 2))
        for s_prev in (0, 1):
            for s in (0, 1):
                step[:, s_prev, s] = _mean_move(labelled[s_prev][:-1], labelled[s][1:])
        lam = float(self.swap_cost_heights)
        keep, swap = 0.0, lam  # best total cost ending in each state
        back = [(0, 0)]
        for s00, s01, s10, s11 in step.reshape(n - 1, 4).tolist():  # plain floats: fast loop
            k0, k1 = keep + s00, swap + s10
            w0, w1 = keep + s01, swap + s11
            back.append((0 if k0 <= k1 else 1, 0 if w0 <= w1 else 1))
            keep, swap = min(k0, k1), min(w0, w1) + lam
        states = np.zeros(n, dtype=int)
        states[-1] = 0 if keep <= swap else 1
        for f in range(n - 1, 0, -1):
            states[f - 1] = back[f][states[f]]
        return states


def _mean_move(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per frame, mean distance between matching points present in both ``(N, 2, K, 2)``."""
    d = np.hypot(b[..., 0] - a[..., 0], b[..., 1] - a[..., 1]).reshape(len(a), -1)
    ok = np.isfinite(d)
    count = ok.sum(axis=1)
    return np.where(count > 0, np.where(ok, d, 0.0).sum(axis=1) / np.maximum(count, 1), 0.0)
