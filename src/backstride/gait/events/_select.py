"""Pick the contact detector whose steps a person could actually have taken.

Two detectors see stance differently (the foot's lowest point meeting the ground, or
the foot standing still on it). Neither is always right on real video, but a wrong one
gives steps no person takes: the same foot twice in a row, or step times far from the
legs' rhythm. Counting plausible steps is a judge both detectors can be held to without
any ground truth.

When both explain the same steps, timing decides. A landing is the foot arriving on
the ground *and* stopping there. When a foot lands, both happen within a frame or so,
and the two detectors agree. When the foot glides in low over the floor before it
lands (forward walking: the heel skims the ground at full swing speed), the vertical
rule fires while the foot is still moving and is early by several frames, while the
stillness rule waits for the foot to stop. So on a tie, a later detector whose contacts
come consistently after the incumbent's (median lead above ``max_lead_s``) replaces it:
the incumbent touched down before the foot stopped, which is not a contact.
"""

from __future__ import annotations

import itertools

import numpy as np

GLIDE_LEAD_S = 0.04
"""Median lead above which touching down before the foot stops counts as a glide
(40 ms: more than a frame at 30 fps, far more than the few ms a real landing takes
to stop the foot)."""


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


def median_lead_s(
    early: dict[str, np.ndarray], late: dict[str, np.ndarray], max_gap_s: float
) -> float:
    """Median of how long each ``early`` contact precedes the nearest ``late`` one of the
    same foot (negative when it follows); pairs further apart than ``max_gap_s`` are
    different steps and are ignored. 0 when no pair is close enough."""
    leads = []
    for side, times in early.items():
        other = np.asarray(late.get(side, []), dtype=float)
        if other.size == 0:
            continue
        for t in np.asarray(times, dtype=float):
            nearest = other[np.argmin(np.abs(other - t))]
            if abs(nearest - t) <= max_gap_s:
                leads.append(nearest - t)
    return float(np.median(leads)) if leads else 0.0


def choose_detector(
    candidates: list[dict[str, np.ndarray]],
    step_time_s: float | None,
    max_lead_s: float = GLIDE_LEAD_S,
) -> int:
    """Index of the candidate contact set (first preferred on ties) to trust.

    Each candidate is one detector's ``contacts_``. The first is kept unless another
    explains strictly more steps, or as many steps with contacts that come after the
    incumbent's by more than ``max_lead_s`` in median (the incumbent fired on a glide,
    see the module docstring); so a detector that already works is never swapped for an
    equally good one with a different timing bias of a frame or less.
    """
    scores = [plausible_steps(contacts, step_time_s) for contacts in candidates]
    gap = 0.5 * step_time_s if step_time_s else 0.25
    best = 0
    for i, score in enumerate(scores):
        if score > scores[best] or (
            i != best
            and score == scores[best]
            and median_lead_s(candidates[best], candidates[i], gap) > max_lead_s
        ):
            best = i
    return best
