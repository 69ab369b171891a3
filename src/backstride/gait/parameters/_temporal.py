"""Temporal gait parameters from contacts and toe-offs.

Definitions (both feet pooled unless stated): step = contact to the next contact of
either foot; stride = contact to the next contact of the same foot; contact time =
contact to toe-off of that foot; duty factor = contact time / stride time; flight time
= step time - contact time when positive (running), double support when negative
(walking). Cadence is 60 / step time, where step time is the slope of contact time against
step number over all contacts: a missed contact does not halve it (a gap of about two
step times counts as two steps) and a contact off the rhythm is dropped.
"""

from __future__ import annotations

import itertools

import numpy as np

from backstride.gait.consts import SIDES


def _median_or_none(values: list[float] | np.ndarray) -> float | None:
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    return float(np.median(v)) if v.size else None


def symmetry_index_pct(left: float | None, right: float | None) -> float | None:
    """Robinson symmetry index: 100 * |L - R| / mean(L, R); 0 = perfectly even."""
    if left is None or right is None or left + right == 0:
        return None
    return float(100.0 * abs(left - right) / ((left + right) / 2))


class TemporalParameters:
    """Cadence, step/stride/contact/flight time, duty factor and left/right symmetry.

    Parameters
    ----------
    max_gap_steps
        Gaps up to this many typical step times count as that many steps (contacts
        missed); longer ones, and intervals far from a whole number of steps, are
        pauses or glitches and are left out of cadence.
    min_steps
        Fewer steps than this and no value is reported.

    Attributes
    ----------
    cadence_spm_, step_time_s_, stride_time_s_, contact_time_s_, flight_time_s_,
    double_support_s_, duty_factor_
        Medians over the recording; ``None`` when they cannot be measured.
    contact_cadence_spm_
        Cadence from the contacts alone (equals ``cadence_spm_`` unless a step time was
        given to ``calculate``).
    contact_time_by_side_s_, step_time_by_side_s_
        Per side (step time keyed by the foot that lands at its end).
    contact_symmetry_pct_, step_symmetry_pct_
        Symmetry indices (0 = even).
    n_steps_
        Number of steps counted in the cadence.
    """

    def __init__(self, max_gap_steps: int = 2, min_steps: int = 4) -> None:
        self.max_gap_steps = max_gap_steps
        self.min_steps = min_steps

    def calculate(
        self,
        strides: dict[str, np.ndarray],
        steps: list[tuple[float, str]],
        step_time_s: float | None = None,
    ) -> TemporalParameters:
        """Compute from ``strides`` (per side ``[contact, toe_off, next]``) and ``steps``.

        ``step_time_s``, when given, is a step time measured another way (the legs'
        rhythm, on short clips); cadence, flight time and double support then use it,
        while ``contact_cadence_spm_`` keeps the contacts' own figure for comparison.
        """
        self.cadence_spm_ = self.step_time_s_ = self.stride_time_s_ = None
        self.contact_time_s_ = self.flight_time_s_ = self.double_support_s_ = None
        self.duty_factor_ = self.contact_cadence_spm_ = None
        self.n_steps_ = 0
        times = np.array([s[0] for s in steps])
        if times.size >= self.min_steps:
            step_s, n_steps = self._regular_step_time(times)
            self.n_steps_ = n_steps
            if step_s is not None and n_steps >= self.min_steps:
                self.contact_cadence_spm_ = 60.0 / step_s
                self.cadence_spm_ = 60.0 / step_s
                self.step_time_s_ = step_s
        if step_time_s is not None:
            self.step_time_s_ = float(step_time_s)
            self.cadence_spm_ = 60.0 / self.step_time_s_
        contact, stride = {}, {}
        for side in SIDES:
            s = strides.get(side, np.empty((0, 3)))
            contact[side] = _median_or_none(s[:, 1] - s[:, 0])
            stride[side] = _median_or_none(s[:, 2] - s[:, 0])
        all_s = np.concatenate([strides.get(side, np.empty((0, 3))) for side in SIDES])
        self.contact_time_by_side_s_ = contact
        if len(all_s) >= 2:
            self.contact_time_s_ = _median_or_none(all_s[:, 1] - all_s[:, 0])
            self.stride_time_s_ = _median_or_none(all_s[:, 2] - all_s[:, 0])
            self.duty_factor_ = self.contact_time_s_ / self.stride_time_s_
            step = self.step_time_s_ or self.stride_time_s_ / 2
            gap = step - self.contact_time_s_
            self.flight_time_s_ = max(gap, 0.0)
            self.double_support_s_ = max(-gap, 0.0)
        self.step_time_by_side_s_ = self._step_by_side(steps)
        self.contact_symmetry_pct_ = symmetry_index_pct(contact["left"], contact["right"])
        self.step_symmetry_pct_ = symmetry_index_pct(
            self.step_time_by_side_s_["left"], self.step_time_by_side_s_["right"]
        )
        return self

    def _regular_step_time(self, times: np.ndarray) -> tuple[float | None, int]:
        """Step time as the slope of contact time against step number.

        Each contact gets a step number (a gap of about two typical steps = one contact
        missed; a longer gap starts a new run); the slope of a straight line through all
        contacts (shared across runs) uses every contact, not just the first and last, and
        contacts that sit off the line by a quarter step or more are dropped and refitted.
        """
        dt = np.diff(times)
        typical = float(np.median(dt))
        if typical <= 0:
            return None, 0
        steps_in = np.round(dt / typical)  # 0 = a spurious extra contact, same step
        new_run = steps_in > self.max_gap_steps
        k = np.concatenate([[0.0], np.cumsum(np.where(new_run, 0, steps_in))])
        run = np.concatenate([[0], np.cumsum(new_run)])
        slope = typical  # start from the median interval, robust to one bad contact
        keep = np.ones(times.size, dtype=bool)
        for _ in range(3):
            resid = np.empty_like(times)
            for r in np.unique(run):
                sel = run == r
                resid[sel] = times[sel] - slope * k[sel]
                resid[sel] -= np.median(resid[sel])
            keep = np.abs(resid) < 0.25 * slope
            fitted = self._pooled_slope(k[keep], times[keep], run[keep])
            if fitted is None:
                return None, 0
            slope = fitted
        n = sum(int(np.ptp(k[keep & (run == r)])) for r in np.unique(run[keep]))
        return float(slope), n

    @staticmethod
    def _pooled_slope(k: np.ndarray, t: np.ndarray, run: np.ndarray) -> float | None:
        """Least-squares slope of ``t`` on ``k`` with one intercept per run."""
        num = den = 0.0
        for r in np.unique(run):
            sel = run == r
            kc, tc = k[sel] - k[sel].mean(), t[sel] - t[sel].mean()
            num += float(kc @ tc)
            den += float(kc @ kc)
        return num / den if den > 0 else None

    def _step_by_side(self, steps: list[tuple[float, str]]) -> dict[str, float | None]:
        """Median step time ending with each foot's contact (alternating pairs only)."""
        out: dict[str, list[float]] = {side: [] for side in SIDES}
        for (t0, s0), (t1, s1) in itertools.pairwise(steps):
            if s0 != s1:
                out[s1].append(t1 - t0)
        typical = _median_or_none(out["left"] + out["right"])
        return {
            side: _median_or_none([d for d in v if typical and d <= self.max_gap_steps * typical])
            for side, v in out.items()
        }
