"""What the latest balance check does to the plan, and when the next one is due.

A 3-metre backward walk test in its group's risk range (``balance_test.interpret``) is
the same worry as the screening's fall rows: balance that may not hold when stepping
back. So it keeps the plan where the screening's ``supervised`` outcome keeps it:
walking only, handrails, no fast drills, a helper or professional present at every
session. It does not invent a new level; :func:`with_balance_limit` folds the limit
into the ``ScreeningResult`` the plan generator already reads, so ``Session.supervised``,
the safety checklist and ``current_status`` say it on every surface.

A near-fall during the test counts the same (our choice, stated in
docs/balance-test.md): the test stopped because balance was lost. The latest test
decides, so the next test out of the risk range lifts the limit; that is why a repeat
is due every :data:`~backstride.training.balance_test.REPEAT_AFTER_DAYS` days.
Groups without a published cut-off (``other``, multiple sclerosis) never limit the
plan: there is no range to be in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from backstride.training.balance_test import (
    REPEAT_AFTER_DAYS,
    BalanceGroup,
    interpret,
    next_test_due,
)
from backstride.training.models import Clearance, Restriction, ScreeningResult
from backstride.training.screening_rules import SUPERVISED_FALL_LIMITS

RULE_ID = "balance-check"


@dataclass(frozen=True)
class LatestBalance:
    """The one stored test the rule reads: the most recent, whatever its result."""

    taken_on: dt.date
    group: BalanceGroup
    result_s: float | None  # None: no timed walk (stopped after a near-fall)
    near_fall: bool = False


@dataclass(frozen=True)
class BalanceLimit:
    """The limit a balance check puts on the plan, with the sentence that says why."""

    restrictions: tuple[Restriction, ...]
    reason: str
    taken_on: dt.date


def balance_limit(latest: LatestBalance | None) -> BalanceLimit | None:
    """The supervised walking limit when the latest test asks for it, else None."""
    if latest is None:
        return None
    day = latest.taken_on.strftime("%d %b %Y").lstrip("0")
    if latest.near_fall:
        reason = (
            f"A near-fall was recorded in your balance check of {day}: backward walking "
            "only, with a helper or professional beside you, until a check without one."
        )
        return BalanceLimit(SUPERVISED_FALL_LIMITS, reason, latest.taken_on)
    if latest.result_s is None:
        return None
    meaning = interpret(latest.result_s, latest.group)
    if not meaning.in_risk_range:
        return None
    reason = (
        f"Your balance check of {day} ({meaning.result_s:.2f} s for 3 m backward) is in the "
        "range a study linked with falls: backward walking only, with a helper or "
        "professional beside you, until a check out of that range."
    )
    return BalanceLimit(SUPERVISED_FALL_LIMITS, reason, latest.taken_on)


def with_balance_limit(
    screening: ScreeningResult | None, limit: BalanceLimit | None
) -> ScreeningResult | None:
    """The screening the plan is built from, at least ``supervised`` when ``limit`` says so.

    A more cautious screening (consult, urgent) keeps its outcome: the balance check
    only ever adds limits, never lifts one.
    """
    if limit is None:
        return screening
    if screening is None:
        return ScreeningResult(
            Clearance.SUPERVISED, (limit.reason,), limit.restrictions, (), (RULE_ID,)
        )
    clearance = max(screening.clearance, Clearance.SUPERVISED, key=lambda c: c.severity)
    limits = set(screening.restrictions) | set(limit.restrictions)
    return replace(
        screening,
        clearance=clearance,
        reasons=(*screening.reasons, limit.reason),
        restrictions=tuple(r for r in Restriction if r in limits),
        rules=(*screening.rules, RULE_ID),
    )


def balance_checks_due(
    last_taken_on: dt.date | None,
    today: dt.date,
    until: dt.date,
    expected: bool,
) -> tuple[dt.date, ...]:
    """The dates balance checks are due from today to ``until`` (every 4 weeks).

    ``expected``: the person does the test (an older adult, or anyone who has done one
    before); otherwise nothing is scheduled. An overdue check is due today.
    """
    if last_taken_on is None and not expected:
        return ()
    first = max(next_test_due(last_taken_on, today), today)
    dates = []
    day = first
    while day <= until:
        dates.append(day)
        day += dt.timedelta(days=REPEAT_AFTER_DAYS)
    return tuple(dates)
