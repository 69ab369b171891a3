"""Fixtures for the coaching tests: a coach linked to the owner, and plan/log helpers
that go through the plans and logbook apps' own services (real rows, no fakes)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from backstride.training.screening import QUESTION_IDS
from backstride.web.sharing.models import CoachLink


@pytest.fixture
def coach_client(coach: object) -> Client:
    client = Client()
    client.force_login(coach)
    return client


@pytest.fixture
def link(owner: object, coach: object) -> CoachLink:
    """The owner accepted the coach."""
    return CoachLink.objects.create(coach=coach, athlete=owner)


def give_plan(
    athlete: object, start: dt.date, *, consult: bool = False, weeks: int = 8
) -> object | None:
    """Profile + screening (+ plan unless the screening says consult), via plans' services."""
    from backstride.web.plans import services as plans
    from backstride.web.plans.models import TrainingProfile

    TrainingProfile.objects.create(
        user=athlete, age=40, population="runner", environment="track", sessions_per_week=3
    )
    answers = {question: False for question in QUESTION_IDS}
    if consult:
        answers["chest_pain"] = True
    plans.save_screening(athlete, answers)
    if consult:
        return None
    return plans.create_plan(athlete, athlete, start, weeks)


def log(athlete: object, date: dt.date, **fields: object) -> object:
    """A session outside the plan, saved through the logbook's own validation."""
    from backstride.web.logbook.services import save_log

    data = {"date": date, "rpe": 4, "minutes": 20, **fields}
    return save_log(athlete, athlete, data, timezone.localdate())
