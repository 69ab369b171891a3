"""Other apps' limits on the plan, registered here so ``plans`` imports none of them.

The balance app registers the limit of the latest balance check (see
``training.balance_plan``); ``services._generate`` asks every source on each build and
folds what they return into the screening the engine reads. A registry keeps the app
layering (docs/architecture.md) one-way: the plan's data below, the apps that feed it above.
"""

from __future__ import annotations

from collections.abc import Callable

from backstride.training.balance_plan import BalanceLimit

LimitSource = Callable[[int], BalanceLimit | None]
_SOURCES: dict[str, LimitSource] = {}


def register(name: str, source: LimitSource) -> None:
    """Add (or replace) a source: athlete id -> a limit on their plan, or None."""
    _SOURCES[name] = source


def limits_for(athlete_id: int) -> tuple[BalanceLimit, ...]:
    found = (source(athlete_id) for _, source in sorted(_SOURCES.items()))
    return tuple(limit for limit in found if limit is not None)
