"""Fixtures for the plans tests; the users come from tests/web/conftest.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from backstride.web.plans.models import TrainingPlan
from tests.web.plans.helpers import plan_for


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def owner_plan(owner: object, today: dt.date) -> TrainingPlan:
    """A runner's 8-week plan that started 10 days ago (so some sessions are past)."""
    return plan_for(owner, start=today - dt.timedelta(days=10))
