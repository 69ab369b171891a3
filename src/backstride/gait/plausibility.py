"""Is the clip's clock real time? Slow-motion footage read at its playback rate.

A phone's slow-motion clip plays, say, 120 captured frames per second at 30 fps, so
every movement takes four times as long as it did. Read at the playback rate, a run at
170 steps/min becomes 42. The legs' shape and the duty factor do not change with the
clock, so the gait label stays right while every time is wrong by the same factor.
People do not run slower than about 120 steps/min (a slow jog is ~140-150) nor walk
slower than about 50 (a very slow stroll is ~70); a rhythm below these for its gait
means the clock is slowed. The factor is not guessed from the rhythm (the person's
real cadence is what we want to measure): the person is asked for it.
"""

from __future__ import annotations

SLOWEST_SPM = {"run": 120.0, "walk": 50.0}
"""Below these cadences a run or a walk is taken for slowed footage."""

FALLBACK_SLOWEST_SPM = 50.0


def slow_motion_warning(gait: str | None, cadence_spm: float | None) -> str | None:
    """A sentence when the rhythm is too slow to be real time, else None."""
    if cadence_spm is None:
        return None
    slowest = SLOWEST_SPM.get(gait or "", FALLBACK_SLOWEST_SPM)
    if cadence_spm >= slowest:
        return None
    label = {"run": "a run", "walk": "a walk"}.get(gait or "", "a person's steps")
    return (
        f"the rhythm is too slow to be real time ({cadence_spm:.0f} steps/min for {label}): "
        "this looks like a slow-motion clip, so times and cadence are not given a verdict; "
        "analyse it again with its slow-motion factor (backstride analyze --slowmo 4 for "
        "120 fps played at 30, or the slow-motion field of the upload form)"
    )
