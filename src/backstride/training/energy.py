"""Energy cost of backward walking and running, relative to forward at the same speed.

Why a model and not a table: no published ACSM-style equation for backward locomotion
was retrievable, only ratios at a few speeds. So the forward cost comes from the ACSM
metabolic equations and is multiplied by a backward/forward ratio:

- running and jogging: a constant 1.35 (Wright & Weyand 2001: +35 +- 6 % at 3.0 m/s;
  Rasica et al. 2020: +35 % at every gradient);
- walking: a ratio that rises with speed, a monotone cubic (PCHIP) through anchor
  points: 1.20 up to 1.12 m/s (Hooper et al. 2004, +17-20 %), 1.40 at 1.56 m/s
  (Compendium 6.0 / 4.3 MET, Ainsworth 2011) and 2.0 at 1.79 m/s (derived from Flynn
  et al. 1994). Outside the anchors the ratio is held at the end values.

ACSM: VO2 (ml/kg/min) = 0.1 x v + 3.5 for walking, 0.2 x v + 3.5 for running, v in
m/min. Backward VO2 = ratio x forward VO2 (gross). MET = VO2 / 3.5 and
kcal/min = MET x 3.5 x kg / 200. The forward-equivalent speed inverts the same-mode
ACSM equation for the backward VO2. See docs/science/adaptation-load-energy.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from scipy.interpolate import PchipInterpolator

from backstride.training.models import Block, Direction, Mode, Session

RUN_RATIO = 1.35
WALK_ANCHORS_MS: tuple[tuple[float, float], ...] = (
    (0.89, 1.20),  # slowest tested backward walking speed (Myatt 1995 range)
    (1.12, 1.20),  # Hooper et al. 2004: +17-20 % at 1.12 m/s
    (1.56, 1.40),  # Compendium 6.0 / 4.3 MET at 3.5 mph
    (1.79, 2.00),  # Flynn et al. 1994, derived: about twice forward at 1.79 m/s
)
REST_VO2 = 3.5  # ml/kg/min, 1 MET
KCAL_PER_MET_KG_MIN = 3.5 / 200.0
MAX_SPEED_KMH = 30.0
MASS_RANGE_KG = (20.0, 300.0)
# Speeds used when a planned block has none, from the backward literature. The one
# source: the energy estimate costs such a block at this speed, and the player times a
# block given only in metres at it (web/player/constants.py renders it into the page).
DEFAULT_SPEED_KMH: dict[Mode, float] = {
    Mode.WALK: 3.6,  # about 1.0 m/s, KU-HAR backward walk (20 m in about 20 s)
    Mode.JOG: 6.0,  # about the preferred backward walk-run transition, Hreljac 2005
    Mode.RUN: 8.0,  # about 70 % of a 11-12 km/h forward run, Sterzing 2016 protocol
    Mode.DRILL: 6.0,
}
_ACSM_SLOPE = {"walk": 0.1, "run": 0.2}


@dataclass(frozen=True)
class EnergyEstimate:
    """Estimated cost of backward work, with the forward speed that would cost the same."""

    ratio_to_forward: float
    kcal: float
    kcal_per_min: float
    forward_equivalent_speed_kmh: float
    met: float
    notes: tuple[str, ...]


def _check_speed(speed_kmh: float) -> None:
    if not isinstance(speed_kmh, int | float) or not math.isfinite(speed_kmh):
        raise ValueError(f"speed must be a number in km/h (got {speed_kmh!r})")
    if not 0 < speed_kmh <= MAX_SPEED_KMH:
        raise ValueError(f"speed must be above 0 and at most 30 km/h (got {speed_kmh:g})")


def _check_mass(body_mass_kg: float) -> None:
    low, high = MASS_RANGE_KG
    if not isinstance(body_mass_kg, int | float) or not math.isfinite(body_mass_kg):
        raise ValueError(f"body mass must be a number in kg (got {body_mass_kg!r})")
    if not low <= body_mass_kg <= high:
        raise ValueError(f"body mass must be between 20 and 300 kg (got {body_mass_kg:g})")


def _check_mode(mode: Mode) -> Mode:
    try:
        return Mode(mode)
    except ValueError:
        known = ", ".join(m.value for m in Mode)
        raise ValueError(f"unknown mode {mode!r} (use one of: {known})") from None


def _gait(mode: Mode) -> str:
    """ACSM equation family: drills are short bounding efforts, costed like running."""
    return "walk" if mode == Mode.WALK else "run"


@cache
def _walk_curve() -> PchipInterpolator:
    speeds, ratios = zip(*WALK_ANCHORS_MS, strict=True)
    return PchipInterpolator(speeds, ratios, extrapolate=False)


def backward_cost_ratio(speed_kmh: float, mode: Mode) -> float:
    """Backward / forward metabolic cost at the same speed and mode (a model, see module doc)."""
    _check_speed(speed_kmh)
    mode = _check_mode(mode)
    if _gait(mode) == "run":
        return RUN_RATIO
    speed_ms = speed_kmh / 3.6
    lowest, highest = WALK_ANCHORS_MS[0], WALK_ANCHORS_MS[-1]
    if speed_ms <= lowest[0]:
        return lowest[1]
    if speed_ms >= highest[0]:
        return highest[1]
    return float(_walk_curve()(speed_ms))


def _forward_vo2(speed_kmh: float, gait: str) -> float:
    return _ACSM_SLOPE[gait] * speed_kmh * 1000.0 / 60.0 + REST_VO2


def _equivalent_speed_kmh(vo2: float, gait: str) -> float:
    return (vo2 - REST_VO2) / _ACSM_SLOPE[gait] * 60.0 / 1000.0


def _range_notes(speed_kmh: float, mode: Mode) -> list[str]:
    speed_m_min = speed_kmh * 1000.0 / 60.0
    gait = _gait(mode)
    notes = []
    if gait == "walk" and not 50 <= speed_m_min <= 100:
        notes.append(
            f"{speed_kmh:g} km/h is outside the 3-6 km/h range the walking equation was "
            "built on; treat the figure as rough."
        )
    if gait == "walk" and speed_kmh / 3.6 > WALK_ANCHORS_MS[-2][0]:
        notes.append(
            "Above about 5.6 km/h backward walking gets much costlier; most people switch "
            "to a backward jog around 5.9 km/h."
        )
    if gait == "run" and speed_m_min < 134:
        notes.append(
            f"{speed_kmh:g} km/h is below the 8 km/h the running equation was built on; "
            "treat the figure as rough."
        )
    if mode == Mode.DRILL:
        notes.append("Drills are costed like backward running at the same speed.")
    return notes


def estimate(
    speed_kmh: float, minutes: float, mode: Mode, body_mass_kg: float = 70.0
) -> EnergyEstimate:
    """Energy for ``minutes`` of backward locomotion at a steady ``speed_kmh``."""
    _check_speed(speed_kmh)
    mode = _check_mode(mode)
    _check_mass(body_mass_kg)
    if not isinstance(minutes, int | float) or not math.isfinite(minutes) or minutes < 0:
        raise ValueError(f"minutes must be a number of 0 or more (got {minutes!r})")
    gait = _gait(mode)
    ratio = backward_cost_ratio(speed_kmh, mode)
    vo2 = ratio * _forward_vo2(speed_kmh, gait)
    met = vo2 / REST_VO2
    kcal_per_min = met * KCAL_PER_MET_KG_MIN * body_mass_kg
    notes = [
        "A model: forward cost from the ACSM equations times a published backward ratio; "
        "individual cost varies and falls with practice."
    ]
    return EnergyEstimate(
        ratio_to_forward=ratio,
        kcal=kcal_per_min * minutes,
        kcal_per_min=kcal_per_min,
        forward_equivalent_speed_kmh=_equivalent_speed_kmh(vo2, gait),
        met=met,
        notes=tuple(notes + _range_notes(speed_kmh, mode)),
    )


def _block_parts(block: Block) -> list[tuple[float, float, Mode, bool]]:
    """(minutes, speed, mode, backward?) for the moving parts of a block; rests excluded."""
    speed = block.speed_kmh or DEFAULT_SPEED_KMH[block.mode]
    per_rep = block.seconds
    if per_rep is None and block.meters is not None:
        per_rep = block.meters / (speed / 3.6)
    backward = block.direction != Direction.FORWARD
    parts = [(float(per_rep or 0.0) * block.repeats / 60.0, speed, block.mode, backward)]
    if block.direction == Direction.MIXED and block.forward_seconds:
        parts.append((block.forward_seconds * block.repeats / 60.0, speed, block.mode, False))
    return [part for part in parts if part[0] > 0]


def session_energy(session: Session, body_mass_kg: float = 70.0) -> EnergyEstimate:
    """Sum of all timed blocks of a session (rests not counted).

    ``ratio_to_forward`` is total cost over the cost of the same blocks done forward;
    ``forward_equivalent_speed_kmh`` is the time-weighted mean of the blocks' values.
    """
    _check_mass(body_mass_kg)
    kcal = forward_kcal = minutes = speed_minutes = 0.0
    notes: list[str] = []
    for block in session.blocks:
        if block.speed_kmh is None and any(_block_parts(block)):
            notes.append(
                f"'{block.name}' has no speed; assumed {DEFAULT_SPEED_KMH[block.mode]:g} km/h."
            )
        for part_minutes, speed, mode, backward in _block_parts(block):
            try:
                est = estimate(speed, part_minutes, mode, body_mass_kg)
            except ValueError as error:
                raise ValueError(f"block '{block.name}': {error}") from None
            ratio = est.ratio_to_forward if backward else 1.0
            part_kcal = est.kcal / est.ratio_to_forward * ratio
            kcal += part_kcal
            forward_kcal += est.kcal / est.ratio_to_forward
            minutes += part_minutes
            equivalent = est.forward_equivalent_speed_kmh if backward else speed
            speed_minutes += equivalent * part_minutes
            notes.extend(n for n in est.notes if n not in notes)
    if minutes == 0:
        return EnergyEstimate(1.0, 0.0, 0.0, 0.0, 0.0, ("The session has no timed blocks.",))
    kcal_per_min = kcal / minutes
    return EnergyEstimate(
        ratio_to_forward=kcal / forward_kcal,
        kcal=kcal,
        kcal_per_min=kcal_per_min,
        forward_equivalent_speed_kmh=speed_minutes / minutes,
        met=kcal_per_min / (KCAL_PER_MET_KG_MIN * body_mass_kg),
        notes=tuple(notes),
    )
