"""Saving a balance test and turning one into the answer every page and route shows.

Validation and meaning come from ``backstride.training.balance_test``: a trial of 0 s or
200 s is refused there with a clear sentence, before anything is written, and the
result, the band and the change since the last test are computed here on each read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from backstride.training.balance_plan import (
    BalanceLimit,
    LatestBalance,
    balance_checks_due,
    balance_limit,
)
from backstride.training.balance_test import (
    PROTOCOL,
    BalanceGroup,
    BalanceTestError,
    check_trial,
    compare,
    group_for,
    interpret,
    trial_result,
)
from backstride.training.models import Population
from backstride.training.screening_rules import OLDER_ADULT_AGE
from backstride.web.accounts.models import profile_for
from backstride.web.balance.models import BalancePresent, BalanceSource, BalanceTest, BalanceTrial

NEAR_FALL_MESSAGE = (
    "A near-fall was recorded during this test. Please talk to your physiotherapist "
    "before you repeat the test or make backward walking harder."
)
NOBODY_PRESENT = (
    "The test is only done with someone within reach to steady you: confirm that a "
    "helper was there."
)


def is_older_adult(user: AbstractBaseUser) -> bool:
    """Older adult by the account profile, or by the training profile's group or age."""
    from backstride.web.plans.models import TrainingProfile

    try:
        if Population(profile_for(user).population) == Population.OLDER_ADULT:
            return True
    except ValueError:
        pass
    training = TrainingProfile.objects.filter(user=user).first()
    return training is not None and (
        training.population == Population.OLDER_ADULT or training.age >= OLDER_ADULT_AGE
    )


def default_group(user: AbstractBaseUser) -> BalanceGroup:
    """Older adults compare with the older-adult cut-offs; others have none by default.

    Carter 2019 measured community-dwelling older adults, so the training profile's age
    (65 and over, the screening's older-adult age) counts as well as the chosen group.
    """
    return group_for(Population.OLDER_ADULT if is_older_adult(user) else Population.GENERAL)


def record_test(
    athlete: AbstractBaseUser,
    recorded_by: AbstractBaseUser,
    *,
    trials_s: Sequence[float],
    near_fall: bool,
    present: str,
    helper_confirmed: bool,
    group: str | None = None,
    source: str = BalanceSource.GUIDED,
    taken_on: dt.date,
) -> BalanceTest:
    """Check everything, then save the test and its trials in one transaction.

    Raises BalanceTestError (a ValueError) with a sentence for the person; nothing is
    written in that case.
    """
    if not helper_confirmed or present not in BalancePresent.values:
        raise BalanceTestError(NOBODY_PRESENT)
    try:
        chosen = BalanceGroup(group) if group else default_group(athlete)
    except ValueError:
        names = ", ".join(g.value for g in BalanceGroup)
        raise BalanceTestError(f"group must be one of {names}") from None
    if source not in BalanceSource.values:
        raise BalanceTestError(f"source must be one of {', '.join(BalanceSource.values)}")
    times = []
    for number, seconds in enumerate(trials_s, start=1):
        try:
            times.append(check_trial(seconds))
        except BalanceTestError as exc:
            raise BalanceTestError(f"timed walk {number}: {exc}") from None
    if times:
        trial_result(times)  # the protocol's own checks (e.g. too many trials)
    elif not near_fall:
        raise BalanceTestError("no trial times: time at least one walk of 3 m backward")
    with transaction.atomic():
        test = BalanceTest.objects.create(
            athlete=athlete,
            recorded_by=recorded_by,
            taken_on=taken_on,
            group=chosen.value,
            near_fall=near_fall,
            present=present,
            helper_confirmed=True,
            source=source,
        )
        BalanceTrial.objects.bulk_create(
            BalanceTrial(test=test, number=i, seconds=s) for i, s in enumerate(times, start=1)
        )
    return test


def tests_of(athlete: AbstractBaseUser) -> list[BalanceTest]:
    return list(BalanceTest.objects.filter(athlete=athlete).prefetch_related("trials"))


def _previous_result(test: BalanceTest, history: Sequence[BalanceTest]) -> float | None:
    """The last earlier test's result in the same group (history is newest first)."""
    seen = False
    for other in history:
        if other.pk == test.pk:
            seen = True
            continue
        if seen and other.group == test.group and other.trial_seconds():
            return trial_result(other.trial_seconds()).result_s
    return None


def as_dict(test: BalanceTest, history: Sequence[BalanceTest] | None = None) -> dict[str, Any]:
    """The test as the API and the pages show it: trials, result, meaning, change."""
    history = tests_of(test.athlete) if history is None else history
    times = test.trial_seconds()
    group = BalanceGroup(test.group)
    result = trial_result(times) if times else None
    previous = _previous_result(test, history) if result else None
    change = compare(previous, result.result_s, group) if result and previous else None
    return {
        "id": test.pk,
        "athlete": test.athlete_id,
        "taken_on": test.taken_on.isoformat(),
        "group": group.value,
        "present": test.present,
        "source": test.source,
        "near_fall": test.near_fall,
        "near_fall_message": NEAR_FALL_MESSAGE if test.near_fall else None,
        "trials_s": times,
        "result_s": result.result_s if result else None,
        "complete": bool(result and result.complete),
        "protocol": dataclasses.asdict(PROTOCOL),
        "interpretation": dataclasses.asdict(interpret(result.result_s, group)) if result else None,
        "change": dataclasses.asdict(change) if change else None,
    }


def latest_balance(athlete_id: int) -> LatestBalance | None:
    """The most recent test as the plan rule reads it (None: never tested)."""
    test = BalanceTest.objects.filter(athlete_id=athlete_id).prefetch_related("trials").first()
    if test is None:
        return None
    times = test.trial_seconds()
    return LatestBalance(
        taken_on=test.taken_on,
        group=BalanceGroup(test.group),
        result_s=trial_result(times).result_s if times else None,
        near_fall=test.near_fall,
    )


def plan_limit(athlete_id: int) -> BalanceLimit | None:
    """The limit the latest test puts on the athlete's plan (``training.balance_plan``)."""
    return balance_limit(latest_balance(athlete_id))


def checks_due(athlete: AbstractBaseUser, today: dt.date, until: dt.date) -> tuple[dt.date, ...]:
    """Balance checks due from today to ``until``: for older adults and anyone tested."""
    last = BalanceTest.objects.filter(athlete=athlete).values_list("taken_on", flat=True).first()
    expected = is_older_adult(athlete)
    return balance_checks_due(last, today, until, expected)


def trend(athlete: AbstractBaseUser) -> list[dict[str, Any]]:
    """Every timed test, oldest first, with its band: the points of the trend chart."""
    points = []
    for test in reversed(tests_of(athlete)):
        times = test.trial_seconds()
        if not times:
            continue
        result = trial_result(times).result_s
        meaning = interpret(result, BalanceGroup(test.group))
        points.append(
            {
                "taken_on": test.taken_on,
                "result_s": result,
                "group": test.group,
                "band": meaning.band.value,
                "in_risk_range": meaning.in_risk_range,
                "near_fall": test.near_fall,
                "source": test.source,
            }
        )
    return points
