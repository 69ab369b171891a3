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
about their usual confidence. A trial step time ``T`` scores the mean of
``(-1)^m r(mT)`` over ``m = 1 .. max_lags`` (as many as fit), where ``r`` is the
correlation of ``d`` with itself shifted by the lag: one step turns the legs into their
mirror image (``r = -1``), one stride brings them back (``r = +1``). Half and double
periods score near 0. Odd multiples (3T, 5T ...) score as high as T, so the shortest step
time scoring within ``peak_ratio`` of the best is taken. A coarse search on whole-frame
lags (FFT) is refined below a frame with Brent's method on a cubic-spline copy of ``d``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.interpolate import CubicSpline
from scipy.optimize import minimize_scalar
from scipy.signal import find_peaks

from backstride.gait.keypoints import KeypointSeries

FEET = ("ankle", "heel", "foot_index")
"""Foot points tried in order; the first seen on both legs is used."""


def ankle_gap_px(
    series: KeypointSeries, min_score: float, relative_score: float
) -> tuple[np.ndarray, np.ndarray] | None:
    """Left minus right horizontal foot position over the confidently seen stretch.

    Returns ``(times_s, gap_px)`` from the first to the last frame where both feet score
    at least ``max(min_score, relative_score * typical score of the feet)``, or None.
    Points inside the stretch keep their (filled and smoothed) positions; a lone unsure
    detection at the edge, typically the pose model putting both feet on the same spot,
    is left out instead of bending the rhythm. The bar is relative because pose models
    differ: OpenPose scores a clear ankle ~0.9, MediaPipe may score a far ankle ~0.5.
    """
    for point in FEET:
        left, right = f"left_{point}", f"right_{point}"
        if not (series.has(left) and series.has(right)):
            continue
        gap = series.joint(left)[:, 0] - series.joint(right)[:, 0]
        scores = np.stack([series.joint_score(left), series.joint_score(right)])
        seen = np.isfinite(gap) & (scores.min(axis=0) >= min_score)
        if seen.sum() < 8:
            continue
        bar = max(min_score, relative_score * float(np.median(scores[:, seen])))
        sure = np.flatnonzero(seen & (scores.min(axis=0) >= bar))
        if sure.size < 8:
            continue
        t, g = series.times_s[sure[0] : sure[-1] + 1], gap[sure[0] : sure[-1] + 1]
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
    min_feet_score, relative_feet_score
        A frame bounds the analysed stretch when both feet score at least
        ``max(min_feet_score, relative_feet_score * their median score)``.
    min_gap_swing_bh
        Smallest spread of the ankle gap (10th to 90th percentile, body heights) taken
        as two legs; real steps of even 0.15 body heights swing it by twice that.

    Attributes
    ----------
    cadence_spm_, step_time_s_
        The estimate, or ``None`` when the clip is too short or shows no rhythm.
    score_
        Comb score at the estimate (1 = perfectly repeating mirror-image legs), or None.
    n_steps_
        Step times spanned by the analysed stretch (duration / step time), or 0.
    gap_swing_bh_
        Spread of the ankle gap in body heights when a body height was given, else None.
    """

    def __init__(
        self,
        min_spm: float = 60.0,
        max_spm: float = 260.0,
        min_score: float = 0.5,
        min_overlap_steps: float = 1.0,
        max_lags: int = 6,
        peak_ratio: float = 0.9,
        min_feet_score: float = 0.3,
        relative_feet_score: float = 0.6,
        min_gap_swing_bh: float = 0.1,
    ) -> None:
        self.min_spm = min_spm
        self.max_spm = max_spm
        self.min_score = min_score
        self.min_overlap_steps = min_overlap_steps
        self.max_lags = max_lags
        self.peak_ratio = peak_ratio
        self.min_feet_score = min_feet_score
        self.relative_feet_score = relative_feet_score
        self.min_gap_swing_bh = min_gap_swing_bh

    def estimate(
        self, series: KeypointSeries, body_height_px: float | None = None
    ) -> AnkleGapRhythmCadence:
        """Estimate cadence from ``series`` (gaps filled and smoothed beforehand).

        With ``body_height_px``, feet that barely separate (one leg tracked twice) give
        no value rather than the rhythm of noise.
        """
        self.cadence_spm_ = self.step_time_s_ = self.score_ = self.gap_swing_bh_ = None
        self.n_steps_ = 0
        found = ankle_gap_px(series, self.min_feet_score, self.relative_feet_score)
        if found is None:
            return self
        t, gap = found
        if body_height_px:
            self.gap_swing_bh_ = float(np.ptp(np.percentile(gap, [10, 90])) / body_height_px)
            if self.gap_swing_bh_ < self.min_gap_swing_bh:
                return self
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
        # Interior peaks only: a best score at the edge of the range means the true step
        # time lies beyond what this clip can show, and a nearby wrong one scores high.
        peaks, _ = find_peaks(scores)
        if peaks.size == 0 or scores[peaks].max() <= 0:
            return None
        top = float(scores[peaks].max())
        good = [p for p in peaks if scores[p] >= self.peak_ratio * top]
        return float(trials[min(good)])


@dataclass(frozen=True)
class CadenceChoice:
    """The cadence reported, where it came from, and a warning when the two disagree."""

    spm: float | None
    source: str | None
    """``"contacts"``, ``"leg_rhythm"`` or None."""
    warning: str | None = None


def choose_cadence(
    contacts_spm: float | None,
    contact_steps: int,
    rhythm_spm: float | None,
    min_contact_steps: int = 12,
    max_disagreement_pct: float = 3.0,
    human_spm: tuple[float, float] = (40.0, 300.0),
) -> CadenceChoice:
    """Pick the contact-based or the leg-rhythm cadence.

    Contact timing is trusted from ``min_contact_steps`` steps on: with a contact placed
    about a frame off at random, a fit over 12 steps keeps cadence within about 1 % at
    30 fps, and over a long clip it follows changes of pace that one period averages
    away. Below that the leg rhythm is used, because it draws on every frame and does not
    depend on where heel-first or toes-first landings put the contact. When both exist
    and differ by more than ``max_disagreement_pct`` the choice stands but a warning says
    so (usually missed contacts or a change of pace). A contact figure outside
    ``human_spm`` is no step rate at all (e.g. both feet labelled on one leg) and is
    dropped with a warning.
    """
    if contacts_spm is not None and not human_spm[0] <= contacts_spm <= human_spm[1]:
        rest = choose_cadence(None, 0, rhythm_spm)
        note = (
            f"foot contacts give {contacts_spm:.0f} steps/min, which no person runs or "
            "walks: the foot tracks are unreliable here"
        )
        return CadenceChoice(rest.spm, rest.source, note)
    if contacts_spm is None and rhythm_spm is None:
        return CadenceChoice(None, None)
    if rhythm_spm is None:
        return CadenceChoice(contacts_spm, "contacts")
    if contacts_spm is None:
        return CadenceChoice(rhythm_spm, "leg_rhythm")
    differ = 100.0 * abs(contacts_spm - rhythm_spm) / rhythm_spm
    agree = differ <= max_disagreement_pct
    if contact_steps >= min_contact_steps:
        warning = (
            None
            if agree
            else (
                f"cadence from foot contacts ({contacts_spm:.0f} steps/min) and from the legs' "
                f"rhythm ({rhythm_spm:.0f}) differ by {differ:.0f} %: contacts may have been "
                "missed or the pace changes"
            )
        )
        return CadenceChoice(contacts_spm, "contacts", warning)
    warning = (
        None
        if agree
        else (
            f"foot contacts are irregular in this short clip ({contacts_spm:.0f} steps/min "
            f"against {rhythm_spm:.0f} from the legs' rhythm, {differ:.0f} % apart): cadence "
            "comes from the rhythm, contact-based timings are less certain"
        )
    )
    return CadenceChoice(rhythm_spm, "leg_rhythm", warning)


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
