"""Foot contact and toe-off from where the lowest point of each foot meets the ground.

Why vertical position and not the usual velocity rules: most video gait tools find
contact where the foot stops moving *forward* relative to the pelvis, which silently
assumes the person travels the way they face. Moving backward, the same rule reports
toe-off as contact and contact as toe-off. The lowest visible point of the foot does
not care about direction: it is the toe when a backward runner lands toes first and the
heel when a forward walker heel-strikes, which is exactly "the point that lands first".
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy.ndimage import median_filter, percentile_filter

from backstride.gait._kinematics import fill_gaps, joint_or_nan, lowpass
from backstride.gait.consts import SIDES
from backstride.gait.keypoints import KeypointSeries


def foot_low_point_y(series: KeypointSeries, side: str, min_score: float = 0.3) -> np.ndarray:
    """Image y of the lowest tracked point of one foot per frame (y down, NaN when unseen).

    Uses heel and toe when both are tracked in at least half the frames, else the ankle
    (COCO-17 has no heel or toe), so the signal never jumps between marker sets.
    """
    heel = joint_or_nan(series, f"{side}_heel", min_score)[:, 1]
    toe = joint_or_nan(series, f"{side}_foot_index", min_score)[:, 1]
    half = series.n_frames / 2
    if np.isfinite(heel).sum() >= half and np.isfinite(toe).sum() >= half:
        return np.fmax(heel, toe)
    return joint_or_nan(series, f"{side}_ankle", min_score)[:, 1]


def nanmedian_rows(windows: np.ndarray) -> np.ndarray:
    """Median of each row ignoring NaN (NaN for an all-NaN row).

    Sorting puts NaN last, so the median is read from each row's finite head; this is
    several times faster than ``np.nanmedian`` row by row, which matters on long clips.
    """
    ordered = np.sort(windows, axis=1)
    k = np.isfinite(windows).sum(axis=1)
    rows = np.arange(windows.shape[0])
    lo = ordered[rows, np.maximum((k - 1) // 2, 0)]
    hi = ordered[rows, np.maximum(k // 2, 0)]
    return np.where(k > 0, (lo + hi) / 2, np.nan)


def _rolling_nanmedian(values: np.ndarray, size: int) -> np.ndarray:
    """Centred rolling median that ignores NaN (NaN where a window has no values)."""
    half = size // 2
    padded = np.concatenate([np.full(half, np.nan), values, np.full(size - 1 - half, np.nan)])
    windows = np.lib.stride_tricks.sliding_window_view(padded, size)
    return nanmedian_rows(windows)


def _robust_line(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Straight-line fit that refits without points three median residuals away."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", np.exceptions.RankWarning)
        coef = np.polyfit(x, y, 1)
        resid = y - np.polyval(coef, x)
        keep = np.abs(resid) <= max(3 * np.median(np.abs(resid)), 1e-6)
        if keep.sum() >= 10:
            coef = np.polyfit(x[keep], y[keep], 1)
    return coef


def _touch_times(
    t: np.ndarray, y: np.ndarray, level: np.ndarray, gap: np.ndarray, down: bool, max_shift_s: float
) -> np.ndarray:
    """Sub-frame times where the foot reaches (``down``) or leaves the ground.

    The foot signal first crosses a line ``gap`` pixels above the ground (so keypoint
    jitter on the ground never counts as lifting off); the crossing time is interpolated
    between frames and then carried the remaining ``gap`` along the foot's vertical
    velocity, which removes the early-contact / late-toe-off bias a plain threshold has.
    """
    d = y - level
    if down:  # image y grows as the foot comes down: d goes from < 0 to >= 0
        idx = np.flatnonzero((d[:-1] < 0) & (d[1:] >= 0))
    else:
        idx = np.flatnonzero((d[:-1] >= 0) & (d[1:] < 0))
    w = d[idx] / (d[idx] - d[idx + 1])
    cross = t[idx] + w * (t[idx + 1] - t[idx])
    v = np.gradient(y, t)
    speed = np.abs(v[idx] * (1 - w) + v[idx + 1] * w)
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = np.clip(np.nan_to_num(gap[idx] / speed, nan=0.0), 0.0, max_shift_s)
    return cross + shift if down else cross - shift


def clean_intervals(
    on: np.ndarray, off: np.ndarray, min_stance_ms: float, min_swing_ms: float
) -> tuple[np.ndarray, np.ndarray]:
    """Pair contacts with the next toe-off, dropping blips shorter than the minimums.

    Shared by both contact detectors: a ground or air phase too short for a person to
    make is keypoint jitter or a one-frame leg swap, never a step.
    """
    events = sorted([(x, 1) for x in on] + [(x, 0) for x in off])
    intervals: list[list[float]] = []  # [contact, toe_off] with nan for open ends
    start = np.nan
    for time, is_on in events:
        if is_on:
            start = time
        elif np.isfinite(start):
            intervals.append([start, time])
            start = np.nan
        else:
            intervals.append([np.nan, time])
    if np.isfinite(start):
        intervals.append([start, np.nan])
    merged: list[list[float]] = []
    for iv in intervals:  # close short air gaps (a foot that only wobbles up)
        if merged and iv[0] - merged[-1][1] < min_swing_ms / 1000:
            merged[-1][1] = iv[1]
        else:
            merged.append(iv)
    kept = [iv for iv in merged if not (iv[1] - iv[0] < min_stance_ms / 1000)]
    contacts = np.array([iv[0] for iv in kept if np.isfinite(iv[0])])
    toe_offs = np.array([iv[1] for iv in kept if np.isfinite(iv[1])])
    return contacts, toe_offs


class GroundContactDetector:
    """Detect foot contacts and toe-offs per foot from the foot's lowest point.

    Parameters
    ----------
    contact_tol_bh
        How close (in body heights) the lowest foot point must come to the ground line
        to count as touching it; covers keypoint jitter and soft-tissue wobble.
    ground_window_s
        Window over which the ground line is re-estimated (copes with slight camera tilt
        and perspective as the person crosses the frame).
    cutoff_hz
        Low-pass cut-off applied to the foot signal before thresholding.
    min_stance_ms, min_swing_ms
        Shorter ground or air phases are treated as jitter and merged away.
    ground_percentile
        Percentile of the lower of both feet taken as a first, rough ground line: a foot
        is on the ground most of the time (about 70 % running, all of it walking). The
        final line is the median of the samples near that rough line, so keypoint jitter
        neither lifts nor sinks it.
    max_extrapolation_ms
        Upper bound on the correction from the tolerance line to the ground itself.

    Attributes
    ----------
    contacts_, toe_offs_
        Event times in seconds, keyed by ``"left"``/``"right"``, sorted.
    stance_masks_
        Boolean per-frame "foot on the ground", keyed by side.
    ground_y_px_
        Estimated ground line (image y) under each foot per frame, keyed by side.
    low_point_y_px_
        The filtered lowest-foot-point signal per side.
    """

    def __init__(
        self,
        contact_tol_bh: float = 0.015,
        ground_window_s: float = 1.0,
        cutoff_hz: float = 8.0,
        min_stance_ms: float = 60.0,
        min_swing_ms: float = 100.0,
        max_extrapolation_ms: float = 150.0,
        ground_percentile: float = 65.0,
    ) -> None:
        self.contact_tol_bh = contact_tol_bh
        self.ground_window_s = ground_window_s
        self.cutoff_hz = cutoff_hz
        self.min_stance_ms = min_stance_ms
        self.min_swing_ms = min_swing_ms
        self.max_extrapolation_ms = max_extrapolation_ms
        self.ground_percentile = ground_percentile

    def detect(self, series: KeypointSeries, body_height_px: float) -> GroundContactDetector:
        """Find contacts and toe-offs in ``series``; ``body_height_px`` scales the tolerance."""
        t = series.times_s
        fps = series.fps
        lows = {}
        for side in SIDES:
            y = foot_low_point_y(series, side)
            if np.isfinite(y).sum() < max(4, 0.3 * series.n_frames):
                continue
            lows[side] = lowpass(fill_gaps(y, t), fps, self.cutoff_hz)
        if not lows:
            raise ValueError("no foot is visible in enough frames to find foot contacts")
        both = np.nanmax(np.stack(list(lows.values())), axis=0)
        win = max(3, round(self.ground_window_s * fps))
        rough = percentile_filter(both, self.ground_percentile, size=win, mode="nearest")
        tol = self.contact_tol_bh * body_height_px
        ground = _rolling_nanmedian(np.where(both >= rough - 2 * tol, both, np.nan), win)
        ground = median_filter(fill_gaps(ground, t), size=win, mode="nearest")
        grounds = self._ground_by_foot(series, lows, ground, tol, body_height_px)
        self.ground_y_px_ = grounds
        self.low_point_y_px_ = lows
        self.contacts_, self.toe_offs_, self.stance_masks_ = {}, {}, {}
        shift = self.max_extrapolation_ms / 1000
        gap = np.full(series.n_frames, tol)
        for side in SIDES:
            if side not in lows:
                self.contacts_[side] = np.array([])
                self.toe_offs_[side] = np.array([])
                self.stance_masks_[side] = np.zeros(series.n_frames, dtype=bool)
                continue
            level = grounds[side] - tol
            on = _touch_times(t, lows[side], level, gap, down=True, max_shift_s=shift)
            off = _touch_times(t, lows[side], level, gap, down=False, max_shift_s=shift)
            inside = lambda e: e[(e >= t[0]) & (e <= t[-1])]  # noqa: E731
            on, off = self._clean(inside(on), inside(off))
            self.contacts_[side], self.toe_offs_[side] = on, off
            self.stance_masks_[side] = lows[side] >= level
        return self

    @staticmethod
    def _ground_by_foot(
        series: KeypointSeries,
        lows: dict[str, np.ndarray],
        rolling: np.ndarray,
        tol: float,
        body_height_px: float,
    ) -> dict[str, np.ndarray]:
        """Ground line under each foot: a straight line in image x when the person crosses
        a still camera's view, else the rolling estimate.

        A still camera sees the ground as a line that is usually tilted (camera roll,
        perspective), so the ground under a foot depends on where the foot is, not on
        the time; a time window lags that drift at the ends of the clip. Each foot gets
        its own line: the far foot lands on a strip of ground further from the camera,
        which a camera looking down shows a few pixels higher.
        """
        t = series.times_s
        out = {}
        for side in lows:
            x = fill_gaps(series.joint(f"{side}_ankle")[:, 0], t)
            cand = (lows[side] >= rolling - tol) & np.isfinite(x)
            out[side] = rolling
            if cand.sum() < 10 or np.ptp(x[cand]) < body_height_px:
                continue
            try:
                coef = _robust_line(x[cand], lows[side][cand])
            except np.exceptions.RankWarning:  # degenerate spread: keep the rolling line
                continue
            out[side] = np.polyval(coef, x)
        return out

    def _clean(self, on: np.ndarray, off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pair contacts with toe-offs, dropping phases shorter than the minimums."""
        return clean_intervals(on, off, self.min_stance_ms, self.min_swing_ms)
