"""Over-the-shoulder checks from a side view: the head turns, the nose stops leading.

In profile the nose sits well ahead of the ears. When the runner turns the head to
look behind, the nose-ahead-of-ears offset collapses (it can even flip) and the two
ears separate horizontally: turning toward the side nearest the camera sends the near
ear backward and brings the far ear forward. That ear order gives the side. Pose models
still place a hidden ear or nose (with a low score), so positions with any score count.
"""

from __future__ import annotations

import itertools

import numpy as np

from backstride.gait._kinematics import fill_gaps, joint_or_nan, lowpass, midpoint
from backstride.gait.keypoints import KeypointSeries


class HeadTurnShoulderChecks:
    """Detect shoulder checks (time and side) from head keypoints.

    Parameters
    ----------
    turn_threshold
        How far the nose-ahead-of-ears offset must fall, as a fraction of its usual size,
        to count as a head turn (0.5 = half way to facing the camera or away).
    min_duration_ms
        Shorter dips are head bobbing, not a look behind.
    merge_gap_ms
        Dips closer than this are one check.
    cutoff_hz
        Low-pass cut-off for the head signal (head turns take about half a second).

    Attributes
    ----------
    checks_
        ``[(time_s, "left"|"right"|None), ...]`` at the deepest point of each turn.
    turn_signal_
        Per-frame turn amount (0 = profile, 1 = nose level with the ears).
    interval_s_
        Median time between checks (``None`` with fewer than two).
    alternation_
        Share of consecutive checks that switch side (``None`` with fewer than two).
    """

    def __init__(
        self,
        turn_threshold: float = 0.5,
        min_duration_ms: float = 150.0,
        merge_gap_ms: float = 250.0,
        cutoff_hz: float = 4.0,
    ) -> None:
        self.turn_threshold = turn_threshold
        self.min_duration_ms = min_duration_ms
        self.merge_gap_ms = merge_gap_ms
        self.cutoff_hz = cutoff_hz

    def detect(self, series: KeypointSeries, facing_sign: int) -> HeadTurnShoulderChecks:
        """Find checks in ``series`` for a person facing ``facing_sign`` (+1 = image-right)."""
        t = series.times_s
        nose = joint_or_nan(series, "nose", 0.01)
        ears = midpoint(series, "left_ear", "right_ear", 0.01)
        ahead = facing_sign * (nose[:, 0] - ears[:, 0])
        size = np.nanmedian(np.linalg.norm(nose - ears, axis=1)) if np.isfinite(ahead).any() else 0
        self.checks_: list[tuple[float, str | None]] = []
        self.turn_signal_ = np.zeros(series.n_frames)
        self.interval_s_ = self.alternation_ = None
        if not size or not np.isfinite(size) or np.isfinite(ahead).sum() < 0.5 * len(t):
            return self
        baseline = np.nanpercentile(ahead, 75)
        turn = 1.0 - lowpass(fill_gaps(ahead, t), series.fps, self.cutoff_hz) / baseline
        self.turn_signal_ = turn
        above = np.concatenate([[False], turn > self.turn_threshold, [False]])
        starts = np.flatnonzero(~above[:-1] & above[1:])
        ends = np.flatnonzero(above[:-1] & ~above[1:])  # exclusive
        spans: list[list[int]] = []
        for s, e in zip(starts, ends, strict=True):
            if spans and t[s] - t[spans[-1][1] - 1] < self.merge_gap_ms / 1000:
                spans[-1][1] = e
            else:
                spans.append([s, e])
        ear_gap = self._ear_gap(series, facing_sign)
        for s, e in spans:
            if t[e - 1] - t[s] + 1 / series.fps < self.min_duration_ms / 1000:
                continue
            peak = s + int(np.argmax(turn[s:e]))
            gap = ear_gap[s:e]
            gap = gap[np.isfinite(gap)]
            if gap.size >= 0.5 * (e - s):
                side = "right" if np.median(gap) > 0 else "left"
            else:
                side = self._side_from_nose(series, facing_sign, s, e)
            self.checks_.append((float(t[peak]), side))
        if len(self.checks_) >= 2:
            times = np.array([c[0] for c in self.checks_])
            self.interval_s_ = float(np.median(np.diff(times)))
            sides = [c[1] for c in self.checks_]
            switches = [a != b for a, b in itertools.pairwise(sides)]
            self.alternation_ = float(np.mean(switches))
        return self

    @staticmethod
    def _side_from_nose(series: KeypointSeries, facing_sign: int, start: int, end: int) -> str:
        """Fallback when only one ear is tracked: a nose that disappears turned away.

        Turning away from the camera hides the nose, so the look went over the far
        shoulder; a nose that stays visible means the near one. The near side is the
        person's right when they face image-right.
        """
        near, far = ("right", "left") if facing_sign > 0 else ("left", "right")
        hidden = np.median(series.joint_score("nose")[start:end]) < 0.5
        return far if hidden else near

    @staticmethod
    def _ear_gap(series: KeypointSeries, facing_sign: int) -> np.ndarray:
        """Signed ear separation: > 0 when the head is turned toward the person's right.

        Facing image-right the right ear is nearest the camera; turning right swings it
        back (-x) and the left ear forward, so ``facing * (left_x - right_x)`` grows. The
        same expression holds facing left, where every x flips along with the sides.
        """
        left = joint_or_nan(series, "left_ear", 0.01)[:, 0]
        right = joint_or_nan(series, "right_ear", 0.01)[:, 0]
        return facing_sign * (left - right)
