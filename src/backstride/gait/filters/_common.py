"""Small helpers shared by the preprocessing filters."""

from __future__ import annotations

import numpy as np

from backstride.gait.keypoints import KeypointSeries


def true_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """``[start, stop)`` index pairs of the runs of True in a 1-D boolean array."""
    padded = np.concatenate([[False], np.asarray(mask, dtype=bool), [False]])
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def body_height_px(series: KeypointSeries, min_points: int = 5) -> float | None:
    """Typical vertical extent of the skeleton (pixels), or None if it cannot be told.

    Median over frames with at least ``min_points`` visible joints of (lowest - highest
    point). Used as the body-size unit so thresholds do not depend on camera distance.
    """
    y = series.xy[..., 1]
    ok = np.isfinite(y)
    enough = ok.sum(axis=1) >= min(min_points, len(series.joints))
    if not enough.any():
        return None
    extent = np.nanmax(y[enough], axis=1) - np.nanmin(y[enough], axis=1)
    value = float(np.median(extent))
    return value if value > 0 else None


def leg_pairs(series: KeypointSeries) -> list[tuple[int, int]]:
    """(left, right) joint indices of the leg points present on both sides."""
    parts = ("hip", "knee", "ankle", "heel", "foot_index")
    return [
        (series.index(f"left_{p}"), series.index(f"right_{p}"))
        for p in parts
        if series.has(f"left_{p}") and series.has(f"right_{p}")
    ]
