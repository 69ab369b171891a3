"""Small builders shared by the gait-engine tests (hand-made series, real-data paths)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backstride.gait.keypoints import KeypointSeries

REAL_OPENPOSE = (
    Path(__file__).resolve().parents[2] / "../shared/data/keypoints/openpose-running-side"
)


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
