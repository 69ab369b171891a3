"""Energy cost of backward walking and running, relative to forward at the same speed.

Why a model and not a table: no published ACSM-style equation for backward locomotion
was retrievable, only backward/forward ratios at a few speeds. So the forward cost
comes from the ACSM metabolic equations and the backward/forward ratio is applied to
the **net** cost (oxygen uptake above the resting 3.5 ml/kg/min): the studies behind the
ratios compare the cost of moving (Hreljac 2005 subtracts standing VO2 explicitly), and
going backward does not raise the cost of being alive:

    backward VO2 = 3.5 + ratio x (forward VO2 - 3.5)

- running and jogging: 1.35, range 1.29-1.41 (Wright & Weyand 2001: +35 +- 6 % at
  3.0 m/s; Rasica et al. 2020: +35 % at every gradient);
- walking: a ratio that rises with speed, a monotone cubic (PCHIP) through anchors
  re-derived from the papers (``WALK_ANCHORS``, each with its source and a low-high range
  where the studies, or their readings, disagree); held at the end values outside them;
- drills (marching, heel flicks, shuffles) are costed as backward *walking* at the
  block's pace: no study measured them, and the running equation made gentle marching
  cost as much as a jog.

Every result carries the central value and a low/high range from the anchors' ranges.
``session_view`` is the one function that turns a session into the figures a person
sees (kcal, cost relative to forward); pages and commands call it, never the parts.
Sources, derivations and grades: docs/science/adaptation-load-energy.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from scipy.interpolate import PchipInterpolator

from backstride.training.models import Block, Direction, Mode, Session

REST_VO2 = 3.5  # ml/kg/min, 1 MET (ACSM)
KCAL_PER_MET_KG_MIN = 3.5 / 200.0
MAX_SPEED_KMH = 30.0
MASS_RANGE_KG = (20.0, 300.0)
DEFAULT_MASS_KG = 70.0


@dataclass(frozen=True)
class Ratio:
    """A backward/forward ratio of NET cost with the range the sources allow."""

    central: float
    low: float
    high: float


@dataclass(frozen=True)
class Anchor:
    """One walking anchor: speed, net ratio (central, low, high) and where it comes from."""

    speed_ms: float
    ratio: Ratio
    source: str


# Backward running: Wright & Weyand 2001 (+35 +- 6 %, mean +- SEM, 3.0 m/s, net metabolic
# rate) and Rasica et al. 2020 (+35 % cost of transport at 0-25 % gradient).
RUN_RATIO = Ratio(1.35, 1.29, 1.41)

# Backward walking anchors (net ratios; derivations in docs/science/adaptation-load-energy.md).
WALK_ANCHORS: tuple[Anchor, ...] = (
    Anchor(1.12, Ratio(1.40, 1.22, 1.60), "Hooper et al. 2004; incline study DBpia NODE08826885"),
    Anchor(1.56, Ratio(1.52, 1.52, 1.87), "Compendium, Ainsworth et al. 2011; ACSM"),
    Anchor(1.79, Ratio(2.47, 2.19, 2.75), "Flynn et al. 1994; ACSM"),
    Anchor(1.85, Ratio(2.70, 2.58, 2.82), "Hreljac et al. 2005; Wright & Weyand 2001; ACSM"),
)
WALK_ANCHORS_MS: tuple[tuple[float, float], ...] = tuple(
    (a.speed_ms, a.ratio.central) for a in WALK_ANCHORS
)

# Speeds used when a planned block has none (project's assumptions, see the docs page).
# The one source: the energy estimate costs such a block at this speed, and the player
# times a block given only in metres at it (web/player/constants.py renders it).
DEFAULT_SPEED_KMH: dict[Mode, float] = {
    Mode.WALK: 3.6,  # about 1.0 m/s, KU-HAR backward walk (20 m in about 20 s)
    Mode.JOG: 6.0,  # about the preferred backward walk-run transition, Hreljac 2005
    Mode.RUN: 8.0,  # about 70 % of a 11-12 km/h forward run, Sterzing 2016 protocol
    Mode.DRILL: 3.0,  # a slow march: drills are costed as walking
}
_ACSM_SLOPE = {"walk": 0.1, "run": 0.2}


@dataclass(frozen=True)
class EnergyEstimate:
    """Estimated cost of backward work, with the forward speed that would cost the same.

    ``ratio_to_forward`` is gross backward cost over gross forward cost (what a person
    reads as "x forward"); ``net_ratio`` is the model's backward/forward ratio of the
    cost above rest. ``*_low`` and ``*_high`` carry the range of the sources.
    """

    ratio_to_forward: float
    kcal: float
    kcal_per_min: float
    forward_equivalent_speed_kmh: float
    met: float
    notes: tuple[str, ...]
    net_ratio: float = 1.0
    kcal_low: float = 0.0
    kcal_high: float = 0.0
    ratio_low: float = 1.0
    ratio_high: float = 1.0


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
    """ACSM equation family: drills are walking-paced (marching, heel flicks, shuffles)."""
    return "run" if mode in (Mode.JOG, Mode.RUN) else "walk"


@cache
def _walk_curves() -> tuple[PchipInterpolator, PchipInterpolator, PchipInterpolator]:
    speeds = [a.speed_ms for a in WALK_ANCHORS]
    return tuple(  # type: ignore[return-value]
        PchipInterpolator(speeds, [getattr(a.ratio, part) for a in WALK_ANCHORS])
        for part in ("central", "low", "high")
    )


def net_ratio(speed_kmh: float, mode: Mode) -> Ratio:
    """Backward / forward NET cost (above rest) at the same speed and mode, with its range."""
    _check_speed(speed_kmh)
    mode = _check_mode(mode)
    if _gait(mode) == "run":
        return RUN_RATIO
    speed_ms = speed_kmh / 3.6
    lowest, highest = WALK_ANCHORS[0], WALK_ANCHORS[-1]
    if speed_ms <= lowest.speed_ms:
        return lowest.ratio
    if speed_ms >= highest.speed_ms:
        return highest.ratio
    central, low, high = (float(curve(speed_ms)) for curve in _walk_curves())
    # Three separate cubics can cross by a hair next to an anchor where low = central.
    return Ratio(central, min(low, central), max(high, central))


def backward_cost_ratio(speed_kmh: float, mode: Mode) -> float:
    """The central net backward/forward ratio (a model, see the module doc)."""
    return net_ratio(speed_kmh, mode).central


def _forward_vo2(speed_kmh: float, gait: str) -> float:
    return _ACSM_SLOPE[gait] * speed_kmh * 1000.0 / 60.0 + REST_VO2


def backward_vo2(forward_vo2: float, ratio: float) -> float:
    """Apply a net ratio: rest stays rest, only the cost of moving is scaled."""
    return REST_VO2 + ratio * (forward_vo2 - REST_VO2)


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
    if gait == "walk" and speed_kmh / 3.6 < WALK_ANCHORS[0].speed_ms:
        notes.append(
            "No study measured backward walking below about 4 km/h; the ratio measured "
            "at 4 km/h is used."
        )
    if gait == "walk" and speed_kmh / 3.6 > WALK_ANCHORS[1].speed_ms:
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
        notes.append("Drills are costed as backward walking at their pace; no study measured them.")
    return notes


def estimate(
    speed_kmh: float, minutes: float, mode: Mode, body_mass_kg: float = DEFAULT_MASS_KG
) -> EnergyEstimate:
    """Energy for ``minutes`` of backward locomotion at a steady ``speed_kmh``."""
    _check_speed(speed_kmh)
    mode = _check_mode(mode)
    _check_mass(body_mass_kg)
    if not isinstance(minutes, int | float) or not math.isfinite(minutes) or minutes < 0:
        raise ValueError(f"minutes must be a number of 0 or more (got {minutes!r})")
    gait = _gait(mode)
    ratio = net_ratio(speed_kmh, mode)
    forward = _forward_vo2(speed_kmh, gait)
    vo2 = backward_vo2(forward, ratio.central)
    met = vo2 / REST_VO2
    per_vo2 = KCAL_PER_MET_KG_MIN * body_mass_kg / REST_VO2  # kcal/min per ml/kg/min
    notes = [
        "A model: forward cost from the ACSM equations, the part above rest times a "
        "published backward ratio; individual cost varies and falls with practice."
    ]
    return EnergyEstimate(
        ratio_to_forward=vo2 / forward,
        kcal=vo2 * per_vo2 * minutes,
        kcal_per_min=vo2 * per_vo2,
        forward_equivalent_speed_kmh=_equivalent_speed_kmh(vo2, gait),
        met=met,
        notes=tuple(notes + _range_notes(speed_kmh, mode)),
        net_ratio=ratio.central,
        kcal_low=backward_vo2(forward, ratio.low) * per_vo2 * minutes,
        kcal_high=backward_vo2(forward, ratio.high) * per_vo2 * minutes,
        ratio_low=backward_vo2(forward, ratio.low) / forward,
        ratio_high=backward_vo2(forward, ratio.high) / forward,
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


def session_energy(session: Session, body_mass_kg: float = DEFAULT_MASS_KG) -> EnergyEstimate:
    """Sum of all timed blocks of a session (rests not counted), each at its own mode and pace.

    ``ratio_to_forward`` is total cost over the cost of the same blocks done forward;
    ``forward_equivalent_speed_kmh`` is the time-weighted mean of the blocks' values.
    """
    _check_mass(body_mass_kg)
    kcal = low = high = forward_kcal = minutes = speed_minutes = 0.0
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
            forward = est.kcal / est.ratio_to_forward
            kcal += est.kcal if backward else forward
            low += est.kcal_low if backward else forward
            high += est.kcal_high if backward else forward
            forward_kcal += forward
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
        net_ratio=math.nan,  # a session mixes modes; only the gross ratio is meaningful
        kcal_low=low,
        kcal_high=high,
        ratio_low=low / forward_kcal,
        ratio_high=high / forward_kcal,
    )


@dataclass(frozen=True)
class EnergyView:
    """The energy figures a person sees for one session, rounded once, here."""

    kcal: int
    kcal_low: int
    kcal_high: int
    ratio: float  # cost relative to the same session done forward, 2 decimals
    ratio_low: float
    ratio_high: float
    assumed_mass: bool
    text: str


def session_view(session: Session, body_mass_kg: float | None) -> EnergyView | None:
    """What the session page (and any command) shows: kcal with range and x forward.

    ``None`` when the session has no timed blocks. Without a body mass 70 kg is used and
    the text says so.
    """
    mass = body_mass_kg if body_mass_kg else DEFAULT_MASS_KG
    found = session_energy(session, mass)
    if found.kcal <= 0:
        return None
    view = EnergyView(
        kcal=round(found.kcal),
        kcal_low=round(found.kcal_low),
        kcal_high=round(found.kcal_high),
        ratio=round(found.ratio_to_forward, 2),
        ratio_low=round(found.ratio_low, 2),
        ratio_high=round(found.ratio_high, 2),
        assumed_mass=not body_mass_kg,
        text="",
    )
    mass_note = " at 70 kg" if view.assumed_mass else ""
    text = (
        f"About {view.kcal} kcal{mass_note} (range {view.kcal_low}-{view.kcal_high}), "
        f"{view.ratio:.2f}x the same session done forward."
    )
    return EnergyView(**{**view.__dict__, "text": text})
