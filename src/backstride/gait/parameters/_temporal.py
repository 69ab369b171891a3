"""Temporal gait parameters from contacts and toe-offs.

Definitions (both feet pooled unless stated): step = contact to the next contact of
either foot; stride = contact to the next contact of the same foot; contact time =
contact to toe-off of that foot; duty factor = contact time / stride time; flight time
= step time - contact time when positive (running), double support when negative
(walking). Cadence counts steps per minute over the analysed span, so a missed contact
does not halve it: a gap of about two step times counts as two steps.
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
        Gaps between contacts longer than this many typical step times are pauses
        (turns, stops, lost tracking) and are left out of cadence.
    min_steps
        Fewer steps than this and no value is reported.

    Attributes
    ----------
    cadence_spm_, step_time_s_, stride_time_s_, contact_time_s_, flight_time_s_,
    double_support_s_, duty_factor_
        Medians over the recording; ``None`` when they cannot be measured.
    contact_time_by_side_s_, step_time_by_side_s_
        Per side (step time keyed by the foot that lands at its end).
    contact_symmetry_pct_, step_symmetry_pct_
        Symmetry indices (0 = even).
    n_steps_
        Number of steps counted in the cadence.
    """

    def __init__(self, max_gap_steps: float = 2.5, min_steps: int = 4) -> None:
        self.max_gap_steps = max_gap_steps
        self.min_steps = min_steps

    def calculate(
        self, strides: dict[str, np.ndarray], steps: list[tuple[float, str]]
    ) -> TemporalParameters:
        """Compute from ``strides`` (per side ``[contact, toe_off, next]``) and ``steps``."""
        self.cadence_spm_ = self.step_time_s_ = self.stride_time_s_ = None
        self.contact_time_s_ = self.flight_time_s_ = self.double_support_s_ = None
        self.duty_factor_ = None
        self.n_steps_ = 0
        times = np.array([s[0] for s in steps])
        if times.size >= self.min_steps:
            dt = np.diff(times)
            typical = float(np.median(dt))
            use = dt <= self.max_gap_steps * typical
            counted = np.maximum(1, np.round(dt[use] / typical))
            self.n_steps_ = int(counted.sum())
            if self.n_steps_ >= self.min_steps and typical > 0:
                self.cadence_spm_ = float(60.0 * counted.sum() / dt[use].sum())
                self.step_time_s_ = 60.0 / self.cadence_spm_
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
