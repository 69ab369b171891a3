"""Small builders shared by the gait-engine tests (hand-made series, real-data paths)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backstride.gait.keypoints import KeypointSeries

REAL_OPENPOSE = (
    Path(__file__).resolve().parents[2] / "../shared/data/keypoints/openpose-running-side"
)

REAL_CADENCE_SPM = 165.7
"""Hand count on the real clip, in the file's own time (frame k at k/30 s).

Both feet's five countable landings (right 5, left 15-16, right 27, left 37, right 48;
the left landing near frame 58 is cut by the image edge) were located from the raw
heel, ankle and toe x positions: a landing is where that point's horizontal speed first
falls below a threshold (5, 10 or 16 px per frame; the pelvis moves ~33 px per frame),
interpolated between frame mid-points (the zero-motion repeat 15-16 is not a stop; see
benchmarks/real_cadence_reference.py). For each of the 9 point x threshold choices, step
time is the least-squares slope of landing frame against step number over all five;
165.7 is their median (range 163.6-166.2). Check by a second event: the ankles pass each
other at frames 9.3, 20.2, 31.2, 42.0, 52.5, which gives 166.4. Frame 16 repeats frame
15 exactly (zero joint motion); if that repeat took no real time, every figure here
would be ~3 steps/min higher. The engine, like this count, works in file time."""


def make_series(times_s: np.ndarray, points: dict[str, np.ndarray]) -> KeypointSeries:
    """A series from ``{joint: (F, 2) positions}``; every given point has score 0.9."""
    names = tuple(points)
    xy = np.stack([np.asarray(points[n], dtype=float) for n in names], axis=1)
    score = np.where(np.isfinite(xy[..., 0]), 0.9, 0.0)
    return KeypointSeries(np.asarray(times_s, dtype=float), xy, score, names)


def constant(n: int, x: float, y: float) -> np.ndarray:
    return np.tile([x, y], (n, 1)).astype(float)


def real_openpose_dir() -> Path:
    """The shared real recording, or skip the test with a clear reason."""
    path = REAL_OPENPOSE.resolve()
    if not path.is_dir():
        pytest.skip(f"real keypoints not found at {path} (shared data folder absent)")
    return path
