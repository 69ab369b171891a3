"""Small geometric helpers shared by the direction, event and parameter families.

Kept private and dependency-free (numpy/scipy only) so every algorithm measures
positions, angles and body size the same way. Image frame: x right, y **down**.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import butter, sosfiltfilt

from backstride.gait.keypoints import KeypointSeries

# Segment lengths as fractions of standing height (Winter's anthropometric table):
# shoulder-hip 0.288, hip-knee 0.245, knee-ankle 0.246 -> 0.779 of height together.
_TRUNK_LEG_FRACTION = 0.779
_LEG_FRACTION = 0.491


def joint_or_nan(series: KeypointSeries, name: str, min_score: float = 0.0) -> np.ndarray:
    """Positions ``(F, 2)`` of a joint with low-confidence frames blanked to NaN."""
    xy = series.joint(name).copy()
    if series.has(name) and min_score > 0:
        xy[series.joint_score(name) < min_score] = np.nan
    return xy


def midpoint(series: KeypointSeries, a: str, b: str, min_score: float = 0.0) -> np.ndarray:
    """Mid-point of two joints; falls back to whichever one is visible in a frame."""
    pa, pb = joint_or_nan(series, a, min_score), joint_or_nan(series, b, min_score)
    both = np.stack([pa, pb])
    out = np.full_like(pa, np.nan)
    seen = ~np.all(np.isnan(both), axis=(0, 2))
    out[seen] = np.nanmean(both[:, seen, :], axis=0)
    return out


def pelvis(series: KeypointSeries) -> np.ndarray:
    """Hip mid-point, the body's reference point for foot motion."""
    return midpoint(series, "left_hip", "right_hip")


def included_angle_deg(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Angle at ``b`` between ``b->a`` and ``b->c`` in degrees (180 = straight limb)."""
    u, v = a - b, c - b
    dot = np.sum(u * v, axis=-1)
    norm = np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = np.clip(dot / norm, -1.0, 1.0)
    return np.degrees(np.arccos(cos))


def angle_from_vertical_deg(lower: np.ndarray, upper: np.ndarray, facing_sign: int) -> np.ndarray:
    """Tilt of ``lower -> upper`` from straight up; + when leaning toward the facing side."""
    d = upper - lower
    return np.degrees(np.arctan2(d[..., 0] * facing_sign, -d[..., 1]))


def segment_below_angle_deg(top: np.ndarray, bottom: np.ndarray, facing_sign: int) -> np.ndarray:
    """Tilt of a hanging segment ``top -> bottom`` from straight down; + toward the facing side."""
    d = bottom - top
    return np.degrees(np.arctan2(d[..., 0] * facing_sign, d[..., 1]))


def body_height_px(series: KeypointSeries) -> float:
    """Standing height in pixels from median trunk and leg segment lengths.

    Segment lengths barely change with posture, unlike head-to-ankle distance, so the
    estimate holds while the person runs, leans or bends the knees. When no shoulder is
    in the picture (treadmill clips filmed hips to feet, marker sets on the legs only)
    the two leg segments alone size the body (0.491 of standing height): coarser, as
    people's leg share of height varies by a few per cent, but every tolerance that
    uses it is a share of a body height, never a fine measure.
    """
    lengths, legs_only = [], []
    for side in ("left", "right"):
        sh, hip = series.joint(f"{side}_shoulder"), series.joint(f"{side}_hip")
        kn, an = series.joint(f"{side}_knee"), series.joint(f"{side}_ankle")
        seg = [np.linalg.norm(sh - hip, axis=1), np.linalg.norm(hip - kn, axis=1)]
        seg.append(np.linalg.norm(kn - an, axis=1))
        med = [np.nanmedian(s) if np.any(np.isfinite(s)) else np.nan for s in seg]
        if all(np.isfinite(med)):
            lengths.append(sum(med))
        elif all(np.isfinite(med[1:])):
            legs_only.append(sum(med[1:]))
    if lengths:
        return float(np.mean(lengths) / _TRUNK_LEG_FRACTION)
    if legs_only:
        return float(np.mean(legs_only) / _LEG_FRACTION)
    raise ValueError("cannot size the body: hips, knees and ankles are not visible")


def upper_body_in_picture(series: KeypointSeries, min_share: float = 0.3) -> bool:
    """Whether a shoulder is seen (score >= 0.3) in at least ``min_share`` of the frames.

    A clip filmed hips to feet has no trunk, arms or head to judge; the cues that need
    them say so instead of reading a few stray detections at the frame's top edge.
    """
    seen = np.zeros(series.n_frames, dtype=bool)
    for side in ("left", "right"):
        name = f"{side}_shoulder"
        if series.has(name):
            seen |= np.isfinite(joint_or_nan(series, name, 0.3)[:, 0])
    return bool(seen.mean() >= min_share) if series.n_frames else False


def fill_gaps(values: np.ndarray, times_s: np.ndarray) -> np.ndarray:
    """Linearly interpolate NaNs along the first axis (edges hold the nearest value)."""
    out = np.array(values, dtype=float, copy=True)
    flat = out.reshape(out.shape[0], -1)
    for k in range(flat.shape[1]):
        col = flat[:, k]
        ok = np.isfinite(col)
        if ok.sum() >= 2 and not ok.all():
            col[~ok] = np.interp(times_s[~ok], times_s[ok], col[ok])
    return out


def lowpass(values: np.ndarray, fps: float, cutoff_hz: float) -> np.ndarray:
    """Zero-phase 2nd-order Butterworth low-pass along time; NaN columns are left alone."""
    if not np.isfinite(fps) or cutoff_hz >= 0.45 * fps or values.shape[0] < 13:
        return values
    sos = butter(2, cutoff_hz, fs=fps, output="sos")
    out = np.array(values, dtype=float, copy=True)
    flat = out.reshape(out.shape[0], -1)
    for k in range(flat.shape[1]):
        col = flat[:, k]
        if np.all(np.isfinite(col)):
            flat[:, k] = sosfiltfilt(sos, col)
    return out


def interp_at(times_s: np.ndarray, values: np.ndarray, t: float) -> np.ndarray | float:
    """Value of a sampled signal at time ``t`` by linear interpolation (any trailing shape)."""
    i = int(np.clip(np.searchsorted(times_s, t) - 1, 0, len(times_s) - 2))
    w = (t - times_s[i]) / (times_s[i + 1] - times_s[i])
    w = float(np.clip(w, 0.0, 1.0))
    return values[i] * (1 - w) + values[i + 1] * w


def nanmedian_or_none(values: np.ndarray) -> float | None:
    """Median of the finite values, or ``None`` when there are none (never a made-up value)."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    return float(np.median(v)) if v.size else None
