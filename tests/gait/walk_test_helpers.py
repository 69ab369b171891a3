"""Keypoints of a 3 m backward walk test with known start and end frames.

Synthetic: the gait generator's backward walk, held still for ``stand_s`` and then
started with a linear speed ramp (a person accelerates from standing; an instant jump
to walking speed would make the start trivially easy to find). Real: a Bandai Namco
motion-capture backward walk with the person held still on its first frame.

In both, the truth is read from the noise-free keypoints themselves: the start is the
first frame that differs from the standing pose, the end the first frame in which a
heel is over the 3 m line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from backstride.gait.keypoints import KeypointSeries
from backstride.gait.validation._synthetic_parts import BODY_HEIGHT_M, SEG
from backstride.gait.validation.synthetic import GaitSpec, generate

MOCAP = (Path(__file__).resolve().parents[2] / "../shared/data/mocap").resolve()
# Scale of the Bandai side-view CSVs: a least-squares fit of the CSV hip x against the
# BVH hip translation (cm) gives 3.529 px/cm in all four clips (residual 0.3 px).
MOCAP_PX_PER_M = 352.93
MOCAP_FLOOR_Y_PX = 1022.3  # where the fit puts BVH height 0
SYNTH_LEG_M = SEG["thigh"] + SEG["shank"] + SEG["ankle_height"]
_FINE_FPS = 600.0


@dataclass
class Walk:
    series: KeypointSeries  # what the detector gets (noise added when asked)
    clean: KeypointSeries
    start_frame: int
    end_frame: int
    start_line_x: float
    end_line_x: float
    px_per_m: float
    leg_length_m: float


def heel_x(series: KeypointSeries) -> tuple[np.ndarray, np.ndarray]:
    return series.joint("left_heel")[:, 0], series.joint("right_heel")[:, 0]


def _truth(clean: KeypointSeries, facing: int, px_per_m: float, leg_m: float, distance_m=3.0):
    back = -facing
    left, right = heel_x(clean)
    rest = clean.xy[0]
    moved = np.abs(clean.xy - rest).max(axis=(1, 2)) > 1e-9
    start_line = max(left[0] * back, right[0] * back) * back  # the rear heel
    end_line = start_line + back * distance_m * px_per_m
    over = np.flatnonzero(((np.maximum(left * back, right * back)) - end_line * back) >= 0)
    return int(np.flatnonzero(moved)[0]), int(over[0]), start_line, end_line


def _held(xy: np.ndarray, score: np.ndarray, frames: int) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.concatenate([np.repeat(xy[:1], frames, axis=0), xy]),
        np.concatenate([np.repeat(score[:1], frames, axis=0), score]),
    )


def synthetic_walk(
    *,
    stand_s: float = 1.0,
    ramp_s: float = 0.2,
    fps: float = 30.0,
    walk_s: float = 7.0,
    cadence_spm: float = 100.0,
    facing: str = "right",
    noise_px: float = 0.0,
    height_px: float = 400.0,
    seed: int = 0,
) -> Walk:
    """A standing start, a speed ramp, then a steady backward walk past 3 m."""
    fine, _ = generate(
        GaitSpec(
            direction="backward",
            gait="walk",
            cadence_spm=cadence_spm,
            facing=facing,
            fps=_FINE_FPS,
            duration_s=walk_s + 1.0,
            height_px=height_px,
        )
    )
    n = round((stand_s + walk_s) * fps)
    tau = np.arange(n) / fps
    u = np.clip(tau - stand_s, 0.0, None)
    walked = np.where(u < ramp_s, u**2 / (2 * ramp_s), u - ramp_s / 2)
    idx = np.minimum(np.round(walked * _FINE_FPS).astype(int), fine.n_frames - 1)
    xy, score = fine.xy[idx], fine.score[idx]
    clean = KeypointSeries(tau, xy, score, fine.joints, {})
    noisy = xy + np.random.default_rng(seed).normal(0.0, noise_px, xy.shape) if noise_px else xy
    series = KeypointSeries(tau, noisy, score, fine.joints, {})
    px_per_m = height_px / BODY_HEIGHT_M
    sign = 1 if facing == "right" else -1
    start, end, start_line, end_line = _truth(clean, sign, px_per_m, SYNTH_LEG_M)
    return Walk(series, clean, start, end, start_line, end_line, px_per_m, SYNTH_LEG_M)


def hold_first_frame(series: KeypointSeries, stand_s: float = 1.0) -> KeypointSeries:
    """The same frames after ``stand_s`` of standing still in the first pose."""
    xy, score = _held(series.xy, series.score, round(stand_s * series.fps))
    times = np.arange(xy.shape[0]) / series.fps
    return KeypointSeries(times, xy, score, series.joints, dict(series.meta))


def from_standing(series: KeypointSeries, stand_s: float = 1.0) -> Walk:
    """A real walk (facing image-right, walking backward) held still on its first frame."""
    clean = hold_first_frame(series, stand_s)
    hips = (clean.joint("left_hip")[:, 1] + clean.joint("right_hip")[:, 1]) / 2
    leg_m = (MOCAP_FLOOR_Y_PX - float(np.median(hips))) / MOCAP_PX_PER_M
    start, end, start_line, end_line = _truth(clean, 1, MOCAP_PX_PER_M, leg_m)
    return Walk(clean, clean, start, end, start_line, end_line, MOCAP_PX_PER_M, leg_m)


def cut(walk: Walk, after_end_s: float) -> Walk:
    """The same walk, ending ``after_end_s`` after the heel crosses the 3 m line."""
    s = walk.series
    last = min(s.n_frames, walk.end_frame + 1 + round(after_end_s * s.fps))
    part = KeypointSeries(s.times_s[:last], s.xy[:last], s.score[:last], s.joints, dict(s.meta))
    return Walk(**{**walk.__dict__, "series": part, "clean": part})
