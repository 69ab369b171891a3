"""Temporal gait parameters from contacts and toe-offs.

Definitions (both feet pooled unless stated): step = contact to the next contact of
either foot; stride = contact to the next contact of the same foot; contact time =
contact to toe-off of that foot; duty factor = contact time / stride time; flight time
= step time - contact time when positive (running), double support when negative
(walking). Cadence is 60 / step time, where step time is the slope of contact time against
step number: the steps counted over each run of walking divided by its span, so a
missed contact does not halve it (the same foot twice in a row counts as two steps) and
a change of pace gives the clip's mean.
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
    step_cadences_spm_
        Cadence over each run of four steps (two strides), in order: how the pace moves
        through the clip (``cadence_range``).
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
        self.step_cadences_spm_ = np.array([])
        times = np.array([s[0] for s in steps])
        if times.size >= self.min_steps:
            step_s, n_steps = self._regular_step_time(times, [s[1] for s in steps])
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

    def _regular_step_time(
        self, times: np.ndarray, sides: list[str] | None = None
    ) -> tuple[float | None, int]:
        """Mean step time: steps counted over each run of walking, divided by its span.

        Each contact gets a step number. Two contacts of different feet are one step
        apart however long it took (a slow step is a slow step: counting it as two would
        inflate cadence when the pace changes); two of the same foot are a stride with
        the other foot's landing missed, about ``round(dt / typical)`` steps. A contact
        less than half a typical step after the last is a spurious second contact of the
        same landing (0 steps). A gap over ``max_gap_steps``
        typical steps is a pause and starts a new run. Cadence is then the total steps
        over the total time of all runs: every contact counts, and a change of pace
        gives the clip's mean, not the pace of whichever stretch is longest (an earlier
        version fitted one straight line and dropped contacts off it, which dropped
        exactly the steps where the pace changed).
        """
        dt = np.diff(times)
        typical = float(np.median(dt))
        if typical <= 0:
            return None, 0
        if sides is None:
            same = np.ones(dt.size, dtype=bool)
        else:
            same = np.array([a == b for a, b in itertools.pairwise(sides)], dtype=bool)
        ratio = np.round(dt / typical)
        steps_in = np.where(dt < 0.5 * typical, 0.0, np.where(same, ratio, 1.0))
        new_run = ratio > self.max_gap_steps
        k = np.concatenate([[0.0], np.cumsum(np.where(new_run, 0, steps_in))])
        run = np.concatenate([[0], np.cumsum(new_run)])
        with np.errstate(divide="ignore", invalid="ignore"):
            per_step = np.where(steps_in > 0, dt / steps_in, np.nan)
        keep = self._trim_short_ends(per_step, run)
        steps = span = 0.0
        for r in np.unique(run[keep]):
            sel = keep & (run == r)
            steps += float(np.ptp(k[sel]))
            span += float(np.ptp(times[sel]))
        if steps <= 0 or span <= 0:
            return None, 0
        self.step_cadences_spm_ = self._windowed_cadences(times[keep], k[keep], run[keep])
        return span / steps, int(steps)

    @staticmethod
    def _trim_short_ends(per_step: np.ndarray, run: np.ndarray, ratio: float = 0.6) -> np.ndarray:
        """Leave out a run's first or last contact when its step is under ``ratio`` of
        the next step inward (``per_step``: each interval over the steps it holds).

        Only the ends move a span-based cadence. A person slows down or stops over a
        step or two, but no one's step is suddenly 40 % shorter than the one beside it:
        such an end contact is a foot misplaced at the image edge or at the clip's cut
        (the real running clip's last landing, half a step early at the frame edge).
        """
        keep = np.ones(run.size, dtype=bool)
        for r in np.unique(run):
            idx = np.flatnonzero(run == r)
            if idx.size < 4:
                continue
            first, second = per_step[idx[0]], per_step[idx[1]]
            last, before = per_step[idx[-2]], per_step[idx[-3]]
            # NaN = a second contact of the same landing: it only stretches the span
            if np.isnan(first) or first < ratio * second:
                keep[idx[0]] = False
            if np.isnan(last) or last < ratio * before:
                keep[idx[-1]] = False
        return keep

    @staticmethod
    def _windowed_cadences(times: np.ndarray, k: np.ndarray, run: np.ndarray) -> np.ndarray:
        """Cadence over each stretch of four steps (two strides) inside a run.

        Four steps hold two of each foot, so a limp (left and right steps of different
        length) does not show as a change of pace, and a contact a frame off moves the
        figure about four times less than it moves a single step.
        """
        out = []
        for r in np.unique(run):
            tr, kr = times[run == r], k[run == r]
            for i in range(tr.size):
                j = np.searchsorted(kr, kr[i] + 4)
                if j < tr.size and kr[j] == kr[i] + 4:
                    out.append(60.0 * 4 / (tr[j] - tr[i]))
        return np.array(out)

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
