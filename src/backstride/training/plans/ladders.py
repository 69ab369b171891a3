"""Speed ladders: where each kind of main set starts, how it steps and where it stops.

Kept apart from the block wording (``sessions``) and the step arithmetic
(``progression``) because these numbers are the ones a coach argues about. Sources and
reasons are in ``docs/science/screening-and-plans.md``; in short:

* Treadmill walking starts in the article's 0.8-1.6 km/h (0.5-1.0 mph) range and rises
  by 0.4 km/h per speed step. Ceilings: older adults 2.8 km/h (fallers walk backward
  below 0.6 m/s = 2.2 km/h, Fritz 2013; healthy older adults are faster), knee rehab and
  other low-intensity plans 3.6 km/h, everyone else 4.0 km/h.
* Off the treadmill walking speeds are nominal paces, used for distance estimates; they
  progress the same way so those estimates keep up with the person.
* On a treadmill nobody jogs before walking at ``BRIDGE_KMH``: brisk backward walking is
  the bridge to the first jog, which then starts at the lowest sensible jog speed.
* Jog and run speeds rise by 0.5 km/h up to a ceiling of about 70 % of an estimated
  easy forward pace, the backward share Sterzing 2016 used; the estimate grows with
  years of forward running.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from backstride.training.plans.progression import Ladder

if TYPE_CHECKING:
    from backstride.training.plans.sessions import Context

WALK_STEP_TREADMILL_KMH = 0.4
JOG_STEP_KMH = 0.5
BRIDGE_KMH = 2.8  # brisk backward walk reached before the first treadmill jog
FIRST_TREADMILL_JOG_KMH = 4.0
FIRST_GROUND_JOG_KMH = 5.5
LOW_JOG_CEILING_KMH = 6.0
MIN_JOG_CEILING_KMH = 6.0
BACKWARD_SHARE_OF_FORWARD = 0.70  # Sterzing et al. 2016
EXPERIENCED_YEARS = 2.0
NOVICE_FORWARD_EASY_KMH = 9.0
FORWARD_GAIN_PER_YEAR_KMH = 0.5
FORWARD_GAIN_YEARS_CAP = 6.0


def forward_easy_kmh(experience_years: float) -> float:
    """A rough easy forward running pace: 9 km/h for a novice, +0.5 km/h a year up to 12.

    Only used to bound backward speeds, so a rough figure is enough; nobody is asked to
    run at it.
    """
    years = min(max(experience_years, 0.0), FORWARD_GAIN_YEARS_CAP)
    return NOVICE_FORWARD_EASY_KMH + FORWARD_GAIN_PER_YEAR_KMH * years


def jog_ceiling_kmh(experience_years: float, *, athlete: bool, low: bool) -> float:
    """The fastest backward jog/run a plan prescribes: ~70 % of easy forward pace.

    Field and court athletes count as at least two years experienced: they already run
    and backpedal in their sport. Low-intensity plans stop at 6 km/h, around the
    backward walk-run transition (Hreljac et al. 2005).
    """
    years = max(experience_years, EXPERIENCED_YEARS) if athlete else experience_years
    raw = BACKWARD_SHARE_OF_FORWARD * forward_easy_kmh(years)
    top = max(MIN_JOG_CEILING_KMH, math.floor(raw * 2) / 2)
    return min(top, LOW_JOG_CEILING_KMH) if low else top


def walk_speeds(ctx: Context) -> tuple[float, ...]:
    """Main-set walking speeds, slowest first."""
    if ctx.treadmill:
        first = 0.8 if ctx.older else (1.2 if ctx.low else 1.6)
        top = 2.8 if ctx.older else (3.6 if ctx.low else 4.0)
        return steps(first, top, WALK_STEP_TREADMILL_KMH)
    if ctx.older:
        return steps(2.5, 3.0, 0.25)
    return steps(3.0, 4.0 if ctx.low else 4.5, 0.5)


def ladder(kind: str, ctx: Context, *, athletic: bool) -> Ladder:
    """Bounds for a main-set kind; lower and slower for walking-dominant or low plans."""
    if kind in ("walk", "walk+jog"):
        reps, top_reps = (4, 6) if ctx.low else ((6, 8) if athletic else (5, 8))
        amount = 45.0 if athletic and not ctx.low else 30.0
        top_amount = 60.0 if ctx.treadmill else (90.0 if ctx.low else 120.0)
        return Ladder(reps, top_reps, amount, 5.0, top_amount, walk_speeds(ctx), stage_steps=1)
    top = ctx.jog_top_kmh
    if kind == "jog":
        if ctx.treadmill:
            speeds = steps(FIRST_TREADMILL_JOG_KMH, top, JOG_STEP_KMH)
            return Ladder(5, 8, 30.0, 5.0, 60.0, speeds, stage_steps=2)
        speeds = steps(FIRST_GROUND_JOG_KMH, top, JOG_STEP_KMH)
        return Ladder(5, 8, 30.0, 10.0, 150.0, speeds, stage_steps=2)
    if kind == "mixed":
        return Ladder(4, 8, 30.0, 5.0, 60.0, steps(6.0, top, JOG_STEP_KMH), stage_steps=2)
    if kind == "agility":
        return Ladder(4, 8, 15.0, 5.0, 30.0, steps(6.0, min(top, 7.5), JOG_STEP_KMH), stage_steps=1)
    raise ValueError(f"unknown main-set kind: {kind}")


def steps(first: float, top: float, step: float) -> tuple[float, ...]:
    """``first``, ``first + step``, ... up to ``top`` (at least ``first`` alone)."""
    count = max(1, math.floor((top - first) / step + 1e-9) + 1)
    return tuple(round(first + i * step, 2) for i in range(count))
