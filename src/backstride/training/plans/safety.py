"""Safety checklists read before every session, chosen by where the person trains.

A backward fall is the main acute risk of this sport, and it comes from the path (an
obstacle, a pothole, another person) or, on a treadmill, from the belt. So the list is
per environment, plus extra items when a restriction asks for support nearby.
"""

from __future__ import annotations

from backstride.training.models import Environment, Restriction

TREADMILL_START_KMH = (0.8, 1.6)  # 0.5-1.0 mph, the article's starting range

SUPERVISION_CHECK = (
    "Only with your helper or professional present: do not start this session alone."
)

PAIN_CHECK = (
    "Rate your knee pain now, 0-10: if it is above 3, or worse than after your last "
    "session, walk easy or rest today and log it."
)

_COMMON: tuple[str, ...] = (
    "Wear shoes with good grip and cushioning.",
    "Stop on sharp pain, dizziness or if you feel unsteady.",
)

_OPEN_GROUND: tuple[str, ...] = (
    "Walk the route first: it must be clear of obstacles, people and holes.",
    "Look over alternate shoulders every few steps while moving backward.",
    "Use flat, even ground: no trails, no grass with hidden dips, no crowds.",
)

_BY_ENVIRONMENT: dict[Environment, tuple[str, ...]] = {
    Environment.TRACK: (
        *_OPEN_GROUND,
        "Use an outer lane and keep out of the way of faster forward runners.",
    ),
    Environment.FLAT_GROUND: (
        *_OPEN_GROUND,
        "Choose a quiet spot away from traffic, bikes and dogs.",
    ),
    Environment.TREADMILL: (
        "Clip the safety key to your clothing before the belt moves.",
        "Keep the handrails within reach and hold them whenever you need to.",
        "Start the belt at 0.8-1.6 km/h (0.5-1.0 mph) and raise speed only once steady.",
        "Leave at least 2 m of clear floor behind the treadmill.",
    ),
}


def safety_checklist(
    environment: Environment,
    restrictions: tuple[Restriction, ...] = (),
    *,
    support_nearby: bool = False,
    pain_check: bool = False,
) -> tuple[str, ...]:
    """The items to tick before starting, most important first.

    ``support_nearby`` (older adults) asks for handrails or a helper even without a
    restriction, because balance reserve falls with age (Fritz 2013, Laufer 2005).
    ``Restriction.SUPERVISED`` puts :data:`SUPERVISION_CHECK` first on every session.
    ``pain_check`` (knee rehab, low intensity) adds a pain rating before the start: the
    3/10 limit of the pain-monitoring model (Silbernagel et al. 2007) needs a baseline.
    """
    items = list(_BY_ENVIRONMENT[environment])
    if Restriction.SUPERVISED in restrictions:
        # First on the list: a supervised screening allows no session alone.
        items.insert(0, SUPERVISION_CHECK)
    if support_nearby or Restriction.TREADMILL_HANDRAILS in restrictions:
        if environment == Environment.TREADMILL:
            items.append("Hold the handrails for the whole session.")
        else:
            items.append("Train beside a rail or wall, or with a helper within arm's reach.")
    if pain_check:
        items.append(PAIN_CHECK)
    items.extend(_COMMON)
    return tuple(items)
