"""One state, one message (issue 9, 6): the same decision text on all five surfaces.

For each state the logs can put a person in (go, hold, step back, pause), the message of
``training.status.current_status``, computed here straight from the engine, must appear
word for word, once, on the home page, the next session's page, its play page, the
calendar and in ``GET /api/next``. Each hold or pause says how to lift it, with a button
that does it where the person may.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.test import Client
from django.utils import timezone

from backstride.training.schedule import next_session
from backstride.training.status import current_status
from backstride.web.logbook import services as logbook
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans
from backstride.web.plans.models import TrainingPlan
from backstride.web.sharing.models import CoachLink
from tests.web.plans.helpers import answers, onboard, plan_for

MESSAGE = re.compile(r'data-testid="status-message"[^>]*>(?:<strong>)?(.*?)<', re.S)

# state -> (the knee pain of one log, the lift the page must offer)
STATES = {
    "go": (None, None),
    "hold": (4, "log-pain-free-session"),
    "step-back": (6, "log-pain-free-session"),
    "paused": (9, "record-professional-review"),
}


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def owner_plan(owner: object, today: dt.date) -> TrainingPlan:
    return plan_for(owner, start=today - dt.timedelta(days=10))


def engine_message(owner: object, row: TrainingPlan, today: dt.date) -> str:
    """The message straight from the domain function, with the stored logs."""
    logs = [e.to_engine() for e in LogEntry.objects.filter(athlete=owner).order_by("date", "id")]
    planned = next_session(plans.build_plan(row), logs, today)
    screening = plans.screening_result(plans.latest_screening(owner))
    return current_status(planned, logs, screening=screening, today=today).message


def shown(page: str) -> list[str]:
    return [html.unescape(m) for m in MESSAGE.findall(page)]


def five_surfaces(client: Client) -> dict[str, tuple[int, str]]:
    nxt = client.get("/api/next").json()
    uid = nxt["planned_uid"]
    pages = {
        "home": client.get("/home/"),
        "session": client.get(f"/plans/session/{uid}/"),
        "play": client.get(f"/plans/session/{uid}/play"),
        "calendar": client.get("/plans/"),
    }
    found = {name: (r.status_code, r.content.decode()) for name, r in pages.items()}
    found["api"] = (200, nxt["status"]["message"])
    return found


@pytest.mark.parametrize("state", sorted(STATES))
def test_every_surface_shows_the_same_message_word_for_word(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date, state: str
) -> None:
    pain, lift = STATES[state]
    if pain is not None:
        uid = plans.build_plan(owner_plan).sessions[0].uid
        logbook.save_log(
            owner, owner, {"session_uid": uid, "rpe": 4, "pain": {"knee": pain}}, today
        )
    expected = engine_message(owner, owner_plan, today)
    surfaces = five_surfaces(owner_client)
    assert surfaces["api"][1] == expected
    assert owner_client.get("/api/next").json()["status"]["state"] == state
    for name in ("home", "session", "play", "calendar"):
        status, page = surfaces[name]
        assert shown(page) == [expected], name
        if state == "paused" and name == "play":
            assert status == 409  # the player stays closed, and says why
        else:
            assert status == 200, name
        if lift and name != "play":
            assert f'data-lift="{lift}"' in page, name
    session_page = surfaces["session"][1]
    assert ("Start session" in session_page) == (state != "paused")


def test_a_paused_athlete_lifts_it_with_a_professionals_review_button(
    owner_client: Client, owner: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    uid = plans.build_plan(owner_plan).sessions[0].uid
    logbook.save_log(owner, owner, {"session_uid": uid, "rpe": 4, "pain": {"knee": 9}}, today)
    home = owner_client.get("/home/").content.decode()
    assert 'data-testid="lift-record-professional-review"' in home
    bad = owner_client.post(
        "/plans/pain-review/",
        {"professional_name": "Dr Lee", "profession": "", "reviewed_on": today.isoformat()},
        follow=True,
    )
    assert "Choose the professional&#x27;s profession from the list." in bad.content.decode()
    assert owner_client.get("/api/next").json()["status"]["state"] == "paused"
    future = (today + dt.timedelta(days=1)).isoformat()
    owner_client.post(
        "/plans/pain-review/",
        {"professional_name": "Dr Lee", "profession": "doctor", "reviewed_on": future},
    )
    assert owner_client.get("/api/next").json()["status"]["state"] == "paused"
    owner_client.post(
        "/plans/pain-review/",
        {"professional_name": "Dr Lee", "profession": "physiotherapist", "reviewed_on": today},
    )
    after = owner_client.get("/api/next").json()["status"]
    assert after["state"] == "hold"
    assert shown(owner_client.get("/home/").content.decode()) == [after["message"]]


def test_a_linked_coach_sees_the_message_and_may_record_the_review_but_not_log(
    owner: object, coach: object, owner_plan: TrainingPlan, today: dt.date
) -> None:
    CoachLink.objects.create(coach=coach, athlete=owner)
    uid = plans.build_plan(owner_plan).sessions[0].uid
    logbook.save_log(owner, owner, {"session_uid": uid, "rpe": 4, "pain": {"knee": 9}}, today)
    client = Client()
    client.force_login(coach)
    page = client.get(f"/coach/athletes/{owner.pk}/").content.decode()
    expected = engine_message(owner, owner_plan, today)
    assert shown(page) == [expected]
    assert 'data-testid="lift-record-professional-review"' in page
    calendar = client.get(f"/plans/?athlete={owner.pk}").content.decode()
    assert shown(calendar) == [expected]
    response = client.post(
        f"/plans/pain-review/?athlete={owner.pk}",
        {"professional_name": "Dr Lee", "profession": "doctor", "reviewed_on": today},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/coach/athletes/{owner.pk}/"
    history = client.get(f"/coach/athletes/{owner.pk}/").content.decode()
    assert "Recorded a pain review by Dr Lee (doctor)" in history


def test_a_consult_without_clearance_says_the_same_on_home_and_api(
    owner_client: Client, owner: object
) -> None:
    onboard(owner)
    plans.save_screening(owner, answers(chest_pain=True))
    response = owner_client.get("/api/next")
    assert response.status_code == 404
    message = response.json()["detail"]
    assert message.startswith("No plan yet: a doctor or physiotherapist needs to clear you first.")
    assert shown(owner_client.get("/home/").content.decode()) == [message]
