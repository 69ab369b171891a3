"""The plan listens to the balance check: a risk-range result keeps the plan supervised."""

from __future__ import annotations

import datetime as dt

import pytest

from backstride.training.balance_plan import (
    RULE_ID,
    LatestBalance,
    balance_checks_due,
    balance_limit,
    with_balance_limit,
)
from backstride.training.balance_test import BalanceGroup
from backstride.training.models import (
    Clearance,
    Environment,
    Mode,
    Population,
    Profile,
    Restriction,
)
from backstride.training.plans import PlanRefused, generate_plan
from backstride.training.screening import QUESTION_IDS, screen
from backstride.training.screening_rules import SUPERVISED_FALL_LIMITS
from backstride.training.status import SUPERVISED_NOTE, current_status

DAY = dt.date(2026, 3, 2)
OLDER = Profile(age=66, population=Population.OLDER_ADULT, environment=Environment.FLAT_GROUND)
ALL_NO = dict.fromkeys(QUESTION_IDS, False)


def latest(result_s: float | None, group=BalanceGroup.OLDER_ADULT, near_fall=False):
    return LatestBalance(DAY, group, result_s, near_fall)


@pytest.mark.parametrize(
    ("result_s", "group", "limited"),
    [
        (4.49, BalanceGroup.OLDER_ADULT, False),  # between the cut-offs
        (4.50, BalanceGroup.OLDER_ADULT, True),  # at the higher-risk cut-off counts
        (7.00, BalanceGroup.OLDER_ADULT, True),
        (3.00, BalanceGroup.OLDER_ADULT, False),
        (4.19, BalanceGroup.PARKINSON, False),
        (4.20, BalanceGroup.PARKINSON, True),
        (12.0, BalanceGroup.MULTIPLE_SCLEROSIS, False),  # no published cut-off: no range
        (12.0, BalanceGroup.OTHER, False),
    ],
)
def test_only_a_result_in_the_groups_risk_range_limits_the_plan(result_s, group, limited):
    limit = balance_limit(latest(result_s, group))
    assert (limit is not None) is limited
    if limit:
        assert limit.restrictions == SUPERVISED_FALL_LIMITS
        assert f"{result_s:.2f} s" in limit.reason and limit.taken_on == DAY


def test_a_near_fall_limits_the_plan_even_without_a_time_and_no_test_means_no_limit():
    assert balance_limit(latest(None, near_fall=True)) is not None
    assert "near-fall" in balance_limit(latest(2.5, near_fall=True)).reason
    assert balance_limit(latest(None)) is None
    assert balance_limit(None) is None


def test_a_cleared_screening_becomes_supervised_with_the_screenings_own_limits():
    cleared = screen(ALL_NO, OLDER)
    assert cleared.clearance == Clearance.CLEARED
    limited = with_balance_limit(cleared, balance_limit(latest(5.0)))
    assert limited.clearance == Clearance.SUPERVISED
    assert set(limited.restrictions) == set(SUPERVISED_FALL_LIMITS)
    assert limited.rules[-1] == RULE_ID and "5.00 s" in limited.reasons[-1]
    assert with_balance_limit(cleared, None) is cleared


def test_the_limit_never_lifts_a_more_cautious_screening():
    consult = screen({**ALL_NO, "chest_pain": True}, OLDER)
    assert consult.clearance == Clearance.CONSULT
    still = with_balance_limit(consult, balance_limit(latest(5.0)))
    assert still.clearance == Clearance.CONSULT
    with pytest.raises(PlanRefused):
        generate_plan(OLDER, DAY, 8, screening=still)
    # Cleared by a professional: the plan comes, but supervised (the existing rule).
    plan = generate_plan(OLDER, DAY, 8, screening=still, clearance_recorded=True)
    assert plan.clearance == Clearance.SUPERVISED


def test_a_risk_result_keeps_every_session_supervised_walking_and_says_so():
    screening = with_balance_limit(screen(ALL_NO, OLDER), balance_limit(latest(4.8)))
    plan = generate_plan(OLDER, DAY, 12, screening=screening)
    free = generate_plan(OLDER, DAY, 12, screening=screen(ALL_NO, OLDER))
    assert plan.clearance == Clearance.SUPERVISED
    assert Restriction.SUPERVISED in plan.restrictions
    assert all(s.supervised for s in plan.sessions)
    assert not any(s.supervised for s in free.sessions)
    assert not any(b.mode in (Mode.JOG, Mode.RUN) for s in plan.sessions for b in s.blocks)
    assert any(b.mode == Mode.JOG for s in free.sessions for b in s.blocks)  # it did matter
    status = current_status(plan.sessions[0], [], screening=screening, today=DAY)
    assert status.supervised and SUPERVISED_NOTE in status.headline


def test_no_screening_at_all_still_gets_the_supervised_outcome():
    limited = with_balance_limit(None, balance_limit(latest(6.0)))
    assert limited.clearance == Clearance.SUPERVISED and limited.rules == (RULE_ID,)
    assert with_balance_limit(None, None) is None


def test_checks_are_due_every_four_weeks_from_the_last_one():
    today = dt.date(2026, 3, 10)
    until = dt.date(2026, 5, 31)
    assert balance_checks_due(dt.date(2026, 3, 1), today, until, expected=False) == (
        dt.date(2026, 3, 29),
        dt.date(2026, 4, 26),
        dt.date(2026, 5, 24),
    )
    # Overdue: due today. Never tested: today for older adults, nothing for others.
    assert balance_checks_due(dt.date(2026, 1, 1), today, until, True)[0] == today
    assert balance_checks_due(None, today, until, True)[:2] == (today, dt.date(2026, 4, 7))
    assert balance_checks_due(None, today, until, False) == ()
    assert balance_checks_due(None, today, dt.date(2026, 3, 9), True) == ()
