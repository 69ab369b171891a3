"""Scoring functions: how close detected gait events and values are to a reference.

Shared by the tests and ``benchmarks/gait_accuracy.py`` so both judge the engine the
same way. Events are matched one-to-one, nearest first, within a tolerance; what is
left over counts as missed (reference) or false (detected).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class EventMatch:
    """Result of matching detected event times to reference times.

    ``errors_s`` are detected minus reference for each matched pair (+ = late).
    """

    errors_s: np.ndarray
    n_reference: int
    n_detected: int

    @property
    def n_matched(self) -> int:
        return int(self.errors_s.size)

    @property
    def n_missed(self) -> int:
        return self.n_reference - self.n_matched

    @property
    def n_false(self) -> int:
        return self.n_detected - self.n_matched

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_reference if self.n_reference else 1.0

    @property
    def mean_abs_error_s(self) -> float:
        return float(np.mean(np.abs(self.errors_s))) if self.n_matched else float("nan")

    @property
    def bias_s(self) -> float:
        return float(np.mean(self.errors_s)) if self.n_matched else float("nan")


def match_events(detected, reference, tolerance_s: float) -> EventMatch:
    """Match two lists of event times one-to-one, closest pairs first, within ``tolerance_s``."""
    det = np.asarray(list(detected), dtype=float)
    ref = np.asarray(list(reference), dtype=float)
    if det.size == 0 or ref.size == 0:
        return EventMatch(np.array([]), int(ref.size), int(det.size))
    diff = det[:, None] - ref[None, :]
    order = np.argsort(np.abs(diff), axis=None)
    used_d, used_r, errors = set(), set(), []
    for flat in order:
        i, j = divmod(int(flat), ref.size)
        if abs(diff[i, j]) > tolerance_s:
            break
        if i in used_d or j in used_r:
            continue
        used_d.add(i)
        used_r.add(j)
        errors.append(diff[i, j])
    return EventMatch(np.array(errors), int(ref.size), int(det.size))


def match_labelled_events(
    detected: list[tuple[float, str | None]],
    reference: list[tuple[float, str]],
    tolerance_s: float,
) -> tuple[int, int, int]:
    """Match labelled events (e.g. shoulder checks with a side).

    Returns ``(found_with_right_label, found_any_label, false_alarms)``.
    """
    det_t = [d[0] for d in detected]
    right = found = 0
    used: set[int] = set()
    for t, label in reference:
        if not det_t:
            break
        cand = [
            (abs(dt - t), i)
            for i, dt in enumerate(det_t)
            if i not in used and abs(dt - t) <= tolerance_s
        ]
        if not cand:
            continue
        _, i = min(cand)
        used.add(i)
        found += 1
        right += int(detected[i][1] == label)
    return right, found, len(detected) - len(used)


def relative_error(measured: float | None, reference: float) -> float:
    """``|measured - reference| / |reference|``; infinite when nothing was measured."""
    if measured is None or not np.isfinite(measured):
        return float("inf")
    return abs(measured - reference) / abs(reference)


def abs_error(measured: float | None, reference: float) -> float:
    """``|measured - reference|``; infinite when nothing was measured."""
    if measured is None or not np.isfinite(measured):
        return float("inf")
    return abs(measured - reference)


def label_accuracy(detected: list[str | None], reference: list[str]) -> float:
    """Share of positions where the labels agree (missing labels count as wrong)."""
    if not reference:
        return float("nan")
    hits = sum(d == r for d, r in zip(detected, reference, strict=False))
    return hits / len(reference)
