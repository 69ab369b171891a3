"""Frames the pose pass keeps, shrunk, for the annotated video: one decode, not two.

Decoding a frame costs about as much as drawing and encoding it for annotated.mp4
(3.7 ms a frame for the demo's 1768 x 994 VP9, a third of the render's cost). The
pose pass decodes every frame anyway, so each process keeps its own share of them,
already shrunk to the annotated video's size as I420 (777 kB a frame at 960 x 540),
and the render draws on those instead of decoding the video a second time.

Memory stays bounded: a process keeps at most :data:`BUDGET_BYTES` (about 340 frames,
11 s at 30 fps, per process); past that it stops keeping and the render decodes its
share as before. Large videos (1440p and above) take the shrunk H.264 copy instead
(``pipeline.PROXY_MIN_PIXELS``). The cache lives in the process that ran the pose
pass, so each of the two processes renders the part it extracted, and is emptied as
soon as the render has taken it. It belongs to the thread that ran the pose pass (a
web process may analyse two videos at once in two threads).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

BUDGET_BYTES = 256 * 1024 * 1024


@dataclass
class _Kept:
    path: Path
    first_s: float
    end_s: float  # frames before this time were all kept (inf: to the end)
    frames: list[tuple[float, np.ndarray, float]] = field(default_factory=list)
    used: int = 0
    complete: bool = True


_local = threading.local()


def _get() -> _Kept | None:
    return getattr(_local, "kept", None)


def begin(path: str | Path, first_s: float, end_s: float | None) -> None:
    """Start keeping the frames ``first_s <= t < end_s`` of ``path`` (forgets others)."""
    _local.kept = _Kept(Path(path), first_s, float("inf") if end_s is None else end_s)


def keep(time_s: float, i420: np.ndarray, scale: float) -> None:
    """Keep one frame (I420 at the annotated size, and its scale to the original)."""
    kept = _get()
    if kept is None or not kept.complete:
        return
    if kept.used + i420.nbytes > BUDGET_BYTES:
        kept.complete, kept.frames = False, []  # over budget: the render decodes
        return
    kept.frames.append((time_s, i420, scale))
    kept.used += i420.nbytes


def kept_until(path: str | Path) -> float | None:
    """Where the frames kept from the start of ``path`` end, if they are all there."""
    kept = _get()
    if kept is None or not kept.complete or kept.path != Path(path) or kept.first_s > 0:
        return None
    return kept.end_s


def take(
    path: str | Path, start_s: float | None, end_s: float | None
) -> list[tuple[float, np.ndarray, float]] | None:
    """The kept frames of ``start_s <= t < end_s`` when every one of them was kept,
    else None (the caller decodes). The cache is emptied either way."""
    kept, _local.kept = _get(), None
    lo = 0.0 if start_s is None else start_s
    hi = float("inf") if end_s is None else end_s
    if kept is None or not kept.complete or kept.path != Path(path):
        return None
    if kept.first_s > lo + 1e-6 or kept.end_s < hi - 1e-6:
        return None
    return [f for f in kept.frames if lo - 1e-6 <= f[0] < hi]


def clear() -> None:
    """Forget the kept frames (after a failure, or when they will not be drawn)."""
    _local.kept = None
