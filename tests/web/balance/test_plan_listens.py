"""The plan listens to the balance check, on every surface that shows the plan.

Real database (SQLite here, PostgreSQL under scripts/pg-test.sh); tests are recorded
through the API, plans built through the plans services, as the pages do.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.test import Client
from django.utils import timezone

from backstride.web.plans import services as plans
from backstride.web.sharing.models import CoachLink
from tests.web.plans.helpers import plan_for

pytestmark = pytest.mark.django_db
URL = "/api/balance-tests"


def record(client: Client, trials, taken_on: dt.date | None = None, **extra) -> dict:
    body = {"trials_s": trials, "present": "helper", "helper_confirmed": True, **extra}
    if taken_on:
        body["taken_on"] = taken_on.isoformat()
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def older_plan(user):
    # 66: young enough that a cleared older adult's plan would add jogging later.
    return plan_for(user, age=66, population="older-adult", environment="flat-ground", weeks=12)


def sessions(client: Client, query: str = "") -> list[dict]:
    data = client.get("/api/plan" + query).json()
    return [s for w in data["weeks"] for s in w["sessions"]]


def test_a_risk_result_keeps_the_plan_supervised_walking_until_a_better_check(owner, owner_client):
    older_plan(owner)
    before = sessions(owner_client)
    assert not any(s["supervised"] for s in before)
    record(owner_client, [4.6, 4.8], group="older-adult")  # 4.70 s: Carter's risk range
    limited = sessions(owner_client)
    assert all(s["supervised"] for s in limited)
    assert [s["uid"] for s in limited] == [s["uid"] for s in before]  # logs keep their session
    plan = plans.build_plan(plans.active_plan(owner))
    assert "supervised" in plan.restrictions and plan.clearance == "supervised"
    assert not any(b.mode in ("jog", "run") for s in plan.sessions for b in s.blocks)
    page = owner_client.get("/plans/").content.decode()
    assert "4.70 s for 3 m backward" in page and "helper or professional" in page
    assert (
        "Only with your helper or professional present"
        in owner_client.get(f"/plans/session/{limited[0]['uid']}/").content.decode()
    )
    # The next check out of the risk range lifts the limit: the latest test decides.
    record(owner_client, [3.4, 3.6], group="older-adult")
    assert not any(s["supervised"] for s in sessions(owner_client))


def test_a_near_fall_during_the_test_limits_the_plan_too(owner, owner_client):
    older_plan(owner)
    record(owner_client, [], near_fall=True)
    assert all(s["supervised"] for s in sessions(owner_client))


def test_a_coach_sees_the_same_limited_plan(owner, owner_client, coach):
    older_plan(owner)
    record(owner_client, [5.0, 5.2])
    CoachLink.objects.create(coach=coach, athlete=owner)
    coach_client = Client()
    coach_client.force_login(coach)
    assert all(s["supervised"] for s in sessions(coach_client, f"?athlete={owner.pk}"))


def test_a_check_is_due_every_four_weeks_on_the_plan_calendar_and_today(owner, owner_client):
    older_plan(owner)
    today = timezone.localdate()
    home = owner_client.get("/home/").content.decode()
    assert 'data-testid="balance-due-card"' in home  # never tested: due today
    record(owner_client, [3.5, 3.7], taken_on=today - dt.timedelta(days=3))
    assert 'data-testid="balance-due-card"' not in owner_client.get("/home/").content.decode()
    due = today + dt.timedelta(days=25)
    month = f"{due.year:04d}-{due.month:02d}"
    page = owner_client.get(f"/plans/?month={month}").content.decode()
    assert f"Balance check due: <strong>{due:%-d %b %Y}</strong>" in page
    assert page.count('data-testid="cal-balance"') >= 1
    record(owner_client, [3.5, 3.7], taken_on=today - dt.timedelta(days=30))  # older one
    assert 'data-testid="balance-due-card"' not in owner_client.get("/home/").content.decode()


def test_a_young_runner_without_a_test_gets_no_due_date(owner, owner_client):
    plan_for(owner)
    assert "Balance check due" not in owner_client.get("/plans/").content.decode()
    assert 'data-testid="balance-due-card"' not in owner_client.get("/home/").content.decode()


def test_the_trend_shows_on_progress_and_in_the_coach_view_and_is_exported(
    owner, owner_client, coach, stranger_client
):
    older_plan(owner)
    today = timezone.localdate()
    record(owner_client, [5.0, 5.2], taken_on=today - dt.timedelta(days=28))
    record(owner_client, [4.0, 4.2])
    page = owner_client.get("/progress/").content.decode()
    assert 'data-testid="chart-balance"' in page and "<svg" in page
    assert "the latest, on" in page and "4.10 s" in page and "Risk range from 4.5 s" in page
    CoachLink.objects.create(coach=coach, athlete=owner)
    coach_client = Client()
    coach_client.force_login(coach)
    coach_page = coach_client.get(f"/coach/athletes/{owner.pk}/").content.decode()
    assert 'data-testid="chart-balance"' in coach_page and "5.10" in coach_page
    assert stranger_client.get(f"/progress/?athlete={owner.pk}").status_code == 404
    archive = zipfile.ZipFile(io.BytesIO(b"".join(owner_client.get("/my-data/export.zip"))))
    names = " ".join(archive.namelist())
    assert "balance_tests" in names and "balance_trials" in names and "balance_videos" in names
