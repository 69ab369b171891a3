"""The demo athletes have plans and a few varied weeks of logs, and reload cleanly."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.test import Client

from backstride.web.core.demo import load_demo
from backstride.web.logbook.demo import load_demo_training
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans
from backstride.web.plans.models import TrainingPlan

TODAY = dt.date(2026, 3, 20)


def user(name: str) -> object:
    return get_user_model().objects.get(username=name)


def test_each_demo_athlete_gets_a_plan_and_their_story_of_logs(db: None) -> None:
    load_demo()
    written = load_demo_training(TODAY)
    # Sessions fall on days 0, 2 and 4 of each plan week. Ada starts 28 Feb: 9 sessions
    # before 20 March, one missed. Kim starts 24 Feb: 11 sessions; her 10-day story (one
    # missed) is padded with one easy log at the start. Sam starts 3 March: 8, all logged.
    assert written == {"ada": 8, "kim": 10, "sam": 8}
    ada = plans.build_plan(plans.active_plan(user("ada")))
    assert (ada.profile.age, ada.profile.environment.value) == (72, "treadmill")
    assert {r.value for r in ada.restrictions} >= {"walking-only", "treadmill-with-handrails"}
    kim_logs = LogEntry.objects.filter(athlete=user("kim"))
    assert kim_logs.filter(pain__knee=5).count() == 1
    sam_logs = LogEntry.objects.filter(athlete=user("sam"))
    assert sam_logs.filter(near_fall=True).count() == 1
    assert {e.action for e in sam_logs} >= {"progress", "repeat"}


def test_loading_twice_replaces_the_training_instead_of_adding(db: None) -> None:
    load_demo()
    load_demo_training(TODAY)
    before = LogEntry.objects.count()
    load_demo_training(TODAY)
    assert LogEntry.objects.count() == before
    assert TrainingPlan.objects.count() == 3


def test_a_demo_athlete_sees_their_calendar_and_next_session(db: None) -> None:
    load_demo()
    client = Client()
    client.force_login(user("kim"))
    assert client.get("/plans/").status_code == 200
    home = client.get("/home/").content.decode()
    assert 'data-testid="next-session"' in home


def test_the_demo_loads_on_any_weekday_with_kims_pain_five_kept(db: None) -> None:
    load_demo()
    for offset in range(7):  # the weekday decides how many sessions lie in the past
        load_demo_training(TODAY + dt.timedelta(days=offset))
        kim_logs = LogEntry.objects.filter(athlete=user("kim"))
        assert kim_logs.filter(pain__knee=5).count() == 1
        assert LogEntry.objects.filter(athlete=user("sam"), near_fall=True).count() == 1
