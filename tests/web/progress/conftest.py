"""Fixtures for the progress tests: today's date and a coach linked to the owner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from backstride.web.sharing.models import CoachLink


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def monday(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


@pytest.fixture
def linked_coach_client(owner: object, coach: object) -> Client:
    CoachLink.objects.create(coach=coach, athlete=owner)
    client = Client()
    client.force_login(coach)
    return client
