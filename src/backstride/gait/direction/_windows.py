"""The time windows in which facing and travel are read to notice a turn.

Both estimates vote per window, and a window that holds too little of the clip votes on
noise: a last window of a few tenths of a second holds one landing or none, and one
landing's push-off can slide the foot the "wrong" way. So the clip is cut into windows
of ``window_s`` and a remainder shorter than half a window is joined to the window
before it instead of voting on its own. Facing and travel use the same windows, so
their votes stay paired.
"""

from __future__ import annotations

import numpy as np


def time_windows(t0: float, t1: float, window_s: float) -> list[tuple[float, float]]:
    """``(start, end)`` windows covering ``t0``..``t1`` (end exclusive, last inclusive)."""
    starts = list(np.arange(t0, t1 + 1e-9, window_s))
    if len(starts) > 1 and t1 - starts[-1] < 0.5 * window_s:
        starts.pop()
    ends = [*starts[1:], t1 + 1e-9]
    return [(float(a), float(b)) for a, b in zip(starts, ends, strict=True)]
