"""Cadence from the rhythm of the legs, without any foot event.

Contact-to-contact timing needs many steps: in a 2 s clip with five landings, one contact
placed a frame late moves cadence by about 4 steps/min, and where a contact is placed
depends on how the foot meets the ground (heel or toes first), which differs between
forward and backward running. The horizontal gap between the two ankles swings from one
side to the other once per stride, whatever the direction of travel and the camera's
motion (the pelvis and any pan cancel out in the difference). Its period, read from the
autocorrelation, uses every frame, and an autocorrelation is the same for a signal
played backwards, so a clip and its time reversal give the same cadence.

Method: the ankle gap ``d(t)`` is taken over the stretch where both feet are seen with
confidence and, for a trial step time ``T``, scored as the mean of ``(-1)^m r(mT)`` over
``m = 1 .. max_lags`` (as many as fit), where ``r`` is the correlation of ``d`` with
itself shifted by the lag: one step turns the legs into their mirror image (``r = -1``),
one stride brings them back (``r = +1``). Half and double periods score near 0. Odd
multiples (3T, 5T ...) score as high as T, so the shortest step time scoring within
``peak_ratio`` of the best is taken. A coarse search on whole-frame lags (FFT) is refined
below a frame with Brent's method on a cubic-spline copy of ``d``.
"""

from __future__ import annotations

import numpy as np
from scipy.interpolate import CubicSpline
from scipy.optimize import minimize_scalar
from scipy.signal import find_peaks

from backstride.gait.keypoints import KeypointSeries

FEET = ("ankle", "heel", "foot_index")
"""Foot points tried in order; the first seen on both legs is used."""


def ankle_gap_px(series: KeypointSeries, min_score: float) -> tuple[np.ndarray, np.ndarray] | None:
    """Left minus right horizontal foot position over the confidently seen stretch.

    Returns ``(times_s, gap_px)`` from the first to the last frame where both feet score
    at least ``min_score``, or None. Points inside the stretch keep their (filled and
    smoothed) positions; a lone unsure detection at the edge, typically the pose model
    putting both feet on the same spot, is left out instead of bending the rhythm.
    """
    for point in FEET:
        left, right = f"left_{point}", f"right_{point}"
        if not (series.has(left) and series.has(right)):
            continue
        gap = series.joint(left)[:, 0] - series.joint(right)[:, 0]
        sure = (series.joint_score(left) >= min_score) & (series.joint_score(right) >= min_score)
        sure &= np.isfinite(gap)
        if sure.sum() < 8:
            continue
        a, b = np.flatnonzero(sure)[[0, -1]]
        t, g = series.times_s[a : b + 1], gap[a : b + 1]
        ok = np.isfinite(g)
        if ok.mean() < 0.8:
            continue
        return t, np.interp(t, t[ok], g[ok])
    return None


