"""Cuts in an edited clip: where one continuous shot ends and another begins.

Stock footage and edited clips switch shots: the camera angle, distance or scene
changes from one frame to the next. The keypoints show it as the body jumping: the hip
centre moves further between two frames than a person can (more than half a body
height in one frame) or the legs change size at once (a closer or wider shot). Gait
measures across a cut are meaningless (a contact "slides" half a picture), so the
longest continuous shot is analysed and the report says so.

A pose model that grabs someone else for a frame or two makes the same jump and jumps
back; such a blip is not a shot. Pieces shorter than ``min_shot_s`` are dropped, and
neighbours that join up again (the body is where it was before the blip) are one shot.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from backstride.gait._kinematics import pelvis
from backstride.gait.keypoints import KeypointSeries


@dataclass(frozen=True)
class Shots:
    """Continuous shots as ``(first, end)`` frame ranges (end exclusive), in order."""

    ranges: tuple[tuple[int, int], ...]

    @property
    def n_cuts(self) -> int:
        return len(self.ranges) - 1

    def longest(self) -> tuple[int, int]:
        return max(self.ranges, key=lambda r: r[1] - r[0])


def _leg_length(series: KeypointSeries) -> np.ndarray:
    """Hip-knee plus knee-ankle per frame (mean of the sides seen), NaN when unseen."""
    per_side = []
    for side in ("left", "right"):
        hip, knee, ankle = (series.joint(f"{side}_{j}") for j in ("hip", "knee", "ankle"))
        per_side.append(np.linalg.norm(hip - knee, axis=1) + np.linalg.norm(knee - ankle, axis=1))
    stack = np.stack(per_side)
    ok = np.isfinite(stack)
    with np.errstate(invalid="ignore"):
        return np.where(ok.any(axis=0), np.nansum(stack, axis=0) / ok.sum(axis=0), np.nan)


def find_shots(
    series: KeypointSeries,
    body_height_px: float,
    max_jump_bh: float = 0.5,
    max_size_ratio: float = 1.4,
    min_shot_s: float = 0.4,
) -> Shots:
    """Split ``series`` at cuts (see the module docstring)."""
    n = series.n_frames
    hip = pelvis(series)
    legs = _leg_length(series)
    seen = np.flatnonzero(np.isfinite(hip[:, 0]))
    breaks = []
    for a, b in itertools.pairwise(seen):
        jump = float(np.linalg.norm(hip[b] - hip[a])) > max_jump_bh * body_height_px
        ratio = legs[b] / legs[a] if np.isfinite(legs[a]) and np.isfinite(legs[b]) else 1.0
        resized = ratio > max_size_ratio or ratio < 1.0 / max_size_ratio
        if jump or resized:
            breaks.append(int(b))
    pieces = list(zip([0, *breaks], [*breaks, n], strict=True))
    min_frames = max(2, round(min_shot_s * series.fps))
    pieces = [p for p in pieces if p[1] - p[0] >= min_frames]
    if not pieces:
        return Shots(((0, n),))
    merged = [list(pieces[0])]
    for a, b in pieces[1:]:
        prev_end = merged[-1][1] - 1
        if _continuous(hip, legs, prev_end, a, body_height_px, max_jump_bh, max_size_ratio):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return Shots(tuple((a, b) for a, b in merged))


def _continuous(
    hip: np.ndarray,
    legs: np.ndarray,
    end: int,
    start: int,
    body_height_px: float,
    max_jump_bh: float,
    max_size_ratio: float,
) -> bool:
    """Whether the body at ``start`` is where (and as big as) it was at ``end``, allowing
    the distance a person covers in the frames between (a blip dropped in between)."""
    gap = max(start - end, 1)
    near = np.linalg.norm(hip[start] - hip[end]) <= max_jump_bh * body_height_px * gap
    if not np.isfinite(legs[end]) or not np.isfinite(legs[start]):
        return bool(near)
    ratio = legs[start] / legs[end]
    return bool(near and 1.0 / max_size_ratio <= ratio <= max_size_ratio)


def longest_shot(
    series: KeypointSeries, body_height_px: float, min_shot_s: float = 2.0
) -> tuple[KeypointSeries, list[str]]:
    """The longest continuous shot of ``series`` and a sentence when there were cuts.

    When even the longest shot is under ``min_shot_s`` (a tracker flipping between two
    people every second, not an edited clip) nothing is cut: a shot that short holds too
    few steps, and the jump warning of the analysis says what happened.
    """
    shots = find_shots(series, body_height_px)
    a, b = shots.longest()
    if (a, b) == (0, series.n_frames):
        return series, []
    if series.times_s[b - 1] - series.times_s[a] < min_shot_s:
        return series, []
    cut = KeypointSeries(
        series.times_s[a:b], series.xy[a:b], series.score[a:b], series.joints, dict(series.meta)
    )
    t = series.times_s
    if shots.n_cuts == 0:
        return cut, []
    at = ", ".join(f"{t[s]:.2f} s" for s, _ in shots.ranges[1:])
    note = (
        f"the clip switches shots {shots.n_cuts} time(s): the body jumps in the picture at "
        f"{at} (a cut to another shot, or the tracking moved to another person); only the "
        f"longest continuous shot, {t[a]:.2f}-{t[b - 1]:.2f} s, was analysed"
    )
    return cut, [note]
