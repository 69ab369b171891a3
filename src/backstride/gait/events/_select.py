"""Pick the contact detector whose steps a person could actually have taken.

Two detectors see stance differently (the foot's lowest point meeting the ground, or
the foot standing still on it). Neither is always right on real video, but a wrong one
gives steps no person takes: the same foot twice in a row, or step times far from the
legs' rhythm. Counting plausible steps is a judge both detectors can be held to without
any ground truth.
"""

from __future__ import annotations

import itertools

import numpy as np


def plausible_steps(
    contacts: dict[str, np.ndarray], step_time_s: float | None, tolerance: float = 0.35
) -> int:
    """Number of consecutive contact pairs that alternate feet at a believable step time.

    ``step_time_s`` is the expected step time (from the legs' rhythm); without it the
    median interval between contacts stands in. A pair counts when the feet differ and
    the interval is within ``tolerance`` (a share) of the expected step time.
    """
    steps = sorted((float(t), side) for side, ts in contacts.items() for t in ts)
    if len(steps) < 2:
        return 0
    dt = np.diff([s[0] for s in steps])
    ref = step_time_s if step_time_s else float(np.median(dt))
    if not ref or ref <= 0:
        return 0
    good = 0
    for (t0, s0), (t1, s1) in itertools.pairwise(steps):
        if s0 != s1 and abs((t1 - t0) / ref - 1.0) <= tolerance:
            good += 1
    return good


def choose_detector(candidates: list[dict[str, np.ndarray]], step_time_s: float | None) -> int:
    """Index of the candidate contact set (first preferred on ties) to trust.

    Each candidate is one detector's ``contacts_``. The first is kept unless another
    explains strictly more steps, so a detector that already works is never swapped
    for an equally good one with a different timing bias.
    """
    scores = [plausible_steps(contacts, step_time_s) for contacts in candidates]
    best = 0
    for i, score in enumerate(scores):
        if score > scores[best]:
            best = i
    return best