class AnkleGapRhythmCadence:
    """Cadence from the period of the left-right ankle gap (alternating autocorrelation comb).

    Parameters
    ----------
    min_spm, max_spm
        Range of cadences searched (steps per minute): slow walking to sprinting.
    min_score
        Comb score (0..1) below which the legs show no clear rhythm and no value is given.
    min_overlap_steps
        A lag is used only if the signal and its shifted copy still overlap by this many
        step times; with at least two lags needed, the confident stretch must span
        ``2 + min_overlap_steps`` steps.
    max_lags
        Most lags (multiples of the step time) averaged; bounds the work on long clips.
    peak_ratio
        Shortest step time whose score is at least this fraction of the best wins (picks
        T over 3T).
    min_feet_score
        Detection score both feet need for a frame to bound the analysed stretch.

    Attributes
    ----------
    cadence_spm_, step_time_s_
        The estimate, or ``None`` when the clip is too short or shows no rhythm.
    score_
        Comb score at the estimate (1 = perfectly repeating mirror-image legs), or None.
    n_steps_
        Step times spanned by the analysed stretch (duration / step time), or 0.
    """

    def __init__(
        self,
        min_spm: float = 60.0,
        max_spm: float = 260.0,
        min_score: float = 0.5,
        min_overlap_steps: float = 1.0,
        max_lags: int = 6,
        peak_ratio: float = 0.9,
        min_feet_score: float = 0.5,
    ) -> None:
        self.min_spm = min_spm
        self.max_spm = max_spm
        self.min_score = min_score
        self.min_overlap_steps = min_overlap_steps
        self.max_lags = max_lags
        self.peak_ratio = peak_ratio
        self.min_feet_score = min_feet_score

    def estimate(self, series: KeypointSeries) -> AnkleGapRhythmCadence:
        """Estimate cadence from ``series`` (gaps filled and smoothed beforehand)."""
        self.cadence_spm_ = self.step_time_s_ = self.score_ = None
        self.n_steps_ = 0
        found = ankle_gap_px(series, self.min_feet_score)
        if found is None:
            return self
        t, gap = found
        dt = 1.0 / series.fps
        grid = np.arange(t[0], t[-1] + dt / 2, dt)
        d = np.interp(grid, t, gap)
        d -= d.mean()
        duration = grid[-1] - grid[0]
        lo = 60.0 / self.max_spm
        hi = min(60.0 / self.min_spm, duration / (2.0 + self.min_overlap_steps))
        if np.ptp(d) <= 0 or hi <= lo + dt:
            return self
        best = self._coarse_step_s(d, dt, lo, hi, duration)
        if best is None:
            return self
        spline = CubicSpline(grid, d)

        def score(step_s: float) -> float:
            max_lag = min(self.max_lags * step_s, duration - self.min_overlap_steps * step_s)
            return _comb_score(spline, grid, step_s, max_lag)

        res = minimize_scalar(
            lambda s: -score(s),
            bounds=(max(lo, best - dt), min(hi, best + dt)),
            method="bounded",
            options={"xatol": 1e-6},
        )
        step_s, value = float(res.x), float(-res.fun)
        if value < self.min_score:
            return self
        self.step_time_s_ = step_s
        self.cadence_spm_ = 60.0 / step_s
        self.score_ = value
        self.n_steps_ = int(duration / step_s)
        return self

    def _coarse_step_s(
        self, d: np.ndarray, dt: float, lo: float, hi: float, duration: float
    ) -> float | None:
        """Best step time on a quarter-frame grid from whole-frame correlations (FFT)."""
        r = _frame_autocorrelation(d)
        trials = np.arange(lo, hi, dt / 4)
        scores = np.full(trials.size, -1.0)
        for i, step_s in enumerate(trials):
            max_lag = min(self.max_lags * step_s, duration - self.min_overlap_steps * step_s)
            m = np.arange(1, int(max_lag / step_s + 1e-9) + 1)
            if m.size >= 2:
                lags = m * step_s / dt
                scores[i] = float(np.mean((-1.0) ** m * np.interp(lags, np.arange(r.size), r)))
        top = float(scores.max())
        if top <= 0:
            return None
        peaks, _ = find_peaks(np.concatenate([[-np.inf], scores, [-np.inf]]))
        good = [p - 1 for p in peaks if scores[p - 1] >= self.peak_ratio * top]
        return float(trials[min(good)])


def _frame_autocorrelation(d: np.ndarray) -> np.ndarray:
    """Correlation of ``d`` with itself at each whole-frame lag, normalised per overlap."""
    n = d.size
    spec = np.fft.rfft(d, 2 * n)
    acov = np.fft.irfft(spec * np.conj(spec))[:n]
    energy = np.concatenate([[0.0], np.cumsum(d * d)])
    lag = np.arange(n)
    head = energy[n - lag]  # d[0 : n-lag]
    tail = energy[n] - energy[lag]  # d[lag : n]
    with np.errstate(invalid="ignore", divide="ignore"):
        r = acov / np.sqrt(head * tail)
    return np.nan_to_num(r)


def _comb_score(spline: CubicSpline, grid: np.ndarray, step_s: float, max_lag_s: float) -> float:
    """Mean of ``(-1)^m r(m step)`` over the lags that fit (see the module docstring)."""
    dt = grid[1] - grid[0]
    total, n = 0.0, 0
    m = 1
    while m * step_s <= max_lag_s + 1e-9:
        lag = m * step_s
        # pairs centred in the clip, so playing it backwards pairs the very same samples
        n_pairs = int((grid[-1] - grid[0] - lag) / dt) + 1
        mid = np.linspace(grid[0] + lag / 2, grid[-1] - lag / 2, n_pairs)
        total += (-1) ** m * _pearson(spline(mid - lag / 2), spline(mid + lag / 2))
        n += 1
        m += 1
    return total / n if n >= 2 else -1.0


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    den = float(np.sqrt((a @ a) * (b @ b)))
    return float(a @ b) / den if den > 0 else 0.0
