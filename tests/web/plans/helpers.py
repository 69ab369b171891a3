"""Builders shared by the plans and logbook tests: an onboarded athlete with a plan.

Rows are made through the same service functions the pages use, so a test set-up can
never hold a state the app itself could not reach.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from backstride.training.screening import QUESTION_IDS
from backstride.web.plans import services
from backstride.web.plans.models import TrainingPlan, TrainingProfile

ALL_NO: dict[str, bool] = dict.fromkeys(QUESTION_IDS, False)


def answers(**yes: bool) -> dict[str, bool]:
    return {**ALL_NO, **yes}


def onboard(
    user: object,
    *,
    age: int = 35,
    population: str = "runner",
    environment: str = "track",
    sessions_per_week: int = 3,
    experience: float = 2.0,
) -> TrainingProfile:
    return TrainingProfile.objects.create(
        user=user,
        age=age,
        population=population,
        running_experience_years=experience,
        sessions_per_week=sessions_per_week,
        environment=environment,
        goals=[],
    )


def plan_for(
    user: object,
    *,
    start: dt.date | None = None,
    weeks: int = 8,
    screening: dict[str, bool] | None = None,
    **profile: object,
) -> TrainingPlan:
    """Profile, an all-"no" screening (unless given) and a plan starting ``start``."""
    onboard(user, **profile)
    services.save_screening(user, screening or ALL_NO)
    return services.create_plan(user, user, start or timezone.localdate(), weeks)
