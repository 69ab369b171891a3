"""Whole-series transforms that keep the keypoints' meaning but change how they are seen."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from backstride.gait.keypoints import KeypointSeries

S = TypeVar("S", bound=KeypointSeries)


def reverse_in_time(series: KeypointSeries) -> KeypointSeries:
    """The same frames played backwards, on a time axis that still starts at 0.

    Backward gait is close to forward gait time-reversed (Winter 1989; Grasso 1998), so a
    real forward recording played backwards is a realistic backward case: the person now
    travels against the way they face, and each toe-off becomes a toe-first landing.
    Foot events and speeds reverse; posture (trunk lean, elbow angle) does not change.
    """
    t = series.times_s
    times = (t[-1] - t[::-1]) if series.n_frames else t.copy()
    meta = dict(series.meta)
    meta["time_reversed"] = not meta.get("time_reversed", False)
    return KeypointSeries(
        times, series.xy[::-1].copy(), series.score[::-1].copy(), series.joints, meta
    )


def to_real_time(series: S, slowmo_factor: float) -> S:
    """A slow-motion clip's keypoints on the real clock: every time divided by the factor.

    A clip captured at 120 fps and played at 30 has ``slowmo_factor`` 4: one second of
    playback is a quarter second of the person's movement. Positions do not change.
    Works for any ``KeypointSeries`` subclass (the video's facts are kept).
    """
    if not slowmo_factor > 0:
        raise ValueError(f"slow-motion factor must be positive (got {slowmo_factor})")
    meta = dict(series.meta)
    meta["slowmo_factor"] = float(slowmo_factor)
    return replace(series, times_s=series.times_s / slowmo_factor, meta=meta)
